// SPDX-License-Identifier: MIT
/* Strict decoding of runtime channel requests (see rt_decode.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rt_decode.h"
#include "refuse.h"

static const int request_size[AZS_RT_OP_COUNT] = {
	[AZS_RT_OP_NET_STATUS] = 0,
	[AZS_RT_OP_POWER] = sizeof(struct azs_rt_power),
	[AZS_RT_OP_POWER_PROFILE] = sizeof(struct azs_rt_u32),
	[AZS_RT_OP_MEMORY] = 0,
	[AZS_RT_OP_RTC_SYSTOHC] = 0,
	[AZS_RT_OP_SYSEVENT_SUBSCRIBE] = sizeof(struct azs_rt_u32),
	[AZS_RT_OP_SYSEVENT_DEFER] = sizeof(struct azs_rt_defer),
	[AZS_RT_OP_SYSEVENT_RESUME] = sizeof(struct azs_rt_u32),
	[AZS_RT_OP_WIFI_ADD] = 0,
	[AZS_RT_OP_WIFI_SET] = sizeof(struct azs_rt_wifi_set),
	[AZS_RT_OP_WIFI_FORGET] = sizeof(struct azs_rt_i32),
	[AZS_RT_OP_WIFI_LIST] = 0,
	[AZS_RT_OP_WIFI_PERSIST] = 0,
	[AZS_RT_OP_WIFI_RELOAD] = 0,
	[AZS_RT_OP_CERT_INSTALL] = sizeof(struct azs_rt_cert_install),
	[AZS_RT_OP_CERT_DELETE] = sizeof(struct azs_rt_cert_id),
	[AZS_RT_OP_CERT_COUNT] = 0,
	[AZS_RT_OP_CERT_ID_AT] = sizeof(struct azs_rt_u32),
	[AZS_RT_OP_CERT_INFO] = sizeof(struct azs_rt_cert_info_req),
	[AZS_RT_OP_CERT_MOVE] = sizeof(struct azs_rt_cert_move),
	[AZS_RT_OP_CERT_SPACE] = 0,
	[AZS_RT_OP_NET_IFACES] = 0,
	[AZS_RT_OP_NET_SET_STATE] = sizeof(struct azs_rt_net_iface_req),
	[AZS_RT_OP_NET_DHCP] = sizeof(struct azs_rt_net_iface_req),
	[AZS_RT_OP_TIMESYNC_GET] = 0,
	[AZS_RT_OP_TIMESYNC_SET] = sizeof(struct azs_rt_u32),
	[AZS_RT_OP_NET_IPCONFIG] = sizeof(struct azs_rt_net_ipconfig),
	[AZS_RT_OP_TIMESYNC_NTP] = sizeof(struct azs_rt_ntp_config),
	[AZS_RT_OP_TIMESYNC_LAST] = 0,
	[AZS_RT_OP_NET_DHCPD] = sizeof(struct azs_rt_net_dhcpd),
	[AZS_RT_OP_NET_SNTPD] = sizeof(struct azs_rt_net_iface_req),
	[AZS_RT_OP_NET_HWADDR_SET] = sizeof(struct azs_rt_net_hwaddr),
	[AZS_RT_OP_NET_HWADDR_GET] = sizeof(struct azs_rt_net_iface_req),
	[AZS_RT_OP_WIFI_SCAN] = 0,
	[AZS_RT_OP_WIFI_CURRENT] = 0,
	[AZS_RT_OP_PROXY_APPLY] = sizeof(struct azs_rt_proxy),
	[AZS_RT_OP_PROXY_GET] = 0,
	[AZS_RT_OP_APP_CONNECT] = sizeof(struct azs_rt_app_connect),
};

int azs_rt_request_size(unsigned int op)
{
	if (op == 0 || op >= AZS_RT_OP_COUNT)
		return -1;
	return request_size[op];
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static bool printable(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return true;
}

static bool hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f') ||
		      (p[i] >= 'A' && p[i] <= 'F')))
			return false;
	return true;
}

static int check_wifi_set(const struct azs_rt_wifi_set *w, char *why, size_t size)
{
	uint32_t n = w->len;

	if (w->pad)
		return azs_refuse(-EBADMSG, why, size, "wifi-set: padding is not zero");
	if (w->id < 0)
		return azs_refuse(-EBADMSG, why, size, "wifi-set: network id %d is negative",
				  w->id);
	if (n > sizeof(w->value))
		return azs_refuse(-EBADMSG, why, size, "wifi-set: length %u exceeds %zu", n,
				  sizeof(w->value));
	if (!all_zero(w->value + n, sizeof(w->value) - n))
		return azs_refuse(-EBADMSG, why, size,
				  "wifi-set: bytes after the value are not zero");
	switch (w->attr) {
	case AZS_RT_WIFI_SSID:
		if (n < 1 || n > AZS_RT_WIFI_SSID_MAX)
			return azs_refuse(-EBADMSG, why, size,
					  "wifi-set: SSID length %u not in 1..%d", n,
					  AZS_RT_WIFI_SSID_MAX);
		return 0;
	case AZS_RT_WIFI_SECURITY:
		if (n != 1 || w->value[0] < 1 || w->value[0] > 2)
			return azs_refuse(-EBADMSG, why, size,
					  "wifi-set: security type must be one byte, Open (1) or "
					  "Wpa2_Psk (2)");
		return 0;
	case AZS_RT_WIFI_PSK:
		if (!((n >= 8 && n <= 63 && printable(w->value, n)) ||
		      (n == 64 && hex(w->value, n))))
			return azs_refuse(-EBADMSG, why, size,
					  "wifi-set: a PSK is 8..63 printable characters or 64 hex "
					  "digits (got %u bytes)",
					  n);
		return 0;
	case AZS_RT_WIFI_ENABLED:
	case AZS_RT_WIFI_TARGETED:
		if (n != 1 || w->value[0] > 1)
			return azs_refuse(-EBADMSG, why, size,
					  "wifi-set: a flag is one byte, 0 or 1");
		return 0;
	case AZS_RT_WIFI_NAME:
	case AZS_RT_WIFI_DUPLICATE:
		if (n > AZS_RT_WIFI_NAME_MAX || !printable(w->value, n))
			return azs_refuse(
				-EBADMSG, why, size,
				"wifi-set: a config name is at most %d printable characters",
				AZS_RT_WIFI_NAME_MAX);
		return 0;
	default:
		return azs_refuse(-EBADMSG, why, size, "wifi-set: unknown attribute %u", w->attr);
	}
}

/* 8-4-4-4-12 hex digits, then zeros: EINVAL (Application_Connect's) when not. */
static int check_app_connect(const struct azs_rt_app_connect *c, char *why, size_t size)
{
	size_t n = strnlen(c->component_id, sizeof(c->component_id));

	if (n != AZS_RT_COMPONENT_ID_LEN)
		return azs_refuse(-EINVAL, why, size,
				  "app-connect: component ID of %zu characters, not %d", n,
				  AZS_RT_COMPONENT_ID_LEN);
	if (!all_zero((const uint8_t *)c->component_id + n, sizeof(c->component_id) - n))
		return azs_refuse(-EBADMSG, why, size,
				  "app-connect: bytes after the component ID are not zero");
	for (size_t i = 0; i < n; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		uint8_t ch = (uint8_t)c->component_id[i];

		if (dash ? ch != '-' : !hex(&ch, 1))
			return azs_refuse(-EINVAL, why, size,
					  "app-connect: component ID byte %zu (0x%02x) is not %s", i,
					  ch, dash ? "'-'" : "a hex digit");
	}
	return 0;
}

static int check_cert_id(const struct azs_rt_cert_id *c, const char *what, char *why, size_t size)
{
	size_t n = strnlen(c->id, sizeof(c->id));

	if (n == 0 || n > AZS_RT_CERT_ID_MAX)
		return azs_refuse(-ERANGE, why, size, "%s: identifier length not in 1..%d", what,
				  AZS_RT_CERT_ID_MAX);
	if (!all_zero((const uint8_t *)c->id + n, sizeof(c->id) - n))
		return azs_refuse(-EBADMSG, why, size,
				  "%s: bytes after the identifier are not zero", what);
	if (c->id[0] == '.')
		return azs_refuse(-EINVAL, why, size, "%s: an identifier may not start with '.'",
				  what);
	for (size_t i = 0; i < n; i++) {
		char ch = c->id[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_'))
			return azs_refuse(-EINVAL, why, size,
					  "%s: identifier byte %zu (0x%02x) is not [A-Za-z0-9._-]",
					  what, i, (unsigned char)ch);
	}
	return 0;
}

static int check_cert_install(const struct azs_rt_cert_install *c, char *why, size_t size)
{
	int ret = check_cert_id(&c->id, "cert-install", why, size);

	if (ret)
		return ret;
	if (c->cert_len == 0 || c->cert_len > AZS_RT_CERT_MAX)
		return azs_refuse(-ERANGE, why, size,
				  "cert-install: certificate of %u bytes, not 1..%d", c->cert_len,
				  AZS_RT_CERT_MAX);
	if (c->kind == AZS_RT_CERT_ROOT_CA) {
		if (c->key_len || c->pw_len)
			return azs_refuse(
				-EBADMSG, why, size,
				"cert-install: a root CA comes without a key or password");
		return 0;
	}
	if (c->kind != AZS_RT_CERT_CLIENT)
		return azs_refuse(-EBADMSG, why, size, "cert-install: unknown kind %u", c->kind);
	if (c->key_len == 0 || c->key_len > AZS_RT_CERT_MAX)
		return azs_refuse(-ERANGE, why, size,
				  "cert-install: private key of %u bytes, not 1..%d", c->key_len,
				  AZS_RT_CERT_MAX);
	if (c->pw_len > AZS_RT_CERT_PW_MAX)
		return azs_refuse(-ERANGE, why, size, "cert-install: password of %u bytes, over %d",
				  c->pw_len, AZS_RT_CERT_PW_MAX);
	return 0;
}

static int check_iface(const struct azs_rt_net_iface_req *q, const char *what, char *why,
		       size_t size)
{
	size_t n = strnlen(q->name, sizeof(q->name));

	if (q->pad)
		return azs_refuse(-EBADMSG, why, size, "%s: padding is not zero", what);
	if (q->flag > 1)
		return azs_refuse(-EBADMSG, why, size, "%s: flag %u is not 0 or 1", what, q->flag);
	if (n == 0 || n > AZS_RT_IFNAME_MAX)
		return azs_refuse(-EBADMSG, why, size, "%s: interface name length not in 1..%d",
				  what, AZS_RT_IFNAME_MAX);
	if (!all_zero((const uint8_t *)q->name + n, sizeof(q->name) - n))
		return azs_refuse(-EBADMSG, why, size,
				  "%s: bytes after the interface name are not zero", what);
	for (size_t i = 0; i < n; i++) {
		char ch = q->name[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
			return azs_refuse(-EBADMSG, why, size,
					  "%s: interface name byte %zu (0x%02x) is not [a-z0-9]",
					  what, i, (unsigned char)ch);
	}
	return 0;
}

/* A name field of an iface-like request: the request's other fields zeroed. */
static int check_name(const char name[16], const char *what, char *why, size_t size)
{
	struct azs_rt_net_iface_req q;

	memset(&q, 0, sizeof(q));
	memcpy(q.name, name, sizeof(q.name));
	return check_iface(&q, what, why, size);
}

/* A contiguous netmask (not 0.0.0.0). */
static bool netmask(const uint8_t m[4])
{
	uint32_t v = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];

	return v && (~v & (~v + 1)) == 0;
}

/* A unicast host address: not 0.x, not 127.x, not multicast or above. */
static bool host_addr(const uint8_t a[4])
{
	return a[0] != 0 && a[0] != 127 && a[0] < 224;
}

static int check_ipconfig(const struct azs_rt_net_ipconfig *c, char *why, size_t size)
{
	int ret = check_name(c->name, "net-ipconfig", why, size);

	if (ret)
		return ret;
	if (c->flags & ~(AZS_RT_IPCFG_STATIC | AZS_RT_IPCFG_CUSTOM_DNS))
		return azs_refuse(-EBADMSG, why, size, "net-ipconfig: unknown flags 0x%x",
				  c->flags);
	if (c->flags & AZS_RT_IPCFG_STATIC) {
		if (!host_addr(c->ip))
			return azs_refuse(-EINVAL, why, size,
					  "net-ipconfig: the address is not a host address");
		if (!netmask(c->mask))
			return azs_refuse(-EINVAL, why, size,
					  "net-ipconfig: the subnet mask is not contiguous");
		if (!all_zero(c->gw, 4) && !host_addr(c->gw))
			return azs_refuse(-EINVAL, why, size,
					  "net-ipconfig: the gateway is not a host address");
	} else if (!all_zero(c->ip, 12)) {
		return azs_refuse(-EBADMSG, why, size,
				  "net-ipconfig: dynamic, but an address is given");
	}
	if (c->flags & AZS_RT_IPCFG_CUSTOM_DNS) {
		if (c->n_dns < 1 || c->n_dns > AZS_RT_DNS_MAX)
			return azs_refuse(-EINVAL, why, size,
					  "net-ipconfig: %u DNS servers, not 1..%d", c->n_dns,
					  AZS_RT_DNS_MAX);
		for (uint32_t i = 0; i < c->n_dns; i++)
			if (!host_addr(c->dns[i]))
				return azs_refuse(
					-EINVAL, why, size,
					"net-ipconfig: DNS server %u is not a host address", i);
		if (!all_zero(c->dns[c->n_dns], 4 * (AZS_RT_DNS_MAX - c->n_dns)))
			return azs_refuse(-EBADMSG, why, size,
					  "net-ipconfig: bytes after the DNS servers are not zero");
	} else if (c->n_dns || !all_zero(c->dns[0], sizeof(c->dns))) {
		return azs_refuse(-EBADMSG, why, size,
				  "net-ipconfig: automatic DNS, but servers are given");
	}
	return 0;
}

/* An NTP server name: 1..255 of [A-Za-z0-9.-] (EMPTY_OK: or none), zeros after. */
static int check_ntp_name(const char *name, bool empty_ok, const char *what, char *why, size_t size)
{
	size_t n = strnlen(name, AZS_RT_NTP_NAME_MAX + 1);

	if (n > AZS_RT_NTP_NAME_MAX)
		return azs_refuse(-EBADMSG, why, size, "timesync-ntp: %s is not terminated", what);
	if (!n && !empty_ok)
		return azs_refuse(-EINVAL, why, size, "timesync-ntp: %s is empty", what);
	if (!all_zero((const uint8_t *)name + n, AZS_RT_NTP_NAME_MAX + 1 - n))
		return azs_refuse(-EBADMSG, why, size, "timesync-ntp: bytes after %s are not zero",
				  what);
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '-'))
			return azs_refuse(-EINVAL, why, size,
					  "timesync-ntp: %s byte %zu (0x%02x) is not a host name's",
					  what, i, (unsigned char)ch);
	}
	if (n && (name[0] == '-' || name[0] == '.'))
		return azs_refuse(-EINVAL, why, size, "timesync-ntp: %s starts with '%c'", what,
				  name[0]);
	return 0;
}

static int check_ntp(const struct azs_rt_ntp_config *c, char *why, size_t size)
{
	int ret;

	if (c->mode > AZS_RT_NTP_CUSTOM)
		return azs_refuse(-EBADMSG, why, size, "timesync-ntp: unknown mode %u", c->mode);
	if (c->fallback > 1)
		return azs_refuse(-EINVAL, why, size, "timesync-ntp: fallback option %u",
				  c->fallback);
	if (c->mode != AZS_RT_NTP_CUSTOM) {
		if (c->primary[0] || c->secondary[0] ||
		    !all_zero((const uint8_t *)c->primary, 2 * (AZS_RT_NTP_NAME_MAX + 1)))
			return azs_refuse(-EBADMSG, why, size,
					  "timesync-ntp: server names without custom mode");
		if (c->mode == AZS_RT_NTP_DEFAULT && c->fallback)
			return azs_refuse(-EBADMSG, why, size,
					  "timesync-ntp: the default server has no fallback");
		return 0;
	}
	ret = check_ntp_name(c->primary, false, "the primary server", why, size);
	return ret ? ret : check_ntp_name(c->secondary, true, "the secondary server", why, size);
}

static int check_dhcpd(const struct azs_rt_net_dhcpd *c, char *why, size_t size)
{
	int ret = check_name(c->name, "net-dhcpd", why, size);

	if (ret)
		return ret;
	if (!host_addr(c->start))
		return azs_refuse(-EINVAL, why, size,
				  "net-dhcpd: the start address is not a host's");
	if (!netmask(c->mask))
		return azs_refuse(-EINVAL, why, size,
				  "net-dhcpd: the subnet mask is not contiguous");
	if (!all_zero(c->gw, 4) && !host_addr(c->gw))
		return azs_refuse(-EINVAL, why, size, "net-dhcpd: the gateway is not a host's");
	if (c->count < 1 || c->count > 254 || (uint32_t)c->start[3] + c->count > 255)
		return azs_refuse(-EINVAL, why, size,
				  "net-dhcpd: %u addresses from .%u do not fit 1..254", c->count,
				  c->start[3]);
	{
		/* Hosts of the subnet: not its network address, not its broadcast address. */
		uint32_t m = (uint32_t)c->mask[0] << 24 | (uint32_t)c->mask[1] << 16 |
			     (uint32_t)c->mask[2] << 8 | c->mask[3];
		uint32_t first = (uint32_t)c->start[0] << 24 | (uint32_t)c->start[1] << 16 |
				 (uint32_t)c->start[2] << 8 | c->start[3];
		uint32_t last = first + c->count - 1;

		if (!(first & ~m) || (last & ~m) == ~m || (first & m) != (last & m))
			return azs_refuse(
				-EINVAL, why, size,
				"net-dhcpd: %u addresses from .%u do not fit the subnet's hosts",
				c->count, c->start[3]);
	}
	if (c->lease_hours < 1 || c->lease_hours > 24 * 365)
		return azs_refuse(-EINVAL, why, size, "net-dhcpd: lease of %u hours not in 1..%d",
				  c->lease_hours, 24 * 365);
	if (c->n_ntp > AZS_RT_DNS_MAX)
		return azs_refuse(-EINVAL, why, size, "net-dhcpd: %u NTP servers, at most %d",
				  c->n_ntp, AZS_RT_DNS_MAX);
	for (uint32_t i = 0; i < c->n_ntp; i++)
		if (!host_addr(c->ntp[i]))
			return azs_refuse(-EINVAL, why, size,
					  "net-dhcpd: NTP server %u is not a host address", i);
	if (!all_zero(c->ntp[c->n_ntp], 4 * (AZS_RT_DNS_MAX - c->n_ntp)))
		return azs_refuse(-EBADMSG, why, size,
				  "net-dhcpd: bytes after the NTP servers are not zero");
	return 0;
}

/* A proxy string field: printable, NUL-terminated, zeros after; its length in *LEN. */
static int check_text(const char *f, size_t cap, const char *what, size_t *len, char *why,
		      size_t size)
{
	size_t n = strnlen(f, cap);

	if (n == cap)
		return azs_refuse(-EBADMSG, why, size, "proxy: %s is not terminated", what);
	if (!printable((const uint8_t *)f, n))
		return azs_refuse(-EINVAL, why, size, "proxy: %s is not printable ASCII", what);
	if (!all_zero((const uint8_t *)f + n, cap - n))
		return azs_refuse(-EBADMSG, why, size, "proxy: bytes after %s are not zero", what);
	*len = n;
	return 0;
}

static int check_proxy(const struct azs_rt_proxy *p, char *why, size_t size)
{
	size_t addr, none, user, pw;
	int ret;

	if ((ret = check_text(p->address, sizeof(p->address), "the address", &addr, why, size)) ||
	    (ret = check_text(p->no_proxy, sizeof(p->no_proxy), "the no-proxy list", &none, why,
			      size)) ||
	    (ret = check_text(p->user, sizeof(p->user), "the user name", &user, why, size)) ||
	    (ret = check_text(p->password, sizeof(p->password), "the password", &pw, why, size)))
		return ret;
	if (p->options != 1 && p->options != 2)
		return azs_refuse(-EINVAL, why, size, "proxy: options 0x%x are not None or Enabled",
				  p->options);
	if (p->type != 0)
		return azs_refuse(-EINVAL, why, size, "proxy: type %u is not HTTP", p->type);
	if (p->auth > 1)
		return azs_refuse(-EINVAL, why, size, "proxy: authentication %u", p->auth);
	if (p->options == 2 && (!addr || !p->port))
		return azs_refuse(-EINVAL, why, size, "proxy: enabled without an address and port");
	if (p->auth == 1 && !user)
		return azs_refuse(-EINVAL, why, size, "proxy: basic authentication without a user");
	if (p->auth == 0 && (user || pw))
		return azs_refuse(-EBADMSG, why, size,
				  "proxy: anonymous, but a user or password is given");
	return 0;
}

static int check_payload(struct azs_rt_request *r, char *why, size_t size)
{
	switch (r->op) {
	case AZS_RT_OP_PROXY_APPLY:
		return check_proxy(&r->p.proxy, why, size);
	case AZS_RT_OP_NET_IPCONFIG:
		return check_ipconfig(&r->p.ipconfig, why, size);
	case AZS_RT_OP_TIMESYNC_NTP:
		return check_ntp(&r->p.ntp, why, size);
	case AZS_RT_OP_NET_DHCPD:
		return check_dhcpd(&r->p.dhcpd, why, size);
	case AZS_RT_OP_NET_SNTPD:
	case AZS_RT_OP_NET_HWADDR_GET:
		if (r->p.iface.flag)
			return azs_refuse(-EBADMSG, why, size, "op %u: flag is not 0", r->op);
		return check_iface(&r->p.iface, "net-iface", why, size);
	case AZS_RT_OP_NET_HWADDR_SET: {
		const uint8_t *m = r->p.hwaddr.addr;
		int ret = check_name(r->p.hwaddr.name, "net-hwaddr", why, size);

		if (ret)
			return ret;
		if (r->p.hwaddr.pad[0] || r->p.hwaddr.pad[1])
			return azs_refuse(-EBADMSG, why, size, "net-hwaddr: padding is not zero");
		/* A unicast address, not all zeros. */
		if ((m[0] & 1) || all_zero(m, 6))
			return azs_refuse(-EINVAL, why, size,
					  "net-hwaddr: not a unicast hardware address");
		return 0;
	}
	case AZS_RT_OP_NET_SET_STATE:
		return check_iface(&r->p.iface, "net-set-state", why, size);
	case AZS_RT_OP_NET_DHCP:
		return check_iface(&r->p.iface, "net-dhcp", why, size);
	case AZS_RT_OP_TIMESYNC_SET:
		if (r->p.u32.value > 1)
			return azs_refuse(-EBADMSG, why, size, "timesync-set: %u is not 0 or 1",
					  r->p.u32.value);
		return 0;
	case AZS_RT_OP_CERT_INSTALL:
		return check_cert_install(&r->p.cert_install, why, size);
	case AZS_RT_OP_CERT_DELETE:
		return check_cert_id(&r->p.cert_id, "cert-delete", why, size);
	case AZS_RT_OP_CERT_INFO:
		if (r->p.cert_info.type > AZS_RT_CERT_NOT_AFTER)
			return azs_refuse(-EINVAL, why, size, "cert-info: unknown type %u",
					  r->p.cert_info.type);
		return check_cert_id(&r->p.cert_info.id, "cert-info", why, size);
	case AZS_RT_OP_CERT_MOVE: {
		int ret = check_cert_id(&r->p.cert_move.from, "cert-move source", why, size);

		return ret ? ret : check_cert_id(&r->p.cert_move.to, "cert-move target", why, size);
	}
	case AZS_RT_OP_POWER:
		if (r->p.power.state == AZS_RT_POWER_REBOOT) {
			if (r->p.power.max_residency_s)
				return azs_refuse(-EBADMSG, why, size,
						  "power: a reboot takes no residency time");
			return 0;
		}
		if (r->p.power.state != AZS_RT_POWER_POWER_DOWN)
			return azs_refuse(-EBADMSG, why, size, "power: unknown state %u",
					  r->p.power.state);
		if (r->p.power.max_residency_s < 1 ||
		    r->p.power.max_residency_s > AZS_RT_POWER_MAX_RESIDENCY)
			return azs_refuse(-EINVAL, why, size, "power: residency %u s not in 1..%u",
					  r->p.power.max_residency_s, AZS_RT_POWER_MAX_RESIDENCY);
		return 0;
	case AZS_RT_OP_POWER_PROFILE:
		if (r->p.u32.value > 2)
			return azs_refuse(-EINVAL, why, size, "power profile %u not in 0..2",
					  r->p.u32.value);
		return 0;
	case AZS_RT_OP_SYSEVENT_SUBSCRIBE:
		if (r->p.u32.value & ~0x07u)
			return azs_refuse(-EINVAL, why, size,
					  "sysevent: mask 0x%x has unknown events", r->p.u32.value);
		return 0;
	case AZS_RT_OP_SYSEVENT_DEFER:
		if (r->p.defer.event != 0x01)
			return azs_refuse(
				-EINVAL, why, size,
				"sysevent: only UpdateReadyForInstall (0x1) can be deferred, "
				"not 0x%x",
				r->p.defer.event);
		if (r->p.defer.minutes < 1 || r->p.defer.minutes > AZS_RT_DEFER_MAX_MINUTES)
			return azs_refuse(-EINVAL, why, size, "sysevent: %u minutes not in 1..%d",
					  r->p.defer.minutes, AZS_RT_DEFER_MAX_MINUTES);
		return 0;
	case AZS_RT_OP_SYSEVENT_RESUME:
		if (r->p.u32.value != 0x01)
			return azs_refuse(
				-EINVAL, why, size,
				"sysevent: only UpdateReadyForInstall (0x1) can be resumed");
		return 0;
	case AZS_RT_OP_WIFI_SET:
		return check_wifi_set(&r->p.wifi_set, why, size);
	case AZS_RT_OP_APP_CONNECT:
		return check_app_connect(&r->p.app_connect, why, size);
	case AZS_RT_OP_WIFI_FORGET:
		if (r->p.i32.value < -1)
			return azs_refuse(-EBADMSG, why, size, "wifi-forget: network id %d",
					  r->p.i32.value);
		return 0;
	default:
		return 0;
	}
}

int azs_rt_decode_request(const void *buf, size_t len, struct azs_rt_request *req, char *why,
			  size_t size)
{
	struct azs_rt_hdr h;
	int want;

	memset(req, 0, sizeof(*req));
	if (size)
		why[0] = 0;
	if (len < sizeof(h))
		return azs_refuse(-EBADMSG, why, size, "%zu bytes: shorter than a header", len);
	memcpy(&h, buf, sizeof(h));
	if (h.magic != AZS_RT_MAGIC)
		return azs_refuse(-EBADMSG, why, size, "bad magic 0x%08x", h.magic);
	req->op = h.op;
	req->seq = h.seq;
	if (len > AZS_RT_MSG_MAX)
		return azs_refuse(-EBADMSG, why, size, "%zu bytes: longer than %d", len,
				  AZS_RT_MSG_MAX);
	if (h.version != AZS_RT_VERSION)
		return azs_refuse(-EPROTONOSUPPORT, why, size, "protocol version %u (this is %d)",
				  h.version, AZS_RT_VERSION);
	want = azs_rt_request_size(h.op);
	if (want < 0)
		return azs_refuse(-EOPNOTSUPP, why, size, "unknown op %u", h.op);
	if (h.len != len - sizeof(h))
		return azs_refuse(-EBADMSG, why, size,
				  "op %u: header says %u payload bytes, packet has %zu", h.op,
				  h.len, len - sizeof(h));
	if (h.op == AZS_RT_OP_CERT_INSTALL) {
		const char *data = (const char *)buf + sizeof(h) + want;
		uint64_t total;
		int ret;

		if (h.len < (uint32_t)want)
			return azs_refuse(-EBADMSG, why, size,
					  "op %u: payload is %u bytes, at least %d", h.op, h.len,
					  want);
		memcpy(&req->p, (const char *)buf + sizeof(h), (size_t)want);
		ret = check_payload(req, why, size);
		if (ret)
			return ret;
		total = (uint64_t)want + req->p.cert_install.cert_len +
			req->p.cert_install.key_len + req->p.cert_install.pw_len;
		if (total != h.len)
			return azs_refuse(
				-EBADMSG, why, size,
				"cert-install: lengths add up to %llu bytes, payload is %u",
				(unsigned long long)total, h.len);
		req->cert = data;
		req->key = data + req->p.cert_install.cert_len;
		req->password = req->key + req->p.cert_install.key_len;
		return 0;
	}
	if (h.len != (uint32_t)want)
		return azs_refuse(-EBADMSG, why, size, "op %u: payload is %u bytes, expected %d",
				  h.op, h.len, want);
	memcpy(&req->p, (const char *)buf + sizeof(h), h.len);
	return check_payload(req, why, size);
}
