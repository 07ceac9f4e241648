/* SPDX-License-Identifier: MIT */
/* applibs certificate store. Capability CertStore. */
#ifndef APPLIBS_CERTSTORE_H
#define APPLIBS_CERTSTORE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CERTSTORE_MAX_CERT_SIZE                   8192
#define CERTSTORE_MAX_PRIVATE_KEY_PASSWORD_LENGTH 256
#define CERTSTORE_MAX_IDENTIFIER_LENGTH           16
#define CERTSTORE_SUBJECTNAME_MAX_LENGTH          300
#define CERTSTORE_ISSUERNAME_MAX_LENGTH           300

typedef struct CertStore_Identifier {
	char identifier[CERTSTORE_MAX_IDENTIFIER_LENGTH + 1];
} CertStore_Identifier;

typedef struct CertStore_SubjectName {
	char name[CERTSTORE_SUBJECTNAME_MAX_LENGTH + 1];
} CertStore_SubjectName;

typedef struct CertStore_IssuerName {
	char name[CERTSTORE_ISSUERNAME_MAX_LENGTH + 1];
} CertStore_IssuerName;

/* Information kinds of z__CertStore_GetCertificateInfo. */
#define z__CERTSTORE_INFO_SUBJECT_NAME 0u
#define z__CERTSTORE_INFO_ISSUER_NAME  1u
#define z__CERTSTORE_INFO_NOT_BEFORE   2u
#define z__CERTSTORE_INFO_NOT_AFTER    3u

int z__CertStore_GetCertificateInfo(const char *identifier, uint32_t infoType, void *buf,
				    size_t len);

int CertStore_InstallClientCertificate(const char *identifier, const char *certBlob,
				       size_t certBlobLength, const char *privateKeyBlob,
				       size_t privateKeyBlobLength, const char *privateKeyPassword);
int CertStore_InstallRootCACertificate(const char *identifier, const char *certBlob,
				       size_t certBlobLength);
int CertStore_DeleteCertificate(const char *identifier);
ssize_t CertStore_GetCertificateCount(void);
int CertStore_GetCertificateIdentifierAt(size_t index, CertStore_Identifier *outIdentifier);
ssize_t CertStore_GetAvailableSpace(void);
int CertStore_MoveCertificate(const char *sourceIdentifier, const char *destIdentifier);

static inline int CertStore_GetCertificateSubjectName(const char *identifier,
						      struct CertStore_SubjectName *outSubjectName)
{
	return z__CertStore_GetCertificateInfo(identifier, z__CERTSTORE_INFO_SUBJECT_NAME,
					       outSubjectName, sizeof(*outSubjectName));
}

static inline int CertStore_GetCertificateIssuerName(const char *identifier,
						     struct CertStore_IssuerName *outIssuerName)
{
	return z__CertStore_GetCertificateInfo(identifier, z__CERTSTORE_INFO_ISSUER_NAME,
					       outIssuerName, sizeof(*outIssuerName));
}

static inline int CertStore_GetCertificateNotBefore(const char *identifier, struct tm *outNotBefore)
{
	return z__CertStore_GetCertificateInfo(identifier, z__CERTSTORE_INFO_NOT_BEFORE,
					       outNotBefore, sizeof(*outNotBefore));
}

static inline int CertStore_GetCertificateNotAfter(const char *identifier, struct tm *outNotAfter)
{
	return z__CertStore_GetCertificateInfo(identifier, z__CERTSTORE_INFO_NOT_AFTER, outNotAfter,
					       sizeof(*outNotAfter));
}

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_CERTSTORE_H */
