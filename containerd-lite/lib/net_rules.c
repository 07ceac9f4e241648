// SPDX-License-Identifier: MIT
/* The nftables ruleset for apps (see net_rules.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "net_rules.h"

struct out {
	char *buf;
	size_t size, len;
	bool full;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len) {
		o->full = true;
		return;
	}
	o->len += (size_t)n;
}

static void put_addrs(struct out *o, const uint32_t *a, size_t n)
{
	char text[16];

	put(o, "{ ");
	for (size_t i = 0; i < n; i++) {
		azs_ipv4_format(a[i], text, sizeof(text));
		put(o, "%s%s", i ? ", " : "", text);
	}
	put(o, " }");
}

static void put_ports(struct out *o, const uint16_t *p, size_t n)
{
	put(o, "{ ");
	for (size_t i = 0; i < n; i++)
		put(o, "%s%u", i ? ", " : "", p[i]);
	put(o, " }");
}

static void app_rules(struct out *o, const struct azs_net_app *a)
{
	char addr[16];

	azs_ipv4_format(a->link.app_addr, addr, sizeof(addr));
	put(o, "\t\tiifname \"%s\" ip saddr != %s drop\n", a->link.host_if, addr);
	if (a->n_allowed) {
		put(o, "\t\tiifname \"%s\" ip daddr ", a->link.host_if);
		put_addrs(o, a->allowed, a->n_allowed);
		put(o, " accept\n");
	}
	if (a->n_tcp) {
		put(o, "\t\toifname \"%s\" ip daddr %s tcp dport ", a->link.host_if, addr);
		put_ports(o, a->tcp_ports, a->n_tcp);
		put(o, " ct state new accept\n");
	}
	if (a->n_udp) {
		put(o, "\t\toifname \"%s\" ip daddr %s udp dport ", a->link.host_if, addr);
		put_ports(o, a->udp_ports, a->n_udp);
		put(o, " ct state new accept\n");
	}
}

int azs_net_rules_render(const struct azs_net_app *apps, size_t n, char *buf, size_t size)
{
	struct out o = {.buf = buf, .size = size};

	if (!size)
		return -ENOSPC;
	buf[0] = 0;
	/* Declare, delete, define: one transaction, whether or not it existed. */
	put(&o, "table inet " AZS_NET_RULES_TABLE "\n");
	put(&o, "delete table inet " AZS_NET_RULES_TABLE "\n");
	put(&o, "table inet " AZS_NET_RULES_TABLE " {\n");
	put(&o, "\tchain forward {\n");
	put(&o, "\t\ttype filter hook forward priority filter; policy drop;\n");
	put(&o, "\t\tct state established,related accept\n");
	for (size_t i = 0; i < n; i++)
		app_rules(&o, &apps[i]);
	put(&o,
	    "\t\tiifname \"" AZS_NET_IFNAME_MATCH "\" reject with icmpx type admin-prohibited\n");
	put(&o,
	    "\t\toifname \"" AZS_NET_IFNAME_MATCH "\" meta l4proto tcp reject with tcp reset\n");
	put(&o,
	    "\t\toifname \"" AZS_NET_IFNAME_MATCH "\" reject with icmpx type port-unreachable\n");
	put(&o, "\t}\n");
	put(&o, "\tchain input {\n");
	put(&o, "\t\ttype filter hook input priority filter; policy accept;\n");
	put(&o,
	    "\t\tiifname \"" AZS_NET_IFNAME_MATCH "\" reject with icmpx type admin-prohibited\n");
	put(&o, "\t}\n");
	put(&o, "}\n");
	return o.full ? -ENOSPC : (int)o.len;
}
