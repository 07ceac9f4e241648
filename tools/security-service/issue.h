// SPDX-License-Identifier: MIT
/* Issuing a signed device capability file. */
#ifndef SS_ISSUE_H
#define SS_ISSUE_H

#include "capfile_build.h"

#define SS_DEFAULT_KEY_ROLE "capability"

/*
 * Sign the capability file SPEC describes with the key store's ROLE key
 * (capability; production only to make a file devices must refuse): sets
 * SPEC's key id to that key's, builds the file and signs bytes
 * 0..AZS_CAPFILE_SIGNED_LEN-1 into FILE. 0 or -errno (with a message).
 */
int ss_issue_capability(const char *store, const char *role, struct ss_capfile_spec *spec,
			u8 file[AZS_CAPFILE_SIZE]);

#endif /* SS_ISSUE_H */
