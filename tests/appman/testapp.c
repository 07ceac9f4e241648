// SPDX-License-Identifier: MIT
/*
 * The application manager's test app: behaves as its CmdArgs say.
 *   run NAME VERSION    print "NAME VERSION tick N" every 200 ms, forever
 *   exit CODE           print a line and exit with CODE at once
 *   ignore-term         like run, but ignore SIGTERM (needs SIGKILL)
 *   spawn               leave a daemonised grandchild running, then run
 *   count               count its starts in its mutable file
 *                       (Storage_OpenMutableFile), print "count N", then run
 *   services MODE       applibs' runtime services, one line each (services.c)
 *   net OP...           network operations in order, each printing one line:
 *                         connect NAME PORT   resolve NAME (the app's
 *                                             /etc/hosts), HTTP GET / on it
 *                         serve TCP|UDP PORT  answer "hello from the app" on
 *                                             PORT (served in the background)
 *                         attack WHAT ADDR    a privileged network step that
 *                                             must fail: raw (a raw socket),
 *                                             setaddr (eth0's address to
 *                                             ADDR), route (a route), bind
 *                                             (a source address not ours)
 *                       then run
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/route.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <applibs/storage.h>

#include "services.h"

/* The ticks so far: what the cli suite's debugger reads (cli.host, gdb). */
volatile unsigned long azs_ticks;

/*
 * What Landlock lets this run do (docs/sandbox.md): "/" can't be listed
 * (no rule for it), this run's /tmp is writable, nothing there executes.
 * One line: "landlock: / EACCES, /tmp write ok, /tmp exec EACCES".
 */
static void landlock_probe(void)
{
	static const char *const shebang = "#!/bin/app\n";
	const char *root = "ok", *wr = "ok", *ex = "ok";
	char *const argv[] = {(char *)"/tmp/probe", NULL};
	DIR *d = opendir("/");
	int fd;

	if (d)
		closedir(d);
	else
		root = errno == EACCES ? "EACCES" : strerror(errno);
	fd = open("/tmp/probe", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, shebang, strlen(shebang)) < 0 || close(fd))
		wr = strerror(errno);
	if (execve(argv[0], argv, NULL) < 0)
		ex = errno == EACCES ? "EACCES" : strerror(errno);
	printf("landlock: / %s, /tmp write %s, /tmp exec %s\n", root, wr, ex);
	unlink("/tmp/probe");
}

static void tick_forever(const char *name, const char *version)
{
	const struct timespec t = {.tv_nsec = 200 * 1000 * 1000};

	for (unsigned long n = 1;; n++) {
		azs_ticks = n;
		printf("%s %s tick %lu\n", name, version, n);
		fflush(stdout);
		nanosleep(&t, NULL);
	}
}

/* "connect NAME: ok HTTP/1.0 200 OK" or "connect NAME: failed: REASON". */
static void net_connect(const char *name, const char *port)
{
	struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai = NULL;
	char req[300], resp[128] = {0};
	struct timeval tv = {.tv_sec = 5};
	int fd, ret, n;

	ret = getaddrinfo(name, port, &hints, &ai);
	if (ret) {
		printf("connect %s: failed: cannot resolve (%s)\n", name, gai_strerror(ret));
		return;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen)) {
		printf("connect %s: failed: %s\n", name, strerror(errno));
	} else {
		snprintf(req, sizeof(req), "GET / HTTP/1.0\r\nHost: %s\r\n\r\n", name);
		if (write(fd, req, strlen(req)) < 0 ||
		    (n = (int)read(fd, resp, sizeof(resp) - 1)) <= 0)
			printf("connect %s: failed: no answer\n", name);
		else
			printf("connect %s: ok %.*s\n", name, (int)strcspn(resp, "\r\n"), resp);
	}
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
}

/* A socket serving PORT: its descriptor, or -1 (said why). */
static int net_listen(const char *proto, const char *port)
{
	int udp = !strcmp(proto, "UDP");
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port))};
	int one = 1, fd = socket(AF_INET, (udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || (!udp && listen(fd, 4))) {
		printf("serve %s %s: failed: %s\n", proto, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	printf("serve %s %s: listening\n", proto, port);
	return fd;
}

/* "attack WHAT: refused (ERRNO)" or "attack WHAT: SUCCEEDED". */
static void net_attack(const char *what, const char *addr)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret = -1, err = 0;
	struct ifreq ifr;
	struct rtentry rt;

	inet_pton(AF_INET, addr, &sin.sin_addr);
	memset(&ifr, 0, sizeof(ifr));
	memset(&rt, 0, sizeof(rt));
	if (!strcmp(what, "raw")) {
		int raw = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_UDP);

		ret = raw < 0 ? -1 : 0;
		err = errno;
		if (raw >= 0)
			close(raw);
	} else if (!strcmp(what, "setaddr")) {
		strcpy(ifr.ifr_name, "eth0");
		memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
		ret = ioctl(fd, SIOCSIFADDR, &ifr);
		err = errno;
	} else if (!strcmp(what, "route")) {
		memcpy(&rt.rt_dst, &sin, sizeof(sin));
		memcpy(&rt.rt_gateway, &sin, sizeof(sin));
		rt.rt_flags = RTF_UP | RTF_HOST;
		ret = ioctl(fd, SIOCADDRT, &rt);
		err = errno;
	} else if (!strcmp(what, "bind")) {
		ret = bind(fd, (struct sockaddr *)&sin, sizeof(sin));
		err = errno;
	}
	if (ret < 0)
		printf("attack %s: refused (%s)\n", what, strerror(err));
	else
		printf("attack %s: SUCCEEDED\n", what);
	if (fd >= 0)
		close(fd);
}

/* One process, one poll loop (an app lives in 256 KiB): a line to each client. */
__attribute__((noreturn)) static void net_serve_forever(struct pollfd *p, const int *udp, int n)
{
	static const char hello[] = "hello from the app\n";

	for (;;) {
		if (poll(p, (nfds_t)n, -1) < 0)
			continue;
		for (int i = 0; i < n; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			if (udp[i]) {
				struct sockaddr_in from;
				socklen_t len = sizeof(from);
				char buf[64];

				if (recvfrom(p[i].fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
					     &len) >= 0)
					sendto(p[i].fd, hello, sizeof(hello) - 1, 0,
					       (struct sockaddr *)&from, len);
			} else {
				int c = accept4(p[i].fd, NULL, NULL, SOCK_CLOEXEC);

				if (c >= 0) {
					if (write(c, hello, sizeof(hello) - 1) < 0)
						perror("testapp: serve");
					close(c);
				}
			}
		}
	}
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "run"))
		tick_forever(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "exit")) {
		printf("exiting with %s\n", argv[2]);
		return atoi(argv[2]);
	}
	if (argc == 2 && !strcmp(argv[1], "ignore-term")) {
		signal(SIGTERM, SIG_IGN);
		tick_forever("stubborn", "v1");
	}
	if (argc == 2 && !strcmp(argv[1], "spawn")) {
		if (fork() == 0) {
			setsid();
			if (fork() == 0)
				for (;;)
					pause();
			_exit(0);
		}
		tick_forever("spawner", "v1");
	}
	if (argc == 2 && !strcmp(argv[1], "count")) {
		/* The applibs way: the app's one mutable file. */
		char buf[16] = {0};
		int fd = Storage_OpenMutableFile(), n = 0;

		if (fd < 0) {
			perror("testapp: Storage_OpenMutableFile");
			return 1;
		}
		if (read(fd, buf, sizeof(buf) - 1) > 0)
			n = atoi(buf);
		snprintf(buf, sizeof(buf), "%d\n", n + 1);
		if (lseek(fd, 0, SEEK_SET) || write(fd, buf, strlen(buf)) < 0 || close(fd)) {
			perror("testapp: mutable file");
			return 1;
		}
		printf("count %d\n", n + 1);
		landlock_probe();
		tick_forever("counter", "v1");
	}
	if (argc >= 2 && !strcmp(argv[1], "errnos")) {
		errnos_main(argc, argv);
		tick_forever("errnos", "v1");
	}
	if (argc >= 2 && !strcmp(argv[1], "services")) {
		if (services_main(argc, argv))
			return 2;
		tick_forever("services", "v1");
	}
	if (argc >= 2 && !strcmp(argv[1], "net")) {
		struct pollfd p[8];
		int udp[8], n = 0;

		for (int i = 2; i + 2 < argc; i += 3) {
			if (!strcmp(argv[i], "connect")) {
				net_connect(argv[i + 1], argv[i + 2]);
			} else if (!strcmp(argv[i], "attack")) {
				net_attack(argv[i + 1], argv[i + 2]);
			} else if (!strcmp(argv[i], "serve") && n < 8) {
				p[n].fd = net_listen(argv[i + 1], argv[i + 2]);
				p[n].events = POLLIN;
				udp[n] = !strcmp(argv[i + 1], "UDP");
				if (p[n].fd >= 0)
					n++;
			}
			fflush(stdout);
		}
		net_serve_forever(p, udp, n);
	}
	fprintf(stderr, "testapp: unknown arguments\n");
	return 2;
}
