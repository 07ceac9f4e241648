// SPDX-License-Identifier: MIT
/* Per-app network links and host-file resolution (see net_plan.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "net_plan.h"
#include "uidmap.h"

int azs_net_link_for_uid(uint32_t uid, struct azs_net_link *link)
{
	uint32_t base;

	if (uid < AZS_APP_UID_MIN || uid > AZS_APP_UID_MAX)
		return -ERANGE;
	base = AZS_NET_SUBNET + 4u * (uid - AZS_APP_UID_MIN);
	memset(link, 0, sizeof(*link));
	snprintf(link->host_if, sizeof(link->host_if), "azs-app%u", uid);
	link->host_addr = base + 1;
	link->app_addr = base + 2;
	link->prefix = AZS_NET_PREFIX;
	return 0;
}

void azs_ipv4_format(uint32_t addr, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff, (addr >> 8) & 0xff,
		 addr & 0xff);
}

int azs_ipv4_parse(const char *text, uint32_t *addr)
{
	uint32_t value = 0;
	const char *p = text;

	for (int part = 0; part < 4; part++) {
		unsigned int octet = 0, digits = 0;

		if (part && *p++ != '.')
			return -EINVAL;
		while (*p >= '0' && *p <= '9') {
			if (digits && octet == 0)
				return -EINVAL; /* leading zero */
			octet = octet * 10 + (unsigned int)(*p++ - '0');
			if (++digits > 3 || octet > 255)
				return -EINVAL;
		}
		if (!digits)
			return -EINVAL;
		value = value << 8 | octet;
	}
	if (*p)
		return -EINVAL;
	*addr = value;
	return 0;
}

/* The next whitespace-separated word of the line [*p, end): its length. */
static size_t next_word(const char **p, const char *end)
{
	const char *s = *p;
	size_t n = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (s + n < end && s[n] != ' ' && s[n] != '\t')
		n++;
	*p = s;
	return n;
}

int azs_hosts_lookup(const char *text, size_t len, const char *name, uint32_t *addr)
{
	const char *p = text, *end = text + len;
	size_t name_len = strlen(name);

	if (!azs_ipv4_parse(name, addr))
		return 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *hash;
		char first[16];
		uint32_t value;
		size_t n;

		if (!eol)
			eol = end;
		hash = memchr(p, '#', (size_t)(eol - p));
		if (hash)
			eol = hash;
		n = next_word(&p, eol);
		if (n && n < sizeof(first)) {
			memcpy(first, p, n);
			first[n] = 0;
			p += n;
			if (!azs_ipv4_parse(first, &value))
				while ((n = next_word(&p, eol)) > 0) {
					if (n == name_len && !strncasecmp(p, name, n)) {
						*addr = value;
						return 0;
					}
					p += n;
				}
		}
		p = hash ? memchr(hash, '\n', (size_t)(end - hash)) : eol;
		if (!p || p >= end)
			break;
		p++;
	}
	return -ENOENT;
}
