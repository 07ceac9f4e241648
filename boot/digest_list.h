// SPDX-License-Identifier: MIT
/*
 * The platform's digest list: the signed bytes of /etc/azs/platform.digests,
 * in sha256sum's format, one file a line:
 *
 *   <64 lowercase hex digits of SHA-256><two spaces></absolute/path>
 *
 * Pure parsing (no I/O): the caller verified the list's signature first.
 */
#ifndef AZS_DIGEST_LIST_H
#define AZS_DIGEST_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "azs_error.h"

#define AZS_SHA256_LEN      32
#define AZS_DIGEST_PATH_MAX 256

struct azs_digest_entry {
	uint8_t digest[AZS_SHA256_LEN];
	char path[AZS_DIGEST_PATH_MAX];
};

/*
 * Call FN for every entry of TEXT (LEN bytes), in order; stop at the first
 * non-zero return of FN and return it. A malformed line, a relative path or
 * a path listed twice refuses the whole list (-EBADMSG, field "line N")
 * before FN sees any entry. An empty list is refused too.
 */
int azs_digest_list_each(const char *text, size_t len,
			 int (*fn)(const struct azs_digest_entry *e, void *arg), void *arg,
			 struct azs_error *err);

/* The entry for PATH: 0, or -ENOENT if the list does not name it. */
int azs_digest_list_find(const char *text, size_t len, const char *path,
			 struct azs_digest_entry *out, struct azs_error *err);

#endif /* AZS_DIGEST_LIST_H */
