// SPDX-License-Identifier: MIT
/* DNS A queries and answers (see dns.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dns.h"
#include "hostname.h"
#include "net_plan.h"

#define TYPE_A        1
#define TYPE_CNAME    5
#define CLASS_IN      1
#define NAME_MAX_TEXT 254
#define MAX_CHAIN     8

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int azs_dns_query(const char *name, uint16_t id, uint8_t *buf, size_t size)
{
	size_t len = strlen(name), at = 12;
	const char *label = name;
	char reason[64];

	if (azs_connection_name_check(name, len, reason, sizeof(reason)) ||
	    !azs_ipv4_parse(name, &(uint32_t){0}))
		return -EINVAL;
	if (size < 12 + len + 2 + 4)
		return -ENOSPC;
	memset(buf, 0, 12);
	buf[0] = (uint8_t)(id >> 8);
	buf[1] = (uint8_t)id;
	buf[2] = 0x01; /* RD */
	buf[5] = 1;    /* QDCOUNT */
	while (*label) {
		const char *dot = strchr(label, '.');
		size_t n = dot ? (size_t)(dot - label) : strlen(label);

		if (n == 0 || n > 63)
			return -EINVAL;
		buf[at++] = (uint8_t)n;
		memcpy(buf + at, label, n);
		at += n;
		label += n + (dot ? 1 : 0);
	}
	buf[at++] = 0;
	buf[at++] = 0;
	buf[at++] = TYPE_A;
	buf[at++] = 0;
	buf[at++] = CLASS_IN;
	return (int)at;
}

/*
 * The (possibly compressed) name at *POS into OUT as dotted text; *POS moves
 * past it in the message. Pointers must point strictly backwards.
 */
static int read_name(const uint8_t *msg, size_t len, size_t *pos, char *out)
{
	size_t p = *pos, text = 0, limit = *pos;
	bool jumped = false;

	for (int steps = 0; steps < 128; steps++) {
		uint8_t c;

		if (p >= len)
			return -EBADMSG;
		c = msg[p];
		if (c == 0) {
			if (!jumped)
				*pos = p + 1;
			out[text ? text - 1 : 0] = 0;
			if (!text)
				out[0] = 0;
			return 0;
		}
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (p + 1 >= len)
				return -EBADMSG;
			target = (size_t)(get16(msg + p) & 0x3fff);
			if (target >= limit)
				return -EBADMSG; /* forwards or onto itself: a loop */
			if (!jumped)
				*pos = p + 2;
			jumped = true;
			limit = target;
			p = target;
			continue;
		}
		if (c & 0xc0)
			return -EBADMSG; /* reserved label types */
		if (p + 1 + c > len || text + c + 1 > NAME_MAX_TEXT)
			return -EBADMSG;
		memcpy(out + text, msg + p + 1, c);
		text += c;
		out[text++] = '.';
		p += 1 + c;
	}
	return -EBADMSG;
}

int azs_dns_answer(const uint8_t *msg, size_t len, uint16_t id, const char *name, uint32_t *addrs,
		   size_t max, size_t *n)
{
	char qname[NAME_MAX_TEXT + 1], owner[NAME_MAX_TEXT + 1];
	char chain[MAX_CHAIN][NAME_MAX_TEXT + 1];
	size_t pos = 12, links = 1;
	uint16_t flags, qd, an;
	int ret;

	*n = 0;
	if (len < 12 || len > AZS_DNS_MSG_MAX || get16(msg) != id)
		return -EBADMSG;
	flags = get16(msg + 2);
	qd = get16(msg + 4);
	an = get16(msg + 6);
	if (!(flags & 0x8000) || (flags & 0x7800) || qd != 1)
		return -EBADMSG; /* not a response to a standard query with one question */
	if (flags & 0x0200)
		return -EAGAIN; /* truncated */
	if ((flags & 0xf) == 3)
		return -ENOENT; /* NXDOMAIN */
	if (flags & 0xf)
		return -EAGAIN;
	ret = read_name(msg, len, &pos, qname);
	if (ret || pos + 4 > len || strcasecmp(qname, name) || get16(msg + pos) != TYPE_A ||
	    get16(msg + pos + 2) != CLASS_IN)
		return -EBADMSG; /* not our question */
	pos += 4;
	snprintf(chain[0], sizeof(chain[0]), "%s", name);
	for (uint16_t i = 0; i < an; i++) {
		uint16_t type, class, rdlen;
		bool ours = false;

		ret = read_name(msg, len, &pos, owner);
		if (ret || pos + 10 > len)
			return -EBADMSG;
		type = get16(msg + pos);
		class = get16(msg + pos + 2);
		rdlen = get16(msg + pos + 8);
		pos += 10;
		if (pos + rdlen > len)
			return -EBADMSG;
		for (size_t c = 0; c < links; c++)
			ours |= !strcasecmp(owner, chain[c]);
		if (ours && class == CLASS_IN && type == TYPE_A) {
			if (rdlen != 4)
				return -EBADMSG;
			if (*n < max)
				addrs[(*n)++] = (uint32_t)msg[pos] << 24 |
						(uint32_t)msg[pos + 1] << 16 |
						(uint32_t)msg[pos + 2] << 8 | msg[pos + 3];
		} else if (ours && class == CLASS_IN && type == TYPE_CNAME && links < MAX_CHAIN) {
			size_t target = pos;

			ret = read_name(msg, pos + rdlen, &target, chain[links]);
			if (ret || target != pos + rdlen)
				return -EBADMSG;
			links++;
		}
		pos += rdlen;
	}
	return *n ? 0 : -ENOENT;
}

size_t azs_dns_nameservers(const char *text, size_t len, uint32_t *servers, size_t max)
{
	const char *p = text, *end = text + len;
	size_t n = 0;

	while (p < end && n < max) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char line[80];
		size_t l;

		if (!eol)
			eol = end;
		l = (size_t)(eol - p);
		if (l < sizeof(line)) {
			char addr[20];

			memcpy(line, p, l);
			line[l] = 0;
			if (sscanf(line, " nameserver %19s", addr) == 1 &&
			    !azs_ipv4_parse(addr, &servers[n]))
				n++;
		}
		p = eol + 1;
	}
	return n;
}
