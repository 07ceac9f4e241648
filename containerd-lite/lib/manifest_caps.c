// SPDX-License-Identifier: MIT
/* app_manifest.json: the Capabilities object (see manifest.h, docs/manifest.md). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fw_table.h"
#include "hostname.h"
#include "json_get.h"
#include "manifest_internal.h"
#include "resources.h"

_Static_assert(AZS_INV_NUM_GPIOS <= AZS_MANIFEST_MAX_PERIPHERALS,
	       "every MT3620 GPIO fits in one Gpio list");

enum scope {
	BOTH,
	HL_ONLY, /* high-level apps (ApplicationType Default) */
	RT_ONLY, /* real-time apps (RealTimeCapable) */
};

struct ctx {
	struct azs_manifest *m;
	const struct azs_hwdef *hw;
	struct azs_error *err;
};

struct cap_def;
typedef int (*cap_parser)(struct ctx *c, const struct cap_def *d, struct json_object *v,
			  const char *path);

struct cap_def {
	const char *key;
	enum scope scope;
	cap_parser parse;
	uint32_t arg; /* peripheral kind, flag, 0/1 TCP/UDP */
};

/* ---- Peripherals ------------------------------------------------------------ */

static const enum azs_hwdef_type hwdef_types[AZS_FW_KIND_MAX + 1] = {
	[AZS_FW_KIND_GPIO] = AZS_HWDEF_GPIO,
	[AZS_FW_KIND_UART] = AZS_HWDEF_UART,
	[AZS_FW_KIND_I2C] = AZS_HWDEF_I2C_MASTER,
	[AZS_FW_KIND_SPI] = AZS_HWDEF_SPI_MASTER,
	[AZS_FW_KIND_PWM] = AZS_HWDEF_PWM,
	[AZS_FW_KIND_ADC] = AZS_HWDEF_ADC,
	[AZS_FW_KIND_I2S] = AZS_HWDEF_I2S_SUBORDINATE,
};

/* How a controller is written, and what to say about a wrong one. */
static const struct {
	const char *prefix;
	const char *what;
} controller_syntax[AZS_FW_KIND_MAX + 1] = {
	[AZS_FW_KIND_UART] = {"ISU", "an MT3620 ISU (ISU0-ISU4)"},
	[AZS_FW_KIND_I2C] = {"ISU", "an MT3620 ISU (ISU0-ISU4)"},
	[AZS_FW_KIND_SPI] = {"ISU", "an MT3620 ISU (ISU0-ISU4)"},
	[AZS_FW_KIND_PWM] = {"PWM-CONTROLLER-", "an MT3620 PWM controller (PWM-CONTROLLER-0..2)"},
	[AZS_FW_KIND_ADC] = {"ADC-CONTROLLER-", "an MT3620 ADC controller (ADC-CONTROLLER-0)"},
	[AZS_FW_KIND_I2S] = {"I2S", "an MT3620 I2S interface (I2S0, I2S1)"},
};

/* "PREFIX<n>" with n decimal, no leading zero, at most 3 digits. */
static bool parse_numbered(const char *s, const char *prefix, uint32_t *n)
{
	size_t plen = strlen(prefix), digits;

	if (strncmp(s, prefix, plen))
		return false;
	s += plen;
	digits = strspn(s, "0123456789");
	if (digits == 0 || digits > 3 || s[digits] || (s[0] == '0' && digits > 1))
		return false;
	*n = (uint32_t)strtoul(s, NULL, 10);
	return true;
}

/*
 * The start of a reason about value VALUE_TEXT, reached directly or through
 * a hardware definition name VIA: "GPIO 24 is" / "$FOO resolves to GPIO 24,
 * which is".
 */
static void subject(char *buf, size_t size, const char *via, const char *value_text)
{
	if (via)
		snprintf(buf, size, "%s resolves to %s, which is", via, value_text);
	else
		snprintf(buf, size, "%s is", value_text);
}

/* A literal GPIO number (already read as N) into a firewall index. */
static int check_gpio(struct ctx *c, int64_t n, const char *field, const char *via, uint32_t *index)
{
	char text[32], subj[192];

	snprintf(text, sizeof(text), "GPIO %" PRId64, n);
	if (n < 0 || n > UINT32_MAX || azs_fw_resource_block(AZS_FW_KIND_GPIO, (u32)n) < 0) {
		subject(subj, sizeof(subj), via, text);
		return azs_error_set(c->err, -EINVAL, field, "%s not an MT3620 GPIO", subj);
	}
	*index = (uint32_t)n;
	return 0;
}

/* A literal controller name S of KIND into a firewall index. */
static int check_controller(struct ctx *c, uint32_t kind, const char *s, const char *field,
			    const char *via, uint32_t *index)
{
	char text[64], subj[192];
	uint32_t n;

	if (parse_numbered(s, controller_syntax[kind].prefix, &n) &&
	    azs_fw_resource_block(kind, n) >= 0) {
		*index = n;
		return 0;
	}
	snprintf(text, sizeof(text), "\"%.40s\"", s);
	subject(subj, sizeof(subj), via, text);
	return azs_error_set(c->err, -EINVAL, field, "%s not %s", subj,
			     controller_syntax[kind].what);
}

/* "$NAME" through the hardware definition: a number (Gpio) or a string. */
static int resolve_name(struct ctx *c, uint32_t kind, const char *s, const char *field,
			struct azs_hwdef_value *value)
{
	enum azs_hwdef_type want = hwdef_types[kind];
	const struct azs_hwdef_peripheral *p;
	int ret;

	if (c->m->app_type == AZS_APP_TYPE_REALTIME)
		return azs_error_set(c->err, -EINVAL, field,
				     "%.64s: real-time apps must use raw values, not hardware "
				     "definition names",
				     s);
	if (!azs_hwdef_name_valid(s + 1, strlen(s + 1)))
		return azs_error_set(c->err, -EINVAL, field,
				     "\"%.64s\" is not a hardware definition name ($ and a C "
				     "identifier)",
				     s);
	if (!c->hw)
		return azs_error_set(c->err, -EINVAL, field,
				     "%s needs a hardware definition, and none was given", s);
	ret = azs_hwdef_resolve(c->hw, s + 1, want, value);
	switch (ret) {
	case 0:
		return 0;
	case -ENOENT:
		return azs_error_set(c->err, -EINVAL, field, "%s: unknown hardware definition name",
				     s);
	case -EINVAL:
		p = azs_hwdef_find(c->hw, s + 1);
		return azs_error_set(c->err, -EINVAL, field, "%s is of type %s, not %s", s,
				     azs_hwdef_type_name(p->type), azs_hwdef_type_name(want));
	case -ENODATA:
		return azs_error_set(
			c->err, -EINVAL, field,
			"%s has no app manifest value (an int entry: channels and chip "
			"selects are not requested, their controller is)",
			s);
	default:
		return azs_error_set(c->err, -EINVAL, field, "%s cannot be resolved: %s", s,
				     strerror(-ret));
	}
}

/* Entry FIELD of a peripheral key of KIND into a firewall index; VIA gets "$NAME" or NULL. */
static int parse_periph_value(struct ctx *c, uint32_t kind, struct json_object *v,
			      const char *field, char *via, size_t via_size, uint32_t *index)
{
	const char *key = azs_manifest_periph_key(kind);
	struct azs_hwdef_value value;
	const char *s;
	int ret;

	via[0] = '\0';
	if (json_object_get_type(v) == json_type_string) {
		ret = azs_json_string(v, field, 1, AZS_PATH_MAX, AZS_STR_NO_CONTROL, &s, NULL,
				      c->err);
		if (ret)
			return ret;
		if (s[0] == '$') {
			ret = resolve_name(c, kind, s, field, &value);
			if (ret)
				return ret;
			snprintf(via, via_size, "%s", s);
			if (value.is_number)
				return check_gpio(c, value.number, field, via, index);
			return check_controller(c, kind, value.string, field, via, index);
		}
		if (kind != AZS_FW_KIND_GPIO)
			return check_controller(c, kind, s, field, NULL, index);
	} else if (kind == AZS_FW_KIND_GPIO && json_object_get_type(v) == json_type_int) {
		return check_gpio(c, json_object_get_int64(v), field, NULL, index);
	}
	if (kind == AZS_FW_KIND_GPIO)
		return azs_error_set(c->err, -EINVAL, field,
				     "expected a GPIO number or \"$NAME\", got %s",
				     azs_json_type_name(v));
	if (json_object_get_type(v) != json_type_string)
		return azs_error_set(c->err, -EINVAL, field,
				     "expected a %s name or \"$NAME\", got %s", key,
				     azs_json_type_name(v));
	return azs_error_set(c->err, -EINVAL, field, "expected a %s name or \"$NAME\"", key);
}

/* "GPIO8-11": the pins of block B. */
static void block_pins(int b, char *buf, size_t size)
{
	const struct azs_inv_block *blk = &azs_inv_blocks[b];

	if (blk->num_pins == 1)
		snprintf(buf, size, "GPIO%u", blk->first_pin);
	else
		snprintf(buf, size, "GPIO%u-%u", blk->first_pin,
			 blk->first_pin + blk->num_pins - 1);
}

/*
 * May (KIND, INDEX), requested by FIELD, join what the manifest requests
 * already? Not twice, and not in a pin block that serves another function
 * (an ISU in two roles, a controller and GPIOs of its pins).
 */
static int check_claim(struct ctx *c, uint32_t kind, uint32_t index, const char *field,
		       const char *via)
{
	int block = azs_fw_resource_block(kind, index);
	char name[48], other_name[48], pins[24], other[AZS_PATH_MAX];

	azs_resource_name(kind, index, name, sizeof(name));
	for (uint32_t k = AZS_FW_KIND_GPIO; k <= AZS_FW_KIND_MAX; k++) {
		const struct azs_manifest_periph *p = &c->m->caps.periph[k];

		for (size_t i = 0; i < p->n; i++) {
			if (azs_fw_resource_block(k, p->index[i]) != block)
				continue;
			snprintf(other, sizeof(other), "Capabilities.%s[%zu]",
				 azs_manifest_periph_key(k), i);
			azs_resource_name(k, p->index[i], other_name, sizeof(other_name));
			if (k == kind && p->index[i] == index) {
				if (via)
					return azs_error_set(c->err, -EINVAL, field,
							     "%s is %s, already requested by %s",
							     via, name, other);
				return azs_error_set(c->err, -EINVAL, field,
						     "%s is already requested by %s", name, other);
			}
			if (k == AZS_FW_KIND_GPIO && kind == AZS_FW_KIND_GPIO)
				continue; /* pins of one block, as GPIOs: fine */
			block_pins(block, pins, sizeof(pins));
			if (kind == AZS_FW_KIND_GPIO)
				return azs_error_set(c->err, -EINVAL, field,
						     "%s belongs to %s, requested as %s by %s",
						     name, other_name, azs_resource_role(k), other);
			if (k == AZS_FW_KIND_GPIO)
				return azs_error_set(c->err, -EINVAL, field,
						     "%s uses pins %s, but %s is requested by %s",
						     name, pins, other_name, other);
			return azs_error_set(c->err, -EINVAL, field,
					     "%s is already requested as %s by %s; a pin block "
					     "serves one function at a time",
					     name, azs_resource_role(k), other);
		}
	}
	return 0;
}

static int parse_periph(struct ctx *c, const struct cap_def *d, struct json_object *v,
			const char *path)
{
	struct azs_manifest_periph *p = &c->m->caps.periph[d->arg];
	char field[AZS_PATH_MAX], via[AZS_PATH_MAX];
	size_t n;
	int ret;

	ret = azs_json_want(v, json_type_array, path, c->err);
	if (ret)
		return ret;
	n = json_object_array_length(v);
	if (n > AZS_MANIFEST_MAX_PERIPHERALS)
		return azs_error_set(c->err, -EINVAL, path, "more than %d entries",
				     AZS_MANIFEST_MAX_PERIPHERALS);
	for (size_t i = 0; i < n; i++) {
		uint32_t index;

		azs_path_index(field, sizeof(field), path, i);
		ret = parse_periph_value(c, d->arg, json_object_array_get_idx(v, i), field, via,
					 sizeof(via), &index);
		if (!ret)
			ret = check_claim(c, d->arg, index, field, via[0] ? via : NULL);
		if (ret)
			return ret;
		p->index[p->n++] = index;
	}
	return 0;
}

/* ---- Lists of names ------------------------------------------------------- */

/* V is an array of at most MAX entries. */
static int want_array(struct ctx *c, struct json_object *v, const char *path, size_t max,
		      const char *what, size_t *n)
{
	int ret = azs_json_want(v, json_type_array, path, c->err);

	if (ret)
		return ret;
	*n = json_object_array_length(v);
	if (*n > max)
		return azs_error_set(c->err, -EINVAL, path, "more than %zu %s", max, what);
	return 0;
}

/* Entry I of a list of strings, refused if it equals an earlier one (CASE: ignoring case). */
static int list_string(struct ctx *c, struct json_object *v, const char *path, size_t i,
		       size_t max_len, bool ignore_case, const char **out, char *field,
		       size_t field_size)
{
	const char *s;
	int ret;

	azs_path_index(field, field_size, path, i);
	ret = azs_json_string(json_object_array_get_idx(v, i), field, 1, max_len,
			      AZS_STR_NO_CONTROL, &s, NULL, c->err);
	if (ret)
		return ret;
	for (size_t k = 0; k < i; k++) {
		const char *prev = json_object_get_string(json_object_array_get_idx(v, k));

		if (ignore_case ? !strcasecmp(prev, s) : !strcmp(prev, s))
			return azs_error_set(c->err, -EINVAL, field, "already listed at %s[%zu]",
					     path, k);
	}
	*out = s;
	return 0;
}

/* ExternalInterrupt: names of letters, digits, '_' and '-'. */
static int parse_interrupts(struct ctx *c, const struct cap_def *d, struct json_object *v,
			    const char *path)
{
	struct azs_manifest_caps *caps = &c->m->caps;
	char field[AZS_PATH_MAX];
	size_t n;
	int ret;

	(void)d;
	ret = want_array(c, v, path, AZS_MANIFEST_MAX_INTERRUPTS, "interrupts", &n);
	for (size_t i = 0; !ret && i < n; i++) {
		const char *s;

		ret = list_string(c, v, path, i, AZS_MANIFEST_INTERRUPT_MAX, false, &s, field,
				  sizeof(field));
		if (ret)
			break;
		if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") !=
		    strlen(s))
			return azs_error_set(c->err, -EINVAL, field,
					     "not an interrupt name (letters, digits, '_', '-')");
		if (azs_manifest_push_string(&caps->external_interrupts,
					     &caps->n_external_interrupts, s))
			return azs_error_set(c->err, -ENOMEM, field, "out of memory");
	}
	return ret;
}

static int parse_connections(struct ctx *c, const struct cap_def *d, struct json_object *v,
			     const char *path)
{
	struct azs_manifest_caps *caps = &c->m->caps;
	char field[AZS_PATH_MAX], reason[sizeof(c->err->reason)];
	size_t n;
	int ret;

	(void)d;
	ret = want_array(c, v, path, AZS_MANIFEST_MAX_CONNECTIONS, "connections", &n);
	for (size_t i = 0; !ret && i < n; i++) {
		const char *s;

		ret = list_string(c, v, path, i, AZS_HOSTNAME_MAX, true, &s, field, sizeof(field));
		if (ret)
			break;
		if (azs_connection_name_check(s, strlen(s), reason, sizeof(reason)))
			return azs_error_set(c->err, -EINVAL, field, "\"%.64s\": %s", s, reason);
		if (azs_manifest_push_string(&caps->allowed_connections,
					     &caps->n_allowed_connections, s))
			return azs_error_set(c->err, -ENOMEM, field, "out of memory");
	}
	return ret;
}

static int parse_ports(struct ctx *c, const struct cap_def *d, struct json_object *v,
		       const char *path)
{
	struct azs_manifest_caps *caps = &c->m->caps;
	uint16_t *ports = d->arg ? caps->udp_server_ports : caps->tcp_server_ports;
	size_t *count = d->arg ? &caps->n_udp_server_ports : &caps->n_tcp_server_ports;
	char field[AZS_PATH_MAX];
	size_t n;
	int ret;

	ret = want_array(c, v, path, AZS_MANIFEST_MAX_SERVER_PORTS, "ports", &n);
	for (size_t i = 0; !ret && i < n; i++) {
		int64_t port;

		azs_path_index(field, sizeof(field), path, i);
		ret = azs_json_int(json_object_array_get_idx(v, i), field,
				   AZS_MANIFEST_MIN_SERVER_PORT, 65535, &port, c->err);
		if (ret)
			break;
		for (size_t k = 0; k < *count; k++)
			if (ports[k] == port)
				return azs_error_set(c->err, -EINVAL, field,
						     "port %" PRId64
						     " is already listed at %s[%zu]",
						     port, path, k);
		ports[(*count)++] = (uint16_t)port;
	}
	return ret;
}

static int guid_value(struct ctx *c, struct json_object *v, const char *field, struct azs_guid *out)
{
	const char *s;
	size_t len;
	int ret = azs_json_string(v, field, 0, SIZE_MAX, 0, &s, &len, c->err);

	if (ret)
		return ret;
	if (azs_guid_parse(s, len, out))
		return azs_error_set(c->err, -EINVAL, field,
				     "not a GUID (8-4-4-4-12 hex digits, such as "
				     "\"005180bc-402f-4cb3-a662-72937dbcde47\")");
	return 0;
}

static int parse_app_connections(struct ctx *c, const struct cap_def *d, struct json_object *v,
				 const char *path)
{
	struct azs_manifest_caps *caps = &c->m->caps;
	char field[AZS_PATH_MAX];
	size_t n;
	int ret;

	(void)d;
	ret = want_array(c, v, path, AZS_MANIFEST_MAX_APP_CONNECTIONS, "component IDs", &n);
	for (size_t i = 0; !ret && i < n; i++) {
		struct azs_guid g;

		azs_path_index(field, sizeof(field), path, i);
		ret = guid_value(c, json_object_array_get_idx(v, i), field, &g);
		if (ret)
			break;
		if (azs_guid_is_nil(&g))
			return azs_error_set(c->err, -EINVAL, field,
					     "the nil GUID cannot identify an app");
		if (azs_guid_equal(&g, &c->m->component_id))
			return azs_error_set(c->err, -EINVAL, field,
					     "%s is this app's own ComponentId", g.str);
		for (size_t k = 0; k < caps->n_app_connections; k++)
			if (azs_guid_equal(&g, &caps->app_connections[k]))
				return azs_error_set(c->err, -EINVAL, field,
						     "%s is already listed at %s[%zu]", g.str, path,
						     k);
		caps->app_connections[caps->n_app_connections++] = g;
	}
	return ret;
}

/* ---- Single values ---------------------------------------------------------- */

static int parse_flag(struct ctx *c, const struct cap_def *d, struct json_object *v,
		      const char *path)
{
	bool on;
	int ret = azs_json_bool(v, path, &on, c->err);

	if (ret)
		return ret;
	if (on)
		c->m->caps.flags |= d->arg;
	return 0;
}

static int parse_device_auth(struct ctx *c, const struct cap_def *d, struct json_object *v,
			     const char *path)
{
	int ret = guid_value(c, v, path, &c->m->caps.device_auth_tenant);

	(void)d;
	if (ret)
		return ret;
	c->m->caps.device_authentication = true;
	return 0;
}

static int parse_mutable_storage(struct ctx *c, const struct cap_def *d, struct json_object *v,
				 const char *path)
{
	static const char *const keys[] = {"SizeKB", NULL};
	char field[AZS_PATH_MAX];
	int64_t kb;
	int ret;

	(void)d;
	ret = azs_json_want(v, json_type_object, path, c->err);
	if (!ret)
		ret = azs_json_known_keys(v, path, keys, c->err);
	if (ret)
		return ret;
	azs_path_key(field, sizeof(field), path, "SizeKB");
	ret = azs_json_int(azs_json_member(v, "SizeKB"), field, 1,
			   AZS_MANIFEST_MUTABLE_STORAGE_MAX_KB, &kb, c->err);
	if (ret)
		return ret;
	c->m->caps.mutable_storage_kb = (uint32_t)kb;
	return 0;
}

static int parse_power_controls(struct ctx *c, const struct cap_def *d, struct json_object *v,
				const char *path)
{
	static const struct {
		const char *name;
		uint32_t bit;
	} controls[] = {
		{"ForcePowerDown", AZS_POWER_FORCE_POWER_DOWN},
		{"ForceReboot", AZS_POWER_FORCE_REBOOT},
		{"SetPowerProfile", AZS_POWER_SET_POWER_PROFILE},
	};
	char field[AZS_PATH_MAX];
	size_t n;
	int ret;

	(void)d;
	ret = want_array(c, v, path, SIZE_MAX, "entries", &n);
	if (ret)
		return ret;
	if (n == 0)
		return azs_error_set(c->err, -EINVAL, path,
				     "must not be empty (ForcePowerDown, ForceReboot, "
				     "SetPowerProfile)");
	for (size_t i = 0; i < n; i++) {
		const char *s;
		size_t k;

		ret = list_string(c, v, path, i, 64, false, &s, field, sizeof(field));
		if (ret)
			return ret;
		for (k = 0; k < sizeof(controls) / sizeof(controls[0]); k++)
			if (!strcmp(s, controls[k].name))
				break;
		if (k == sizeof(controls) / sizeof(controls[0]))
			return azs_error_set(c->err, -EINVAL, field,
					     "unknown power control \"%.40s\" (ForcePowerDown, "
					     "ForceReboot, SetPowerProfile)",
					     s);
		c->m->caps.power_controls |= controls[k].bit;
	}
	return 0;
}

/* ---- The object ------------------------------------------------------------- */

/* Spec order (docs/manifest.md); keys are checked in this order. */
static const struct cap_def cap_defs[] = {
	{"Gpio", BOTH, parse_periph, AZS_FW_KIND_GPIO},
	{"Uart", BOTH, parse_periph, AZS_FW_KIND_UART},
	{"I2cMaster", BOTH, parse_periph, AZS_FW_KIND_I2C},
	{"SpiMaster", BOTH, parse_periph, AZS_FW_KIND_SPI},
	{"Pwm", BOTH, parse_periph, AZS_FW_KIND_PWM},
	{"Adc", BOTH, parse_periph, AZS_FW_KIND_ADC},
	{"I2sSubordinate", RT_ONLY, parse_periph, AZS_FW_KIND_I2S},
	{"ExternalInterrupt", RT_ONLY, parse_interrupts, 0},
	{"AllowedConnections", HL_ONLY, parse_connections, 0},
	{"AllowedTcpServerPorts", HL_ONLY, parse_ports, 0},
	{"AllowedUdpServerPorts", HL_ONLY, parse_ports, 1},
	{"AllowedApplicationConnections", BOTH, parse_app_connections, 0},
	{"WifiConfig", HL_ONLY, parse_flag, AZS_MCAP_WIFI_CONFIG},
	{"EnterpriseWifiConfig", HL_ONLY, parse_flag, AZS_MCAP_ENTERPRISE_WIFI_CONFIG},
	{"NetworkConfig", HL_ONLY, parse_flag, AZS_MCAP_NETWORK_CONFIG},
	{"ReadNetworkProxyConfig", HL_ONLY, parse_flag, AZS_MCAP_READ_NETWORK_PROXY_CONFIG},
	{"TimeSyncConfig", HL_ONLY, parse_flag, AZS_MCAP_TIME_SYNC_CONFIG},
	{"SystemTime", HL_ONLY, parse_flag, AZS_MCAP_SYSTEM_TIME},
	{"DhcpService", HL_ONLY, parse_flag, AZS_MCAP_DHCP_SERVICE},
	{"SntpService", HL_ONLY, parse_flag, AZS_MCAP_SNTP_SERVICE},
	{"HardwareAddressConfig", HL_ONLY, parse_flag, AZS_MCAP_HARDWARE_ADDRESS_CONFIG},
	{"CertStore", HL_ONLY, parse_flag, AZS_MCAP_CERT_STORE},
	{"DeviceAuthentication", HL_ONLY, parse_device_auth, 0},
	{"MutableStorage", HL_ONLY, parse_mutable_storage, 0},
	{"PowerControls", HL_ONLY, parse_power_controls, 0},
	{"SystemEventNotifications", HL_ONLY, parse_flag, AZS_MCAP_SYSTEM_EVENT_NOTIFICATIONS},
	{"SoftwareUpdateDeferral", HL_ONLY, parse_flag, AZS_MCAP_SOFTWARE_UPDATE_DEFERRAL},
	{"HeapMemStats", HL_ONLY, parse_flag, AZS_MCAP_HEAP_MEM_STATS},
	{"ResetMemoryWatermarks", HL_ONLY, parse_flag, AZS_MCAP_RESET_MEMORY_WATERMARKS},
};

#define N_CAP_DEFS (sizeof(cap_defs) / sizeof(cap_defs[0]))

int azs_manifest_parse_caps(struct json_object *caps, struct azs_manifest *m,
			    const struct azs_hwdef *hw, struct azs_error *err)
{
	struct ctx c = {.m = m, .hw = hw, .err = err};
	bool rt = m->app_type == AZS_APP_TYPE_REALTIME;
	char field[AZS_PATH_MAX];
	int ret;

	json_object_object_foreach(caps, key, val)
	{
		size_t i;

		(void)val;
		for (i = 0; i < N_CAP_DEFS; i++)
			if (!strcmp(cap_defs[i].key, key))
				break;
		if (i == N_CAP_DEFS) {
			azs_path_key(field, sizeof(field), "Capabilities", key);
			return azs_error_set(err, -EINVAL, field, "unknown capability");
		}
	}
	for (size_t i = 0; i < N_CAP_DEFS; i++) {
		const struct cap_def *d = &cap_defs[i];
		struct json_object *v = azs_json_member(caps, d->key);

		if (!v)
			continue;
		azs_path_key(field, sizeof(field), "Capabilities", d->key);
		if (d->scope == HL_ONLY && rt)
			return azs_error_set(err, -EINVAL, field,
					     "not available to real-time apps (ApplicationType "
					     "RealTimeCapable)");
		if (d->scope == RT_ONLY && !rt)
			return azs_error_set(err, -EINVAL, field,
					     "only for real-time apps (ApplicationType "
					     "RealTimeCapable)");
		ret = d->parse(&c, d, v, field);
		if (ret)
			return ret;
	}
	return 0;
}
