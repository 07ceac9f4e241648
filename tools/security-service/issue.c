// SPDX-License-Identifier: MIT
/* Issuing a signed capability file (see issue.h). */
#include <errno.h>
#include <stdio.h>

#include <azs/cleanup_ossl.h>
#include "issue.h"
#include "key_store.h"
#include "log.h"
#include "sign.h"

int ss_issue_capability(const char *store, const char *role, struct ss_capfile_spec *spec,
			u8 file[AZS_CAPFILE_SIZE])
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	u8 sig[SS_SIG_SIZE];
	int ret;

	ret = ss_store_open(store);
	if (!ret)
		ret = ss_store_private_key(store, role, &key);
	if (ret)
		return ret;
	ret = ss_key_id(key, spec->key_id);
	if (ret)
		return ret;
	ret = ss_capfile_build(spec, file);
	if (ret)
		return ret;
	ret = ss_sign_p256(key, file, AZS_CAPFILE_SIGNED_LEN, sig);
	if (ret)
		return ret;
	ss_capfile_set_signature(file, sig);
	return 0;
}
