// SPDX-License-Identifier: MIT
/*
 * Refusal reports: every function of this library that refuses its input
 * returns a negative errno and, when given a struct azs_error, names the
 * field concerned and the reason:
 *
 *   field   "Capabilities.Gpio[2]"      a path into the JSON document ("" for
 *                                       the document itself); hardware
 *                                       definitions prefix it with the file
 *                                       name: "mt3620_rdb.json:Peripherals[3].Mapping"
 *   reason  "GPIO 24 is not an MT3620 GPIO"
 *
 * Both are NUL-terminated, truncated to fit, and printable ASCII only.
 */
#ifndef AZS_ERROR_H
#define AZS_ERROR_H

#include <stddef.h>

struct azs_error {
	char field[128];
	char reason[256];
};

/* Empty both strings (err may be NULL). */
void azs_error_clear(struct azs_error *err);

/*
 * Fill err (if not NULL) with FIELD and the formatted reason; return CODE
 * (a negative errno), so refusals read "return azs_error_set(err, -EINVAL, ...)".
 */
int azs_error_set(struct azs_error *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Field paths: PARENT.KEY (just KEY at the top) and PARENT[INDEX]. */
void azs_path_key(char *buf, size_t size, const char *parent, const char *key);
void azs_path_index(char *buf, size_t size, const char *parent, size_t index);

/* snprintf() for texts where truncation is expected and fine. */
void azs_format(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Room for a field path; longer paths are truncated. */
#define AZS_PATH_MAX 128

#endif /* AZS_ERROR_H */
