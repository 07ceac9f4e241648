// SPDX-License-Identifier: MIT
/*
 * app_manifest.json: the identity, entry point and capabilities of an app.
 * The parser is strict and fails closed: a wrong type, an unknown key at any
 * level, a key twice in one object, a value out of range, a missing required
 * key or anything but one JSON object is refused with -EINVAL, and err names
 * the field ("Capabilities.Gpio[2]") and the reason ("GPIO 24 is not an
 * MT3620 GPIO"). docs/manifest.md lists every key and rule.
 */
#ifndef AZS_MANIFEST_H
#define AZS_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <azsphere/firewall.h>

#include "azs_error.h"
#include "guid.h"
#include "hwdef.h"

/* Limits (where the real platform gives none, ours; see docs/manifest.md). */
#define AZS_MANIFEST_MAX_SIZE               (64 * 1024) /* bytes of JSON */
#define AZS_MANIFEST_NAME_MAX               255         /* bytes; images store the first 31 */
#define AZS_MANIFEST_NAME_STORED            31
#define AZS_MANIFEST_ENTRY_POINT_MAX        255
#define AZS_MANIFEST_MAX_CMD_ARGS           64
#define AZS_MANIFEST_CMD_ARG_MAX            1024
#define AZS_MANIFEST_MAX_PERIPHERALS        96 /* entries of one peripheral key */
#define AZS_MANIFEST_MAX_INTERRUPTS         16
#define AZS_MANIFEST_INTERRUPT_MAX          63
#define AZS_MANIFEST_MAX_CONNECTIONS        64
#define AZS_MANIFEST_MAX_SERVER_PORTS       10
#define AZS_MANIFEST_MIN_SERVER_PORT        1024
#define AZS_MANIFEST_MAX_APP_CONNECTIONS    16
#define AZS_MANIFEST_MUTABLE_STORAGE_MAX_KB 64
#define AZS_MANIFEST_BETA_APIS_MAX          63

enum azs_app_type {
	AZS_APP_TYPE_DEFAULT,  /* "Default": a high-level app on the HL core */
	AZS_APP_TYPE_REALTIME, /* "RealTimeCapable": an RTApp on an IO core */
};

/* Boolean capabilities that are true in the manifest. */
#define AZS_MCAP_WIFI_CONFIG                (1u << 0)
#define AZS_MCAP_ENTERPRISE_WIFI_CONFIG     (1u << 1)
#define AZS_MCAP_NETWORK_CONFIG             (1u << 2)
#define AZS_MCAP_READ_NETWORK_PROXY_CONFIG  (1u << 3)
#define AZS_MCAP_TIME_SYNC_CONFIG           (1u << 4)
#define AZS_MCAP_SYSTEM_TIME                (1u << 5)
#define AZS_MCAP_DHCP_SERVICE               (1u << 6)
#define AZS_MCAP_SNTP_SERVICE               (1u << 7)
#define AZS_MCAP_HARDWARE_ADDRESS_CONFIG    (1u << 8)
#define AZS_MCAP_CERT_STORE                 (1u << 9)
#define AZS_MCAP_SYSTEM_EVENT_NOTIFICATIONS (1u << 10)
#define AZS_MCAP_SOFTWARE_UPDATE_DEFERRAL   (1u << 11)
#define AZS_MCAP_HEAP_MEM_STATS             (1u << 12)
#define AZS_MCAP_RESET_MEMORY_WATERMARKS    (1u << 13)

/* PowerControls entries. */
#define AZS_POWER_FORCE_POWER_DOWN  (1u << 0)
#define AZS_POWER_FORCE_REBOOT      (1u << 1)
#define AZS_POWER_SET_POWER_PROFILE (1u << 2)

/*
 * The entries of one peripheral key, resolved ("$NAME" replaced by its
 * value), in manifest order: index[i] is entry [i] of the key. GPIO
 * numbers, ISU numbers (Uart, I2cMaster, SpiMaster), PWM and ADC controller
 * numbers, I2S interface numbers: the firewall's resource indices.
 */
struct azs_manifest_periph {
	uint32_t index[AZS_MANIFEST_MAX_PERIPHERALS];
	size_t n;
};

struct azs_manifest_caps {
	/* By firewall kind: periph[AZS_FW_KIND_GPIO] is "Gpio", ... ([0] unused). */
	struct azs_manifest_periph periph[AZS_FW_KIND_MAX + 1];
	char **external_interrupts;
	size_t n_external_interrupts;
	char **allowed_connections; /* as written */
	size_t n_allowed_connections;
	uint16_t tcp_server_ports[AZS_MANIFEST_MAX_SERVER_PORTS];
	size_t n_tcp_server_ports;
	uint16_t udp_server_ports[AZS_MANIFEST_MAX_SERVER_PORTS];
	size_t n_udp_server_ports;
	struct azs_guid app_connections[AZS_MANIFEST_MAX_APP_CONNECTIONS];
	size_t n_app_connections;
	uint32_t flags; /* AZS_MCAP_* */
	bool device_authentication;
	struct azs_guid device_auth_tenant; /* if device_authentication */
	uint32_t mutable_storage_kb;        /* 0: no MutableStorage */
	uint32_t power_controls;            /* AZS_POWER_* */
};

struct azs_manifest {
	int schema_version; /* 1 */
	char *name;         /* whole; images keep AZS_MANIFEST_NAME_STORED bytes */
	struct azs_guid component_id;
	char *entry_point;
	char **cmd_args;
	size_t n_cmd_args;
	enum azs_app_type app_type;
	int malloc_version;             /* 0: not given */
	int64_t target_runtime_version; /* TargetApplicationRuntimeVersion, 0: not given */
	char *target_beta_apis;         /* NULL: not given */
	struct azs_manifest_caps caps;
};

/*
 * Parse JSON (LEN bytes) into *OUT. "$NAME" values are resolved through HW
 * (may be NULL: then a "$NAME" is refused). 0, or a negative errno with
 * *OUT empty and err filled: -EINVAL (refused), -EFBIG (more than
 * AZS_MANIFEST_MAX_SIZE bytes), -ENOMEM.
 */
int azs_manifest_parse(const char *json, size_t len, const struct azs_hwdef *hw,
		       struct azs_manifest *out, struct azs_error *err);

/* Free what a successful parse allocated; leaves *M empty (safe twice). */
void azs_manifest_free(struct azs_manifest *m);

/* The capability key of a peripheral kind: "Gpio", "Uart", ... (NULL if none). */
const char *azs_manifest_periph_key(uint32_t kind);

#endif /* AZS_MANIFEST_H */
