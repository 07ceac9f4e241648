/* SPDX-License-Identifier: MIT */
/*
 * The host end of the host channel: one request to the device's
 * azs-gatewayd and its answer (docs/device.md, The host channel).
 *
 * A request sent while the device boots (before azs-gatewayd reads
 * /dev/azs-channel) can be lost, so every call starts with a handshake: a
 * {"op":"hello"} every second until the gateway answers one (any answer
 * carrying one of those ids: a gateway that doesn't know "hello" still
 * answers it), at most HELLO seconds; then the request, whose answer must
 * come within TIMEOUT seconds. Lines with other ids (late answers to earlier
 * requests: the socket outlives reboots) are skipped.
 */
#ifndef AZS_CLI_CHANNEL_H
#define AZS_CLI_CHANNEL_H

#include <stdbool.h>

#include <json-c/json.h>

struct azs_call_opts {
	int hello_s;   /* handshake: at most this long (0: 30 s) */
	int timeout_s; /* the answer: at most this long (0: 60 s) */
	bool quiet;    /* no message on failure */
	int debug;     /* 1: steps on stderr; 2: also the lines (--debug) */
};

/* The answer (a new object, its "id" removed), or NULL after a message (unless quiet). */
json_object *azs_call(const char *socket_path, json_object *req, const struct azs_call_opts *o);

#endif /* AZS_CLI_CHANNEL_H */
