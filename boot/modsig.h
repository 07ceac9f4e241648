// SPDX-License-Identifier: MIT
/*
 * Appended signatures in the kernel's module format (the layout of
 * include/linux/module_signature.h, as Debian's sign-file writes it):
 *
 *   [signed bytes][DER PKCS#7 (CMS) detached signature][struct module_signature]
 *   ["~Module signature appended~\n"]
 *
 * struct module_signature is 12 bytes: algo, hash, id_type (2 = PKCS#7),
 * signer_len, key_id_len, 3 bytes of padding, and the signature's length as a
 * big-endian 32-bit word; for PKCS#7 every field but id_type and sig_len is 0.
 * The platform signs every component this way (kernel modules, and its digest
 * lists of userspace files). This file is pure: no I/O, no crypto.
 */
#ifndef AZS_MODSIG_H
#define AZS_MODSIG_H

#include <stddef.h>
#include <stdint.h>

#define AZS_MODSIG_MAGIC     "~Module signature appended~\n"
#define AZS_MODSIG_MAGIC_LEN (sizeof(AZS_MODSIG_MAGIC) - 1)
#define AZS_MODSIG_INFO_LEN  12
#define AZS_MODSIG_ID_PKCS7  2

struct azs_modsig {
	size_t signed_len; /* bytes covered by the signature: buf[0, signed_len) */
	size_t sig_off;    /* the DER PKCS#7 signature: buf[sig_off, sig_off + sig_len) */
	size_t sig_len;
};

/*
 * Find the appended signature of BUF (LEN bytes). 0 on success; -ENODATA if
 * BUF carries no signature (no magic); -EBADMSG if the trailer is malformed.
 * On failure *why (if WHY) names the reason.
 */
int azs_modsig_parse(const uint8_t *buf, size_t len, struct azs_modsig *out, const char **why);

#endif /* AZS_MODSIG_H */
