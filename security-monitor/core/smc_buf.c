// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Copy-in of a Normal World buffer (see smc_buf.h). */
#include "smc_buf.h"

int azs_smc_copy_in(u64 pa, u64 len, u32 max, u64 pa_limit, u32 page_size,
		    u8 *dst, azs_smc_fetch_fn *fetch, void *ctx)
{
	u64 done = 0;

	if (!page_size || (page_size & (page_size - 1)))
		return -EINVAL;
	if (len == 0 || len > max)
		return -EMSGSIZE;
	/* The last byte: no wrap-around, and mappable by the caller. */
	if (pa + (len - 1) < pa || pa + (len - 1) > pa_limit)
		return -ERANGE;

	while (done < len) {
		u64 at = pa + done;
		u32 in_page = page_size - (u32)(at & (page_size - 1));
		u32 n = len - done < in_page ? (u32)(len - done) : in_page;
		int ret = fetch(ctx, at, dst + done, n);

		if (ret)
			return ret;
		done += n;
	}
	return 0;
}
