// SPDX-License-Identifier: MIT
/*
 * Signed image packages: the file an app is installed from. docs/image-package.md
 * gives the byte layout; in short:
 *
 *   header (64) | metadata (128) | manifest JSON | zero padding to 4 KiB |
 *   payload: squashfs image, the app's root (a multiple of 4 KiB) | signature (64)
 *
 * The signature is ECDSA P-256 over SHA-256 of every byte before it, raw r || s,
 * by a key named in the metadata by its key id (first 8 bytes of SHA-256 of the
 * 65-byte uncompressed public point, as scripts/gen-keys computes it).
 *
 * Every function refuses with a negative errno and, given a struct azs_error,
 * names the field or byte range ("header.payload_offset", "bytes 192..457
 * (manifest)") and the reason.
 */
#ifndef AZS_PACKAGE_H
#define AZS_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"
#include "guid.h"

#define AZS_PKG_MAGIC           "AZSPKG\r\n" /* 8 bytes */
#define AZS_PKG_VERSION         1
#define AZS_PKG_HEADER_SIZE     64
#define AZS_PKG_METADATA_SIZE   128
#define AZS_PKG_SIG_SIZE        64 /* ECDSA P-256 r || s */
#define AZS_PKG_KEY_ID_SIZE     8
#define AZS_PKG_PUBKEY_SIZE     65   /* 04 || x || y */
#define AZS_PKG_NAME_SIZE       32   /* metadata name: at most 31 bytes + NUL */
#define AZS_PKG_ALIGN           4096 /* payload offset and length */
#define AZS_PKG_MAX_SIZE        (16u * 1024 * 1024)
#define AZS_PKG_MANIFEST_MAX    (64u * 1024)
#define AZS_PKG_MANIFEST_OFFSET (AZS_PKG_HEADER_SIZE + AZS_PKG_METADATA_SIZE)

/* Image types: the real platform's numbering (Applications = 10). */
#define AZS_PKG_IMAGE_TYPE_APPLICATION 10

/* Signer roles: the security monitor's key roles (security-monitor/secmon.h). */
#define AZS_PKG_ROLE_PRODUCTION 2 /* AZS_KEY_ROLE_PRODUCTION: the Security Service */
#define AZS_PKG_ROLE_SDK        3 /* AZS_KEY_ROLE_SDK: test-signed by the SDK */
#define AZS_PKG_ROLE_BIT(r)     (1u << (r))

/* A public key a verifier trusts, and the role it was issued for. */
struct azs_trusted_key {
	uint8_t id[AZS_PKG_KEY_ID_SIZE];
	uint8_t pub[AZS_PKG_PUBKEY_SIZE];
	unsigned int role; /* AZS_PKG_ROLE_* */
};

/* What parsing found: offsets into the package and the metadata's fields. */
struct azs_package_info {
	uint32_t total_size;
	uint32_t manifest_offset, manifest_size;
	uint32_t payload_offset, payload_size;
	uint32_t signature_offset; /* total_size - AZS_PKG_SIG_SIZE */
	struct azs_guid component_id;
	struct azs_guid image_id;
	char name[AZS_PKG_NAME_SIZE];
	uint16_t image_type;
	uint16_t signer_role;
	uint8_t signer_key_id[AZS_PKG_KEY_ID_SIZE];
	bool verified; /* set by azs_package_verify / azs_package_open_sealed */
};

/* "production", "sdk", or NULL. */
const char *azs_package_role_name(unsigned int role);

/*
 * The structure alone (no signature check): header, layout, metadata, the
 * manifest (parsed strictly with no hardware definition, its ComponentId equal
 * to the metadata's), the payload's squashfs magic. 0 or -EINVAL / -EFBIG.
 */
int azs_package_parse(const uint8_t *buf, size_t len, struct azs_package_info *out,
		      struct azs_error *err);

/*
 * Parse, then find the signer among KEYS[0..N) by key id, check its role is
 * the metadata's and is in ALLOWED_ROLES (AZS_PKG_ROLE_BIT()s), and verify the
 * signature. 0, -EINVAL (structure), -ENOKEY (unknown signer), -EPERM (role
 * not allowed), -EBADMSG (bad signature), -ENOMEM.
 */
int azs_package_verify(const uint8_t *buf, size_t len, const struct azs_trusted_key *keys, size_t n,
		       unsigned int allowed_roles, struct azs_package_info *out,
		       struct azs_error *err);

/*
 * For a program that verifies packages on the device (the application
 * manager): OpenSSL reads no configuration file, neither openssl.cnf nor one
 * $OPENSSL_CONF names, which could load engines or providers into the
 * verifier or take its algorithms away (docs/image-package.md). It must come
 * before any other use of OpenSSL in the process: this library's functions
 * that use OpenSSL call it first (a process that only verifies needs no call
 * of its own), and so does every other first use of OpenSSL in the daemon
 * (certstore.c, deviceauth.c): OpenSSL is initialised when first needed, not
 * at the daemon's start (an idle daemon without apps never touches it:
 * docs/performance.md, "Daemon memory"). Cheap after the first call. 0, or
 * -EIO if OpenSSL cannot initialise (it does not read a configuration file
 * either way).
 */
int azs_package_crypto_init(void);

/*
 * For the device: read PATH once into a sealed memfd (F_SEAL_SEAL, SHRINK,
 * GROW, WRITE) and verify the bytes of that memfd, so what is later mounted
 * from it is exactly what was verified. On success *MEMFD is the memfd
 * (O_CLOEXEC; the caller closes it). -errno from opening or reading PATH,
 * -EFBIG (over AZS_PKG_MAX_SIZE), or azs_package_verify's codes.
 */
int azs_package_open_sealed(const char *path, const struct azs_trusted_key *keys, size_t n,
			    unsigned int allowed_roles, struct azs_package_info *out, int *memfd,
			    struct azs_error *err);

/*
 * azs_package_open_sealed() in two steps, for a caller that has work to do
 * while the package is verified (the store starts writing it to the flash,
 * under a temporary name, and names it only once it verified):
 * azs_package_read_sealed() reads PATH into a sealed memfd (*MEMFD, *SIZE
 * bytes; nothing verified yet), azs_package_verify_sealed() verifies a memfd's
 * bytes, refusing (-EPERM, "memfd") one that is not sealed against changes.
 */
int azs_package_read_sealed(const char *path, int *memfd, size_t *size, struct azs_error *err);
int azs_package_verify_sealed(int memfd, size_t size, const struct azs_trusted_key *keys, size_t n,
			      unsigned int allowed_roles, struct azs_package_info *out,
			      struct azs_error *err);

/*
 * azs_package_verify() and azs_package_verify_sealed() that also hand over
 * the manifest the parse checked (parsed with no hardware definition), for a
 * caller that would parse the same bytes again: *MANIFEST is set on success
 * only (azs_manifest_free() it).
 */
struct azs_manifest;
int azs_package_verify_kept(const uint8_t *buf, size_t len, const struct azs_trusted_key *keys,
			    size_t n, unsigned int allowed_roles, struct azs_package_info *out,
			    struct azs_manifest *manifest, struct azs_error *err);
int azs_package_verify_sealed_kept(int memfd, size_t size, const struct azs_trusted_key *keys,
				   size_t n, unsigned int allowed_roles,
				   struct azs_package_info *out, struct azs_manifest *manifest,
				   struct azs_error *err);

/*
 * Attach a free loop device, read-only and autoclear, to FD's bytes
 * [OFFSET, OFFSET + SIZE) with LOOP_CONFIGURE. *LOOPFD gets the loop device
 * (closing it, once mounted or not, detaches it when unused); DEVPATH
 * ("/dev/loopN", DEVPATH_SIZE bytes) its path. 0 or -errno.
 */
int azs_package_attach_loop(int fd, uint64_t offset, uint64_t size, int *loopfd, char *devpath,
			    size_t devpath_size);

/* ---- Building and signing (host tools) ------------------------------------------------- */

struct azs_package_spec {
	struct azs_guid component_id;
	uint8_t image_id[16];
	const char *name; /* manifest Name; the first 31 bytes are stored */
	const char *manifest;
	size_t manifest_size;
	const uint8_t *payload; /* squashfs image, a multiple of AZS_PKG_ALIGN bytes */
	size_t payload_size;
};

/*
 * Lay out an unsigned package (signer fields and signature zero) in a new
 * buffer *OUT of *OUT_LEN bytes (free()). 0, -EINVAL, -EFBIG, -ENOMEM.
 */
int azs_package_build(const struct azs_package_spec *spec, uint8_t **out, size_t *out_len,
		      struct azs_error *err);

#endif /* AZS_PACKAGE_H */
