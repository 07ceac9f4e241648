// SPDX-License-Identifier: MIT
/*
 * The boot chain's appended signatures (boot/modsig.c, boot/sigcheck.c): the
 * trailer parser and the PKCS#7 verifier, and the platform key reader.
 * Invariants: an accepted trailer's parts tile the input exactly (signed
 * bytes, signature, 12-byte info, marker); nothing verifies with a key made
 * for this run (no forgery); a key read from hex is refused unless it is 130
 * hex digits of a P-256 point.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "modsig.h"
#include "sigcheck.h"

#include <openssl/ec.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static EVP_PKEY *key;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_modsig sig;
	struct azs_error err;
	const char *why = NULL;
	size_t signed_len = 0;
	uint8_t *copy;
	int ret;

	if (size > 64 * 1024)
		return -1;
	if (!key && !(key = EVP_EC_gen("P-256")))
		abort();
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	ret = azs_modsig_parse(copy, size, &sig, &why);
	if (ret == 0) {
		if (sig.signed_len != sig.sig_off || !sig.sig_len ||
		    sig.sig_off + sig.sig_len + AZS_MODSIG_INFO_LEN + AZS_MODSIG_MAGIC_LEN != size)
			abort();
	} else if ((ret != -ENODATA && ret != -EBADMSG) || !why) {
		abort();
	}
	ret = azs_sig_verify(copy, size, key, "input", &signed_len, &err);
	if (ret == 0 ||
	    (ret != -ENODATA && ret != -EBADMSG && ret != -EKEYREJECTED && ret != -ENOMEM) ||
	    signed_len)
		abort();

	/* The platform key as hex (the loader's --key): the input's first bytes. */
	if (size >= 2 * AZS_P256_POINT_LEN) {
		char hex[2 * AZS_P256_POINT_LEN + 2];
		uint8_t point[AZS_P256_POINT_LEN];
		size_t n = size > sizeof(hex) - 1 ? sizeof(hex) - 1 : size;
		EVP_PKEY *k = NULL;

		memcpy(hex, copy, n);
		hex[n] = 0;
		ret = azs_key_from_hex(hex, &k, &err);
		if (ret == 0) {
			if (!k || azs_hex_decode(hex, AZS_P256_POINT_LEN, point) ||
			    point[0] != 0x04)
				abort();
			EVP_PKEY_free(k);
		} else if (k) {
			abort();
		}
	}
	free(copy);
	return 0;
}
