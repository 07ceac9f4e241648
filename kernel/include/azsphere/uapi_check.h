/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rule every uAPI struct of the platform follows: its size field says
 * sizeof the struct, its flags word is 0 and its reserved words are 0.
 */
#ifndef AZSPHERE_UAPI_CHECK_H
#define AZSPHERE_UAPI_CHECK_H

#include <linux/kernel.h>
#include <linux/types.h>

static inline bool azs_reserved_zero(const __u64 *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (r[i])
			return false;
	return true;
}

/* size, flags and reserved[] of a copied-in uAPI struct s are as required. */
#define AZS_UAPI_HEADER_OK(s)                                                  \
	((s).size == sizeof(s) && !(s).flags &&                                \
	 azs_reserved_zero((s).reserved, ARRAY_SIZE((s).reserved)))

#endif /* AZSPHERE_UAPI_CHECK_H */
