// SPDX-License-Identifier: MIT
/* Strict decoding of runtime channel requests (see rt_decode.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rt_decode.h"

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
};

int azs_rt_request_size(unsigned int op)
{
	if (op == 0 || op >= AZS_RT_OP_COUNT)
		return -1;
	return request_size[op];
}

__attribute__((format(printf, 4, 5))) static int refuse(int code, char *why, size_t size,
							const char *fmt, ...)
{
	va_list ap;

	if (size) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return code;
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
		return refuse(-EBADMSG, why, size, "wifi-set: padding is not zero");
	if (w->id < 0)
		return refuse(-EBADMSG, why, size, "wifi-set: network id %d is negative", w->id);
	if (n > sizeof(w->value))
		return refuse(-EBADMSG, why, size, "wifi-set: length %u exceeds %zu", n,
			      sizeof(w->value));
	if (!all_zero(w->value + n, sizeof(w->value) - n))
		return refuse(-EBADMSG, why, size, "wifi-set: bytes after the value are not zero");
	switch (w->attr) {
	case AZS_RT_WIFI_SSID:
		if (n < 1 || n > AZS_RT_WIFI_SSID_MAX)
			return refuse(-EBADMSG, why, size, "wifi-set: SSID length %u not in 1..%d",
				      n, AZS_RT_WIFI_SSID_MAX);
		return 0;
	case AZS_RT_WIFI_SECURITY:
		if (n != 1 || w->value[0] < 1 || w->value[0] > 2)
			return refuse(-EBADMSG, why, size,
				      "wifi-set: security type must be one byte, Open (1) or "
				      "Wpa2_Psk (2)");
		return 0;
	case AZS_RT_WIFI_PSK:
		if (!((n >= 8 && n <= 63 && printable(w->value, n)) ||
		      (n == 64 && hex(w->value, n))))
			return refuse(-EBADMSG, why, size,
				      "wifi-set: a PSK is 8..63 printable characters or 64 hex "
				      "digits (got %u bytes)",
				      n);
		return 0;
	case AZS_RT_WIFI_ENABLED:
	case AZS_RT_WIFI_TARGETED:
		if (n != 1 || w->value[0] > 1)
			return refuse(-EBADMSG, why, size, "wifi-set: a flag is one byte, 0 or 1");
		return 0;
	case AZS_RT_WIFI_NAME:
	case AZS_RT_WIFI_DUPLICATE:
		if (n > AZS_RT_WIFI_NAME_MAX || !printable(w->value, n))
			return refuse(-EBADMSG, why, size,
				      "wifi-set: a config name is at most %d printable characters",
				      AZS_RT_WIFI_NAME_MAX);
		return 0;
	default:
		return refuse(-EBADMSG, why, size, "wifi-set: unknown attribute %u", w->attr);
	}
}

static int check_payload(struct azs_rt_request *r, char *why, size_t size)
{
	switch (r->op) {
	case AZS_RT_OP_POWER:
		if (r->p.power.state == AZS_RT_POWER_REBOOT) {
			if (r->p.power.max_residency_s)
				return refuse(-EBADMSG, why, size,
					      "power: a reboot takes no residency time");
			return 0;
		}
		if (r->p.power.state != AZS_RT_POWER_POWER_DOWN)
			return refuse(-EBADMSG, why, size, "power: unknown state %u",
				      r->p.power.state);
		if (r->p.power.max_residency_s < 1 ||
		    r->p.power.max_residency_s > AZS_RT_POWER_MAX_RESIDENCY)
			return refuse(-EINVAL, why, size, "power: residency %u s not in 1..%u",
				      r->p.power.max_residency_s, AZS_RT_POWER_MAX_RESIDENCY);
		return 0;
	case AZS_RT_OP_POWER_PROFILE:
		if (r->p.u32.value > 2)
			return refuse(-EINVAL, why, size, "power profile %u not in 0..2",
				      r->p.u32.value);
		return 0;
	case AZS_RT_OP_SYSEVENT_SUBSCRIBE:
		if (r->p.u32.value & ~0x07u)
			return refuse(-EINVAL, why, size, "sysevent: mask 0x%x has unknown events",
				      r->p.u32.value);
		return 0;
	case AZS_RT_OP_SYSEVENT_DEFER:
		if (r->p.defer.event != 0x01)
			return refuse(-EINVAL, why, size,
				      "sysevent: only UpdateReadyForInstall (0x1) can be deferred, "
				      "not 0x%x",
				      r->p.defer.event);
		if (r->p.defer.minutes < 1 || r->p.defer.minutes > AZS_RT_DEFER_MAX_MINUTES)
			return refuse(-EINVAL, why, size, "sysevent: %u minutes not in 1..%d",
				      r->p.defer.minutes, AZS_RT_DEFER_MAX_MINUTES);
		return 0;
	case AZS_RT_OP_SYSEVENT_RESUME:
		if (r->p.u32.value != 0x01)
			return refuse(-EINVAL, why, size,
				      "sysevent: only UpdateReadyForInstall (0x1) can be resumed");
		return 0;
	case AZS_RT_OP_WIFI_SET:
		return check_wifi_set(&r->p.wifi_set, why, size);
	case AZS_RT_OP_WIFI_FORGET:
		if (r->p.i32.value < -1)
			return refuse(-EBADMSG, why, size, "wifi-forget: network id %d",
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
		return refuse(-EBADMSG, why, size, "%zu bytes: shorter than a header", len);
	memcpy(&h, buf, sizeof(h));
	if (h.magic != AZS_RT_MAGIC)
		return refuse(-EBADMSG, why, size, "bad magic 0x%08x", h.magic);
	req->op = h.op;
	req->seq = h.seq;
	if (len > AZS_RT_MSG_MAX)
		return refuse(-EBADMSG, why, size, "%zu bytes: longer than %d", len,
			      AZS_RT_MSG_MAX);
	if (h.version != AZS_RT_VERSION)
		return refuse(-EPROTONOSUPPORT, why, size, "protocol version %u (this is %d)",
			      h.version, AZS_RT_VERSION);
	want = azs_rt_request_size(h.op);
	if (want < 0)
		return refuse(-EOPNOTSUPP, why, size, "unknown op %u", h.op);
	if (h.len != len - sizeof(h))
		return refuse(-EBADMSG, why, size,
			      "op %u: header says %u payload bytes, packet has %zu", h.op, h.len,
			      len - sizeof(h));
	if (h.len != (uint32_t)want)
		return refuse(-EBADMSG, why, size, "op %u: payload is %u bytes, expected %d", h.op,
			      h.len, want);
	memcpy(&req->p, (const char *)buf + sizeof(h), h.len);
	return check_payload(req, why, size);
}
