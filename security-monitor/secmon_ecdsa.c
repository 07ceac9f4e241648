// SPDX-License-Identifier: GPL-2.0-only
/*
 * ECDSA P-256 signature verification (FIPS 186-4, 6.4.2) on the kernel's
 * ECC library (crypto/ecc.c): Debian's kernels build that library but not
 * the ecdsa akcipher, so the monitor does the few steps on top itself.
 */
#include <crypto/ecdh.h>
#include <crypto/internal/ecc.h>
#include <crypto/sha2.h>
#include <linux/errno.h>

#include "secmon.h"

#define P256_DIGITS ECC_CURVE_NIST_P256_DIGITS

int secmon_ecdsa_p256_verify(const u8 pub[65], const u8 *msg, size_t len,
			     const u8 sig[64])
{
	const struct ecc_curve *curve = ecc_get_curve(ECC_CURVE_NIST_P256);
	u64 r[P256_DIGITS], s[P256_DIGITS], z[P256_DIGITS];
	u64 w[P256_DIGITS], u1[P256_DIGITS], u2[P256_DIGITS];
	u64 qx[P256_DIGITS], qy[P256_DIGITS];
	struct ecc_point q = ECC_POINT_INIT(qx, qy, P256_DIGITS);
	struct ecc_point *x;
	u8 digest[SHA256_DIGEST_SIZE];
	int ret = -EKEYREJECTED;

	if (!curve || pub[0] != 0x04)
		return -EKEYREJECTED;

	vli_from_be64(qx, pub + 1, P256_DIGITS);
	vli_from_be64(qy, pub + 33, P256_DIGITS);
	if (ecc_is_pubkey_valid_full(curve, &q))
		return -EKEYREJECTED;

	/* r and s must lie in [1, n - 1]. */
	vli_from_be64(r, sig, P256_DIGITS);
	vli_from_be64(s, sig + 32, P256_DIGITS);
	if (vli_is_zero(r, P256_DIGITS) || vli_is_zero(s, P256_DIGITS) ||
	    vli_cmp(r, curve->n, P256_DIGITS) >= 0 ||
	    vli_cmp(s, curve->n, P256_DIGITS) >= 0)
		return -EKEYREJECTED;

	sha256(msg, len, digest);
	vli_from_be64(z, digest, P256_DIGITS);

	/* w = s^-1, u1 = z w, u2 = r w (mod n); X = u1 G + u2 Q. */
	vli_mod_inv(w, s, curve->n, P256_DIGITS);
	vli_mod_mult_slow(u1, z, w, curve->n, P256_DIGITS);
	vli_mod_mult_slow(u2, r, w, curve->n, P256_DIGITS);

	x = ecc_alloc_point(P256_DIGITS);
	if (!x)
		return -ENOMEM;
	ecc_point_mult_shamir(x, u1, &curve->g, u2, &q, curve);
	if (ecc_point_is_zero(x))
		goto out;

	/* Valid iff x(X) mod n == r. */
	if (vli_cmp(curve->n, x->x, P256_DIGITS) != 1)
		vli_sub(x->x, x->x, curve->n, P256_DIGITS);
	if (vli_cmp(x->x, r, P256_DIGITS) == 0)
		ret = 0;
out:
	ecc_free_point(x);
	return ret;
}
