// SPDX-License-Identifier: MIT
/* azs-iocore's intercore mailbox (see iocore_mailbox.h, docs/iocore.md). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <azsphere/intercore.h>

#include "iocore_mailbox.h"
#include "iocore_map.h"
#include "iocore_ring.h"

#define MAX_CONNS 8
#define DATA_SIZE (AZS_IOC_SHARED_BUF - AZS_IC_RING_HDR)
#define IN_OFF    0u                  /* inbound buffer: A7 -> M4 */
#define OUT_OFF   AZS_IOC_SHARED_BUF /* outbound buffer: M4 -> A7 */

struct conn {
	int fd; /* -1: free */
	bool named;
	uint8_t cid[16]; /* the HL app, message (GUID) byte order */
	char cid_str[40];
	/* A message read from the socket that the inbound ring had no room for. */
	uint8_t pending[AZS_IC_MAX_MESSAGE];
	uint32_t pending_len;
};

struct azs_mbox {
	struct azs_mbox_host host;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int listen_fd;
	uint8_t *shm; /* AZS_IOC_SHARED_SIZE bytes, the core's shared buffers */
	uint32_t in_write, in_read_seen; /* the inbound ring: ours, the app's last read */
	uint32_t out_read;               /* the outbound ring: ours */
	bool faulted;
	uint32_t int_en, int_sts; /* AZS_MBOX_INT_* */
	struct conn conns[MAX_CONNS];
};

static void event(struct azs_mbox *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void event(struct azs_mbox *m, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "azs-iocore %s: mailbox: ", m->host.name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void fault(struct azs_mbox *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fault(struct azs_mbox *m, const char *fmt, ...)
{
	char why[256];
	int n;
	va_list ap;

	if (m->faulted)
		return;
	m->faulted = true;
	n = snprintf(why, sizeof(why), "mailbox fault: ");
	va_start(ap, fmt);
	vsnprintf(why + n, sizeof(why) - (size_t)n, fmt, ap);
	va_end(ap);
	m->host.fault(m->host.ctx, why);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* A mailbox event: raise the IRQ if the app enabled it. */
static void raise_event(struct azs_mbox *m, uint32_t what)
{
	m->int_sts |= what;
	if ((what & m->int_en) && m->host.irq)
		m->host.irq(m->host.ctx);
}

static void cid_string(const uint8_t wire[16], char *out, size_t size)
{
	uint8_t b[16];

	azs_ic_guid_swap(wire, b);
	snprintf(out, size,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
		 b[15]);
}

struct azs_mbox *azs_mbox_open(const char *path, const struct azs_mbox_host *host, char *err,
			       size_t esize)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct azs_mbox *m;
	struct stat st = {0};
	char dir[sizeof(sa.sun_path)], *parent;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, esize, "--mailbox '%s': longer than %zu bytes", path,
			 sizeof(sa.sun_path) - 1);
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		snprintf(err, esize, "out of memory");
		return NULL;
	}
	m->host = *host;
	m->listen_fd = -1;
	for (int i = 0; i < MAX_CONNS; i++)
		m->conns[i].fd = -1;
	snprintf(m->path, sizeof(m->path), "%s", path);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	/* The socket's directory is its owner's alone (0700): only the
	 * application manager connects. Under the manager it exists already
	 * (the RT app's own, the core's sandbox can't make directories). */
	snprintf(dir, sizeof(dir), "%s", path);
	parent = dirname(dir);
	if (stat(parent, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (st.st_mode & 077) {
			snprintf(err, esize, "%s: its directory is open to others (mode %03o, want 0700)",
				 path, (unsigned int)(st.st_mode & 0777));
			free(m);
			return NULL;
		}
	} else {
		for (char *p = parent + 1; (p = strchr(p, '/')); p++) {
			*p = 0; /* its ancestors (/run/azs) as needed */
			mkdir(parent, 0755);
			*p = '/';
		}
	}
	if (!S_ISDIR(st.st_mode) && mkdir(parent, 0700) && errno != EEXIST) {
		snprintf(err, esize, "%s: cannot create its directory: %s", path, strerror(errno));
		free(m);
		return NULL;
	}
	m->shm = aligned_alloc(4096, AZS_IOC_SHARED_SIZE);
	m->listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (!m->shm || m->listen_fd < 0) {
		snprintf(err, esize, "%s: %s", path, strerror(errno));
		goto fail;
	}
	memset(m->shm, 0, AZS_IOC_SHARED_SIZE);
	unlink(path); /* a socket left by a core that was killed */
	if (bind(m->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(path, 0600) || listen(m->listen_fd, MAX_CONNS)) {
		snprintf(err, esize, "%s: %s", path, strerror(errno));
		goto fail;
	}
	return m;
fail:
	if (m->listen_fd >= 0)
		close(m->listen_fd);
	free(m->shm);
	free(m);
	return NULL;
}

/* ---- the rings ---- */

/* The inbound ring has room? Push MSG from the HL app; -EAGAIN if full. */
static int inbound_push(struct azs_mbox *m, const uint8_t *msg, uint32_t len)
{
	uint8_t *hdr = m->shm + IN_OFF;
	uint32_t read = get32(hdr + AZS_IC_RING_READ); /* the app's: checked */
	char why[160];
	int ret;

	if (azs_ic_ring_check_read(DATA_SIZE, m->in_read_seen, read, m->in_write, why,
				   sizeof(why))) {
		fault(m, "inbound buffer: %s", why);
		return -EBADMSG;
	}
	m->in_read_seen = read;
	ret = azs_ic_ring_push(hdr + AZS_IC_RING_HDR, DATA_SIZE, read, &m->in_write, msg, len,
			       why, sizeof(why));
	if (ret == -EBADMSG) {
		fault(m, "inbound buffer: %s", why);
		return ret;
	}
	if (!ret) {
		put32(hdr + AZS_IC_RING_WRITE, m->in_write);
		raise_event(m, AZS_MBOX_INT_IN);
	}
	return ret;
}

static struct conn *conn_of(struct azs_mbox *m, const uint8_t cid[16])
{
	for (int i = 0; i < MAX_CONNS; i++)
		if (m->conns[i].fd >= 0 && m->conns[i].named && !memcmp(m->conns[i].cid, cid, 16))
			return &m->conns[i];
	return NULL;
}

static void conn_close(struct azs_mbox *m, struct conn *c, const char *why)
{
	if (c->named)
		event(m, "connection from %s closed (%s)", c->cid_str, why);
	else
		event(m, "refused a connection: %s", why);
	close(c->fd);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
}

/* The RT app's messages, each to the HL app its header names. */
static void outbound_drain(struct azs_mbox *m)
{
	uint8_t *hdr = m->shm + OUT_OFF;
	uint8_t msg[AZS_IC_MAX_MESSAGE];
	char why[160];

	for (int i = 0; i < 64 && !m->faulted; i++) {
		uint32_t write = get32(hdr + AZS_IC_RING_WRITE), len;
		struct conn *c;
		int ret = azs_ic_ring_pop(hdr + AZS_IC_RING_HDR, DATA_SIZE, &m->out_read, write,
					  AZS_IC_MSG_HDR, AZS_IC_MAX_MESSAGE, msg, &len, why,
					  sizeof(why));

		if (ret < 0) {
			fault(m, "outbound buffer: %s", why);
			return;
		}
		if (!ret)
			return;
		put32(hdr + AZS_IC_RING_READ, m->out_read);
		raise_event(m, AZS_MBOX_INT_OUT);
		c = conn_of(m, msg);
		if (!c) {
			char cid[40];

			cid_string(msg, cid, sizeof(cid));
			event(m, "dropped a message of %u bytes to %s: no such connection",
			      len - AZS_IC_MSG_HDR, cid);
			continue;
		}
		if (send(c->fd, msg + AZS_IC_MSG_HDR, len - AZS_IC_MSG_HDR,
			 MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
			if (errno == EAGAIN)
				event(m, "dropped a message of %u bytes to %s: it is not reading",
				      len - AZS_IC_MSG_HDR, c->cid_str);
			else
				conn_close(m, c, strerror(errno));
		}
	}
}

/* The first packet names the HL app (written by the application manager). */
static void conn_hello(struct azs_mbox *m, struct conn *c, const uint8_t *buf, ssize_t n)
{
	struct azs_ic_hello h;

	if (n != (ssize_t)sizeof(h)) {
		conn_close(m, c, "the first message is not a 24-byte hello");
		return;
	}
	memcpy(&h, buf, sizeof(h));
	if (h.magic != AZS_IC_MAGIC || h.version != AZS_IC_VERSION) {
		conn_close(m, c, "the hello's magic or version is wrong");
		return;
	}
	if (conn_of(m, h.cid)) {
		/* The newest connection of an app wins: its old one is stale. */
		conn_close(m, conn_of(m, h.cid), "the app connected again");
	}
	memcpy(c->cid, h.cid, 16);
	cid_string(h.cid, c->cid_str, sizeof(c->cid_str));
	c->named = true;
	event(m, "connection from %s", c->cid_str);
}

/* One HL connection: its messages into the inbound ring while there is room. */
static void conn_read(struct azs_mbox *m, struct conn *c)
{
	uint8_t buf[AZS_IC_MAX_PAYLOAD + 1];

	for (int i = 0; i < 16 && c->fd >= 0 && !m->faulted; i++) {
		ssize_t n;

		if (c->pending_len) {
			int ret = inbound_push(m, c->pending, c->pending_len);

			if (ret)
				return; /* full (or faulted): the rest waits in the socket */
			c->pending_len = 0;
		}
		n = recv(c->fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n <= 0) {
			conn_close(m, c, n < 0 ? strerror(errno) : "the app closed it");
			return;
		}
		if (!c->named) {
			conn_hello(m, c, buf, n);
			continue;
		}
		if ((size_t)n > AZS_IC_MAX_PAYLOAD) {
			event(m, "refused a message of %zd bytes from %s: over the %u-byte maximum",
			      n, c->cid_str, AZS_IC_MAX_PAYLOAD);
			continue;
		}
		memcpy(c->pending, c->cid, 16);
		memset(c->pending + 16, 0, 4); /* reserved */
		memcpy(c->pending + AZS_IC_MSG_HDR, buf, (size_t)n);
		c->pending_len = AZS_IC_MSG_HDR + (uint32_t)n;
	}
}

static void accept_new(struct azs_mbox *m)
{
	for (;;) {
		struct ucred cred = {.pid = 0, .uid = (uid_t)-1, .gid = (gid_t)-1};
		socklen_t cl = sizeof(cred);
		int fd = accept4(m->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		int i;

		if (fd < 0)
			return;
		/* Only the application manager hands over connections: a root
		 * peer, or one of this core's own user (a core run unprivileged, a
		 * host test), as the socket's mode already says. */
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) ||
		    (cred.uid != 0 && cred.uid != geteuid())) {
			event(m, "refused a connection: the peer (uid %d) is not root or the core's user",
			      (int)cred.uid);
			close(fd);
			continue;
		}
		for (i = 0; i < MAX_CONNS && m->conns[i].fd >= 0; i++)
			;
		if (i == MAX_CONNS) {
			event(m, "refused a connection: %d are open", MAX_CONNS);
			close(fd);
			continue;
		}
		m->conns[i].fd = fd;
	}
}

void azs_mbox_poll(struct azs_mbox *m)
{
	if (m->faulted)
		return;
	accept_new(m);
	outbound_drain(m);
	for (int i = 0; i < MAX_CONNS && !m->faulted; i++)
		if (m->conns[i].fd >= 0)
			conn_read(m, &m->conns[i]);
}

/* ---- the registers ---- */

static uint64_t mbox_read(uc_engine *uc, uint64_t off, unsigned size, void *user)
{
	struct azs_mbox *m = user;

	(void)uc;
	(void)size;
	switch (off) {
	case AZS_MBOX_INBOUND:
		return AZS_IOC_SHARED_BASE + IN_OFF;
	case AZS_MBOX_OUTBOUND:
		return AZS_IOC_SHARED_BASE + OUT_OFF;
	case AZS_MBOX_SIZE:
		return DATA_SIZE;
	case AZS_MBOX_STATUS: {
		uint8_t *hdr = m->shm + IN_OFF;
		bool waiting;

		azs_mbox_poll(m);
		waiting = get32(hdr + AZS_IC_RING_READ) != m->in_write;
		if (!waiting)
			m->host.idle(m->host.ctx);
		return waiting ? 1 : 0;
	}
	case AZS_MBOX_INT_EN:
		return m->int_en;
	case AZS_MBOX_INT_STS:
		return m->int_sts;
	default:
		return 0;
	}
}

static void mbox_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *user)
{
	struct azs_mbox *m = user;

	(void)uc;
	(void)size;
	if (off == AZS_MBOX_DOORBELL && (v & 3u)) {
		azs_mbox_poll(m);
	} else if (off == AZS_MBOX_INT_EN) {
		m->int_en = (uint32_t)v & (AZS_MBOX_INT_IN | AZS_MBOX_INT_OUT);
		if ((m->int_sts & m->int_en) && m->host.irq)
			m->host.irq(m->host.ctx);
	} else if (off == AZS_MBOX_INT_STS) {
		m->int_sts &= ~(uint32_t)v;
	}
}

int azs_mbox_pollfds(struct azs_mbox *m, struct pollfd *fds, int max)
{
	int k = 0;

	if (m->faulted || max < 1)
		return 0;
	fds[k++] = (struct pollfd){.fd = m->listen_fd, .events = POLLIN};
	for (int i = 0; i < MAX_CONNS && k < max; i++)
		if (m->conns[i].fd >= 0 && !m->conns[i].pending_len)
			fds[k++] = (struct pollfd){.fd = m->conns[i].fd, .events = POLLIN};
	return k;
}

int azs_mbox_map(struct azs_mbox *m, uc_engine *uc)
{
	if (uc_mem_map_ptr(uc, AZS_IOC_SHARED_BASE, AZS_IOC_SHARED_SIZE, UC_PROT_READ | UC_PROT_WRITE,
			   m->shm) != UC_ERR_OK)
		return -1;
	return uc_mmio_map(uc, AZS_IOC_MBOX_BASE, AZS_IOC_DEV_SIZE, mbox_read, m, mbox_write, m) ==
			       UC_ERR_OK
		       ? 0
		       : -1;
}

void azs_mbox_close(struct azs_mbox *m)
{
	if (!m)
		return;
	for (int i = 0; i < MAX_CONNS; i++)
		if (m->conns[i].fd >= 0)
			close(m->conns[i].fd);
	close(m->listen_fd);
	unlink(m->path);
	free(m->shm);
	free(m);
}
