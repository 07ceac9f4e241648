// SPDX-License-Identifier: MIT
/*
 * The boot chain's digest list (boot/digest_list.c). Invariants: an accepted
 * list writes back, entry by entry, to exactly the input (nothing is accepted
 * that sha256sum would not write); every entry's path is absolute and found
 * again by azs_digest_list_find with the same digest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest_list.h"
#include "hex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct walk {
	const char *text;
	size_t len;
	size_t at; /* bytes of text matched so far */
	size_t entries;
};

static int each(const struct azs_digest_entry *e, void *arg)
{
	struct walk *w = arg;
	struct azs_digest_entry found;
	char line[2 * AZS_SHA256_LEN + 2 + AZS_DIGEST_PATH_MAX + 2];
	size_t n;

	if (e->path[0] != '/' || !memchr(e->path, 0, sizeof(e->path)))
		abort();
	azs_hex_encode(e->digest, AZS_SHA256_LEN, line);
	n = (size_t)snprintf(line + 2 * AZS_SHA256_LEN, sizeof(line) - 2 * AZS_SHA256_LEN, "  %s\n",
			     e->path) +
	    2 * AZS_SHA256_LEN;
	if (w->at + n > w->len || memcmp(w->text + w->at, line, n))
		abort();
	w->at += n;
	if (w->entries++ < 4 && /* each find parses the whole list again */
	    (azs_digest_list_find(w->text, w->len, e->path, &found, NULL) ||
	     memcmp(found.digest, e->digest, AZS_SHA256_LEN) || strcmp(found.path, e->path)))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_error err;
	struct walk w;
	char *text;
	int ret;

	if (size > 64 * 1024)
		return -1;
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	w = (struct walk){.text = text, .len = size};
	ret = azs_digest_list_each(text, size, each, &w, &err);
	if (ret ? ret != -EBADMSG || !err.reason[0] : w.at != size)
		abort();
	free(text);
	return 0;
}
