// SPDX-License-Identifier: MIT
/* production-sign (see production_sign.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <azs/cleanup_ossl.h>
#include "file_io.h"
#include "key_store.h"
#include "log.h"
#include "package_crypto.h"
#include "production_sign.h"
#include "sign.h"

int ss_production_sign(const char *store, const char *in, const char *out)
{
	azs_cleanup(azs_freep) uint8_t *buf = malloc(AZS_PKG_MAX_SIZE + 1);
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	struct azs_trusted_key sdk;
	struct azs_package_info info;
	struct azs_error err;
	size_t len;
	int ret;

	if (!buf) {
		ss_error("out of memory");
		return -ENOMEM;
	}
	ret = ss_store_open(store);
	if (!ret)
		ret = ss_store_trusted_key(store, "sdk", &sdk);
	if (ret)
		return ret;
	ret = ss_read_file(in, buf, AZS_PKG_MAX_SIZE + 1, &len);
	if (ret) {
		ss_error("--in %s: not read", in);
		return ret;
	}
	ret = azs_package_verify(buf, len, &sdk, 1, AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK), &info,
				 &err);
	if (ret) {
		ss_error("--in %s: not an SDK-signed package that verifies: %s: %s", in, err.field,
			 err.reason);
		return ret;
	}
	ret = ss_store_private_key(store, SS_ROLE_PRODUCTION, &key);
	if (ret)
		return ret;
	ret = azs_package_sign(buf, len, key, AZS_PKG_ROLE_PRODUCTION, &err);
	if (ret) {
		ss_error("--in %s: cannot re-sign: %s: %s", in, err.field, err.reason);
		return ret;
	}
	ret = ss_write_file_atomic(out, buf, len);
	if (ret)
		ss_error("--out %s: not written", out);
	return ret;
}
