// SPDX-License-Identifier: MIT
/*
 * azs-appctl: talk to the application manager from inside the device.
 *
 *   azs-appctl list
 *   azs-appctl install PACKAGE_FILE|IMAGE_DIR
 *   azs-appctl start|stop|remove|logs COMPONENT_ID
 *
 * Prints the answer (JSON; "logs" prints the log text) and exits 0 when the
 * request succeeded, 1 when it was refused, 2 for bad arguments.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define SOCKET_PATH "/run/azsphere/appman.sock"

static int usage(void)
{
	fprintf(stderr, "usage: azs-appctl list | install PACKAGE_FILE|IMAGE_DIR | "
			"start|stop|remove|logs COMPONENT_ID\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	json_object *req, *resp, *jok, *jlog;
	static char buf[65536];
	const char *op;
	ssize_t n;
	int fd, ok;

	if (argc < 2)
		return usage();
	op = argv[1];
	req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string(op));
	if (!strcmp(op, "list")) {
		if (argc != 2)
			return usage();
	} else if (!strcmp(op, "install")) {
		if (argc != 3)
			return usage();
		struct stat st;

		if (stat(argv[2], &st)) {
			fprintf(stderr, "azs-appctl: %s: %s\n", argv[2], strerror(errno));
			return 1;
		}
		json_object_object_add(req, S_ISDIR(st.st_mode) ? "image" : "package",
				       json_object_new_string(argv[2]));
	} else if (!strcmp(op, "cloud-update")) {
		/* What azs-gatewayd does with a delivered deployment (tests, debugging). */
		if (argc != 3)
			return usage();
		json_object_object_add(req, "dir", json_object_new_string(argv[2]));
	} else if (!strcmp(op, "start") || !strcmp(op, "stop") || !strcmp(op, "remove") ||
		   !strcmp(op, "logs")) {
		if (argc != 3)
			return usage();
		json_object_object_add(req, "cid", json_object_new_string(argv[2]));
	} else {
		return usage();
	}

	strcpy(sa.sun_path, SOCKET_PATH);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "azs-appctl: %s: %s\n", SOCKET_PATH, strerror(errno));
		return 1;
	}
	const char *text = json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN);
	if (send(fd, text, strlen(text), 0) < 0 || (n = recv(fd, buf, sizeof(buf) - 1, 0)) <= 0) {
		fprintf(stderr, "azs-appctl: no answer: %s\n", strerror(errno));
		return 1;
	}
	buf[n] = '\0';
	close(fd);
	resp = json_tokener_parse(buf);
	ok = resp && json_object_object_get_ex(resp, "ok", &jok) && json_object_get_boolean(jok);
	if (ok && !strcmp(op, "logs") && json_object_object_get_ex(resp, "log", &jlog))
		fputs(json_object_get_string(jlog), stdout);
	else
		printf("%s\n", buf);
	json_object_put(resp);
	json_object_put(req);
	return ok ? 0 : 1;
}
