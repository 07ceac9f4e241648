// SPDX-License-Identifier: MIT
/*
 * The host channel's requests (azs-gatewayd, docs/device.md): one JSON object
 * per line from the device CLI on the host. This is the pure decoding step:
 * the line's JSON, the op, and each op's fields checked and, for hex fields,
 * decoded; azs-gatewayd acts only on a decoded request. Fuzzed in
 * fuzz/fuzz_hostchan.c.
 */
#ifndef AZS_HOSTCHAN_H
#define AZS_HOSTCHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

enum azs_hc_op {
	AZS_HC_SHOW_ATTACHED,
	AZS_HC_MFG_STATE,
	AZS_HC_MFG_STATE_UPDATE, /* mfg_state: 1 Module1Complete, 2 DeviceComplete */
	AZS_HC_CAPABILITIES,
	AZS_HC_CAPABILITY_UPDATE, /* data: the capability file */
	AZS_HC_CAPABILITY_CLEAR,
	AZS_HC_SIDELOAD_DEPLOY, /* data: the image package; manual_start */
	AZS_HC_SIDELOAD_DELETE, /* component_id */
	AZS_HC_CLOUD_UPDATE,    /* data: deployment.azsd; packages: FILE -> hex, checked */
	AZS_HC_APP_START,       /* component_id; debug */
	AZS_HC_APP_STOP,        /* component_id */
	AZS_HC_APP_LOGS,        /* component_id */
	AZS_HC_APP_STATUS,
	AZS_HC_RESTART,
	AZS_HC_HELLO, /* the handshake: answered as soon as the gateway reads */
	AZS_HC_OS_VERSION,
	AZS_HC_IMAGE_LIST,
	AZS_HC_APP_STATS, /* component_id or NULL (every app) */
	AZS_HC_NET_STATUS,
	AZS_HC_NET_INTERFACES,
	AZS_HC_SUPPORT_DATA,
	AZS_HC_WIFI_LIST,
	AZS_HC_WIFI_ADD,    /* ssid; psk, config_name or NULL */
	AZS_HC_WIFI_REMOVE, /* network_id */
	AZS_HC_WIFI_SET,    /* network_id, enabled */
	AZS_HC_WIFI_STATUS,
	AZS_HC_CERT_LIST,
	AZS_HC_CERT_QUOTA,
	AZS_HC_CERT_SHOW,   /* cert_id */
	AZS_HC_CERT_DELETE, /* cert_id */
	AZS_HC_CERT_ADD,    /* cert_id, cert_type, cert; key, password or NULL */
	AZS_HC_NET_SET,     /* interface (wlan0 or eth0), enabled */
	AZS_HC_DEBUG_IO,    /* data: bytes for gdbserver (may be empty) */
	AZS_HC_WIFI_SCAN,
	AZS_HC_RECOVER,         /* data: the recovery image */
	AZS_HC_DEVICEAUTH_CSR,  /* the device's certificate request (Security Service) */
	AZS_HC_DEVICEAUTH_CERT, /* cert: its certificate, PEM (Security Service) */
	AZS_HC_PROXY_SHOW,
	AZS_HC_PROXY_APPLY, /* in root, strings if given: AZS_HC_PROXY_FIELDS */
	AZS_HC_PROXY_DELETE,
	AZS_HC_OP_COUNT
};

/* proxy-apply's fields (the manager checks their values, as an app's request). */
#define AZS_HC_PROXY_FIELDS                                                                        \
	"address", "port", "authentication", "username", "password", "noProxyAddresses", "enabled"

struct azs_hc_request {
	struct json_object *root; /* the parsed line (owned), or NULL */
	struct json_object *id;   /* its "id" (borrowed from root), or NULL */
	enum azs_hc_op op;
	const char *component_id; /* in root */
	unsigned int mfg_state;
	bool manual_start; /* sideload-deploy "manualStart": install, don't start */
	bool debug;        /* app-start "debug": start under gdbserver */
	const char *ssid, *psk, *config_name;                    /* wifi-add, in root */
	int32_t network_id;                                      /* wifi-remove, wifi-set: 0..36 */
	bool enabled;                                            /* wifi-set */
	const char *cert_id, *cert_type, *cert, *key, *password; /* cert-*, in root */
	const char *interface;                                   /* net-set, in root */
	uint8_t *data;                                           /* owned */
	size_t data_len;
	struct json_object *packages; /* in root: an object of plain names -> hex */
};

/*
 * Decode one request LINE (LEN bytes, without its newline). 0 and *REQ; or a
 * positive errno for the answer (EINVAL, EOPNOTSUPP, ENOMEM) with its text in
 * WHY (SIZE bytes). req->id is set whenever the line was JSON, so a refusal
 * can carry it. Free *REQ with azs_hc_request_free() in either case.
 */
int azs_hc_decode(const char *line, size_t len, struct azs_hc_request *req, char *why, size_t size);

void azs_hc_request_free(struct azs_hc_request *req);

/* HEX (a string of even length, hex digits only) -> bytes in a new buffer: 0 or -EINVAL, -ENOMEM.
 */
int azs_hc_unhex(const char *hex, uint8_t **out, size_t *len);

/* A staged file's name: letters, digits, '.', '-', '_', not starting with '.', 1..64 bytes. */
bool azs_hc_plain_name(const char *name);

#endif /* AZS_HOSTCHAN_H */
