// SPDX-License-Identifier: MIT
/*
 * Deployments: the set of production-signed image packages the Security
 * Service publishes for devices to apply as a cloud update
 * (docs/deployment.md). A deployment is a directory:
 *
 *   deployment.azsd        the signed deployment manifest
 *   <ComponentId>.azsp     each package it lists, and nothing else
 *
 * deployment.azsd:
 *
 *   0  magic "AZSDPL\r\n"     8  version u16 (1)   10 header size u16 (32)
 *   12 flags u32 (0)          16 total size u32    20 signer role u16 (2: production)
 *   22 reserved u16 (0)       24 signer key id (8 bytes)
 *   32 manifest: JSON, total size - 96 bytes (1 byte to 64 KiB)
 *   total size - 64: ECDSA P-256 signature (r || s) over SHA-256 of bytes 0..total size - 64
 *
 * The JSON binds the set: {"SchemaVersion":1,"DeploymentId":GUID,"Sequence":N,
 * "Packages":[{"ComponentId":GUID,"Name":TEXT,"Size":BYTES,"Sha256":HEX64}, ...]}
 * (1 to AZS_DEPLOY_MAX_PACKAGES entries, ComponentIds distinct). Sequence
 * (1 .. AZS_DEPLOY_SEQUENCE_MAX) grows with every deployment the Security
 * Service signs: a device refuses one older than what it applied (rollback).
 * Little-endian integers; key ids as for packages.
 */
#ifndef AZS_DEPLOYMENT_H
#define AZS_DEPLOYMENT_H

#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"
#include "guid.h"
#include "package.h"

#define AZS_DEPLOY_MAGIC         "AZSDPL\r\n"
#define AZS_DEPLOY_VERSION       1
#define AZS_DEPLOY_HEADER_SIZE   32
#define AZS_DEPLOY_MANIFEST_MAX  (64u * 1024)
#define AZS_DEPLOY_MAX_PACKAGES  16
#define AZS_DEPLOY_MANIFEST_FILE "deployment.azsd"
#define AZS_DEPLOY_SHA256_SIZE   32
#define AZS_DEPLOY_SEQUENCE_MAX  ((int64_t)1 << 53) /* exact in every JSON reader */

struct azs_deployment_entry {
	struct azs_guid component_id;
	char name[AZS_PKG_NAME_SIZE];
	uint32_t size;
	uint8_t sha256[AZS_DEPLOY_SHA256_SIZE];
};

struct azs_deployment {
	struct azs_guid id;
	uint64_t sequence;
	uint16_t signer_role;
	uint8_t signer_key_id[AZS_PKG_KEY_ID_SIZE];
	size_t n;
	struct azs_deployment_entry entries[AZS_DEPLOY_MAX_PACKAGES];
};

/* The structure of a deployment manifest file (no signature check). 0 or -EINVAL. */
int azs_deployment_parse(const uint8_t *buf, size_t len, struct azs_deployment *out,
			 struct azs_error *err);

/* The two steps of azs_deployment_parse: the header alone, then the JSON (header parsed). */
int azs_deployment_parse_header(const uint8_t *buf, size_t len, struct azs_deployment *out,
				struct azs_error *err);
int azs_deployment_parse_manifest(const uint8_t *buf, size_t len, struct azs_deployment *out,
				  struct azs_error *err);

/*
 * The header, then the signature with the production key among KEYS[0..N)
 * (only production keys sign deployments), and only then the JSON: nothing
 * unsigned is parsed. 0, -EINVAL, -ENOKEY (signer not a trusted production
 * key), -EBADMSG (signature), -ENOMEM.
 */
int azs_deployment_verify(const uint8_t *buf, size_t len, const struct azs_trusted_key *keys,
			  size_t n, struct azs_deployment *out, struct azs_error *err);

/*
 * The deployment directory DIR, for the device and the host alike: the
 * manifest verifies (azs_deployment_verify); every package it lists is there
 * as <ComponentId>.azsp, read once into a sealed memfd whose bytes have the
 * listed size and SHA-256 and verify as a production-signed package of that
 * ComponentId; DIR holds no other file. Nothing is accepted unless all of it
 * holds. On success MEMFDS[i] / INFOS[i] are entry i's sealed package (the
 * caller closes the memfds). -errno with ERR naming the file and the reason.
 */
int azs_deployment_open_dir(const char *dir, const struct azs_trusted_key *keys, size_t n,
			    struct azs_deployment *out, int memfds[AZS_DEPLOY_MAX_PACKAGES],
			    struct azs_package_info infos[AZS_DEPLOY_MAX_PACKAGES],
			    struct azs_error *err);

/* SHA-256 of BUF. 0 or -ENOMEM. */
int azs_sha256(const uint8_t *buf, size_t len, uint8_t out[AZS_DEPLOY_SHA256_SIZE]);

/* ---- Verifying and making raw ECDSA P-256 signatures (shared with packages) ---------- */

/* 0 if SIG (r || s) is KEY's signature over SHA-256(MSG); -EBADMSG if not; -EINVAL, -ENOMEM. */
int azs_p256_verify(const struct azs_trusted_key *key, const uint8_t *msg, size_t len,
		    const uint8_t sig[AZS_PKG_SIG_SIZE], struct azs_error *err);

#endif /* AZS_DEPLOYMENT_H */
