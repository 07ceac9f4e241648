// SPDX-License-Identifier: MIT
/*
 * The device's certificate store, for apps with the CertStore capability
 * (runtime.c): root CA certificates and client certificates with their
 * private keys, by identifier, in STATE/certstore on the flash (0700, files
 * 0600, root's). Every certificate and key is parsed with OpenSSL before it
 * is stored (a client key must match its certificate, a password decrypts
 * it); what is stored is the canonical PEM, one file per identifier,
 * <id>.pem: the certificate, then for a client certificate its key
 * (unencrypted, root's only). One file makes every change one atomic step:
 * an install is written to a temporary name, synced and renamed, a move is
 * one rename (replacing the target), a delete one unlink, each followed by a
 * sync of the directory. Identifiers were checked by the decoder
 * ([A-Za-z0-9._-], not starting with '.'), and files are opened relative to
 * the store's directory without following links. The store holds at most
 * CERTSTORE_BYTES.
 *
 * At start (certstore_check) temporary files of an interrupted install are
 * removed and every entry is parsed again; a store with anything else in it,
 * or an entry that doesn't parse, is refused: every request fails (EIO) and
 * the daemon's log names the file, and nothing in it is changed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "certstore.h"
#include "package.h"
#include <azs/atomic_write.h>

#define CERTSTORE_DIR   "certstore"
#define CERTSTORE_BYTES (24 * 1024)
#define MAX_CERTS       64
#define CERT_EXT        ".pem"

static int store_dir(struct appmand *d)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/" CERTSTORE_DIR, d->state_dir);
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* The identifiers in the store, sorted, and the bytes they use. */
static int list(int dir, char ids[][AZS_RT_CERT_ID_MAX + 1], size_t *n, size_t *used)
{
	int dup = fcntl(dir, F_DUPFD_CLOEXEC, 0);
	DIR *dp = dup >= 0 ? fdopendir(dup) : NULL;
	struct dirent *e;

	*n = 0;
	*used = 0;
	if (!dp) {
		if (dup >= 0)
			close(dup);
		return -EAGAIN;
	}
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		struct stat st;

		if (e->d_name[0] == '.' || fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		*used += (size_t)st.st_size;
		if (len > 4 && len - 4 <= AZS_RT_CERT_ID_MAX &&
		    !strcmp(e->d_name + len - 4, CERT_EXT) && *n < MAX_CERTS) {
			memcpy(ids[*n], e->d_name, len - 4);
			ids[*n][len - 4] = 0;
			(*n)++;
		}
	}
	closedir(dp);
	qsort(ids, *n, sizeof(ids[0]), cmp_names);
	return 0;
}

static size_t file_size(int dir, const char *id)
{
	char name[AZS_RT_CERT_ID_MAX + 8];
	struct stat st;

	snprintf(name, sizeof(name), "%s" CERT_EXT, id);
	return fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) ? 0 : (size_t)st.st_size;
}

/* Write the LEN bytes of DATA as ID.pem atomically (0600). */
static int put(int dir, const char *id, const char *data, size_t len)
{
	char name[AZS_RT_CERT_ID_MAX + 8];

	snprintf(name, sizeof(name), "%s" CERT_EXT, id);
	return azs_atomic_write_at(dir, name, data, len, 0600);
}

/* The PEM text of a BIO's contents: its length, or 0. */
static size_t bio_text(BIO *b, const char **text)
{
	char *p = NULL;
	long n = BIO_get_mem_data(b, &p);

	*text = p;
	return n > 0 ? (size_t)n : 0;
}

static int install(struct appmand *d, const struct azs_rt_request *r)
{
	const struct azs_rt_cert_install *c = &r->p.cert_install;
	char ids[MAX_CERTS][AZS_RT_CERT_ID_MAX + 1], pw[AZS_RT_CERT_PW_MAX + 1];
	BIO *in = NULL, *cert_pem = BIO_new(BIO_s_mem()), *key_pem = BIO_new(BIO_s_mem());
	const char *cert_text, *key_text = NULL;
	size_t n, used, cert_len, key_len = 0;
	X509 *x = NULL;
	EVP_PKEY *k = NULL;
	int dir = -1, ret = 0;

	if (!cert_pem || !key_pem) {
		ret = -ENOMEM;
		goto out;
	}
	in = BIO_new_mem_buf(r->cert, (int)c->cert_len);
	x = in ? PEM_read_bio_X509(in, NULL, NULL, NULL) : NULL;
	BIO_free(in);
	if (!x) {
		ret = -EINVAL; /* not a PEM certificate */
		goto out;
	}
	if (c->kind == AZS_RT_CERT_CLIENT) {
		memcpy(pw, r->password, c->pw_len);
		pw[c->pw_len] = 0;
		in = BIO_new_mem_buf(r->key, (int)c->key_len);
		k = in ? PEM_read_bio_PrivateKey(in, NULL, NULL, pw) : NULL;
		BIO_free(in);
		OPENSSL_cleanse(pw, sizeof(pw));
		if (!k || X509_check_private_key(x, k) != 1) {
			ret = -EINVAL; /* unreadable, wrong password, or not this certificate's */
			goto out;
		}
		if (!PEM_write_bio_PrivateKey(key_pem, k, NULL, NULL, 0, NULL, NULL)) {
			ret = -ENOMEM;
			goto out;
		}
		key_len = bio_text(key_pem, &key_text);
	}
	if (!PEM_write_bio_X509(cert_pem, x)) {
		ret = -ENOMEM;
		goto out;
	}
	cert_len = bio_text(cert_pem, &cert_text);
	dir = store_dir(d);
	if (dir < 0) {
		ret = -EAGAIN;
		goto out;
	}
	ret = list(dir, ids, &n, &used);
	if (ret)
		goto out;
	/* Replacing a certificate frees its own space first. */
	used -= file_size(dir, c->id.id);
	if (used + cert_len + key_len > CERTSTORE_BYTES ||
	    (n >= MAX_CERTS && !file_size(dir, c->id.id))) {
		ret = -ENOSPC;
		goto out;
	}
	/* The certificate, then its key (a root CA has none): one file. */
	if (key_len && BIO_write(cert_pem, key_text, (int)key_len) != (int)key_len) {
		ret = -ENOMEM;
		goto out;
	}
	cert_len = bio_text(cert_pem, &cert_text);
	ret = put(dir, c->id.id, cert_text, cert_len);
out:
	if (dir >= 0)
		close(dir);
	X509_free(x);
	EVP_PKEY_free(k);
	BIO_free(cert_pem);
	BIO_free(key_pem);
	return ret;
}

static X509 *load(int dir, const char *id)
{
	char name[AZS_RT_CERT_ID_MAX + 8];
	X509 *x = NULL;
	FILE *f;
	int fd;

	snprintf(name, sizeof(name), "%s" CERT_EXT, id);
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return NULL;
	}
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	return x;
}

static int info(int dir, const struct azs_rt_cert_info_req *q, struct azs_rt_cert_info *out)
{
	X509 *x = load(dir, q->id.id);
	const ASN1_TIME *t;
	struct tm tm;

	if (!x)
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	switch (q->type) {
	case AZS_RT_CERT_SUBJECT:
	case AZS_RT_CERT_ISSUER:
		X509_NAME_oneline(q->type == AZS_RT_CERT_SUBJECT ? X509_get_subject_name(x)
								 : X509_get_issuer_name(x),
				  out->name, AZS_RT_CERT_NAME_MAX + 1);
		break;
	default:
		t = q->type == AZS_RT_CERT_NOT_BEFORE ? X509_get0_notBefore(x)
						      : X509_get0_notAfter(x);
		if (!ASN1_TIME_to_tm(t, &tm)) {
			X509_free(x);
			return -EINVAL;
		}
		out->year = tm.tm_year + 1900;
		out->month = tm.tm_mon + 1;
		out->day = tm.tm_mday;
		out->hour = tm.tm_hour;
		out->minute = tm.tm_min;
		out->second = tm.tm_sec;
	}
	X509_free(x);
	return 0;
}

/* One rename, replacing a certificate of the target identifier. */
static int move(int dir, const struct azs_rt_cert_move *m)
{
	char from[AZS_RT_CERT_ID_MAX + 8], to[AZS_RT_CERT_ID_MAX + 8];

	snprintf(from, sizeof(from), "%s" CERT_EXT, m->from.id);
	snprintf(to, sizeof(to), "%s" CERT_EXT, m->to.id);
	if (faccessat(dir, from, F_OK, AT_SYMLINK_NOFOLLOW))
		return -ENOENT;
	if (!strcmp(m->from.id, m->to.id))
		return 0;
	if (renameat(dir, from, dir, to))
		return -errno;
	return fsync(dir) ? -errno : 0;
}

static int no_password(char *buf, int size, int rwflag, void *u)
{
	(void)buf, (void)size, (void)rwflag, (void)u;
	return -1;
}

/* One entry, as certstore_check() reads it: a certificate, and if a key follows, its key. */
static int check_entry(int dir, const char *name, char *why, size_t why_size)
{
	X509 *x = NULL;
	EVP_PKEY *k = NULL;
	BIO *b = NULL;
	char text[CERTSTORE_BYTES + 1];
	ssize_t n;
	int fd, ret = -EINVAL;

	/* OpenSSL's first use in the daemon may be here (package.h). */
	if (azs_package_crypto_init()) {
		snprintf(why, why_size, "OpenSSL cannot initialise");
		return -EIO;
	}
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "%s: %s", name, strerror(errno));
		return -errno;
	}
	n = read(fd, text, sizeof(text));
	close(fd);
	if (n < 0 || n > CERTSTORE_BYTES) {
		snprintf(why, why_size, "%s: unreadable or larger than the store", name);
		return -EINVAL;
	}
	text[n] = '\0';
	b = memchr(text, '\0', (size_t)n) ? NULL : BIO_new_mem_buf(text, (int)n);
	x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	if (!x) {
		snprintf(why, why_size, "%s: not a PEM certificate", name);
		goto out;
	}
	if (strstr(text, "PRIVATE KEY-----")) {
		/* Stored unencrypted: never ask for a password. */
		k = PEM_read_bio_PrivateKey(b, NULL, no_password, NULL);
		if (!k || X509_check_private_key(x, k) != 1) {
			snprintf(why, why_size,
				 "%s: its key is unreadable or not the certificate's", name);
			goto out;
		}
	}
	ret = 0;
out:
	X509_free(x);
	EVP_PKEY_free(k);
	BIO_free(b);
	OPENSSL_cleanse(text, sizeof(text));
	return ret;
}

int certstore_check(struct appmand *d)
{
	char why[sizeof(d->cert_broken)] = "";
	int dir = store_dir(d), dup, ret = 0;
	bool removed = false;
	struct dirent *e;
	DIR *dp;

	if (dir < 0) {
		snprintf(d->cert_broken, sizeof(d->cert_broken), "cannot open it: %s",
			 strerror(-dir));
		fprintf(stderr, "appmand: the certificate store is refused: %s\n", d->cert_broken);
		return dir;
	}
	dup = fcntl(dir, F_DUPFD_CLOEXEC, 0);
	dp = dup >= 0 ? fdopendir(dup) : NULL;
	if (!dp) {
		if (dup >= 0)
			close(dup);
		close(dir);
		snprintf(d->cert_broken, sizeof(d->cert_broken), "cannot list it");
		return -EIO;
	}
	while (!ret && (e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		/* An install interrupted before its rename: the old entry stands. */
		if (azs_atomic_write_is_temp(e->d_name) ||
		    (e->d_name[0] == '.' && len > 4 && !strcmp(e->d_name + len - 4, ".new"))) {
			if (!unlinkat(dir, e->d_name, 0))
				removed = true;
			continue;
		}
		if (fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode) ||
		    e->d_name[0] == '.' || len <= 4 || len - 4 > AZS_RT_CERT_ID_MAX ||
		    strcmp(e->d_name + len - 4, CERT_EXT)) {
			snprintf(why, sizeof(why), "%.*s: not an entry of the store", 64,
				 e->d_name);
			ret = -EINVAL;
			break;
		}
		ret = check_entry(dir, e->d_name, why, sizeof(why));
	}
	closedir(dp);
	/* Only a removal is made durable: an unchanged store is not synced at every boot. */
	if (removed)
		fsync(dir);
	close(dir);
	snprintf(d->cert_broken, sizeof(d->cert_broken), "%s", ret ? why : "");
	if (ret)
		fprintf(stderr,
			"appmand: the certificate store is refused: %s; certificate requests "
			"fail until it is repaired\n",
			d->cert_broken);
	return ret;
}

int certstore_request(struct appmand *d, const struct azs_rt_request *r, void *out, size_t *out_len)
{
	char ids[MAX_CERTS][AZS_RT_CERT_ID_MAX + 1], name[AZS_RT_CERT_ID_MAX + 8];
	size_t n, used;
	int dir, ret;

	if (d->cert_broken[0])
		return -EIO;
	if (r->op == AZS_RT_OP_CERT_INSTALL)
		/* OpenSSL's first use in the daemon may be here (package.h). */
		return azs_package_crypto_init() ? -EIO : install(d, r);
	dir = store_dir(d);
	if (dir < 0)
		return -EAGAIN;
	ret = list(dir, ids, &n, &used);
	if (ret)
		goto out;
	switch (r->op) {
	case AZS_RT_OP_CERT_DELETE:
		snprintf(name, sizeof(name), "%s" CERT_EXT, r->p.cert_id.id);
		if (unlinkat(dir, name, 0)) {
			ret = -errno;
			break;
		}
		ret = fsync(dir) ? -errno : 0;
		break;
	case AZS_RT_OP_CERT_COUNT:
		((struct azs_rt_u32 *)out)->value = (uint32_t)n;
		*out_len = sizeof(struct azs_rt_u32);
		break;
	case AZS_RT_OP_CERT_ID_AT:
		if (r->p.u32.value >= n) {
			ret = -ERANGE;
			break;
		}
		memset(out, 0, sizeof(struct azs_rt_cert_id));
		memcpy(((struct azs_rt_cert_id *)out)->id, ids[r->p.u32.value],
		       strlen(ids[r->p.u32.value]));
		*out_len = sizeof(struct azs_rt_cert_id);
		break;
	case AZS_RT_OP_CERT_INFO:
		ret = info(dir, &r->p.cert_info, out);
		if (!ret)
			*out_len = sizeof(struct azs_rt_cert_info);
		break;
	case AZS_RT_OP_CERT_MOVE:
		ret = move(dir, &r->p.cert_move);
		break;
	case AZS_RT_OP_CERT_SPACE:
		((struct azs_rt_u32 *)out)->value =
			(uint32_t)(used < CERTSTORE_BYTES ? CERTSTORE_BYTES - used : 0);
		*out_len = sizeof(struct azs_rt_u32);
		break;
	default:
		ret = -EOPNOTSUPP;
	}
out:
	close(dir);
	return ret;
}
