// SPDX-License-Identifier: MIT
/*
 * Damaged manifests: every truncated prefix of valid manifests, single-byte
 * replacements at every position by bytes that matter to JSON and to our
 * syntax, bit flips, deleted and duplicated bytes, and seeded random
 * multi-byte mutations. The parser must
 * never crash, and must either accept (and then free cleanly) or refuse with
 * a negative errno and a reason. This binary is built with the library's
 * sources under AddressSanitizer and UndefinedBehaviorSanitizer, so an
 * out-of-bounds access, a leak or undefined behaviour fails it too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "manifest.h"

static const char high_level[] =
	"{ \"SchemaVersion\": 1, \"Name\": \"LowPowerMcuToCloud\",\n"
	"  \"ComponentId\": \"55286fbe-3ec7-4a16-f997-6e0670fc97e2\", \"EntryPoint\": "
	"\"/bin/app\",\n"
	"  \"Capabilities\": {\n"
	"    \"Uart\": [\"$MT3620_RDB_HEADER2_ISU0_UART\", \"ISU3\"],\n"
	"    \"Gpio\": [\"$MT3620_RDB_LED1_RED\", 9, \"$MT3620_RDB_LED1_BLUE\", 12],\n"
	"    \"Pwm\": [\"PWM-CONTROLLER-1\"], \"Adc\": [\"ADC-CONTROLLER-0\"],\n"
	"    \"MutableStorage\": { \"SizeKB\": 8 },\n"
	"    \"DeviceAuthentication\": \"00000000-0000-0000-0000-000000000000\",\n"
	"    \"AllowedConnections\": [\"global.azure-devices-provisioning.net\", \"10.1.2.3\"],\n"
	"    \"AllowedTcpServerPorts\": [11000], \"AllowedUdpServerPorts\": [5353],\n"
	"    \"AllowedApplicationConnections\": [\"005180BC-402F-4CB3-A662-72937DBCDE47\"],\n"
	"    \"SoftwareUpdateDeferral\": true, \"SystemEventNotifications\": false,\n"
	"    \"PowerControls\": [\"ForcePowerDown\", \"ForceReboot\"] },\n"
	"  \"ApplicationType\": \"Default\", \"MallocVersion\": 2,\n"
	"  \"TargetBetaApis\": \"Beta1905\", \"CmdArgs\": [\"a\\u00e9\\n\"] }\n";

static const char real_time[] =
	"{\"SchemaVersion\":1,\"Name\":\"rt\",\"ComponentId\":\"005180bc-402f-4cb3-a662-"
	"72937dbcde47\","
	"\"EntryPoint\":\"/bin/app\",\"ApplicationType\":\"RealTimeCapable\",\"Capabilities\":{"
	"\"Gpio\":[0,1,80],\"I2sSubordinate\":[\"I2S0\"],\"ExternalInterrupt\":[\"EINT3\"],"
	"\"SpiMaster\":[\"ISU1\"],\"AllowedApplicationConnections\":"
	"[\"25025d2c-66da-4448-bae1-ac26fcdd3627\"]}}";

static struct azs_hwdef *rdb(void)
{
	static const char *const dirs[] = {AZS_HWDEF_DIR};
	struct azs_hwdef *hw = NULL;
	struct azs_error err;

	if (azs_hwdef_load(AZS_HWDEF_DIR "/mt3620_rdb.json", dirs, 1, &hw, &err)) {
		fprintf(stderr, "%s: %s\n", err.field, err.reason);
		abort();
	}
	return hw;
}

/* Parse LEN bytes of TEXT (a private copy, so reads past LEN are caught). */
static int try(struct __test_metadata *_metadata, const struct azs_hwdef *hw, const char *text,
	       size_t len, const char *what, size_t at)
{
	char *copy = malloc(len ? len : 1);
	struct azs_manifest m;
	struct azs_error err;
	int ret;

	memcpy(copy, text, len);
	memset(&err, 0x5a, sizeof(err));
	ret = azs_manifest_parse(copy, len, hw, &m, &err);
	free(copy);
	if (ret == 0) {
		azs_manifest_free(&m);
		return 0;
	}
	EXPECT_GT(0, ret) TH_LOG("%s at %zu", what, at);
	EXPECT_NE(0, err.reason[0]) TH_LOG("%s at %zu: empty reason", what, at);
	EXPECT_GT(sizeof(err.field), strnlen(err.field, sizeof(err.field)))
	TH_LOG("%s at %zu: field not terminated", what, at);
	EXPECT_GT(sizeof(err.reason), strnlen(err.reason, sizeof(err.reason)))
	TH_LOG("%s at %zu: reason not terminated", what, at);
	/* A refusal leaves nothing allocated in the manifest. */
	EXPECT_EQ(NULL, m.name) TH_LOG("%s at %zu", what, at);
	EXPECT_EQ(NULL, m.cmd_args) TH_LOG("%s at %zu", what, at);
	EXPECT_EQ(NULL, m.caps.allowed_connections) TH_LOG("%s at %zu", what, at);
	return ret;
}

static const char *const originals[] = {high_level, real_time};

TEST(originals_are_valid)
{
	struct azs_hwdef *hw = rdb();
	struct azs_manifest m;
	struct azs_error err;

	for (size_t i = 0; i < ARRAY_SIZE(originals); i++) {
		EXPECT_EQ(0, azs_manifest_parse(originals[i], strlen(originals[i]), hw, &m, &err))
		TH_LOG("original %zu: %s: %s", i, err.field, err.reason);
		azs_manifest_free(&m);
	}
	azs_hwdef_free(hw);
}

TEST(every_truncated_prefix)
{
	struct azs_hwdef *hw = rdb();

	for (size_t i = 0; i < ARRAY_SIZE(originals); i++) {
		size_t len = strlen(originals[i]);

		for (size_t n = 0; n < len; n++)
			try(_metadata, hw, originals[i], n, "prefix", n);
	}
	azs_hwdef_free(hw);
}

TEST(single_byte_replacements_at_every_position)
{
	static const unsigned char bytes[] = {
		0x00, 0x01, '\t', '\n', ' ', '"', '$', ',', '-', '.', '/', '0',  '1',  '9',  ':',
		'[',  '\\', ']',  '_',  'e', 'n', 't', 'u', 'x', '{', '}', 0x7f, 0x80, 0xc3, 0xff,
	};
	struct azs_hwdef *hw = rdb();

	for (size_t i = 0; i < ARRAY_SIZE(originals); i++) {
		size_t len = strlen(originals[i]);
		char *buf = malloc(len);

		/*
		 * Each position gets 8 of the bytes and 2 of the bit flips, rotating,
		 * so every byte and every bit is tried across neighbouring positions
		 * while the test stays fast under the sanitizers.
		 */
		for (size_t at = 0; at < len; at++) {
			for (size_t k = 0; k < 8; k++) {
				memcpy(buf, originals[i], len);
				buf[at] = (char)bytes[(at * 8 + k) % ARRAY_SIZE(bytes)];
				try(_metadata, hw, buf, len, "replacement", at);
			}
			for (size_t k = 0; k < 2; k++) {
				memcpy(buf, originals[i], len);
				buf[at] = (char)(buf[at] ^ (1 << ((at * 2 + k) % 8)));
				try(_metadata, hw, buf, len, "bit flip", at);
			}
		}
		free(buf);
	}
	azs_hwdef_free(hw);
}

/* Deleted and duplicated bytes shift everything after them. */
TEST(every_deletion_and_duplication)
{
	struct azs_hwdef *hw = rdb();

	for (size_t i = 0; i < ARRAY_SIZE(originals); i++) {
		size_t len = strlen(originals[i]);
		char *buf = malloc(len + 1);

		for (size_t at = 0; at < len; at++) {
			memcpy(buf, originals[i], at);
			memcpy(buf + at, originals[i] + at + 1, len - at - 1);
			try(_metadata, hw, buf, len - 1, "deletion", at);
			memcpy(buf, originals[i], at + 1);
			memcpy(buf + at + 1, originals[i] + at, len - at);
			try(_metadata, hw, buf, len + 1, "duplication", at);
		}
		free(buf);
	}
	azs_hwdef_free(hw);
}

/* A fixed-seed xorshift, so a failure reproduces. */
static uint32_t next(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

TEST(seeded_random_mutations)
{
	struct azs_hwdef *hw = rdb();
	uint32_t state = 0x9e3779b9u;
	size_t accepted = 0;

	for (int round = 0; round < 5000; round++) {
		const char *orig = originals[next(&state) % ARRAY_SIZE(originals)];
		size_t len = strlen(orig);
		char *buf = malloc(len);
		int edits = 1 + (int)(next(&state) % 4);

		memcpy(buf, orig, len);
		for (int e = 0; e < edits; e++) {
			size_t at = next(&state) % len;

			/* Mostly bytes from the manifest itself, which stay plausible. */
			if (next(&state) % 4)
				buf[at] = orig[next(&state) % len];
			else
				buf[at] = (char)(next(&state) & 0xff);
		}
		if (try(_metadata, hw, buf, len, "random round", (size_t)round) == 0)
			accepted++;
		free(buf);
	}
	/* Some mutations (in names, in string contents) keep the manifest valid. */
	EXPECT_LT(0u, accepted);
	azs_hwdef_free(hw);
}

/* Without a hardware definition, the "$NAME"s of the high-level manifest are refused. */
TEST(without_hardware_definition)
{
	size_t len = strlen(high_level);

	for (size_t n = 0; n <= len; n++)
		try(_metadata, NULL, high_level, n, "prefix without hwdef", n);
}

TEST_HARNESS_MAIN
