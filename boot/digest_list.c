// SPDX-License-Identifier: MIT
/* Parsing of the platform's digest list (see digest_list.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "digest_list.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* One line (without its newline) into E. */
static int parse_line(const char *s, size_t n, struct azs_digest_entry *e)
{
	size_t plen;

	if (n < 2 * AZS_SHA256_LEN + 3 || s[2 * AZS_SHA256_LEN] != ' ' ||
	    s[2 * AZS_SHA256_LEN + 1] != ' ')
		return -1;
	for (size_t i = 0; i < AZS_SHA256_LEN; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		e->digest[i] = (uint8_t)(hi << 4 | lo);
	}
	s += 2 * AZS_SHA256_LEN + 2;
	plen = n - (2 * AZS_SHA256_LEN + 2);
	if (s[0] != '/' || plen >= sizeof(e->path) || memchr(s, '\0', plen))
		return -1;
	memcpy(e->path, s, plen);
	e->path[plen] = '\0';
	return 0;
}

/* All entries of the list, checked; *n set to their number. */
static int parse_all(const char *text, size_t len, struct azs_digest_entry **out, size_t *n,
		     struct azs_error *err)
{
	azs_cleanup(azs_freep) struct azs_digest_entry *v = NULL;
	size_t cap = 0, count = 0, line = 0;
	const char *p = text, *end = text + len;

	if (len && text[len - 1] != '\n')
		return azs_error_set(err, -EBADMSG, "list", "does not end with a newline");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct azs_digest_entry e;

		line++;
		if (parse_line(p, (size_t)(nl - p), &e))
			return azs_error_set(err, -EBADMSG, "list",
					     "line %zu is not '<sha256 hex>  /path'", line);
		for (size_t i = 0; i < count; i++)
			if (!strcmp(v[i].path, e.path))
				return azs_error_set(err, -EBADMSG, "list",
						     "line %zu lists %s again", line, e.path);
		if (count == cap) {
			struct azs_digest_entry *bigger;

			cap = cap ? 2 * cap : 16;
			bigger = realloc(v, cap * sizeof(*v));
			if (!bigger)
				return azs_error_set(err, -ENOMEM, "list", "out of memory");
			v = bigger;
		}
		v[count++] = e;
		p = nl + 1;
	}
	if (!count)
		return azs_error_set(err, -EBADMSG, "list", "is empty");
	*out = azs_steal(v);
	*n = count;
	return 0;
}

int azs_digest_list_each(const char *text, size_t len,
			 int (*fn)(const struct azs_digest_entry *e, void *arg), void *arg,
			 struct azs_error *err)
{
	azs_cleanup(azs_freep) struct azs_digest_entry *v = NULL;
	size_t n;
	int ret = parse_all(text, len, &v, &n, err);

	for (size_t i = 0; !ret && i < n; i++)
		ret = fn(&v[i], arg);
	return ret;
}

int azs_digest_list_find(const char *text, size_t len, const char *path,
			 struct azs_digest_entry *out, struct azs_error *err)
{
	azs_cleanup(azs_freep) struct azs_digest_entry *v = NULL;
	size_t n;
	int ret = parse_all(text, len, &v, &n, err);

	if (ret)
		return ret;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].path, path)) {
			*out = v[i];
			return 0;
		}
	return azs_error_set(err, -ENOENT, path, "is not in the signed platform list");
}
