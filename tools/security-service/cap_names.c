// SPDX-License-Identifier: MIT
/* Capability names and numbers (see cap_names.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cap_names.h"
#include "log.h"

static const struct {
	u32 value;
	const char *name; /* user-facing: accepted by --capability */
} user_names[] = {
	{AZS_CAP_APP_DEVELOPMENT, "appDevelopment"},
	{AZS_CAP_FIELD_SERVICING, "fieldServicing"},
	{AZS_CAP_ENABLE_RF_TEST_MODE, "enableRfTestMode"},
};

/* The uapi names, for showing values that have no user-facing name. */
static const char *const uapi_names[AZS_CAP_MAX + 1] = {
	[AZS_CAP_ALLOW_TEST_KEY] = "AZS_CAP_ALLOW_TEST_KEY",
	[AZS_CAP_ENABLE_PLUTON_DEBUG] = "AZS_CAP_ENABLE_PLUTON_DEBUG",
	[AZS_CAP_ENABLE_HLOS_DEBUG] = "AZS_CAP_ENABLE_HLOS_DEBUG",
	[AZS_CAP_ENABLE_N9_DEBUG] = "AZS_CAP_ENABLE_N9_DEBUG",
	[AZS_CAP_ENABLE_HLOS_CONSOLE] = "AZS_CAP_ENABLE_HLOS_CONSOLE",
	[AZS_CAP_ENABLE_SLT_LOADER] = "AZS_CAP_ENABLE_SLT_LOADER",
	[AZS_CAP_ENABLE_SYSTEM_SW_DEV] = "AZS_CAP_ENABLE_SYSTEM_SW_DEV",
	[AZS_CAP_APP_DEVELOPMENT] = "AZS_CAP_APP_DEVELOPMENT",
	[AZS_CAP_ENABLE_RF_TEST_MODE] = "AZS_CAP_ENABLE_RF_TEST_MODE",
	[AZS_CAP_FIELD_SERVICING] = "AZS_CAP_FIELD_SERVICING",
};

#define N_USER_NAMES (sizeof(user_names) / sizeof(user_names[0]))

const char *ss_capability_name(u32 value)
{
	for (size_t i = 0; i < N_USER_NAMES; i++)
		if (user_names[i].value == value)
			return user_names[i].name;
	return NULL;
}

void ss_capability_print(FILE *out, u32 value)
{
	const char *name = ss_capability_name(value);

	if (!name && value <= AZS_CAP_MAX && azs_capability_known(value))
		name = uapi_names[value];
	fprintf(out, "%s (%u)", name ? name : "unknown", value);
}

void ss_capability_print_accepted(FILE *out, const char *sep)
{
	const char *comma = "";

	for (size_t i = 0; i < N_USER_NAMES; i++)
		fprintf(out, "%s%s,", i ? " " : "", user_names[i].name);
	fprintf(out, "%sor a number:", sep);
	for (u32 v = 1; v <= AZS_CAP_MAX; v++) {
		if (!azs_capability_known(v))
			continue;
		fprintf(out, "%s %u", comma, v);
		comma = ",";
	}
}

int ss_capability_parse(const char *arg, u8 *value)
{
	unsigned long v;
	char *end;

	for (size_t i = 0; i < N_USER_NAMES; i++) {
		if (!strcmp(arg, user_names[i].name)) {
			*value = (u8)user_names[i].value;
			return 0;
		}
	}
	if (arg[0] >= '0' && arg[0] <= '9') {
		errno = 0;
		v = strtoul(arg, &end, 10);
		if (!errno && !*end && v <= AZS_CAP_MAX && azs_capability_known((u32)v)) {
			*value = (u8)v;
			return 0;
		}
	}
	ss_error("--capability: unknown capability '%s'", arg);
	fputs(SS_PROG ": --capability takes ", stderr);
	ss_capability_print_accepted(stderr, " ");
	fputc('\n', stderr);
	return -EINVAL;
}
