// SPDX-License-Identifier: MIT
/*
 * The Security Service's key store: a directory only the service's user can
 * enter (mode 0700), holding its signing keys (docs/security-service.md):
 *
 *   capability.key.pem  capability.pub.pem   signs device capability files
 *   production.key.pem  production.pub.pem   production-signs packages and deployments
 *   sdk.pub.pem                              the SDK key uploads must be signed with
 *                                            (public half only; trust-sdk-key)
 *
 * Private keys are mode 0600 (nothing for group or others), public halves
 * 0644. Every verb opens the store through ss_store_open(), which refuses a
 * store with the wrong owner or permissions, a missing key, or a public half
 * that does not match its private key, naming the file at fault.
 */
#ifndef SS_KEY_STORE_H
#define SS_KEY_STORE_H

#include <stdbool.h>

#include <openssl/evp.h>

#include "package.h"

/* The environment variable that names the store when --key-store is not given. */
#define SS_KEY_STORE_ENV "AZS_SECURITY_SERVICE_KEY_STORE"

/* The store's signing keys: their file names are ROLE.key.pem / ROLE.pub.pem. */
#define SS_ROLE_CAPABILITY "capability"
#define SS_ROLE_PRODUCTION "production"

/* --key-store DIR if given, else $AZS_SECURITY_SERVICE_KEY_STORE, else the build's default. */
const char *ss_store_path(const char *option);

/*
 * Create the store DIR (and missing parents): mode 0700, a new P-256
 * capability and production key each. An existing store is refused (keys
 * are never replaced) unless EXIST_OK, which then only checks it with
 * ss_store_open(). An existing directory with some but not all keys is
 * refused either way. 0 or -errno after a message.
 */
int ss_store_init(const char *dir, bool exist_ok);

/* Check DIR as described above. 0 or -errno after a message naming DIR and the file. */
int ss_store_open(const char *dir);

/* The private key of ROLE (capability or production) from the checked store DIR. */
int ss_store_private_key(const char *dir, const char *role, EVP_PKEY **key);

/* The public half of ROLE in the store as a trusted key (ROLE: production or sdk). */
int ss_store_trusted_key(const char *dir, const char *role, struct azs_trusted_key *key);

/*
 * trust-sdk-key: copy the public half of the SDK key in PEM file PATH (a
 * public key, or a private key whose public half is taken) into the store as
 * sdk.pub.pem, replacing the one trusted before. Unchanged when equal.
 */
int ss_store_trust_sdk_key(const char *dir, const char *path);

#endif /* SS_KEY_STORE_H */
