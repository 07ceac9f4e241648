// SPDX-License-Identifier: MIT
/* pack-application: an app directory into a signed image package. */
#ifndef IP_PACK_H
#define IP_PACK_H

#include <stddef.h>

#define IP_MAX_HWDIRS 8

struct ip_pack_args {
	const char *input;                 /* --input DIR: bin/app, app_manifest.json */
	const char *destination;           /* --destination FILE */
	const char *keys;                  /* --keys DIR */
	const char *key_role;              /* --key-role sdk|production (default sdk) */
	const char *target;                /* --target-definition-filename NAME.json */
	const char *hwdirs[IP_MAX_HWDIRS]; /* --hardware-definitions DIR ... */
	size_t n_hwdirs;
};

/* 0, or -errno after a message naming the argument or field at fault. */
int ip_pack(const struct ip_pack_args *a);

/*
 * Only resolve: write the app manifest of a->input with its $NAMEs replaced
 * (as pack-application would pack it) to a->destination.
 */
int ip_resolve_only(const struct ip_pack_args *a);

/* AZS_PKG_ROLE_* of a --key-role value, or 0. */
unsigned int ip_role_from_name(const char *name);

#endif /* IP_PACK_H */
