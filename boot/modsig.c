// SPDX-License-Identifier: MIT
/* Parsing of appended module signatures (see modsig.h). */
#include <errno.h>
#include <string.h>

#include "modsig.h"

static int refuse(const char **why, int code, const char *reason)
{
	if (why)
		*why = reason;
	return code;
}

int azs_modsig_parse(const uint8_t *buf, size_t len, struct azs_modsig *out, const char **why)
{
	const uint8_t *info;
	size_t sig_len;

	if (len < AZS_MODSIG_MAGIC_LEN ||
	    memcmp(buf + len - AZS_MODSIG_MAGIC_LEN, AZS_MODSIG_MAGIC, AZS_MODSIG_MAGIC_LEN))
		return refuse(why, -ENODATA,
			      "no signature (the appended signature's marker is missing)");
	len -= AZS_MODSIG_MAGIC_LEN;
	if (len < AZS_MODSIG_INFO_LEN)
		return refuse(why, -EBADMSG, "signature trailer truncated");
	info = buf + len - AZS_MODSIG_INFO_LEN;
	len -= AZS_MODSIG_INFO_LEN;
	if (info[2] != AZS_MODSIG_ID_PKCS7)
		return refuse(why, -EBADMSG, "signature is not PKCS#7 (id_type is not 2)");
	if (info[0] || info[1] || info[3] || info[4] || info[5] || info[6] || info[7])
		return refuse(why, -EBADMSG, "signature trailer has non-zero fields for PKCS#7");
	sig_len = (size_t)info[8] << 24 | (size_t)info[9] << 16 | (size_t)info[10] << 8 | info[11];
	if (sig_len == 0)
		return refuse(why, -EBADMSG, "signature length is 0");
	if (sig_len > len)
		return refuse(why, -EBADMSG, "signature length runs past the start of the file");
	out->sig_len = sig_len;
	out->sig_off = len - sig_len;
	out->signed_len = len - sig_len;
	return 0;
}
