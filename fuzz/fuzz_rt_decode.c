// SPDX-License-Identifier: MIT
/*
 * The runtime channel's request decoder (containerd-lite/lib/rt_decode.c), fed
 * a private copy of the packet so any read past it is caught. Invariants: an
 * accepted request is exactly a header plus its op's payload (CERT_INSTALL's
 * data ends at the packet's end), op and seq are the header's; a refusal is
 * one of the errnos rt_decode.h documents, with a reason; decoding is
 * deterministic.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rt_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct azs_rt_request req, again;
	struct azs_rt_hdr h;
	char why[128], why2[128];
	uint8_t *pkt;
	int ret, want;

	if (size > 2 * AZS_RT_MSG_MAX)
		return -1;
	pkt = malloc(size ? size : 1);
	if (!pkt)
		return 0;
	memcpy(pkt, data, size);
	ret = azs_rt_decode_request(pkt, size, &req, why, sizeof(why));
	if (azs_rt_decode_request(pkt, size, &again, why2, sizeof(why2)) != ret ||
	    memcmp(&req, &again, sizeof(req)) || strcmp(why, why2))
		abort();
	if (ret) {
		if (ret != -EBADMSG && ret != -EPROTONOSUPPORT && ret != -EOPNOTSUPP &&
		    ret != -EINVAL && ret != -ERANGE)
			abort();
		if (!why[0] || !memchr(why, 0, sizeof(why)))
			abort();
		free(pkt);
		return 0;
	}
	memcpy(&h, pkt, sizeof(h));
	want = azs_rt_request_size(h.op);
	if (size > AZS_RT_MSG_MAX || h.magic != AZS_RT_MAGIC || h.version != AZS_RT_VERSION ||
	    want < 0 || req.op != h.op || req.seq != h.seq || h.len != size - sizeof(h))
		abort();
	if (h.op == AZS_RT_OP_CERT_INSTALL) {
		const char *end = (const char *)pkt + size;

		if (req.cert != (const char *)pkt + sizeof(h) + want ||
		    req.password + req.p.cert_install.pw_len != end || req.key < req.cert ||
		    req.password < req.key)
			abort();
	} else if (h.len != (uint32_t)want || req.cert || req.key || req.password) {
		abort();
	}
	free(pkt);
	return 0;
}
