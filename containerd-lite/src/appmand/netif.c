// SPDX-License-Identifier: MIT
/*
 * The network interfaces apps see through applibs (Networking_* over the
 * runtime channel, docs/runtime-channel.md): the app's own link (eth0, only
 * with network capabilities: network.c) and the device's Wi-Fi interface,
 * wlan0; and the device's time-sync switch.
 *
 * wlan0 is the simulated radio's interface: a veth whose peer (azsradio0) is
 * the radio's side. netif_init creates it at start, administratively up as on
 * the device, and leaves the peer down: wlan0 has no carrier, so it is up but
 * not connected to any network and has no address. What apps read is the
 * kernel's view of it: InterfaceUp is IFF_UP, ConnectedToNetwork is carrier
 * (IFF_RUNNING), IpAvailable is an IPv4 address on it (and no DHCP release in
 * force); ConnectedToInternet never (no traffic leaves the device).
 *
 * The device's network services are Debian's programs, run by the daemon
 * (docs/network.md): busybox udhcpc, wlan0's DHCP client (its script,
 * /etc/azs/udhcpc.script, applies a lease); the time-sync service
 * (/etc/azs/timesync, chronyd -q against the configured NTP servers); for
 * apps with DhcpService / SntpService, busybox udhcpd and chronyd as servers
 * on wlan0's static address. Each runs detached (init reaps it); the daemon
 * keeps its pid to signal or stop it, checking /proc/PID/stat first (the
 * name, and that it has not ended).
 *
 * The app's eth0 is the runtime's: an app may read it, not change it (EPERM).
 * The daemon is single-threaded: no locking.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <sched.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "netif.h"
#include "util.h"
#include "file_read.h"
#include "net_plan.h"

#define AZS_NET_WLAN_IFNAME "wlan0"
#define WLAN_PEER           "azsradio0"
#define NET_RUN             "/run/azsphere/net"
#define UDHCPC_SCRIPT       "/etc/azs/udhcpc.script"
#define TIMESYNC_SCRIPT     "/etc/azs/timesync"
#define TIMESYNC_FILE       "timesync.conf"
#define HWADDR_FILE         "wlan0.hwaddr"
#define STATE_FILE          "wlan0.state"
#define IPCONFIG_FILE       "wlan0.ipconfig"
#define PROXY_FILE          "proxy.conf"
#define DEFAULT_NTP         "prod.time.sphere.azure.net"

extern char **environ;

static bool service_is(pid_t pid, const char *comm);
static void service_stop(pid_t *pid, const char *comm);
static int write_atomic(const char *dir_path, const char *name, const char *text, mode_t mode);
static bool wlan_static(const struct appmand *d);
static int drop_ipv4(const char *name);
static void net_restore(struct appmand *d);

/* An rtnetlink request with room for the attributes of a veth pair. */
struct nl_req {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[256];
};

static struct rtattr *nl_put(struct nl_req *r, unsigned short type, const void *data, size_t len)
{
	size_t at = NLMSG_ALIGN(r->nh.nlmsg_len);
	struct rtattr *rta = (struct rtattr *)((char *)r + at);

	if (at + RTA_SPACE(len) > sizeof(*r))
		return NULL;
	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	r->nh.nlmsg_len = (uint32_t)(at + RTA_SPACE(len));
	return rta;
}

static void nl_end(struct nl_req *r, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)r + r->nh.nlmsg_len - (char *)nest);
}

/* ip link add wlan0 type veth peer name azsradio0, over rtnetlink. */
static int wlan_create(void)
{
	struct nl_req r;
	struct rtattr *info, *data, *peer;
	struct ifinfomsg peer_ifi;
	char ack[512];
	ssize_t n;
	int fd, ret;

	memset(&r, 0, sizeof(r));
	memset(&peer_ifi, 0, sizeof(peer_ifi));
	r.nh.nlmsg_len = NLMSG_LENGTH(sizeof(r.ifi));
	r.nh.nlmsg_type = RTM_NEWLINK;
	r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
	r.nh.nlmsg_seq = 1;
	r.ifi.ifi_family = AF_UNSPEC;
	if (!nl_put(&r, IFLA_IFNAME, AZS_NET_WLAN_IFNAME, sizeof(AZS_NET_WLAN_IFNAME)) ||
	    !(info = nl_put(&r, IFLA_LINKINFO, NULL, 0)) ||
	    !nl_put(&r, IFLA_INFO_KIND, "veth", sizeof("veth")) ||
	    !(data = nl_put(&r, IFLA_INFO_DATA, NULL, 0)) ||
	    !(peer = nl_put(&r, VETH_INFO_PEER, &peer_ifi, sizeof(peer_ifi))) ||
	    !nl_put(&r, IFLA_IFNAME, WLAN_PEER, sizeof(WLAN_PEER)))
		return -ENOBUFS;
	nl_end(&r, peer);
	nl_end(&r, data);
	nl_end(&r, info);

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	if (send(fd, &r, r.nh.nlmsg_len, 0) < 0) {
		ret = -errno;
		goto out;
	}
	n = recv(fd, ack, sizeof(ack), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
		ret = n < 0 ? -errno : -EPROTO;
		goto out;
	}
	{
		struct nlmsghdr h;
		struct nlmsgerr e;

		memcpy(&h, ack, sizeof(h));
		memcpy(&e, ack + NLMSG_HDRLEN, sizeof(e));
		ret = h.nlmsg_type == NLMSG_ERROR ? e.error : -EPROTO;
	}
out:
	close(fd);
	return ret;
}

/* Send one request on FD and read its acknowledgement: 0 or -errno. */
static int nl_talk(int fd, struct nl_req *r)
{
	char ack[512];
	ssize_t n;

	if (send(fd, r, r->nh.nlmsg_len, 0) < 0)
		return -errno;
	n = recv(fd, ack, sizeof(ack), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)))
		return n < 0 ? -errno : -EPROTO;
	{
		struct nlmsghdr h;
		struct nlmsgerr e;

		memcpy(&h, ack, sizeof(h));
		memcpy(&e, ack + NLMSG_HDRLEN, sizeof(e));
		return h.nlmsg_type == NLMSG_ERROR ? e.error : -EPROTO;
	}
}

/* ip link set azsradio0 netns (ATTR: IFLA_NET_NS_PID or _FD VALUE), on FD. */
static int radio_move(int fd, unsigned short attr, uint32_t value)
{
	struct nl_req r;

	memset(&r, 0, sizeof(r));
	r.nh.nlmsg_len = NLMSG_LENGTH(sizeof(r.ifi));
	r.nh.nlmsg_type = RTM_NEWLINK;
	r.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.nh.nlmsg_seq = 1;
	r.ifi.ifi_family = AF_UNSPEC;
	if (!nl_put(&r, IFLA_IFNAME, WLAN_PEER, sizeof(WLAN_PEER)) ||
	    !nl_put(&r, attr, &value, sizeof(value)))
		return -ENOBUFS;
	return nl_talk(fd, &r);
}

/* The radio associates: its end of wlan0 goes to the access point's network namespace. */
int netif_radio_join(struct appmand *d, pid_t ap)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), ret;

	if (fd < 0)
		return -errno;
	ret = radio_move(fd, IFLA_NET_NS_PID, (uint32_t)ap);
	close(fd);
	if (!ret) {
		/* Ask for a lease now rather than at the client's next try. */
		d->wlan_released = false;
		if (service_is(d->dhcpc_pid, "udhcpc"))
			kill(d->dhcpc_pid, SIGUSR1);
	}
	return ret;
}

/*
 * The radio leaves: its end comes back from the access point's namespace
 * (a netlink socket made there, the daemon's own namespace restored at
 * once), down, so wlan0 has no carrier; a dynamic address is dropped.
 */
int netif_radio_leave(struct appmand *d, pid_t ap)
{
	char path[64];
	int self, there, fd = -1, ret = 0;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)ap);
	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	there = open(path, O_RDONLY | O_CLOEXEC);
	if (self < 0 || there < 0) {
		ret = -errno;
		goto out;
	}
	if (setns(there, CLONE_NEWNET)) {
		ret = -errno;
		goto out;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		ret = -errno;
	if (setns(self, CLONE_NEWNET)) {
		/* Can't happen with CAP_SYS_ADMIN; stop rather than run in the wrong namespace. */
		fprintf(stderr, "appmand: cannot return to its own network namespace\n");
		abort();
	}
	if (!ret)
		ret = radio_move(fd, IFLA_NET_NS_FD, (uint32_t)self);
out:
	if (fd >= 0)
		close(fd);
	if (self >= 0)
		close(self);
	if (there >= 0)
		close(there);
	if (!wlan_static(d)) {
		drop_ipv4(AZS_NET_WLAN_IFNAME);
		unlink(NET_RUN "/lease");
	}
	return ret;
}

static int inet_socket(void)
{
	return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

/* IFR, zeroed, for the interface NAME. */
static void ifreq_for(struct ifreq *ifr, const char *name)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
}

/* One interface ioctl CMD with IFR (ifreq_for'd), on a socket of its own: 0 or -errno. */
static int ifreq_ioctl(unsigned long cmd, struct ifreq *ifr)
{
	int fd = inet_socket(), ret;

	if (fd < 0)
		return -errno;
	ret = ioctl(fd, cmd, ifr) ? -errno : 0;
	close(fd);
	return ret;
}

static int get_flags(const char *name, short *flags)
{
	struct ifreq ifr;
	int ret;

	ifreq_for(&ifr, name);
	ret = ifreq_ioctl(SIOCGIFFLAGS, &ifr);
	if (!ret)
		*flags = ifr.ifr_flags;
	return ret;
}

static int set_up(const char *name, bool up)
{
	struct ifreq ifr;
	int ret;

	ifreq_for(&ifr, name);
	ret = ifreq_ioctl(SIOCGIFFLAGS, &ifr);
	if (ret)
		return ret;
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	return ifreq_ioctl(SIOCSIFFLAGS, &ifr);
}

/* The interface's first IPv4 address, if it has one. */
static bool has_ipv4(int fd, const char *name)
{
	struct ifreq ifr;

	ifreq_for(&ifr, name);
	ifr.ifr_addr.sa_family = AF_INET;
	return ioctl(fd, SIOCGIFADDR, &ifr) == 0;
}

/* Drop every IPv4 address of NAME (setting 0.0.0.0 deletes the address, as ifconfig does). */
static int drop_ipv4(const char *name)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	struct ifreq ifr;
	int fd = inet_socket(), ret = 0;

	if (fd < 0)
		return -errno;
	for (int i = 0; i < 64 && has_ipv4(fd, name); i++) {
		ifreq_for(&ifr, name);
		memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
		if (ioctl(fd, SIOCSIFADDR, &ifr)) {
			ret = -errno;
			break;
		}
	}
	if (!ret && has_ipv4(fd, name))
		ret = -EIO;
	close(fd);
	return ret;
}

bool netif_wlan_up(void)
{
	short flags = 0;

	return !get_flags(AZS_NET_WLAN_IFNAME, &flags) && (flags & IFF_UP);
}

static void wlan_entry(const struct appmand *d, struct azs_rt_net_iface *e)
{
	short flags = 0;
	int fd;

	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", AZS_NET_WLAN_IFNAME);
	e->ip_type = AZS_RT_NET_DHCP_CLIENT;
	e->medium = AZS_RT_NET_MEDIUM_WIFI;
	if (get_flags(AZS_NET_WLAN_IFNAME, &flags))
		return;
	e->enabled = (flags & IFF_UP) != 0;
	if (flags & IFF_UP)
		e->status |= AZS_RT_NET_UP;
	if ((flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING))
		e->status |= AZS_RT_NET_CONNECTED;
	fd = inet_socket();
	if (fd >= 0) {
		if ((e->status & AZS_RT_NET_UP) && !d->wlan_released &&
		    has_ipv4(fd, AZS_NET_WLAN_IFNAME))
			e->status |= AZS_RT_NET_IP;
		close(fd);
	}
}

void netif_list(const struct appmand *d, const struct app *a, struct azs_rt_net_ifaces *out)
{
	memset(out, 0, sizeof(*out));
	if (a->net_active) {
		struct azs_rt_net_iface *e = &out->ifs[out->n++];

		snprintf(e->name, sizeof(e->name), "%s", AZS_NET_APP_IFNAME);
		e->status = AZS_RT_NET_UP | AZS_RT_NET_CONNECTED | AZS_RT_NET_IP;
		/* "Internet": at least one of its granted hosts is resolved and routed. */
		if (a->n_net_allowed)
			e->status |= AZS_RT_NET_INTERNET;
		e->enabled = 1;
		e->ip_type = AZS_RT_NET_DHCP_NONE; /* the runtime's static address */
		e->medium = AZS_RT_NET_MEDIUM_ETHERNET;
	}
	if (if_nametoindex(AZS_NET_WLAN_IFNAME))
		wlan_entry(d, &out->ifs[out->n++]);
	/* NET_RUN is a tmpfs: the service's record is of a synchronisation since boot. */
	if (!d->timesync_enabled || access(NET_RUN "/timesync-last", F_OK) == 0)
		out->flags |= AZS_RT_NET_TIME_OK;
}

/* 0 for wlan0, -EPERM for the app's own link, -ENOENT for anything else. */
static int which(const struct app *a, const char *name)
{
	if (!strcmp(name, AZS_NET_WLAN_IFNAME) && if_nametoindex(AZS_NET_WLAN_IFNAME))
		return 0;
	if (a->net_active && !strcmp(name, AZS_NET_APP_IFNAME))
		return -EPERM;
	return -ENOENT;
}

/* ---- Programs the daemon runs ---- */

int netif_run(const char *path, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	int status, ret;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	ret = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (ret)
		return -ret;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EPROTO;
}

/*
 * Start PATH ARGV detached: a child forks the service and exits, so init
 * reaps the service, never this daemon. Its output goes to NET_RUN/LOG.
 * Returns the service's pid or -errno.
 */
static pid_t spawn_service(const char *path, char *const argv[], const char *log)
{
	char logpath[PATH_MAX];
	int p[2], status;
	pid_t child, svc = 0;

	snprintf(logpath, sizeof(logpath), NET_RUN "/%s", log);
	if (pipe2(p, O_CLOEXEC))
		return -errno;
	child = fork();
	if (child < 0) {
		close(p[0]);
		close(p[1]);
		return -errno;
	}
	if (child == 0) {
		sigset_t none;
		pid_t g;

		sigemptyset(&none);
		setsid();
		g = fork();
		if (g == 0) {
			int in = open("/dev/null", O_RDONLY);
			int out = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0600);

			sigprocmask(SIG_SETMASK, &none, NULL);
			for (int sig = 1; sig < NSIG; sig++)
				signal(sig, SIG_DFL);
			if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
			    dup2(out, 2) < 0)
				_exit(127);
			execve(path, argv, environ);
			_exit(127);
		}
		if (write(p[1], &g, sizeof(g)) != sizeof(g))
			_exit(1);
		_exit(g > 0 ? 0 : 1);
	}
	close(p[1]);
	if (read(p[0], &svc, sizeof(svc)) != sizeof(svc))
		svc = -EIO;
	close(p[0]);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (svc > 0) {
		/* NET_RUN/NAME.service (not the pid file a service keeps itself): a
		 * restarted daemon finds it (service_reclaim). */
		char name[64], text[24];

		snprintf(name, sizeof(name), "%.*s.service", (int)strcspn(log, "."), log);
		snprintf(text, sizeof(text), "%d\n", (int)svc);
		write_atomic(NET_RUN, name, text, 0644);
	}
	return svc;
}

/* A service a previous run of the daemon left (NET_RUN/NAME.service, still COMM): stopped. */
static void service_reclaim(const char *name, const char *comm)
{
	struct azs_file_data f = {0};
	char path[PATH_MAX], text[24];
	pid_t pid;

	snprintf(path, sizeof(path), NET_RUN "/%s.service", name);
	if (azs_file_read(path, sizeof(text) - 1, &f))
		return;
	memcpy(text, f.data, f.len);
	text[f.len] = 0;
	azs_file_data_free(&f);
	pid = (pid_t)atoi(text);
	if (service_is(pid, comm))
		service_stop(&pid, comm);
	unlink(path);
}

/*
 * PID is still the service COMM (not a reused pid) and has not ended: an
 * ended service stays a zombie until init reaps it, which busybox's init
 * does up to a second later, and a stop (service_stop, at every start of
 * the daemon) must not wait for that.
 */
static bool service_is(pid_t pid, const char *comm)
{
	char path[64], buf[128], *open_paren, *close_paren;
	ssize_t n;
	int fd;

	if (pid <= 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = 0;
	/* "PID (COMM) STATE ...": COMM may hold anything, ')' too; STATE follows the last. */
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren || close_paren[1] != ' ')
		return false;
	*close_paren = 0;
	return !strcmp(open_paren + 1, comm) && close_paren[2] != 'Z' && close_paren[2] != 'X';
}

/* PID became COMM (its exec worked) within half a second. */
static bool service_started(pid_t pid, const char *comm)
{
	for (int i = 0; i < 25; i++) {
		if (service_is(pid, comm))
			return true;
		usleep(20000);
	}
	return false;
}

/*
 * Stopped, and ended within a second: waited for on a pidfd (readable when
 * the process ends, before init reaps it), so the wait is as long as the
 * service takes to go, not a polling period. The pidfd is opened before the
 * check that PID is still COMM, and signalled through: no reused pid is hit.
 */
static void service_stop(pid_t *pid, const char *comm)
{
	int pfd = *pid > 0 ? (int)syscall(SYS_pidfd_open, *pid, 0) : -1;

	if (pfd >= 0 && service_is(*pid, comm)) {
		struct pollfd p = {.fd = pfd, .events = POLLIN};

		if (!syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0))
			while (poll(&p, 1, 1000) < 0 && errno == EINTR)
				;
	} else if (pfd < 0 && service_is(*pid, comm)) {
		/* No pidfds (an old kernel): by pid, and polled. */
		kill(*pid, SIGTERM);
		for (int i = 0; i < 50 && service_is(*pid, comm); i++)
			usleep(20000);
	}
	if (pfd >= 0)
		close(pfd);
	*pid = 0;
}

/* A file of the daemon's, written atomically (store.c). */
static int write_atomic(const char *dir_path, const char *name, const char *text, mode_t mode)
{
	return appmand_write_file(dir_path, name, text, strlen(text), mode);
}

static void ip4(char *out, size_t size, const uint8_t a[4])
{
	snprintf(out, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static int prefix_len(const uint8_t m[4])
{
	uint32_t v = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
	int n = 0;

	while (v & 0x80000000u) {
		n++;
		v <<= 1;
	}
	return n;
}

static bool wlan_static(const struct appmand *d)
{
	return (d->wlan_ip.flags & AZS_RT_IPCFG_STATIC) != 0;
}

/* ---- Time sync: the switch and the servers, persisted ---- */

/* The servers the time-sync service asks, in order ("@dhcp": the lease's). */
static int write_ntp_servers(const struct appmand *d)
{
	char text[2 * AZS_RT_NTP_NAME_MAX + 64];
	const struct azs_rt_ntp_config *c = &d->ntp;

	text[0] = 0;
	if (c->mode == AZS_RT_NTP_CUSTOM)
		azs_format(text, sizeof(text), "%s\n%s%s", c->primary, c->secondary,
			   c->secondary[0] ? "\n" : "");
	else if (c->mode == AZS_RT_NTP_AUTOMATIC)
		azs_format(text, sizeof(text), "@dhcp\n");
	if (c->mode == AZS_RT_NTP_DEFAULT || c->fallback)
		azs_format(text + strlen(text), sizeof(text) - strlen(text), "%s\n", DEFAULT_NTP);
	return write_atomic(NET_RUN, "ntp-servers", text, 0644);
}

static int timesync_persist(const struct appmand *d)
{
	char text[2 * AZS_RT_NTP_NAME_MAX + 128];

	azs_format(text, sizeof(text),
		   "enabled %d\nmode %u\nfallback %u\nprimary %s\nsecondary %s\n",
		   d->timesync_enabled ? 1 : 0, d->ntp.mode, d->ntp.fallback, d->ntp.primary,
		   d->ntp.secondary);
	return write_atomic(d->state_dir, TIMESYNC_FILE, text, 0600);
}

/*
 * TEXT as the persisted switch and servers: exactly the lines
 * timesync_persist writes, the servers checked as a request would be.
 */
static int timesync_parse(const char *text, bool *enabled, struct azs_rt_ntp_config *c)
{
	char buf[sizeof(struct azs_rt_hdr) + sizeof(*c)], why[160];
	struct azs_rt_hdr h = {.magic = AZS_RT_MAGIC,
			       .version = AZS_RT_VERSION,
			       .op = AZS_RT_OP_TIMESYNC_NTP,
			       .len = sizeof(*c)};
	struct azs_rt_request req;
	const char *p = text;
	unsigned int en, mode, fb;
	char nl;
	int n = 0;

	memset(c, 0, sizeof(*c));
	if (sscanf(p, "enabled %1u%c%n", &en, &nl, &n) != 2 || nl != '\n' || en > 1)
		return -EINVAL;
	p += n;
	if (sscanf(p, "mode %1u%c%n", &mode, &nl, &n) != 2 || nl != '\n')
		return -EINVAL;
	p += n;
	if (sscanf(p, "fallback %1u%c%n", &fb, &nl, &n) != 2 || nl != '\n')
		return -EINVAL;
	p += n;
	if (strncmp(p, "primary ", 8))
		return -EINVAL;
	p += 8;
	n = (int)strcspn(p, "\n");
	if (n > AZS_RT_NTP_NAME_MAX || p[n] != '\n')
		return -EINVAL;
	memcpy(c->primary, p, (size_t)n);
	p += n + 1;
	if (strncmp(p, "secondary ", 10))
		return -EINVAL;
	p += 10;
	n = (int)strcspn(p, "\n");
	if (n > AZS_RT_NTP_NAME_MAX || p[n] != '\n' || p[n + 1])
		return -EINVAL;
	memcpy(c->secondary, p, (size_t)n);
	c->mode = mode;
	c->fallback = fb;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), c, sizeof(*c));
	if (azs_rt_decode_request(buf, sizeof(buf), &req, why, sizeof(why)))
		return -EINVAL;
	*enabled = en;
	return 0;
}

static void timesync_load(struct appmand *d)
{
	struct azs_file_data f = {0};
	char path[PATH_MAX];
	int ret;

	d->timesync_enabled = true;
	memset(&d->ntp, 0, sizeof(d->ntp));
	snprintf(path, sizeof(path), "%s/%s", d->state_dir, TIMESYNC_FILE);
	ret = azs_file_read(path, 4096, &f);
	if (ret == -ENOENT)
		return;
	if (!ret) {
		char *text = malloc(f.len + 1);

		ret = -ENOMEM;
		if (text) {
			memcpy(text, f.data, f.len);
			text[f.len] = 0;
			ret = strlen(text) == f.len
				      ? timesync_parse(text, &d->timesync_enabled, &d->ntp)
				      : -EINVAL;
			free(text);
		}
	}
	azs_file_data_free(&f);
	if (ret) {
		/* The defaults, and the next change writes a good file over it. */
		d->timesync_enabled = true;
		memset(&d->ntp, 0, sizeof(d->ntp));
		fprintf(stderr,
			"appmand: %s is refused (%s): time sync enabled with the default server\n",
			path, strerror(-ret));
	}
}

/* ---- wlan0's hardware address, persisted ---- */

static int hwaddr_set(const uint8_t mac[6])
{
	struct ifreq ifr;

	ifreq_for(&ifr, AZS_NET_WLAN_IFNAME);
	ifr.ifr_hwaddr.sa_family = 1; /* ARPHRD_ETHER */
	memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
	return ifreq_ioctl(SIOCSIFHWADDR, &ifr);
}

static int hwaddr_get(uint8_t mac[6])
{
	struct ifreq ifr;
	int ret;

	ifreq_for(&ifr, AZS_NET_WLAN_IFNAME);
	ret = ifreq_ioctl(SIOCGIFHWADDR, &ifr);
	if (!ret)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return ret;
}

static void hwaddr_load(struct appmand *d)
{
	struct azs_file_data f = {0};
	char path[PATH_MAX], text[18];
	unsigned int b[6];
	uint8_t mac[6];
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s", d->state_dir, HWADDR_FILE);
	if (azs_file_read(path, 64, &f))
		return;
	if (f.len == 18 && f.data[17] == '\n') {
		memcpy(text, f.data, 17);
		text[17] = 0;
		if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%n", &b[0], &b[1], &b[2], &b[3], &b[4],
			   &b[5], &n) == 6 &&
		    n == 17) {
			for (int i = 0; i < 6; i++)
				mac[i] = (uint8_t)b[i];
			if (!(mac[0] & 1) && hwaddr_set(mac) == 0) {
				azs_file_data_free(&f);
				return;
			}
		}
	}
	azs_file_data_free(&f);
	fprintf(stderr, "appmand: %s is refused: wlan0 keeps its address\n", path);
}

/*
 * ---- wlan0's enabled state and IP configuration, and the proxy, persisted ----
 *
 * Each is kept as the request that set it: a runtime-channel packet (header
 * and payload, the device's byte order), so loading it is the same strict
 * decode (azs_rt_decode_request) an app's request gets.
 */
static int net_save(const struct appmand *d, const char *name, uint16_t op, const void *payload,
		    size_t len)
{
	char buf[sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_proxy) + 64];
	struct azs_rt_hdr h = {
		.magic = AZS_RT_MAGIC, .version = AZS_RT_VERSION, .op = op, .len = (uint32_t)len};

	if (sizeof(h) + len > sizeof(buf))
		return -EOVERFLOW;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), payload, len);
	return appmand_write_file(d->state_dir, name, buf, sizeof(h) + len, 0600);
}

/* 0 and *REQ, -ENOENT (never set), or -EINVAL with the reason in WHY. */
static int net_load(const struct appmand *d, const char *name, uint16_t op,
		    struct azs_rt_request *req, char *why, size_t size)
{
	struct azs_file_data f = {0};
	char path[PATH_MAX];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", d->state_dir, name);
	ret = azs_file_read(path, 4096, &f);
	if (ret == -ENOENT)
		return ret;
	if (ret) {
		snprintf(why, size, "%s", strerror(-ret));
		return -EINVAL;
	}
	ret = azs_rt_decode_request(f.data, f.len, req, why, size);
	azs_file_data_free(&f);
	if (!ret && req->op != op) {
		snprintf(why, size, "op %u, expected %u", req->op, op);
		ret = -EINVAL;
	}
	return ret ? -EINVAL : 0;
}

static void net_refused(const struct appmand *d, const char *name, const char *why,
			const char *what)
{
	fprintf(stderr, "appmand: %s/%s is refused (%s): %s\n", d->state_dir, name, why, what);
}

int netif_proxy_set(struct appmand *d, const struct azs_rt_proxy *p, char *why, size_t size)
{
	char buf[sizeof(struct azs_rt_hdr) + sizeof(*p)];
	struct azs_rt_hdr h = {.magic = AZS_RT_MAGIC,
			       .version = AZS_RT_VERSION,
			       .op = AZS_RT_OP_PROXY_APPLY,
			       .len = sizeof(*p)};
	struct azs_rt_request req;
	int ret, dir;

	if (!p) {
		dir = open(d->state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dir < 0)
			return -errno;
		ret = unlinkat(dir, PROXY_FILE, 0) && errno != ENOENT ? -errno : 0;
		if (!ret && fsync(dir))
			ret = -errno;
		close(dir);
		if (!ret)
			d->proxy_set = false;
		return ret;
	}
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), p, sizeof(*p));
	if (azs_rt_decode_request(buf, sizeof(buf), &req, why, size))
		return -EINVAL;
	ret = net_save(d, PROXY_FILE, AZS_RT_OP_PROXY_APPLY, &req.p.proxy, sizeof(req.p.proxy));
	if (ret)
		return ret;
	d->proxy = req.p.proxy;
	d->proxy_set = true;
	return 0;
}

/* ---- Services ---- */

static void dhcpc_start(struct appmand *d)
{
	char *const argv[] = {"udhcpc", "-f",          "-i", AZS_NET_WLAN_IFNAME,
			      "-s",     UDHCPC_SCRIPT, "-O", "ntpsrv",
			      "-t",     "3",           "-T", "1",
			      "-A",     "2",           NULL};
	pid_t pid;

	if (service_is(d->dhcpc_pid, "udhcpc"))
		return;
	pid = spawn_service("/sbin/udhcpc", argv, "udhcpc.log");
	d->dhcpc_pid = pid > 0 ? pid : 0;
	if (pid <= 0)
		fprintf(stderr, "appmand: cannot start wlan0's DHCP client: %s\n",
			strerror((int)-pid));
}

void netif_update(struct appmand *d)
{
	if (!if_nametoindex(AZS_NET_WLAN_IFNAME))
		return;
	if (d->wlan_refused) {
		service_stop(&d->dhcpc_pid, "udhcpc"); /* unconfigured until an app applies one */
		return;
	}
	if (!wlan_static(d))
		dhcpc_start(d);
	else
		service_stop(&d->dhcpc_pid, "udhcpc");
	if (d->timesync_enabled && !service_is(d->timesync_pid, "timesync")) {
		char *const argv[] = {"timesync", NULL};
		pid_t pid = spawn_service(TIMESYNC_SCRIPT, argv, "timesync.log");

		d->timesync_pid = pid > 0 ? pid : 0;
	} else if (!d->timesync_enabled) {
		service_stop(&d->timesync_pid, "timesync");
	}
}

int netif_init(struct appmand *d)
{
	int ret = 0;

	d->wlan_released = false;
	d->wlan_refused = false;
	memset(&d->wlan_ip, 0, sizeof(d->wlan_ip));
	d->wifi_connected = -1;
	if (mkdir("/run/azsphere", 0755) && errno != EEXIST)
		ret = -errno;
	if (!ret && mkdir(NET_RUN, 0755) && errno != EEXIST)
		ret = -errno;
	timesync_load(d);
	/* What an earlier run of the daemon started is its no longer. */
	service_reclaim("udhcpc", "udhcpc");
	service_reclaim("timesync", "timesync");
	service_reclaim("udhcpd", "udhcpd");
	service_reclaim("sntpd", "chronyd");
	if (!ret)
		ret = write_ntp_servers(d);
	if (ret)
		fprintf(stderr, "appmand: %s: %s\n", NET_RUN, strerror(-ret));
	if (!if_nametoindex(AZS_NET_WLAN_IFNAME))
		ret = wlan_create();
	if (!ret)
		hwaddr_load(d);
	if (ret) {
		fprintf(stderr, "appmand: cannot make the Wi-Fi interface %s: %s\n",
			AZS_NET_WLAN_IFNAME, strerror(-ret));
		return ret;
	}
	net_restore(d);
	netif_update(d);
	return 0;
}

/* Static address ADDR/MASK via GW (0.0.0.0: none) on wlan0, DHCP stopped. */
static int apply_static(struct appmand *d, const struct azs_rt_net_ipconfig *c)
{
	char addr[32], gw[20];
	int ret;

	service_stop(&d->dhcpc_pid, "udhcpc");
	ret = drop_ipv4(AZS_NET_WLAN_IFNAME);
	if (ret)
		return ret;
	ip4(addr, sizeof(addr), c->ip);
	snprintf(addr + strlen(addr), sizeof(addr) - strlen(addr), "/%d", prefix_len(c->mask));
	{
		char *const argv[] = {"ip", "addr", "add", addr, "dev", AZS_NET_WLAN_IFNAME, NULL};

		ret = netif_run("/sbin/ip", argv);
	}
	if (!ret && c->gw[0]) {
		char *const argv[] = {"ip", "route", "replace",           "default", "via",
				      gw,   "dev",   AZS_NET_WLAN_IFNAME, "onlink",  NULL};

		ip4(gw, sizeof(gw), c->gw);
		ret = netif_run("/sbin/ip", argv);
	}
	return ret;
}

/* The device's resolver: C's servers, or (automatic) the lease's, if any. */
static int apply_dns(const struct azs_rt_net_ipconfig *c)
{
	char text[256] = "";
	int ret;

	if (!(c->flags & AZS_RT_IPCFG_CUSTOM_DNS)) {
		struct azs_file_data f = {0};

		unlink(NET_RUN "/dns-custom");
		if (azs_file_read(NET_RUN "/dhcp-resolv.conf", sizeof(text) - 1, &f) == 0) {
			memcpy(text, f.data, f.len);
			text[f.len] = 0;
		}
		azs_file_data_free(&f);
		if (!text[0])
			return 0; /* no lease yet: the DHCP client writes it */
		return write_atomic("/etc", "resolv.conf", text, 0644);
	}
	for (uint32_t i = 0; i < c->n_dns; i++) {
		char a[20];

		ip4(a, sizeof(a), c->dns[i]);
		azs_format(text + strlen(text), sizeof(text) - strlen(text), "nameserver %s\n", a);
	}
	ret = write_atomic(NET_RUN, "dns-custom", "1\n", 0644);
	return ret ? ret : write_atomic("/etc", "resolv.conf", text, 0644);
}

/*
 * At start: what apps last applied, from the flash (absent: wlan0 up, a DHCP
 * client, no proxy). A damaged file is named and refused, never replaced by
 * the defaults: a damaged state or IP configuration leaves wlan0 down and
 * unconfigured (no DHCP client) until an app applies one; a damaged proxy
 * leaves none set (Networking_Proxy_Get: ENOENT).
 */
static void net_restore(struct appmand *d)
{
	struct azs_rt_request req;
	char why[160];
	bool up = true;
	int ret;

	ret = net_load(d, STATE_FILE, AZS_RT_OP_NET_SET_STATE, &req, why, sizeof(why));
	if (!ret) {
		up = req.p.iface.flag != 0;
	} else if (ret != -ENOENT) {
		net_refused(d, STATE_FILE, why, "wlan0 stays down");
		d->wlan_refused = true;
	}
	ret = net_load(d, IPCONFIG_FILE, AZS_RT_OP_NET_IPCONFIG, &req, why, sizeof(why));
	if (!ret) {
		const struct azs_rt_net_ipconfig *c = &req.p.ipconfig;

		ret = (c->flags & AZS_RT_IPCFG_STATIC) ? apply_static(d, c) : 0;
		if (!ret)
			ret = apply_dns(c);
		if (ret)
			fprintf(stderr,
				"appmand: %s: cannot apply the stored IP configuration: %s\n",
				AZS_NET_WLAN_IFNAME, strerror(-ret));
		else
			d->wlan_ip = *c;
		if (!ret && (c->flags & AZS_RT_IPCFG_STATIC)) {
			char a[20];

			ip4(a, sizeof(a), c->ip);
			fprintf(stderr, "appmand: %s: the stored static address %s/%d\n",
				AZS_NET_WLAN_IFNAME, a, prefix_len(c->mask));
		}
	} else if (ret != -ENOENT) {
		net_refused(d, IPCONFIG_FILE, why, "wlan0 stays down, unconfigured");
		d->wlan_refused = true;
	}
	if (d->wlan_refused)
		up = false;
	ret = set_up(AZS_NET_WLAN_IFNAME, up);
	if (ret)
		fprintf(stderr, "appmand: cannot set %s %s: %s\n", AZS_NET_WLAN_IFNAME,
			up ? "up" : "down", strerror(-ret));
	else if (!up)
		fprintf(stderr, "appmand: %s is down%s\n", AZS_NET_WLAN_IFNAME,
			d->wlan_refused ? "" : " (disabled by an app)");
	ret = net_load(d, PROXY_FILE, AZS_RT_OP_PROXY_APPLY, &req, why, sizeof(why));
	if (!ret) {
		d->proxy = req.p.proxy;
		d->proxy_set = true;
		fprintf(stderr, "appmand: the stored proxy: %s%s\n",
			d->proxy.options == 2 ? "enabled, " : "disabled",
			d->proxy.options == 2 ? d->proxy.address : "");
	} else if (ret != -ENOENT) {
		net_refused(d, PROXY_FILE, why, "no proxy is set");
	}
}

static int op_ipconfig(struct appmand *d, struct app *a, const struct azs_rt_net_ipconfig *c)
{
	int ret;

	if (c->flags & AZS_RT_IPCFG_STATIC)
		ret = apply_static(d, c);
	else if (wlan_static(d))
		ret = drop_ipv4(AZS_NET_WLAN_IFNAME);
	else
		ret = 0;
	if (!ret)
		ret = apply_dns(c);
	if (!ret)
		ret = net_save(d, IPCONFIG_FILE, AZS_RT_OP_NET_IPCONFIG, c, sizeof(*c));
	if (ret) {
		app_log(a, "runtime: %s: cannot apply the IP configuration: %s",
			AZS_NET_WLAN_IFNAME, strerror(-ret));
		return ret;
	}
	d->wlan_ip = *c;
	d->wlan_released = false;
	d->wlan_refused = false; /* a good file is over the damaged one */
	netif_update(d);
	app_log(a, "runtime: %s: %s IP, %s DNS", AZS_NET_WLAN_IFNAME,
		(c->flags & AZS_RT_IPCFG_STATIC) ? "static" : "dynamic",
		(c->flags & AZS_RT_IPCFG_CUSTOM_DNS) ? "custom" : "automatic");
	return 0;
}

/* The DHCP server (busybox udhcpd) on wlan0's static subnet. */
static int op_dhcpd(struct appmand *d, struct app *a, const struct azs_rt_net_dhcpd *c)
{
	char conf[1024], start[20], end[20], mask[20], gw[20], ntp[3][20];
	uint8_t last[4];
	const uint8_t *me = d->wlan_ip.ip, *m = d->wlan_ip.mask;
	char *const argv[] = {"udhcpd", "-f", NET_RUN "/udhcpd.conf", NULL};
	pid_t pid;
	int ret;

	if (!wlan_static(d))
		return -EPERM; /* a DHCP server needs the interface's own static address */
	memcpy(last, c->start, 4);
	last[3] = (uint8_t)(c->start[3] + c->count - 1);
	for (int i = 0; i < 4; i++)
		if ((c->start[i] & m[i]) != (me[i] & m[i]) || (last[i] & m[i]) != (me[i] & m[i]))
			return -EINVAL; /* outside wlan0's subnet */
	if (!memcmp(me, c->start, 3) && me[3] >= c->start[3] && me[3] <= last[3])
		return -EINVAL; /* the pool holds the device's own address */
	ip4(start, sizeof(start), c->start);
	ip4(end, sizeof(end), last);
	ip4(mask, sizeof(mask), c->mask);
	ip4(gw, sizeof(gw), c->gw);
	for (uint32_t i = 0; i < AZS_RT_DNS_MAX; i++)
		ip4(ntp[i], sizeof(ntp[i]), c->ntp[i]);
	azs_format(conf, sizeof(conf),
		   "interface %s\nstart %s\nend %s\nmax_leases %u\n"
		   "lease_file " NET_RUN "/udhcpd.leases\npidfile " NET_RUN "/udhcpd.pid\n"
		   "auto_time 1\noption subnet %s\noption lease %u\n",
		   AZS_NET_WLAN_IFNAME, start, end, c->count, mask, c->lease_hours * 3600);
	if (c->gw[0])
		azs_format(conf + strlen(conf), sizeof(conf) - strlen(conf), "option router %s\n",
			   gw);
	if (c->n_ntp)
		azs_format(conf + strlen(conf), sizeof(conf) - strlen(conf),
			   "option ntpsrv %s%s%s%s%s\n", ntp[0], c->n_ntp > 1 ? " " : "",
			   c->n_ntp > 1 ? ntp[1] : "", c->n_ntp > 2 ? " " : "",
			   c->n_ntp > 2 ? ntp[2] : "");
	ret = write_atomic(NET_RUN, "udhcpd.conf", conf, 0644);
	if (ret)
		return ret;
	service_stop(&d->dhcpd_pid, "udhcpd");
	ret = open(NET_RUN "/udhcpd.leases", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (ret >= 0)
		close(ret);
	pid = spawn_service("/usr/sbin/udhcpd", argv, "udhcpd.log");
	if (pid <= 0)
		return pid ? (int)pid : -EIO;
	if (!service_started(pid, "udhcpd"))
		return -EIO; /* it could not start: nothing serves */
	d->dhcpd_pid = pid;
	app_log(a, "runtime: DHCP server on %s: %s..%s", AZS_NET_WLAN_IFNAME, start, end);
	return 0;
}

/* The SNTP server (chronyd serving the device's clock, never setting it). */
static int op_sntpd(struct appmand *d, struct app *a)
{
	char conf[512], me[20];
	char *const argv[] = {"chronyd", "-d", "-x", "-u", "root", "-f", NET_RUN "/sntpd.conf",
			      NULL};
	pid_t pid;
	int ret;

	if (!wlan_static(d))
		return -EPERM;
	ip4(me, sizeof(me), d->wlan_ip.ip);
	azs_format(conf, sizeof(conf),
		   "bindaddress %s\nport 123\ncmdport 0\nlocal stratum 10\nallow\n"
		   "pidfile " NET_RUN "/sntpd.pid\n",
		   me);
	ret = write_atomic(NET_RUN, "sntpd.conf", conf, 0644);
	if (ret)
		return ret;
	service_stop(&d->sntpd_pid, "chronyd");
	pid = spawn_service("/usr/sbin/chronyd", argv, "sntpd.log");
	if (pid <= 0)
		return pid ? (int)pid : -EIO;
	if (!service_started(pid, "chronyd"))
		return -EIO;
	d->sntpd_pid = pid;
	app_log(a, "runtime: SNTP server on %s (%s)", AZS_NET_WLAN_IFNAME, me);
	return 0;
}

/* The last synchronisation, as the time-sync service wrote it: "SERVER BEFORE AFTER". */
static int op_timesync_last(struct azs_rt_ntp_last *out)
{
	struct azs_file_data f = {0};
	char text[AZS_RT_NTP_NAME_MAX + 64];
	long long before, after;
	int n = 0, ret;

	ret = azs_file_read(NET_RUN "/timesync-last", sizeof(text) - 1, &f);
	if (ret)
		return ret == -ENOENT ? -ENOENT : ret;
	memcpy(text, f.data, f.len);
	text[f.len] = 0;
	azs_file_data_free(&f);
	memset(out, 0, sizeof(*out));
	n = (int)strcspn(text, " ");
	if (n < 1 || n > AZS_RT_NTP_NAME_MAX || text[n] != ' ')
		return -EIO;
	memcpy(out->server, text, (size_t)n);
	if (sscanf(text + n, " %lld %lld", &before, &after) != 2)
		return -EIO;
	out->before = before;
	out->after = after;
	return 0;
}

int netif_request(struct appmand *d, struct app *a, const struct azs_rt_request *r, void *out,
		  size_t *out_len)
{
	const uint32_t caps = a->manifest.caps.flags;
	const bool net_config = caps & AZS_MCAP_NETWORK_CONFIG;
	const bool time_sync = caps & AZS_MCAP_TIME_SYNC_CONFIG;
	int ret;

	switch (r->op) {
	case AZS_RT_OP_TIMESYNC_GET: {
		struct azs_rt_u32 v = {d->timesync_enabled};

		if (!time_sync)
			return -EACCES;
		memcpy(out, &v, sizeof(v));
		*out_len = sizeof(v);
		return 0;
	}
	case AZS_RT_OP_TIMESYNC_SET: {
		bool was = d->timesync_enabled;

		if (!time_sync)
			return -EACCES;
		d->timesync_enabled = r->p.u32.value != 0;
		ret = timesync_persist(d);
		if (ret) {
			d->timesync_enabled = was;
			return ret;
		}
		netif_update(d);
		app_log(a, "runtime: time sync %s", d->timesync_enabled ? "enabled" : "disabled");
		return 0;
	}
	case AZS_RT_OP_TIMESYNC_NTP: {
		struct azs_rt_ntp_config was = d->ntp;

		if (!time_sync)
			return -EACCES;
		d->ntp = r->p.ntp;
		ret = timesync_persist(d);
		if (!ret)
			ret = write_ntp_servers(d);
		if (ret) {
			d->ntp = was;
			return ret;
		}
		/* The service asks the new servers now. */
		if (service_is(d->timesync_pid, "timesync"))
			kill(d->timesync_pid, SIGUSR1);
		app_log(a, "runtime: NTP servers: %s%s%s%s",
			d->ntp.mode == AZS_RT_NTP_CUSTOM
				? d->ntp.primary
				: (d->ntp.mode == AZS_RT_NTP_AUTOMATIC ? "from DHCP" : "default"),
			d->ntp.secondary[0] ? ", " : "", d->ntp.secondary,
			d->ntp.fallback ? ", then the default" : "");
		return 0;
	}
	case AZS_RT_OP_TIMESYNC_LAST:
		if (!time_sync)
			return -EACCES;
		ret = op_timesync_last(out);
		if (!ret)
			*out_len = sizeof(struct azs_rt_ntp_last);
		return ret;
	case AZS_RT_OP_NET_SET_STATE:
		if (!net_config)
			return -EACCES;
		ret = which(a, r->p.iface.name);
		if (ret)
			return ret;
		ret = net_save(d, STATE_FILE, AZS_RT_OP_NET_SET_STATE, &r->p.iface,
			       sizeof(r->p.iface));
		if (!ret)
			ret = set_up(AZS_NET_WLAN_IFNAME, r->p.iface.flag != 0);
		if (!ret)
			app_log(a, "runtime: %s %s", AZS_NET_WLAN_IFNAME,
				r->p.iface.flag ? "enabled" : "disabled");
		return ret; /* the caller has the radio follow wlan0 (wifi_radio_update) */
	case AZS_RT_OP_NET_DHCP:
		if (!net_config)
			return -EACCES;
		ret = which(a, r->p.iface.name);
		if (ret)
			return ret;
		if (wlan_static(d))
			return -EPERM; /* not a DHCP client now */
		if (r->p.iface.flag) {
			/* Renew: the client asks for a lease again (asynchronously). */
			d->wlan_released = false;
			dhcpc_start(d);
			if (service_is(d->dhcpc_pid, "udhcpc"))
				kill(d->dhcpc_pid, SIGUSR1);
			app_log(a, "runtime: %s: DHCP renew", AZS_NET_WLAN_IFNAME);
			return 0;
		}
		/* Release: the client sends DHCPRELEASE and waits for a renew. */
		if (service_is(d->dhcpc_pid, "udhcpc"))
			kill(d->dhcpc_pid, SIGUSR2);
		ret = drop_ipv4(AZS_NET_WLAN_IFNAME);
		if (!ret) {
			d->wlan_released = true;
			app_log(a, "runtime: %s: DHCP release, no address until renewed",
				AZS_NET_WLAN_IFNAME);
		}
		return ret;
	case AZS_RT_OP_NET_IPCONFIG:
		if (!net_config)
			return -EACCES;
		ret = which(a, r->p.ipconfig.name);
		return ret ? ret : op_ipconfig(d, a, &r->p.ipconfig);
	case AZS_RT_OP_NET_DHCPD:
		if (!(caps & AZS_MCAP_DHCP_SERVICE))
			return -EACCES;
		ret = which(a, r->p.dhcpd.name);
		return ret ? ret : op_dhcpd(d, a, &r->p.dhcpd);
	case AZS_RT_OP_NET_SNTPD:
		if (!(caps & AZS_MCAP_SNTP_SERVICE))
			return -EACCES;
		ret = which(a, r->p.iface.name);
		return ret ? ret : op_sntpd(d, a);
	case AZS_RT_OP_NET_HWADDR_SET: {
		char text[20];

		if (!(caps & AZS_MCAP_HARDWARE_ADDRESS_CONFIG))
			return -EACCES;
		ret = which(a, r->p.hwaddr.name);
		if (ret)
			return ret;
		ret = hwaddr_set(r->p.hwaddr.addr);
		if (ret == -EBUSY) {
			/* Not while it is up: down, set, up. */
			set_up(AZS_NET_WLAN_IFNAME, false);
			ret = hwaddr_set(r->p.hwaddr.addr);
			set_up(AZS_NET_WLAN_IFNAME, true);
		}
		if (ret)
			return ret;
		snprintf(text, sizeof(text), "%02x:%02x:%02x:%02x:%02x:%02x\n", r->p.hwaddr.addr[0],
			 r->p.hwaddr.addr[1], r->p.hwaddr.addr[2], r->p.hwaddr.addr[3],
			 r->p.hwaddr.addr[4], r->p.hwaddr.addr[5]);
		ret = write_atomic(d->state_dir, HWADDR_FILE, text, 0600);
		if (!ret)
			app_log(a, "runtime: %s hardware address %.17s", AZS_NET_WLAN_IFNAME, text);
		return ret;
	}
	case AZS_RT_OP_PROXY_APPLY:
		if (!net_config)
			return -EACCES;
		ret = net_save(d, PROXY_FILE, AZS_RT_OP_PROXY_APPLY, &r->p.proxy,
			       sizeof(r->p.proxy));
		if (ret)
			return ret;
		d->proxy = r->p.proxy;
		d->proxy_set = true;
		app_log(a, "runtime: proxy %s%s%s",
			d->proxy.options == 2 ? "enabled: " : "disabled",
			d->proxy.options == 2 ? d->proxy.address : "",
			d->proxy.auth == 1 ? " (basic authentication)" : "");
		return 0;
	case AZS_RT_OP_PROXY_GET:
		if (!net_config && !(caps & AZS_MCAP_READ_NETWORK_PROXY_CONFIG))
			return -EACCES;
		if (!d->proxy_set)
			return -ENOENT;
		memcpy(out, &d->proxy, sizeof(d->proxy));
		*out_len = sizeof(d->proxy);
		return 0;
	case AZS_RT_OP_NET_HWADDR_GET: {
		struct azs_rt_net_hwaddr h;

		ret = which(a, r->p.iface.name);
		if (ret)
			return ret;
		memset(&h, 0, sizeof(h));
		memcpy(h.name, r->p.iface.name, sizeof(h.name));
		ret = hwaddr_get(h.addr);
		if (ret)
			return ret;
		memcpy(out, &h, sizeof(h));
		*out_len = sizeof(h);
		return 0;
	}
	default:
		return -EOPNOTSUPP;
	}
}
