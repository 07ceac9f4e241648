// SPDX-License-Identifier: MIT
/*
 * The runtime side of each app's channel (libapplibs/src/runtime_proto.h,
 * docs/runtime-channel.md): one SOCK_SEQPACKET pair per running app. Every
 * packet is decoded strictly (rt_decode.c), checked against the app's
 * manifest, carried out here, and answered; a malformed packet is answered
 * with its error and named in the app's log, and changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/rtc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "certstore.h"
#include "intercore.h"
#include "netif.h"
#include "runtime.h"
#include "util.h"
#include "wifi.h"
#include "net_plan.h"
#include "rt_decode.h"

#define CGROUP_APPS "/sys/fs/cgroup/azsphere"
#define RTC_DEVICE  "/dev/rtc0"

int runtime_open(struct app *a, int *app_end)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv))
		return -errno;
	/* The app's end blocks: its applibs calls wait for their answer. */
	if (fcntl(sv[1], F_SETFL, 0)) {
		close(sv[0]);
		close(sv[1]);
		return -errno;
	}
	a->rt_fd = sv[0];
	a->rt_events = 0;
	*app_end = sv[1];
	return 0;
}

void runtime_close(struct appmand *d, struct app *a)
{
	if (a->rt_fd >= 0) {
		appmand_unwatch(d, a->rt_fd);
		close(a->rt_fd);
	}
	a->rt_fd = -1;
	a->rt_events = 0;
	if (d->deferring == a)
		d->deferring = NULL;
}

/* An answer; PASS >= 0 goes with it as SCM_RIGHTS (Application_Connect's socket). */
static void send_packet_fd(struct app *a, uint16_t op, uint32_t seq, int32_t result,
			   const void *data, size_t len, int pass)
{
	/* The largest answer is a Wi-Fi list; requests, not answers, go up to AZS_RT_MSG_MAX. */
	_Static_assert(sizeof(struct azs_rt_wifi_list) >= sizeof(struct azs_rt_wifi_scan) &&
			       sizeof(struct azs_rt_wifi_list) >= sizeof(struct azs_rt_ntp_last),
		       "the Wi-Fi list is the largest answer");
	char buf[sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_reply) +
		 sizeof(struct azs_rt_wifi_list)];
	struct azs_rt_hdr h = {
		.magic = AZS_RT_MAGIC, .version = AZS_RT_VERSION, .op = op, .seq = seq};
	struct azs_rt_reply r = {.result = result};
	size_t n = sizeof(h);

	if (op & AZS_RT_REPLY) {
		memcpy(buf + n, &r, sizeof(r));
		n += sizeof(r);
	}
	if (result)
		len = 0;
	if (n + len > sizeof(buf))
		return;
	memcpy(buf + n, data, len);
	n += len;
	h.len = (uint32_t)(n - sizeof(h));
	memcpy(buf, &h, sizeof(h));
	/* Non-blocking: an app that doesn't read its answers loses them, never the daemon. */
	{
		struct iovec iov = {.iov_base = buf, .iov_len = n};
		union {
			struct cmsghdr c;
			char space[CMSG_SPACE(sizeof(int))];
		} u;
		struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};

		if (pass >= 0) {
			struct cmsghdr *c;

			memset(&u, 0, sizeof(u));
			msg.msg_control = u.space;
			msg.msg_controllen = sizeof(u.space);
			c = CMSG_FIRSTHDR(&msg);
			c->cmsg_level = SOL_SOCKET;
			c->cmsg_type = SCM_RIGHTS;
			c->cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(c), &pass, sizeof(int));
		}
		if (sendmsg(a->rt_fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
			app_log(a, "runtime: cannot answer (%s)", strerror(errno));
	}
}

static void send_packet(struct app *a, uint16_t op, uint32_t seq, int32_t result, const void *data,
			size_t len)
{
	send_packet_fd(a, op, seq, result, data, len, -1);
}

static bool has(const struct app *a, uint32_t mcap)
{
	return (a->manifest.caps.flags & mcap) != 0;
}

static uint64_t cgroup_value(const struct app *a, const char *file, const char *key)
{
	char path[PATH_MAX], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), CGROUP_APPS "/%s/%s", a->cid.str, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	if (key) {
		size_t kl = strlen(key);

		for (char *line = buf; line && *line;
		     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
			if (!strncmp(line, key, kl) && line[kl] == ' ')
				return strtoull(line + kl + 1, NULL, 10);
		return 0;
	}
	return strtoull(buf, NULL, 10);
}

static int op_memory(const struct app *a, struct azs_rt_memory *m)
{
	memset(m, 0, sizeof(*m));
	m->total_kb = (uint32_t)(cgroup_value(a, "memory.current", NULL) / 1024);
	m->user_kb = (uint32_t)(cgroup_value(a, "memory.stat", "anon") / 1024);
	m->peak_user_kb = (uint32_t)(cgroup_value(a, "memory.peak", NULL) / 1024);
	return m->total_kb ? 0 : -EAGAIN;
}

static void op_net_status(const struct app *a, struct azs_rt_net_status *s)
{
	memset(s, 0, sizeof(*s));
	if (!a->net_active)
		return;
	s->n_interfaces = 1;
	snprintf(s->name, sizeof(s->name), "%s", AZS_NET_APP_IFNAME);
	s->status = AZS_RT_NET_UP | AZS_RT_NET_CONNECTED | AZS_RT_NET_IP;
	/* "Internet": at least one of its granted hosts is resolved and routed. */
	if (a->n_net_allowed)
		s->status |= AZS_RT_NET_INTERNET;
}

static int op_power(struct appmand *d, struct app *a, const struct azs_rt_power *p)
{
	bool reboot = p->state == AZS_RT_POWER_REBOOT;

	if (!(a->manifest.caps.power_controls &
	      (reboot ? AZS_POWER_FORCE_REBOOT : AZS_POWER_FORCE_POWER_DOWN)))
		return -EACCES;
	app_log(a, "runtime: %s requested by the app", reboot ? "reboot" : "power-down");
	/* After the answer: busybox init reboots on SIGTERM, powers off on SIGUSR2. */
	d->power_request = reboot ? SIGTERM : SIGUSR2;
	return 0;
}

static int op_power_profile(struct app *a, uint32_t profile)
{
	static const char *const governor[] = {"conservative", "ondemand", "performance"};
	const char *path = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor";
	int fd, ret = 0;

	if (!(a->manifest.caps.power_controls & AZS_POWER_SET_POWER_PROFILE))
		return -EACCES;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -EOPNOTSUPP : -errno; /* no cpufreq: documented */
	if (write(fd, governor[profile], strlen(governor[profile])) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int op_systohc(struct app *a)
{
	struct rtc_time rt;
	struct tm tm;
	time_t now;
	int fd, ret = 0;

	if (!has(a, AZS_MCAP_SYSTEM_TIME))
		return -EACCES;
	fd = open(RTC_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	now = time(NULL);
	gmtime_r(&now, &tm);
	memset(&rt, 0, sizeof(rt));
	rt.tm_sec = tm.tm_sec;
	rt.tm_min = tm.tm_min;
	rt.tm_hour = tm.tm_hour;
	rt.tm_mday = tm.tm_mday;
	rt.tm_mon = tm.tm_mon;
	rt.tm_year = tm.tm_year;
	if (ioctl(fd, RTC_SET_TIME, &rt))
		ret = -errno;
	close(fd);
	return ret;
}

static int op_subscribe(struct app *a, uint32_t mask)
{
	if (!has(a, AZS_MCAP_SYSTEM_EVENT_NOTIFICATIONS))
		return -EACCES;
	a->rt_events = mask;
	return 0;
}

static int op_defer(struct appmand *d, struct app *a, const struct azs_rt_request *r)
{
	if (!has(a, AZS_MCAP_SOFTWARE_UPDATE_DEFERRAL))
		return -EACCES;
	/* Only an update announced as pending can be deferred or resumed. */
	if (!d->update_pending)
		return -EINVAL;
	if (r->op == AZS_RT_OP_SYSEVENT_DEFER) {
		d->deferring = a;
		d->deferred_until_ms = appmand_now_ms() + (uint64_t)r->p.defer.minutes * 60000;
		app_log(a, "runtime: update deferred by %u minutes", r->p.defer.minutes);
	} else if (d->deferring == a) {
		d->deferring = NULL;
		d->deferred_until_ms = 0;
		app_log(a, "runtime: update resumed");
	}
	return 0;
}

size_t runtime_subscribers(struct appmand *d, uint32_t event)
{
	size_t n = 0;

	for (size_t i = 0; i < APPMAND_MAX_APPS; i++)
		n += d->apps[i].used && d->apps[i].rt_fd >= 0 && (d->apps[i].rt_events & event);
	return n;
}

void runtime_broadcast(struct appmand *d, uint32_t event, uint32_t status, uint32_t type)
{
	struct azs_rt_sysevent ev = {.event = event,
				     .status = status,
				     .update_type = type,
				     .max_deferral_minutes = AZS_RT_DEFER_MAX_MINUTES};

	for (size_t i = 0; i < APPMAND_MAX_APPS; i++) {
		struct app *a = &d->apps[i];

		if (a->used && a->rt_fd >= 0 && (a->rt_events & event))
			send_packet(a, AZS_RT_OP_SYSEVENT_SUBSCRIBE | AZS_RT_EVENT, 0, 0, &ev,
				    sizeof(ev));
	}
}

static void dispatch(struct appmand *d, struct app *a, const struct azs_rt_request *r)
{
	union {
		struct azs_rt_net_status net;
		struct azs_rt_memory mem;
		struct azs_rt_i32 id;
		struct azs_rt_wifi_list list;
		struct azs_rt_cert_info cert;
		struct azs_rt_net_ifaces ifaces;
		struct azs_rt_u32 u32;
		struct azs_rt_ntp_last ntp_last;
		struct azs_rt_net_hwaddr hwaddr;
		struct azs_rt_wifi_scan scan;
		struct azs_rt_wifi_current current;
		struct azs_rt_proxy proxy;
	} out;
	size_t out_len = 0;
	int ret, pass = -1;

	switch (r->op) {
	case AZS_RT_OP_APP_CONNECT:
		ret = intercore_connect(d, a, &r->p.app_connect, &pass);
		break;
	case AZS_RT_OP_NET_STATUS:
		op_net_status(a, &out.net);
		out_len = sizeof(out.net);
		ret = 0;
		break;
	case AZS_RT_OP_NET_IFACES:
		netif_list(d, a, &out.ifaces);
		out_len = sizeof(out.ifaces);
		ret = 0;
		break;
	case AZS_RT_OP_NET_SET_STATE:
	case AZS_RT_OP_NET_DHCP:
	case AZS_RT_OP_TIMESYNC_GET:
	case AZS_RT_OP_TIMESYNC_SET:
	case AZS_RT_OP_NET_IPCONFIG:
	case AZS_RT_OP_TIMESYNC_NTP:
	case AZS_RT_OP_TIMESYNC_LAST:
	case AZS_RT_OP_NET_DHCPD:
	case AZS_RT_OP_NET_SNTPD:
	case AZS_RT_OP_NET_HWADDR_SET:
	case AZS_RT_OP_NET_HWADDR_GET:
	case AZS_RT_OP_PROXY_APPLY:
	case AZS_RT_OP_PROXY_GET:
		ret = netif_request(d, a, r, &out, &out_len);
		/* wlan0 set up or down: the radio connects or disconnects (netif.c is below wifi.c). */
		if (r->op == AZS_RT_OP_NET_SET_STATE)
			wifi_radio_update(d);
		break;
	case AZS_RT_OP_WIFI_SCAN:
	case AZS_RT_OP_WIFI_CURRENT:
		ret = has(a, AZS_MCAP_WIFI_CONFIG)
			      ? wifi_radio_request(d, r, &out.scan, &out.current, &out_len)
			      : -EACCES;
		break;
	case AZS_RT_OP_POWER:
		ret = op_power(d, a, &r->p.power);
		break;
	case AZS_RT_OP_POWER_PROFILE:
		ret = op_power_profile(a, r->p.u32.value);
		break;
	case AZS_RT_OP_MEMORY:
		ret = op_memory(a, &out.mem);
		out_len = sizeof(out.mem);
		break;
	case AZS_RT_OP_RTC_SYSTOHC:
		ret = op_systohc(a);
		break;
	case AZS_RT_OP_SYSEVENT_SUBSCRIBE:
		ret = op_subscribe(a, r->p.u32.value);
		break;
	case AZS_RT_OP_SYSEVENT_DEFER:
	case AZS_RT_OP_SYSEVENT_RESUME:
		ret = op_defer(d, a, r);
		break;
	case AZS_RT_OP_CERT_INSTALL:
	case AZS_RT_OP_CERT_DELETE:
	case AZS_RT_OP_CERT_COUNT:
	case AZS_RT_OP_CERT_ID_AT:
	case AZS_RT_OP_CERT_INFO:
	case AZS_RT_OP_CERT_MOVE:
	case AZS_RT_OP_CERT_SPACE:
		ret = has(a, AZS_MCAP_CERT_STORE) ? certstore_request(d, r, &out, &out_len)
						  : -EACCES;
		break;
	default:
		if (!has(a, AZS_MCAP_WIFI_CONFIG)) {
			ret = -EACCES;
			break;
		}
		ret = wifi_request(d, r, &out.id, &out.list, &out_len);
		/* A stored network may now be one the radio can connect with, or not. */
		if (!ret)
			wifi_radio_update(d);
		break;
	}
	send_packet_fd(a, (uint16_t)(r->op | AZS_RT_REPLY), r->seq, ret, &out, out_len, pass);
	if (pass >= 0)
		close(pass); /* the app has its copy (or lost the answer: the core sees it close) */
}

void runtime_event(struct appmand *d, struct app *a)
{
	char buf[AZS_RT_MSG_MAX + 1];
	struct azs_rt_request req;
	char why[160];
	ssize_t n;
	int ret;

	/* A bounded batch per wake-up: one app can't starve the others. */
	for (int i = 0; i < 16 && a->rt_fd >= 0; i++) {
		n = recv(a->rt_fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			/* The app closed its end (or ended): nothing more to serve. */
			runtime_close(d, a);
			return;
		}
		if ((size_t)n > sizeof(buf) - 1)
			n = (ssize_t)sizeof(buf); /* truncated: the decoder refuses the length */
		ret = azs_rt_decode_request(buf, (size_t)n, &req, why, sizeof(why));
		if (ret) {
			app_log(a, "runtime: refused a request: %s", why);
			if (req.op && !(req.op & (AZS_RT_REPLY | AZS_RT_EVENT)))
				send_packet(a, (uint16_t)(req.op | AZS_RT_REPLY), req.seq, ret,
					    NULL, 0);
			continue;
		}
		dispatch(d, a, &req);
		if (d->power_request) {
			int sig = d->power_request;

			d->power_request = 0;
			d->stopping = true;
			sync();
			kill(1, sig);
			return;
		}
	}
}
