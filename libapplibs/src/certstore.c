// SPDX-License-Identifier: MIT
/*
 * Certificate store.
 * Not available yet: this needs the application manager's runtime channel,
 * which does not exist yet. Every call that would reach the system fails
 * with ENOSYS; nothing pretends to succeed.
 */

#include <applibs/certstore.h>

#include "internal.h"

int z__CertStore_GetCertificateInfo(const char *identifier, uint32_t infoType, void *buf,
				    size_t len)
{
	(void)identifier;
	(void)infoType;
	(void)buf;
	(void)len;
	return azs_fail(ENOSYS);
}

int CertStore_InstallClientCertificate(const char *identifier, const char *certBlob,
				       size_t certBlobLength, const char *privateKeyBlob,
				       size_t privateKeyBlobLength, const char *privateKeyPassword)
{
	(void)identifier;
	(void)certBlob;
	(void)certBlobLength;
	(void)privateKeyBlob;
	(void)privateKeyBlobLength;
	(void)privateKeyPassword;
	return azs_fail(ENOSYS);
}

int CertStore_InstallRootCACertificate(const char *identifier, const char *certBlob,
				       size_t certBlobLength)
{
	(void)identifier;
	(void)certBlob;
	(void)certBlobLength;
	return azs_fail(ENOSYS);
}

int CertStore_DeleteCertificate(const char *identifier)
{
	(void)identifier;
	return azs_fail(ENOSYS);
}

ssize_t CertStore_GetCertificateCount(void)
{
	return azs_fail(ENOSYS);
}

int CertStore_GetCertificateIdentifierAt(size_t index, CertStore_Identifier *outIdentifier)
{
	(void)index;
	(void)outIdentifier;
	return azs_fail(ENOSYS);
}

ssize_t CertStore_GetAvailableSpace(void)
{
	return azs_fail(ENOSYS);
}

int CertStore_MoveCertificate(const char *sourceIdentifier, const char *destIdentifier)
{
	(void)sourceIdentifier;
	(void)destIdentifier;
	return azs_fail(ENOSYS);
}
