/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
#ifndef AZS_FW_SIP_H
#define AZS_FW_SIP_H

#include "fw.h"

/* The security monitor's SiP calls (azs_secmon_smc.h) in Secure World. */
void fw_sip_handle(struct fw_smc_regs *regs);

#endif /* AZS_FW_SIP_H */
