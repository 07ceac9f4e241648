// SPDX-License-Identifier: MIT
/* One request over the host channel, after a handshake (channel.h). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"

#define MAX_ANSWER (1u << 20)

struct conn {
	int fd;
	char *buf;
	size_t len;
	int debug;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int send_line(struct conn *c, json_object *req)
{
	const char *text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
	size_t len = strlen(text);

	if (c->debug > 1)
		fprintf(stderr, "debug: -> %.200s%s\n", text, len > 200 ? "..." : "");
	while (len) {
		ssize_t n = send(c->fd, text, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		text += n;
		len -= (size_t)n;
	}
	return send(c->fd, "\n", 1, MSG_NOSIGNAL) == 1 ? 0 : -errno;
}

/*
 * The next line whose "id" starts with PREFIX, before DEADLINE (ms): a new
 * object; NULL on timeout (errno ETIMEDOUT) or a closed socket (EPIPE).
 */
static json_object *read_answer(struct conn *c, const char *prefix, long long deadline)
{
	size_t plen = strlen(prefix);

	for (;;) {
		char *nl;
		struct pollfd p = {.fd = c->fd, .events = POLLIN};
		long long left;
		ssize_t n;

		while ((nl = memchr(c->buf, '\n', c->len))) {
			json_object *line, *v;
			size_t used = (size_t)(nl - c->buf) + 1;

			*nl = '\0';
			line = json_tokener_parse(c->buf);
			if (c->debug > 1)
				fprintf(stderr, "debug: <- %.200s%s\n", c->buf,
					used > 201 ? "..." : "");
			c->len -= used;
			memmove(c->buf, c->buf + used, c->len);
			if (line && json_object_object_get_ex(line, "id", &v) &&
			    json_object_is_type(v, json_type_string) &&
			    !strncmp(json_object_get_string(v), prefix, plen))
				return line;
			json_object_put(line);
		}
		if (c->len == MAX_ANSWER)
			c->len = 0; /* a line too long for us: dropped */
		left = deadline - now_ms();
		if (left <= 0) {
			errno = ETIMEDOUT;
			return NULL;
		}
		n = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
		if (n < 0 && errno != EINTR)
			return NULL;
		if (n <= 0)
			continue;
		n = recv(c->fd, c->buf + c->len, MAX_ANSWER - c->len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errno = EPIPE;
			return NULL;
		}
		c->len += (size_t)n;
	}
}

json_object *azs_call(const char *socket_path, json_object *req, const struct azs_call_opts *o)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct conn c = {.fd = -1, .debug = o->debug};
	char prefix[64], id[80];
	int hello_s = o->hello_s ? o->hello_s : 30, timeout_s = o->timeout_s ? o->timeout_s : 60;
	long long hello_end = now_ms() + hello_s * 1000LL;
	json_object *resp = NULL, *hello;
	unsigned int tries = 0;

	snprintf(prefix, sizeof(prefix), "%ld-%lld-", (long)getpid(), now_ms());
	if (strlen(socket_path) >= sizeof(sa.sun_path)) {
		if (!o->quiet)
			fprintf(stderr, "error: the device's socket path is too long: %s\n",
				socket_path);
		return NULL;
	}
	strcpy(sa.sun_path, socket_path);
	c.buf = malloc(MAX_ANSWER);
	c.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (!c.buf || c.fd < 0 || connect(c.fd, (struct sockaddr *)&sa, sizeof(sa))) {
		if (!o->quiet)
			fprintf(stderr, "error: no device at %s: %s (is it running? make run)\n",
				socket_path, strerror(errno));
		goto out;
	}
	/* The handshake: a hello a second until one is answered. */
	do {
		long long until = now_ms() + 1000;

		hello = json_object_new_object();
		snprintf(id, sizeof(id), "%sh%u", prefix, ++tries);
		json_object_object_add(hello, "op", json_object_new_string("hello"));
		json_object_object_add(hello, "id", json_object_new_string(id));
		if (o->debug)
			fprintf(stderr, "info: hello %u to %s\n", tries, socket_path);
		if (send_line(&c, hello)) {
			json_object_put(hello);
			break;
		}
		json_object_put(hello);
		snprintf(id, sizeof(id), "%sh", prefix);
		resp = read_answer(&c, id, until < hello_end ? until : hello_end);
	} while (!resp && errno == ETIMEDOUT && now_ms() < hello_end);
	if (!resp) {
		if (!o->quiet)
			fprintf(stderr,
				"error: the device at %s does not answer (no hello within %d s)\n",
				socket_path, hello_s);
		goto out;
	}
	json_object_put(resp);
	/* The request itself. */
	snprintf(id, sizeof(id), "%sr", prefix);
	json_object_object_add(req, "id", json_object_new_string(id));
	if (send_line(&c, req)) {
		if (!o->quiet)
			fprintf(stderr, "error: cannot send to the device: %s\n", strerror(errno));
		resp = NULL;
		goto out;
	}
	resp = read_answer(&c, id, now_ms() + timeout_s * 1000LL);
	if (resp)
		json_object_object_del(resp, "id");
	else if (!o->quiet)
		fprintf(stderr, "error: no answer from the device within %d s\n", timeout_s);
out:
	json_object_object_del(req, "id");
	if (c.fd >= 0)
		close(c.fd);
	free(c.buf);
	return resp;
}
