// SPDX-License-Identifier: MIT
/* The Security Service's key store (see key_store.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <azs/cleanup_ossl.h>
#include "file_io.h"
#include "key_store.h"
#include "log.h"
#include "package_crypto.h"

#ifndef AZS_SS_DEFAULT_KEY_STORE
#define AZS_SS_DEFAULT_KEY_STORE "build/security-service"
#endif

static const char *const signing_roles[] = {SS_ROLE_CAPABILITY, SS_ROLE_PRODUCTION};
#define N_SIGNING_ROLES 2

const char *ss_store_path(const char *option)
{
	const char *env = getenv(SS_KEY_STORE_ENV);

	if (option)
		return option;
	return env && env[0] ? env : AZS_SS_DEFAULT_KEY_STORE;
}

static char *file_path(const char *dir, const char *role, const char *suffix)
{
	char *p;

	if (asprintf(&p, "%s/%s.%s.pem", dir, role, suffix) < 0) {
		ss_error("out of memory");
		return NULL;
	}
	return p;
}

/* The store directory itself: ours, a directory, nothing for group or others. */
static int check_dir(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st)) {
		int e = errno;

		if (e == ENOENT)
			ss_error("key store %s does not exist (create it with '" SS_PROG
				 " init --key-store %s')",
				 dir, dir);
		else
			ss_error("key store %s: %s", dir, strerror(e));
		return -e;
	}
	if (!S_ISDIR(st.st_mode)) {
		ss_error("key store %s is not a directory", dir);
		return -ENOTDIR;
	}
	if (st.st_uid != geteuid()) {
		ss_error("key store %s belongs to uid %u, not to the Security Service (uid %u)",
			 dir, (unsigned int)st.st_uid, (unsigned int)geteuid());
		return -EPERM;
	}
	if (st.st_mode & 077) {
		ss_error("key store %s is mode %04o: it must be 0700 (no access for group or "
			 "others)",
			 dir, (unsigned int)(st.st_mode & 07777));
		return -EPERM;
	}
	return 0;
}

/* A private key file: present, regular, ours, 0600 or stricter. */
static int check_private_file(const char *dir, const char *path, const char *role)
{
	struct stat st;

	if (lstat(path, &st)) {
		int e = errno;

		if (e == ENOENT)
			ss_error("key store %s has no %s key (%s missing): restore it from a "
				 "backup; "
				 "a new key would not match the devices' root of trust",
				 dir, role, path);
		else
			ss_error("%s: %s", path, strerror(e));
		return -e;
	}
	if (!S_ISREG(st.st_mode)) {
		ss_error("%s is not a regular file", path);
		return -EINVAL;
	}
	if (st.st_uid != geteuid()) {
		ss_error("%s belongs to uid %u, not to the Security Service", path,
			 (unsigned int)st.st_uid);
		return -EPERM;
	}
	if (st.st_mode & 077) {
		ss_error("%s is mode %04o: a private key must be 0600", path,
			 (unsigned int)(st.st_mode & 07777));
		return -EPERM;
	}
	return 0;
}

int ss_store_private_key(const char *dir, const char *role, EVP_PKEY **key)
{
	azs_cleanup(azs_freep) char *path = file_path(dir, role, "key");
	struct azs_error err;
	int ret;

	if (!path)
		return -ENOMEM;
	ret = check_private_file(dir, path, role);
	if (ret)
		return ret;
	ret = azs_package_load_private_key(path, key, &err);
	if (ret)
		ss_error("%s: %s", err.field, err.reason);
	return ret;
}

int ss_store_trusted_key(const char *dir, const char *role, struct azs_trusted_key *key)
{
	azs_cleanup(azs_freep) char *path = file_path(dir, role, "pub");
	unsigned int r = !strcmp(role, "sdk") ? AZS_PKG_ROLE_SDK : AZS_PKG_ROLE_PRODUCTION;
	struct azs_error err;
	int ret;

	if (!path)
		return -ENOMEM;
	ret = azs_package_load_trusted_key(path, r, key, &err);
	if (ret == -ENOENT && r == AZS_PKG_ROLE_SDK)
		ss_error("key store %s trusts no SDK key (%s missing): add it with '" SS_PROG
			 " trust-sdk-key --public-key FILE'",
			 dir, path);
	else if (ret == -ENOENT)
		ss_error("key store %s has no %s public key (%s missing)", dir, role, path);
	else if (ret)
		ss_error("%s: %s", err.field, err.reason);
	return ret;
}

/* ROLE's key pair: the private key loads and the public file is its public half. */
static int check_pair(const char *dir, const char *role)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	uint8_t id[AZS_PKG_KEY_ID_SIZE], pub[AZS_PKG_PUBKEY_SIZE];
	struct azs_trusted_key t;
	struct azs_error err;
	int ret;

	ret = ss_store_private_key(dir, role, &key);
	if (ret)
		return ret;
	ret = ss_store_trusted_key(dir, role, &t);
	if (ret)
		return ret;
	ret = azs_package_key_id(key, id, pub, &err);
	if (ret) {
		ss_error("%s/%s.key.pem: %s", dir, role, err.reason);
		return ret;
	}
	if (memcmp(pub, t.pub, sizeof(pub))) {
		ss_error("key store %s: %s.pub.pem is not the public half of %s.key.pem", dir, role,
			 role);
		return -EINVAL;
	}
	return 0;
}

int ss_store_open(const char *dir)
{
	int ret = check_dir(dir);

	for (int i = 0; !ret && i < N_SIGNING_ROLES; i++)
		ret = check_pair(dir, signing_roles[i]);
	return ret;
}

/* mkdir -p for DIR's parents, then DIR itself with mode 0700. */
static int make_store_dir(const char *dir)
{
	azs_cleanup(azs_freep) char *copy = strdup(dir);

	if (!copy) {
		ss_error("out of memory");
		return -ENOMEM;
	}
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) && errno != EEXIST) {
			int e = errno;

			ss_error("cannot create %s: %s", copy, strerror(e));
			return -e;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) || chmod(dir, 0700)) {
		int e = errno;

		ss_error("cannot create the key store %s: %s", dir, strerror(e));
		return -e;
	}
	return 0;
}

/* Write PEM text by WRITE_PEM into a new file PATH of MODE (O_EXCL: never over a key). */
static int write_pem(const char *path, mode_t mode, EVP_PKEY *key, bool private_key)
{
	azs_cleanup(azs_fclosep) FILE *f = NULL;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	int ok;

	if (fd < 0) {
		int e = errno;

		ss_error("cannot create %s: %s", path, strerror(e));
		return -e;
	}
	if (fchmod(fd, mode) || !(f = fdopen(fd, "w"))) {
		int e = errno;

		close(fd);
		unlink(path);
		ss_error("cannot write %s: %s", path, strerror(e));
		return -e;
	}
	ok = private_key ? PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL)
			 : PEM_write_PUBKEY(f, key);
	if (!ok || fflush(f) || fsync(fileno(f))) {
		ss_ossl_error("cannot write %s", path);
		unlink(path);
		return -EIO;
	}
	return 0;
}

/* PATH holds KEY's public PEM, all or nothing (file_io.c: common/'s atomic write). */
static int replace_pub_pem(const char *path, EVP_PKEY *key)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *text;
	long len;
	int ret;

	if (!b || !PEM_write_bio_PUBKEY(b, key)) {
		BIO_free(b);
		ss_ossl_error("cannot write %s", path);
		return -EIO;
	}
	len = BIO_get_mem_data(b, &text);
	ret = len > 0 ? ss_write_file_atomic_mode(path, text, (size_t)len, 0644) : -EIO;
	BIO_free(b);
	return ret;
}

static int new_key_pair(const char *dir, const char *role)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	azs_cleanup(azs_freep) char *priv = file_path(dir, role, "key");
	azs_cleanup(azs_freep) char *pub = file_path(dir, role, "pub");
	int ret;

	if (!key) {
		ss_ossl_error("cannot make a P-256 key");
		return -EINVAL;
	}
	if (!priv || !pub)
		return -ENOMEM;
	ret = write_pem(priv, 0600, key, true);
	if (!ret)
		ret = write_pem(pub, 0644, key, false);
	return ret;
}

int ss_store_init(const char *dir, bool exist_ok)
{
	int present = 0, ret;
	struct stat st;

	if (lstat(dir, &st) && errno == ENOENT) {
		ret = make_store_dir(dir);
		if (ret)
			return ret;
	} else {
		ret = check_dir(dir);
		if (ret)
			return ret;
	}
	for (int i = 0; i < N_SIGNING_ROLES; i++) {
		azs_cleanup(azs_freep) char *priv = file_path(dir, signing_roles[i], "key");
		azs_cleanup(azs_freep) char *pub = file_path(dir, signing_roles[i], "pub");

		if (!priv || !pub)
			return -ENOMEM;
		present += !lstat(priv, &st);
		present += !lstat(pub, &st);
	}
	if (present == 2 * N_SIGNING_ROLES) {
		if (!exist_ok) {
			ss_error("key store %s is initialised already: its keys are never replaced",
				 dir);
			return -EEXIST;
		}
		return ss_store_open(dir);
	}
	if (present) {
		ss_error("key store %s holds only some of its keys: not making new ones (restore "
			 "the missing ones from a backup)",
			 dir);
		return ss_store_open(dir) ?: -EINVAL;
	}
	for (int i = 0; i < N_SIGNING_ROLES; i++) {
		ret = new_key_pair(dir, signing_roles[i]);
		if (ret)
			return ret;
		fprintf(stderr, SS_PROG ": made a new %s key in %s\n", signing_roles[i], dir);
	}
	return ss_store_open(dir);
}

int ss_store_trust_sdk_key(const char *dir, const char *path)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	azs_cleanup(azs_fclosep) FILE *f = NULL;
	azs_cleanup(azs_freep) char *dest = file_path(dir, "sdk", "pub");
	struct azs_trusted_key now, before;
	struct azs_error err;
	int ret;

	ret = ss_store_open(dir);
	if (ret)
		return ret;
	if (!dest)
		return -ENOMEM;
	/* A public key file, or the SDK's private key file (only its public half is kept). */
	ret = azs_package_load_trusted_key(path, AZS_PKG_ROLE_SDK, &now, &err);
	if (ret == -EINVAL && !azs_package_load_private_key(path, &key, &err))
		ret = azs_package_key_id(key, now.id, now.pub, &err);
	if (ret) {
		ss_error("--public-key %s: %s", path, err.reason);
		return ret;
	}
	if (!azs_package_load_trusted_key(dest, AZS_PKG_ROLE_SDK, &before, &err) &&
	    !memcmp(before.pub, now.pub, sizeof(now.pub)))
		return 0;
	if (!key) {
		f = fopen(path, "re");
		key = f ? PEM_read_PUBKEY(f, NULL, NULL, NULL) : NULL;
		if (!key) {
			ss_ossl_error("--public-key %s: cannot read it again", path);
			return -EIO;
		}
	}
	ret = replace_pub_pem(dest, key);
	if (!ret)
		fprintf(stderr, SS_PROG ": key store %s now trusts SDK key %02x%02x%02x%02x...\n",
			dir, now.id[0], now.id[1], now.id[2], now.id[3]);
	return ret;
}
