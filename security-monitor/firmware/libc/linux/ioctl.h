/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* The uAPI headers define ioctl numbers the firmware never uses: the macros
 * exist so the headers parse, and expand to nothing usable. */
#ifndef AZS_FW_LINUX_IOCTL_H
#define AZS_FW_LINUX_IOCTL_H

#define _IO(t, n)	  azs_fw_no_ioctl
#define _IOR(t, n, s)	  azs_fw_no_ioctl
#define _IOW(t, n, s)	  azs_fw_no_ioctl
#define _IOWR(t, n, s)	  azs_fw_no_ioctl

#endif /* AZS_FW_LINUX_IOCTL_H */
