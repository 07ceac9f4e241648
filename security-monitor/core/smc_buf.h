/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Copy-in of a Normal World buffer passed to a monitor call by physical
 * address. Normal World may change the buffer at any time during the call,
 * so a handler copies it once into Secure-side memory and parses and
 * verifies that copy only (never the shared bytes again), as OP-TEE does
 * with its message arguments. The bounds rules are pure C (host tests);
 * mapping a page is the caller's fetch function (kmap_local_page in the
 * module).
 */
#ifndef AZS_SMC_BUF_H
#define AZS_SMC_BUF_H

#include "azsphere/types.h"

/*
 * Copy n bytes at physical address pa into dst; the n bytes never cross a
 * page. 0, or a negative errno (e.g. -EFAULT: not ordinary memory).
 */
typedef int azs_smc_fetch_fn(void *ctx, u64 pa, u8 *dst, u32 n);

/*
 * Copy the buffer (pa, len) into dst (room for max bytes), page by page.
 * Refuses before fetching anything: len 0 or above max (-EMSGSIZE), an
 * address range that wraps or ends above pa_limit, the highest physical
 * address the caller can map (-ERANGE), a page size that is not a power of
 * two (-EINVAL). A fetch error is returned as is. dst is written only by
 * fetch.
 */
int azs_smc_copy_in(u64 pa, u64 len, u32 max, u64 pa_limit, u32 page_size,
		    u8 *dst, azs_smc_fetch_fn *fetch, void *ctx);

#endif /* AZS_SMC_BUF_H */
