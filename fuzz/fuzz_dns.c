// SPDX-License-Identifier: MIT
/*
 * The runtime's DNS client (containerd-lite/lib/dns.c). Input: a length byte
 * N, N bytes of the name asked for, then the answer message (its own ID is
 * the one expected, so the fuzzer reaches past the ID check). Invariants:
 * answers give 1..max addresses or a documented errno; a query the client
 * builds for a name, answered by echoing it with one A record, reads back
 * as that address (round trip); resolv.conf reading stays within max.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const char *name, const uint8_t addr[4])
{
	static const uint8_t rr[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4};
	uint8_t msg[AZS_DNS_MSG_MAX];
	uint32_t got[AZS_DNS_MAX_ADDR];
	size_t n;
	int len = azs_dns_query(name, 0x5a17, msg, sizeof(msg));

	if (len == -EINVAL || len == -ENOSPC)
		return;
	if (len < 12 + 2 + 4 || (size_t)len + sizeof(rr) + 4 > sizeof(msg))
		abort();
	msg[2] = 0x81; /* QR, RD */
	msg[3] = 0x80; /* RA, NOERROR */
	msg[7] = 1;    /* ANCOUNT */
	memcpy(msg + len, rr, sizeof(rr));
	memcpy(msg + len + sizeof(rr), addr, 4);
	if (azs_dns_answer(msg, (size_t)len + sizeof(rr) + 4, 0x5a17, name, got, AZS_DNS_MAX_ADDR,
			   &n) ||
	    n != 1 ||
	    got[0] != ((uint32_t)addr[0] << 24 | (uint32_t)addr[1] << 16 | (uint32_t)addr[2] << 8 |
		       addr[3]))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t addrs[AZS_DNS_MAX_ADDR + 1];
	char name[256];
	const uint8_t *msg;
	size_t nlen, mlen, n = 99, max;
	uint16_t id;
	int ret;

	if (size < 1 || size > 1 + 255 + 2 * AZS_DNS_MSG_MAX)
		return -1;
	nlen = data[0];
	if (size < 1 + nlen)
		return 0;
	memcpy(name, data + 1, nlen);
	name[nlen] = 0;
	msg = data + 1 + nlen;
	mlen = size - 1 - nlen;
	id = mlen >= 2 ? (uint16_t)(msg[0] << 8 | msg[1]) : 0;
	max = nlen % AZS_DNS_MAX_ADDR + 1;

	{
		uint8_t *copy = malloc(mlen ? mlen : 1); /* reads past the message are caught */

		if (!copy)
			return 0;
		memcpy(copy, msg, mlen);
		addrs[max] = 0xdeadbeef;
		ret = azs_dns_answer(copy, mlen, id, name, addrs, max, &n);
		free(copy);
	}
	if (addrs[max] != 0xdeadbeef)
		abort();
	if (ret == 0 ? (n < 1 || n > max)
		     : (ret != -ENOENT && ret != -EBADMSG && ret != -EAGAIN) || n > max)
		abort();

	if (azs_dns_nameservers((const char *)msg, mlen, addrs, max) > max ||
	    addrs[max] != 0xdeadbeef)
		abort();
	if (mlen >= 4)
		round_trip(name, msg + mlen - 4);
	return 0;
}
