// SPDX-License-Identifier: MIT
/*
 * Assembling a device capability file (layout: capfile.h): everything but
 * the signature, which sign.c makes over bytes 0..AZS_CAPFILE_SIGNED_LEN-1.
 */
#ifndef SS_CAPFILE_BUILD_H
#define SS_CAPFILE_BUILD_H

#include "capfile.h"

struct ss_capfile_spec {
	u64 sequence; /* > 0 */
	u8 device_id[AZS_DEVICE_ID_SIZE];
	u8 caps[AZS_CAPFILE_NUM_SLOTS]; /* values, in slot order */
	unsigned int num_caps;
	u8 key_id[AZS_KEY_ID_SIZE]; /* the signer's (sign.c: ss_key_id) */
};

/*
 * Write the AZS_CAPFILE_SIZE bytes of the file SPEC describes, with the
 * signature zeroed. -EINVAL (and a message) if SPEC could not make a file the
 * platform parses: sequence 0, an unknown or repeated capability, too many.
 */
int ss_capfile_build(const struct ss_capfile_spec *spec, u8 file[AZS_CAPFILE_SIZE]);

/* Put the raw r || s signature into its place. */
void ss_capfile_set_signature(u8 file[AZS_CAPFILE_SIZE], const u8 sig[64]);

#endif /* SS_CAPFILE_BUILD_H */
