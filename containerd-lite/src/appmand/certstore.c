// SPDX-License-Identifier: MIT
/*
 * The device's certificate store, for apps with the CertStore capability
 * (runtime.c): root CA certificates and client certificates with their
 * private keys, by identifier, in STATE/certstore on the flash (0700, files
 * 0600, root's). Every certificate and key is parsed with OpenSSL before it
 * is stored (a client key must match its certificate, a password decrypts
 * it); what is stored is the canonical PEM (the key unencrypted, root's
 * only). Identifiers were checked by the decoder ([A-Za-z0-9._-], not
 * starting with '.'), and files are opened relative to the store's
 * directory without following links. The store holds at most
 * CERTSTORE_BYTES.
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

#include "appmand.h"

#define CERTSTORE_DIR   "certstore"
#define CERTSTORE_BYTES (24 * 1024)
#define MAX_CERTS       64

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
		    !strcmp(e->d_name + len - 4, ".crt") && *n < MAX_CERTS) {
			memcpy(ids[*n], e->d_name, len - 4);
			ids[*n][len - 4] = 0;
			(*n)++;
		}
	}
	closedir(dp);
	qsort(ids, *n, sizeof(ids[0]), cmp_names);
	return 0;
}

static size_t file_size(int dir, const char *id, const char *ext)
{
	char name[AZS_RT_CERT_ID_MAX + 8];
	struct stat st;

	snprintf(name, sizeof(name), "%s%s", id, ext);
	return fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) ? 0 : (size_t)st.st_size;
}

/* Write LEN bytes as ID.EXT atomically (0600). */
static int put(int dir, const char *id, const char *ext, const char *data, size_t len)
{
	char name[AZS_RT_CERT_ID_MAX + 8], tmp[AZS_RT_CERT_ID_MAX + 16];
	int fd, ret = 0;

	snprintf(name, sizeof(name), "%s%s", id, ext);
	snprintf(tmp, sizeof(tmp), ".%s.new", name);
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, data, len) != (ssize_t)len || fsync(fd))
		ret = -EIO;
	close(fd);
	if (!ret && renameat(dir, tmp, dir, name))
		ret = -errno;
	if (ret)
		unlinkat(dir, tmp, 0);
	return ret;
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
	used -= file_size(dir, c->id.id, ".crt") + file_size(dir, c->id.id, ".key");
	if (used + cert_len + key_len > CERTSTORE_BYTES ||
	    (n >= MAX_CERTS && !file_size(dir, c->id.id, ".crt"))) {
		ret = -ENOSPC;
		goto out;
	}
	if (key_len)
		ret = put(dir, c->id.id, ".key", key_text, key_len);
	if (!ret) {
		char key_name[AZS_RT_CERT_ID_MAX + 8];

		if (!key_len) {
			snprintf(key_name, sizeof(key_name), "%s.key", c->id.id);
			unlinkat(dir, key_name, 0); /* a root CA has no key */
		}
		ret = put(dir, c->id.id, ".crt", cert_text, cert_len);
	}
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

	snprintf(name, sizeof(name), "%s.crt", id);
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

static int move(int dir, const struct azs_rt_cert_move *m)
{
	char from[AZS_RT_CERT_ID_MAX + 8], to[AZS_RT_CERT_ID_MAX + 8];

	if (!strcmp(m->from.id, m->to.id))
		return 0;
	snprintf(from, sizeof(from), "%s.crt", m->from.id);
	snprintf(to, sizeof(to), "%s.crt", m->to.id);
	if (faccessat(dir, from, F_OK, AT_SYMLINK_NOFOLLOW))
		return -ENOENT;
	snprintf(from, sizeof(from), "%s.key", m->from.id);
	snprintf(to, sizeof(to), "%s.key", m->to.id);
	unlinkat(dir, to, 0);
	if (renameat(dir, from, dir, to) && errno != ENOENT)
		return -errno;
	snprintf(from, sizeof(from), "%s.crt", m->from.id);
	snprintf(to, sizeof(to), "%s.crt", m->to.id);
	return renameat(dir, from, dir, to) ? -errno : 0;
}

int certstore_request(struct appmand *d, const struct azs_rt_request *r, void *out, size_t *out_len)
{
	char ids[MAX_CERTS][AZS_RT_CERT_ID_MAX + 1], name[AZS_RT_CERT_ID_MAX + 8];
	size_t n, used;
	int dir, ret;

	if (r->op == AZS_RT_OP_CERT_INSTALL)
		return install(d, r);
	dir = store_dir(d);
	if (dir < 0)
		return -EAGAIN;
	ret = list(dir, ids, &n, &used);
	if (ret)
		goto out;
	switch (r->op) {
	case AZS_RT_OP_CERT_DELETE:
		snprintf(name, sizeof(name), "%s.crt", r->p.cert_id.id);
		if (unlinkat(dir, name, 0)) {
			ret = errno == ENOENT ? -ENOENT : -errno;
			break;
		}
		snprintf(name, sizeof(name), "%s.key", r->p.cert_id.id);
		unlinkat(dir, name, 0);
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
