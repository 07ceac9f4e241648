// SPDX-License-Identifier: MIT
/*
 * The certificate store (capability CertStore): device-wide, kept by the
 * runtime (containerd-lite/src/appmand/certstore.c), which parses every
 * certificate and key before storing it. Certificates and keys are PEM text
 * of at most CERTSTORE_MAX_CERT_SIZE bytes; identifiers are 1..16 of
 * [A-Za-z0-9._-], not starting with '.'.
 */
#include <string.h>
#include <sys/uio.h>

#include <applibs/certstore.h>

#include "internal.h"
#include "runtime_client.h"

/* Copy IDENTIFIER into the wire form: 0, or -1 and errno. */
static int wire_id(const char *identifier, struct azs_rt_cert_id *out)
{
	size_t n;

	if (!identifier)
		return azs_fail(EFAULT);
	n = strnlen(identifier, AZS_RT_CERT_ID_MAX + 1);
	if (n == 0 || n > AZS_RT_CERT_ID_MAX)
		return azs_fail(ERANGE);
	memset(out, 0, sizeof(*out));
	memcpy(out->id, identifier, n);
	return 0;
}

/* A PEM blob: at most the maximum size, and the length must not run past its NUL. */
static int blob_ok(const char *blob, size_t len)
{
	if (!blob)
		return azs_fail(EFAULT);
	if (len == 0 || len > CERTSTORE_MAX_CERT_SIZE)
		return azs_fail(ERANGE);
	return 0;
}

static int install(const char *identifier, const char *cert, size_t cert_len, const char *key,
		   size_t key_len, const char *password)
{
	struct azs_rt_cert_install req = {.kind = key ? AZS_RT_CERT_CLIENT : AZS_RT_CERT_ROOT_CA};
	size_t pw_len =
		password ? strnlen(password, CERTSTORE_MAX_PRIVATE_KEY_PASSWORD_LENGTH + 1) : 0;
	struct iovec parts[4];

	if (wire_id(identifier, &req.id) || blob_ok(cert, cert_len) ||
	    (key && blob_ok(key, key_len)))
		return -1;
	if (pw_len > CERTSTORE_MAX_PRIVATE_KEY_PASSWORD_LENGTH)
		return azs_fail(ERANGE);
	req.cert_len = (uint32_t)cert_len;
	req.key_len = (uint32_t)key_len;
	req.pw_len = (uint32_t)pw_len;
	parts[0] = (struct iovec){.iov_base = &req, .iov_len = sizeof(req)};
	parts[1] = (struct iovec){.iov_base = (void *)cert, .iov_len = cert_len};
	parts[2] = (struct iovec){.iov_base = (void *)key, .iov_len = key ? key_len : 0};
	parts[3] = (struct iovec){.iov_base = (void *)password, .iov_len = pw_len};
	return azs_rt_callv(AZS_RT_OP_CERT_INSTALL, parts, 4, NULL, 0);
}

int CertStore_InstallRootCACertificate(const char *identifier, const char *certBlob,
				       size_t certBlobLength)
{
	return install(identifier, certBlob, certBlobLength, NULL, 0, NULL);
}

int CertStore_InstallClientCertificate(const char *identifier, const char *certBlob,
				       size_t certBlobLength, const char *privateKeyBlob,
				       size_t privateKeyBlobLength, const char *privateKeyPassword)
{
	if (!privateKeyBlob)
		return azs_fail(EFAULT);
	return install(identifier, certBlob, certBlobLength, privateKeyBlob, privateKeyBlobLength,
		       privateKeyPassword);
}

int CertStore_DeleteCertificate(const char *identifier)
{
	struct azs_rt_cert_id id;

	if (wire_id(identifier, &id))
		return -1;
	return azs_rt_call(AZS_RT_OP_CERT_DELETE, &id, sizeof(id), NULL, 0);
}

ssize_t CertStore_GetCertificateCount(void)
{
	struct azs_rt_u32 n;

	if (azs_rt_call(AZS_RT_OP_CERT_COUNT, NULL, 0, &n, sizeof(n)))
		return -1;
	return (ssize_t)n.value;
}

int CertStore_GetCertificateIdentifierAt(size_t index, CertStore_Identifier *outIdentifier)
{
	struct azs_rt_u32 i = {.value = (uint32_t)index};
	struct azs_rt_cert_id id;

	if (!outIdentifier)
		return azs_fail(EFAULT);
	if (index > UINT32_MAX)
		return azs_fail(ERANGE);
	if (azs_rt_call(AZS_RT_OP_CERT_ID_AT, &i, sizeof(i), &id, sizeof(id)))
		return -1;
	memset(outIdentifier, 0, sizeof(*outIdentifier));
	memcpy(outIdentifier->identifier, id.id, strnlen(id.id, AZS_RT_CERT_ID_MAX));
	return 0;
}

ssize_t CertStore_GetAvailableSpace(void)
{
	struct azs_rt_u32 n;

	if (azs_rt_call(AZS_RT_OP_CERT_SPACE, NULL, 0, &n, sizeof(n)))
		return -1;
	return (ssize_t)n.value;
}

int CertStore_MoveCertificate(const char *sourceIdentifier, const char *destIdentifier)
{
	struct azs_rt_cert_move m;

	if (wire_id(sourceIdentifier, &m.from) || wire_id(destIdentifier, &m.to))
		return -1;
	return azs_rt_call(AZS_RT_OP_CERT_MOVE, &m, sizeof(m), NULL, 0);
}

int z__CertStore_GetCertificateInfo(const char *identifier, uint32_t infoType, void *buf,
				    size_t len)
{
	struct azs_rt_cert_info_req q = {.type = infoType};
	struct azs_rt_cert_info info;

	if (!buf)
		return azs_fail(EFAULT);
	if (wire_id(identifier, &q.id))
		return -1;
	switch (infoType) {
	case z__CERTSTORE_INFO_SUBJECT_NAME:
		if (len != sizeof(CertStore_SubjectName))
			return azs_fail(EINVAL);
		break;
	case z__CERTSTORE_INFO_ISSUER_NAME:
		if (len != sizeof(CertStore_IssuerName))
			return azs_fail(EINVAL);
		break;
	case z__CERTSTORE_INFO_NOT_BEFORE:
	case z__CERTSTORE_INFO_NOT_AFTER:
		if (len != sizeof(struct tm))
			return azs_fail(EINVAL);
		break;
	default:
		return azs_fail(EINVAL);
	}
	if (azs_rt_call(AZS_RT_OP_CERT_INFO, &q, sizeof(q), &info, sizeof(info)))
		return -1;
	if (infoType <= z__CERTSTORE_INFO_ISSUER_NAME) {
		memset(buf, 0, len);
		memcpy(buf, info.name, strnlen(info.name, len - 1));
	} else {
		struct tm *tm = buf;

		memset(tm, 0, sizeof(*tm));
		tm->tm_year = info.year - 1900;
		tm->tm_mon = info.month - 1;
		tm->tm_mday = info.day;
		tm->tm_hour = info.hour;
		tm->tm_min = info.minute;
		tm->tm_sec = info.second;
	}
	return 0;
}
