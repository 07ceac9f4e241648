// SPDX-License-Identifier: MIT
/* app_manifest.json: the top-level keys (see manifest.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "json_get.h"
#include "json_strict.h"
#include "manifest_internal.h"

static const char *const top_keys[] = {
	"SchemaVersion",
	"Name",
	"ComponentId",
	"EntryPoint",
	"CmdArgs",
	"Capabilities",
	"ApplicationType",
	"MallocVersion",
	"TargetApplicationRuntimeVersion",
	"TargetBetaApis",
	NULL,
};

static const char *const periph_keys[AZS_FW_KIND_MAX + 1] = {
	[AZS_FW_KIND_GPIO] = "Gpio",
	[AZS_FW_KIND_UART] = "Uart",
	[AZS_FW_KIND_I2C] = "I2cMaster",
	[AZS_FW_KIND_SPI] = "SpiMaster",
	[AZS_FW_KIND_PWM] = "Pwm",
	[AZS_FW_KIND_ADC] = "Adc",
	[AZS_FW_KIND_I2S] = "I2sSubordinate",
};

const char *azs_manifest_periph_key(uint32_t kind)
{
	return kind <= AZS_FW_KIND_MAX ? periph_keys[kind] : NULL;
}

static void free_strings(char ***array, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*array)[i]);
	free(*array);
	*array = NULL;
	*n = 0;
}

void azs_manifest_free(struct azs_manifest *m)
{
	if (!m)
		return;
	free(m->name);
	free(m->entry_point);
	free(m->target_beta_apis);
	free_strings(&m->cmd_args, &m->n_cmd_args);
	free_strings(&m->caps.external_interrupts, &m->caps.n_external_interrupts);
	free_strings(&m->caps.allowed_connections, &m->caps.n_allowed_connections);
	memset(m, 0, sizeof(*m));
}

int azs_manifest_push_string(char ***array, size_t *n, const char *s)
{
	char **grown = realloc(*array, (*n + 1) * sizeof(**array));

	if (!grown)
		return -ENOMEM;
	*array = grown;
	grown[*n] = strdup(s);
	if (!grown[*n])
		return -ENOMEM;
	(*n)++;
	return 0;
}

static int copy_string(const char *s, const char *field, char **out, struct azs_error *err)
{
	*out = strdup(s);
	if (!*out)
		return azs_error_set(err, -ENOMEM, field, "out of memory");
	return 0;
}

static int parse_name(struct json_object *root, struct azs_manifest *m, struct azs_error *err)
{
	const char *s;
	int ret = azs_json_string(azs_json_member(root, "Name"), "Name", 1, AZS_MANIFEST_NAME_MAX,
				  AZS_STR_NO_CONTROL, &s, NULL, err);

	if (ret)
		return ret;
	return copy_string(s, "Name", &m->name, err);
}

static int parse_component_id(struct json_object *root, struct azs_manifest *m,
			      struct azs_error *err)
{
	const char *s;
	size_t len;
	int ret = azs_json_string(azs_json_member(root, "ComponentId"), "ComponentId", 0, SIZE_MAX,
				  0, &s, &len, err);

	if (ret)
		return ret;
	if (azs_guid_parse(s, len, &m->component_id))
		return azs_error_set(err, -EINVAL, "ComponentId",
				     "not a GUID (8-4-4-4-12 hex digits, such as "
				     "\"25025d2c-66da-4448-bae1-ac26fcdd3627\")");
	if (azs_guid_is_nil(&m->component_id))
		return azs_error_set(err, -EINVAL, "ComponentId",
				     "the nil GUID cannot identify an app");
	return 0;
}

/*
 * An absolute, normalised path inside the image: "/bin/app". No empty, "."
 * or ".." component, no trailing '/', no control characters.
 */
static int parse_entry_point(struct json_object *root, struct azs_manifest *m,
			     struct azs_error *err)
{
	const char *s;
	size_t len, start = 1;
	int ret = azs_json_string(azs_json_member(root, "EntryPoint"), "EntryPoint", 1,
				  AZS_MANIFEST_ENTRY_POINT_MAX, AZS_STR_NO_CONTROL, &s, &len, err);

	if (ret)
		return ret;
	if (s[0] != '/')
		return azs_error_set(err, -EINVAL, "EntryPoint",
				     "must be an absolute path inside the image, such as /bin/app");
	if (len == 1 || s[len - 1] == '/')
		return azs_error_set(err, -EINVAL, "EntryPoint",
				     "must name a file, not a directory");
	if (strstr(s, "//"))
		return azs_error_set(err, -EINVAL, "EntryPoint", "\"//\" is not allowed");
	for (size_t i = 1; i <= len; i++) {
		size_t n = i - start;

		if (i < len && s[i] != '/')
			continue;
		if ((n == 1 && s[start] == '.') || (n == 2 && !memcmp(s + start, "..", 2)))
			return azs_error_set(err, -EINVAL, "EntryPoint",
					     "\".\" and \"..\" components are not allowed");
		start = i + 1;
	}
	return copy_string(s, "EntryPoint", &m->entry_point, err);
}

static int parse_cmd_args(struct json_object *root, struct azs_manifest *m, struct azs_error *err)
{
	struct json_object *args = azs_json_member(root, "CmdArgs");
	char field[AZS_PATH_MAX];
	size_t n;
	int ret;

	if (!args)
		return 0;
	ret = azs_json_want(args, json_type_array, "CmdArgs", err);
	if (ret)
		return ret;
	n = json_object_array_length(args);
	if (n > AZS_MANIFEST_MAX_CMD_ARGS)
		return azs_error_set(err, -EINVAL, "CmdArgs", "more than %d arguments",
				     AZS_MANIFEST_MAX_CMD_ARGS);
	for (size_t i = 0; i < n; i++) {
		const char *s;

		azs_path_index(field, sizeof(field), "CmdArgs", i);
		ret = azs_json_string(json_object_array_get_idx(args, i), field, 0,
				      AZS_MANIFEST_CMD_ARG_MAX, 0, &s, NULL, err);
		if (ret)
			return ret;
		if (azs_manifest_push_string(&m->cmd_args, &m->n_cmd_args, s))
			return azs_error_set(err, -ENOMEM, field, "out of memory");
	}
	return 0;
}

static int parse_app_type(struct json_object *root, struct azs_manifest *m, struct azs_error *err)
{
	struct json_object *v = azs_json_member(root, "ApplicationType");
	const char *s;
	int ret;

	m->app_type = AZS_APP_TYPE_DEFAULT;
	if (!v)
		return 0;
	ret = azs_json_string(v, "ApplicationType", 0, SIZE_MAX, 0, &s, NULL, err);
	if (ret)
		return ret;
	if (!strcmp(s, "Default"))
		return 0;
	if (!strcmp(s, "RealTimeCapable")) {
		m->app_type = AZS_APP_TYPE_REALTIME;
		return 0;
	}
	if (!strcmp(s, "Debugger"))
		return azs_error_set(
			err, -EINVAL, "ApplicationType",
			"\"Debugger\" is reserved for the platform's debugger "
			"(gdbserver) app; customer apps are Default or RealTimeCapable");
	return azs_error_set(err, -EINVAL, "ApplicationType",
			     "unknown application type \"%.40s\" (Default or RealTimeCapable)", s);
}

static int parse_optional_ints(struct json_object *root, struct azs_manifest *m,
			       struct azs_error *err)
{
	struct json_object *v;
	int64_t n;
	int ret;

	v = azs_json_member(root, "MallocVersion");
	if (v) {
		ret = azs_json_int(v, "MallocVersion", 1, 2, &n, err);
		if (ret)
			return ret;
		m->malloc_version = (int)n;
	}
	v = azs_json_member(root, "TargetApplicationRuntimeVersion");
	if (v) {
		ret = azs_json_int(v, "TargetApplicationRuntimeVersion", 1, INT32_MAX, &n, err);
		if (ret)
			return ret;
		m->target_runtime_version = n;
	}
	return 0;
}

/* A Beta API set name such as "Beta1905": letters, digits, '+', '.', '_', '-'. */
static int parse_beta_apis(struct json_object *root, struct azs_manifest *m, struct azs_error *err)
{
	struct json_object *v = azs_json_member(root, "TargetBetaApis");
	const char *s;
	int ret;

	if (!v)
		return 0;
	ret = azs_json_string(v, "TargetBetaApis", 1, AZS_MANIFEST_BETA_APIS_MAX, 0, &s, NULL, err);
	if (ret)
		return ret;
	for (const char *p = s; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("+._-", c)))
			return azs_error_set(err, -EINVAL, "TargetBetaApis",
					     "not an API set name (letters, digits, '+', '.', "
					     "'_', '-')");
	}
	return copy_string(s, "TargetBetaApis", &m->target_beta_apis, err);
}

static int parse_top(struct json_object *root, const struct azs_hwdef *hw, struct azs_manifest *m,
		     struct azs_error *err)
{
	struct json_object *caps;
	int64_t version;
	int ret;

	ret = azs_json_known_keys(root, "", top_keys, err);
	if (!ret)
		ret = azs_json_int(azs_json_member(root, "SchemaVersion"), "SchemaVersion", 1, 1,
				   &version, err);
	if (ret)
		return ret;
	m->schema_version = (int)version;
	ret = parse_name(root, m, err);
	if (!ret)
		ret = parse_component_id(root, m, err);
	if (!ret)
		ret = parse_entry_point(root, m, err);
	if (!ret)
		ret = parse_cmd_args(root, m, err);
	if (!ret)
		ret = parse_app_type(root, m, err);
	if (!ret)
		ret = parse_optional_ints(root, m, err);
	if (!ret)
		ret = parse_beta_apis(root, m, err);
	if (ret)
		return ret;
	caps = azs_json_member(root, "Capabilities");
	ret = azs_json_want(caps, json_type_object, "Capabilities", err);
	if (ret)
		return ret;
	return azs_manifest_parse_caps(caps, m, hw, err);
}

int azs_manifest_parse(const char *json, size_t len, const struct azs_hwdef *hw,
		       struct azs_manifest *out, struct azs_error *err)
{
	azs_cleanup(azs_json_putp) struct json_object *root = NULL;
	int ret;

	memset(out, 0, sizeof(*out));
	azs_error_clear(err);
	if (!json)
		return azs_error_set(err, -EINVAL, "", "no manifest");
	ret = azs_json_parse_object(json, len, AZS_MANIFEST_MAX_SIZE, &root, err);
	if (!ret)
		ret = parse_top(root, hw, out, err);
	if (ret)
		azs_manifest_free(out);
	return ret;
}
