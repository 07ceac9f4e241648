/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* errno values for the firmware: Linux's, which the pure core returns. */
#ifndef AZS_FW_ERRNO_H
#define AZS_FW_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EIO		5
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define ENODEV		19
#define EINVAL		22
#define ERANGE		34
#define EMSGSIZE	90
#define EOPNOTSUPP	95
#define ESTALE		116
#define EUCLEAN		117
#define ENOKEY		126
#define EKEYREJECTED	129

#endif /* AZS_FW_ERRNO_H */
