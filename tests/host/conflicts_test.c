// SPDX-License-Identifier: MIT
/*
 * The firewall resources of a manifest and install conflicts
 * (containerd-lite/lib/resources.c, conflicts.c): each conflict rule in both
 * directions (the conflicting app installed first, then the other way
 * round), the non-conflicts the firewall allows, the choice of cores for
 * real-time apps, server ports, and sweeps over every pair of MT3620 GPIOs
 * checked against the inventory's pin blocks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "fw_table.h"
#include "resources.h"

#define CID_A "aaaaaaaa-0000-4000-8000-000000000001"
#define CID_B "bbbbbbbb-0000-4000-8000-000000000002"
#define CID_C "cccccccc-0000-4000-8000-000000000003"
#define CID_D "dddddddd-0000-4000-8000-000000000004"

/* A manifest named NAME with ComponentId CID, real-time if RT, with CAPS (a JSON body). */
static struct azs_manifest *app(const char *name, const char *cid, bool rt, const char *caps)
{
	struct azs_manifest *m = calloc(1, sizeof(*m));
	struct azs_error err;
	char json[2048];

	snprintf(json, sizeof(json),
		 "{\"SchemaVersion\": 1, \"Name\": \"%s\", \"ComponentId\": \"%s\", "
		 "\"EntryPoint\": \"/bin/app\", \"ApplicationType\": \"%s\", "
		 "\"Capabilities\": {%s}}",
		 name, cid, rt ? "RealTimeCapable" : "Default", caps);
	if (!m || azs_manifest_parse(json, strlen(json), NULL, m, &err)) {
		fprintf(stderr, "test manifest refused: %s: %s\n%s\n", err.field, err.reason, json);
		abort();
	}
	return m;
}

static void drop(struct azs_manifest *m)
{
	azs_manifest_free(m);
	free(m);
}

static int check(const struct azs_manifest *installed, const struct azs_manifest *candidate,
		 struct azs_error *err)
{
	const struct azs_manifest *const list[] = {installed};

	memset(err, 0, sizeof(*err));
	return azs_check_conflicts(list, 1, candidate, err);
}

static bool has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

/*
 * A conflict rule: A with CAPS_A and B with CAPS_B conflict whichever is
 * installed first; the refusal names the candidate's FIELD, both apps, and
 * contains WHAT (for A installed first) and WHAT_REVERSED (for B first).
 */
struct rule {
	const char *name;
	bool a_rt, b_rt;
	const char *caps_a, *caps_b;
	const char *field_b, *what;          /* candidate B, A installed */
	const char *field_a, *what_reversed; /* candidate A, B installed */
};

static const struct rule rules[] = {
	{"same GPIO, two high-level apps", false, false, "\"Gpio\": [8]", "\"Gpio\": [12, 8]",
	 "Capabilities.Gpio[1]",
	 "GPIO 8 requested by 'B' (" CID_B ") is already used by 'A' (" CID_A ")",
	 "Capabilities.Gpio[0]",
	 "GPIO 8 requested by 'A' (" CID_A ") is already used by 'B' (" CID_B ")"},
	{"same GPIO, high-level and real-time", false, true, "\"Gpio\": [12]", "\"Gpio\": [12]",
	 "Capabilities.Gpio[0]", "GPIO 12 requested by 'B' (" CID_B ") is already used by 'A'",
	 "Capabilities.Gpio[0]", "GPIO 12 requested by 'A' (" CID_A ") is already used by 'B'"},
	{"pin block split between the HL core and an IO core", false, true, "\"Gpio\": [8]",
	 "\"Gpio\": [9]", "Capabilities.Gpio[0]",
	 "GPIO 9 requested by 'B' (" CID_B ") (core IO0) is in pin block GPIO2, which 'A' (" CID_A
	 ") uses on core HL",
	 "Capabilities.Gpio[0]",
	 "GPIO 8 requested by 'A' (" CID_A ") (core HL) is in pin block GPIO2, which 'B' (" CID_B
	 ") uses on core IO0"},
	{"pin block split between the two IO cores", true, true, "\"Gpio\": [16]", "\"Gpio\": [19]",
	 "Capabilities.Gpio[0]",
	 "(core IO1) is in pin block GPIO4, which 'A' (" CID_A ") uses on core IO0",
	 "Capabilities.Gpio[0]",
	 "(core IO1) is in pin block GPIO4, which 'B' (" CID_B ") uses on core IO0"},
	{"ADC block split across cores by GPIOs", true, false, "\"Gpio\": [41]", "\"Gpio\": [48]",
	 "Capabilities.Gpio[0]", "pin block ADC", "Capabilities.Gpio[0]", "pin block ADC"},
	{"ISU as UART and as I2C master", false, false, "\"Uart\": [\"ISU0\"]",
	 "\"I2cMaster\": [\"ISU0\"]", "Capabilities.I2cMaster[0]",
	 "ISU0 requested as I2C master by 'B' (" CID_B ") is already used as UART by 'A' (" CID_A
	 "); an ISU serves one role at a time",
	 "Capabilities.Uart[0]",
	 "ISU0 requested as UART by 'A' (" CID_A ") is already used as I2C master by 'B' (" CID_B
	 ")"},
	{"ISU as SPI and UART", false, false, "\"SpiMaster\": [\"ISU3\"]", "\"Uart\": [\"ISU3\"]",
	 "Capabilities.Uart[0]", "an ISU serves one role at a time", "Capabilities.SpiMaster[0]",
	 "an ISU serves one role at a time"},
	{"ISU on two cores", false, true, "\"Uart\": [\"ISU1\"]", "\"SpiMaster\": [\"ISU1\"]",
	 "Capabilities.SpiMaster[0]", "a pin block belongs to one core", "Capabilities.Uart[0]",
	 "a pin block belongs to one core"},
	{"ISU as UART and its pins as GPIOs", false, false, "\"Uart\": [\"ISU0\"]",
	 "\"Gpio\": [27]", "Capabilities.Gpio[0]",
	 "GPIO 27 requested by 'B' (" CID_B ") belongs to ISU0, which 'A' (" CID_A ") uses",
	 "Capabilities.Uart[0]",
	 "ISU0 requested by 'A' (" CID_A ") needs pins GPIO26-30, and 'B' (" CID_B
	 ") uses GPIO 27 as a GPIO"},
	{"PWM controller and GPIOs of its pins", false, false, "\"Pwm\": [\"PWM-CONTROLLER-2\"]",
	 "\"Gpio\": [12, 9]", "Capabilities.Gpio[1]",
	 "GPIO 9 requested by 'B' (" CID_B ") belongs to PWM-CONTROLLER-2, which 'A' (" CID_A
	 ") uses",
	 "Capabilities.Pwm[0]",
	 "PWM-CONTROLLER-2 requested by 'A' (" CID_A ") needs pins GPIO8-11, and 'B' (" CID_B
	 ") uses GPIO 9 as a GPIO"},
	{"ADC controller and GPIOs of its pins", false, false, "\"Adc\": [\"ADC-CONTROLLER-0\"]",
	 "\"Gpio\": [44]", "Capabilities.Gpio[0]", "belongs to ADC-CONTROLLER-0",
	 "Capabilities.Adc[0]", "needs pins GPIO41-48, and 'B' (" CID_B ") uses GPIO 44 as a GPIO"},
	{"PWM controller of a real-time app and GPIOs of a high-level app", true, false,
	 "\"Pwm\": [\"PWM-CONTROLLER-0\"]", "\"Gpio\": [3]", "Capabilities.Gpio[0]",
	 "a pin block belongs to one core", "Capabilities.Pwm[0]",
	 "a pin block belongs to one core"},
	{"same PWM controller twice", false, false, "\"Pwm\": [\"PWM-CONTROLLER-1\"]",
	 "\"Pwm\": [\"PWM-CONTROLLER-1\"]", "Capabilities.Pwm[0]",
	 "PWM-CONTROLLER-1 requested by 'B' (" CID_B ") is already used by 'A' (" CID_A ")",
	 "Capabilities.Pwm[0]", "is already used by 'B'"},
	{"same ADC controller twice", false, false, "\"Adc\": [\"ADC-CONTROLLER-0\"]",
	 "\"Adc\": [\"ADC-CONTROLLER-0\"]", "Capabilities.Adc[0]",
	 "ADC-CONTROLLER-0 requested by 'B' (" CID_B ") is already used by 'A'",
	 "Capabilities.Adc[0]", "is already used by 'B'"},
	{"same UART twice", false, false, "\"Uart\": [\"ISU4\"]", "\"Uart\": [\"ISU2\", \"ISU4\"]",
	 "Capabilities.Uart[1]", "ISU4 requested by 'B' (" CID_B ") is already used by 'A'",
	 "Capabilities.Uart[0]", "ISU4 requested by 'A' (" CID_A ") is already used by 'B'"},
	{"same I2S interface, two real-time apps", true, true, "\"I2sSubordinate\": [\"I2S1\"]",
	 "\"I2sSubordinate\": [\"I2S1\"]", "Capabilities.I2sSubordinate[0]",
	 "I2S1 requested by 'B' (" CID_B ") is already used by 'A'",
	 "Capabilities.I2sSubordinate[0]",
	 "I2S1 requested by 'A' (" CID_A ") is already used by 'B'"},
	{"I2S interface and GPIOs of its pins, two real-time apps", true, true,
	 "\"I2sSubordinate\": [\"I2S0\"]", "\"Gpio\": [58]", "Capabilities.Gpio[0]",
	 "is in pin block I2S0, which 'A' (" CID_A ") uses on core IO0",
	 "Capabilities.I2sSubordinate[0]",
	 "is in pin block I2S0, which 'B' (" CID_B ") uses on core IO0"},
	{"GPIO80 on two cores", true, false, "\"Gpio\": [80]", "\"Gpio\": [80]",
	 "Capabilities.Gpio[0]", "GPIO 80 requested by 'B' (" CID_B ") is already used by 'A'",
	 "Capabilities.Gpio[0]", "GPIO 80 requested by 'A' (" CID_A ") is already used by 'B'"},
	{"same TCP server port", false, false, "\"AllowedTcpServerPorts\": [11000]",
	 "\"AllowedTcpServerPorts\": [2000, 11000]", "Capabilities.AllowedTcpServerPorts[1]",
	 "TCP port 11000 requested by 'B' (" CID_B ") is already a server port of 'A' (" CID_A ")",
	 "Capabilities.AllowedTcpServerPorts[0]",
	 "TCP port 11000 requested by 'A' (" CID_A ") is already a server port of 'B'"},
	{"same UDP server port", false, false, "\"AllowedUdpServerPorts\": [5353]",
	 "\"AllowedUdpServerPorts\": [5353]", "Capabilities.AllowedUdpServerPorts[0]",
	 "UDP port 5353", "Capabilities.AllowedUdpServerPorts[0]", "UDP port 5353"},
};

TEST(each_conflict_rule_both_directions)
{
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		const struct rule *r = &rules[i];
		struct azs_manifest *a = app("A", CID_A, r->a_rt, r->caps_a);
		struct azs_manifest *b = app("B", CID_B, r->b_rt, r->caps_b);
		struct azs_error err;

		/* A installed, B the candidate. */
		EXPECT_EQ(-EBUSY, check(a, b, &err)) TH_LOG("%s", r->name);
		EXPECT_STREQ(r->field_b, err.field) TH_LOG("%s: %s", r->name, err.reason);
		EXPECT_TRUE(has(err.reason, r->what))
		TH_LOG("%s: \"%s\" lacks \"%s\"", r->name, err.reason, r->what);
		EXPECT_TRUE(has(err.reason, CID_A) && has(err.reason, CID_B))
		TH_LOG("%s: \"%s\" does not name both apps", r->name, err.reason);

		/* B installed, A the candidate. */
		EXPECT_EQ(-EBUSY, check(b, a, &err)) TH_LOG("%s (reversed)", r->name);
		EXPECT_STREQ(r->field_a, err.field)
		TH_LOG("%s (reversed): %s", r->name, err.reason);
		EXPECT_TRUE(has(err.reason, r->what_reversed))
		TH_LOG("%s (reversed): \"%s\" lacks \"%s\"", r->name, err.reason, r->what_reversed);
		EXPECT_TRUE(has(err.reason, CID_A) && has(err.reason, CID_B))
		TH_LOG("%s (reversed): \"%s\" does not name both apps", r->name, err.reason);
		drop(a);
		drop(b);
	}
}

/* What the firewall allows: no refusal, either way round. */
static const struct {
	const char *name;
	bool a_rt, b_rt;
	const char *caps_a, *caps_b;
} fine[] = {
	{"two high-level apps, one block, different pins", false, false, "\"Gpio\": [8]",
	 "\"Gpio\": [9, 10, 11]"},
	{"two high-level apps share the ADC block as GPIOs", false, false, "\"Gpio\": [41, 42]",
	 "\"Gpio\": [48]"},
	{"high-level and real-time apps on different blocks", false, true, "\"Gpio\": [8]",
	 "\"Gpio\": [12]"},
	{"two real-time apps on different blocks", true, true, "\"Gpio\": [0]", "\"Gpio\": [4]"},
	{"different ISUs in different roles", false, false, "\"Uart\": [\"ISU0\"]",
	 "\"I2cMaster\": [\"ISU1\"], \"SpiMaster\": [\"ISU2\"]"},
	{"different ISUs on different cores", false, true, "\"Uart\": [\"ISU0\"]",
	 "\"Uart\": [\"ISU3\"]"},
	{"PWM controller and GPIOs of another block", false, false,
	 "\"Pwm\": [\"PWM-CONTROLLER-0\"]", "\"Gpio\": [4, 12]"},
	{"different PWM controllers on different cores", true, false,
	 "\"Pwm\": [\"PWM-CONTROLLER-0\"]", "\"Pwm\": [\"PWM-CONTROLLER-1\"]"},
	{"I2S on one real-time core, ADC on the other", true, true,
	 "\"I2sSubordinate\": [\"I2S0\"]", "\"Adc\": [\"ADC-CONTROLLER-0\"]"},
	{"same port number, TCP and UDP", false, false, "\"AllowedTcpServerPorts\": [5000]",
	 "\"AllowedUdpServerPorts\": [5000]"},
	{"partners listing each other, no peripherals", false, true,
	 "\"AllowedApplicationConnections\": [\"" CID_B "\"]",
	 "\"AllowedApplicationConnections\": [\"" CID_A "\"]"},
	{"non-exclusive capabilities", false, false,
	 "\"WifiConfig\": true, \"MutableStorage\": {\"SizeKB\": 8}",
	 "\"WifiConfig\": true, \"MutableStorage\": {\"SizeKB\": 64}"},
};

TEST(non_conflicts_are_accepted_both_ways)
{
	for (size_t i = 0; i < ARRAY_SIZE(fine); i++) {
		struct azs_manifest *a = app("A", CID_A, fine[i].a_rt, fine[i].caps_a);
		struct azs_manifest *b = app("B", CID_B, fine[i].b_rt, fine[i].caps_b);
		struct azs_error err;

		EXPECT_EQ(0, check(a, b, &err))
		TH_LOG("%s: %s: %s", fine[i].name, err.field, err.reason);
		EXPECT_EQ(0, check(b, a, &err))
		TH_LOG("%s: %s: %s", fine[i].name, err.field, err.reason);
		drop(a);
		drop(b);
	}
}

TEST(alone_nothing_conflicts)
{
	struct azs_manifest *a =
		app("A", CID_A, false,
		    "\"Gpio\": [0, 1, 12], \"Uart\": [\"ISU0\"], "
		    "\"Pwm\": [\"PWM-CONTROLLER-1\"], \"Adc\": [\"ADC-CONTROLLER-0\"]");
	struct azs_error err;

	EXPECT_EQ(0, azs_check_conflicts(NULL, 0, a, &err)) TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(-EINVAL, azs_check_conflicts(NULL, 1, a, &err));
	EXPECT_EQ(-EINVAL, azs_check_conflicts(NULL, 0, NULL, &err));
	drop(a);
}

/* Two real-time cores: a third real-time app has none left. */
TEST(third_real_time_app_has_no_core)
{
	struct azs_manifest *a = app("A", CID_A, true, "");
	struct azs_manifest *b = app("B", CID_B, true, "");
	struct azs_manifest *c = app("C", CID_C, true, "");
	struct azs_manifest *hl = app("H", CID_D, false, "");
	const struct azs_manifest *two[] = {a, b}, *three[] = {a, b, c};
	struct azs_error err;

	EXPECT_EQ(0, azs_check_conflicts(two, 1, b, &err)) TH_LOG("%s", err.reason);
	EXPECT_EQ(-EBUSY, azs_check_conflicts(two, 2, c, &err));
	EXPECT_STREQ("ApplicationType", err.field);
	EXPECT_TRUE(has(err.reason, "no real-time core left for 'C' (" CID_C ")"))
	TH_LOG("%s", err.reason);
	EXPECT_TRUE(has(err.reason, "IO0 runs 'A'") && has(err.reason, "IO1 runs 'B'"))
	TH_LOG("%s", err.reason);
	/* A high-level app still fits. */
	EXPECT_EQ(0, azs_check_conflicts(two, 2, hl, &err)) TH_LOG("%s", err.reason);
	/* Replacing one of them is fine. */
	EXPECT_EQ(0, azs_check_conflicts(two, 2, b, &err)) TH_LOG("%s", err.reason);
	/* Three installed already: the installed set is broken. */
	EXPECT_EQ(-EINVAL, azs_check_conflicts(three, 3, hl, &err));
	EXPECT_TRUE(has(err.reason, "more than two real-time apps")) TH_LOG("%s", err.reason);
	drop(a);
	drop(b);
	drop(c);
	drop(hl);
}

/* An installed app with the candidate's ComponentId is the one being replaced. */
TEST(update_replaces_the_installed_version)
{
	struct azs_manifest *v1 = app("A", CID_A, false,
				      "\"Gpio\": [8], \"Uart\": [\"ISU0\"], "
				      "\"AllowedTcpServerPorts\": [11000]");
	struct azs_manifest *v2 = app("A", CID_A, false,
				      "\"Gpio\": [8, 9], \"I2cMaster\": [\"ISU0\"], "
				      "\"AllowedTcpServerPorts\": [11000]");
	struct azs_manifest *other = app("B", CID_B, false, "\"Gpio\": [9]");
	const struct azs_manifest *both[] = {v1, other};
	struct azs_error err;

	EXPECT_EQ(0, check(v1, v2, &err)) TH_LOG("%s: %s", err.field, err.reason);
	/* Still refused when the new version takes another app's pin. */
	EXPECT_EQ(-EBUSY, azs_check_conflicts(both, 2, v2, &err));
	EXPECT_STREQ("Capabilities.Gpio[1]", err.field);
	EXPECT_TRUE(has(err.reason, "GPIO 9")) TH_LOG("%s", err.reason);
	drop(v1);
	drop(v2);
	drop(other);
}

TEST(inconsistent_installed_sets_are_einval)
{
	struct azs_manifest *a = app("A", CID_A, false, "\"Gpio\": [8]");
	struct azs_manifest *a2 = app("A2", CID_A, false, "\"Gpio\": [9]");
	struct azs_manifest *b = app("B", CID_B, false, "\"Gpio\": [8]");
	struct azs_manifest *c = app("C", CID_C, false, "");
	const struct azs_manifest *twice[] = {a, a2}, *clash[] = {a, b}, *with_null[] = {a, NULL};
	struct azs_error err;

	EXPECT_EQ(-EINVAL, azs_check_conflicts(twice, 2, c, &err));
	EXPECT_TRUE(has(err.reason, CID_A " is installed twice")) TH_LOG("%s", err.reason);
	EXPECT_EQ(-EINVAL, azs_check_conflicts(clash, 2, c, &err));
	EXPECT_TRUE(has(err.reason, "installed apps conflict: GPIO 8 requested by 'B'"))
	TH_LOG("%s", err.reason);
	EXPECT_EQ(-EINVAL, azs_check_conflicts(with_null, 2, c, &err));
	drop(a);
	drop(a2);
	drop(b);
	drop(c);
}

/*
 * Every pair of MT3620 GPIOs (p for app A, q for app B), for every pair of
 * app types: the verdict is what the inventory's pin blocks say. Same pin:
 * always a conflict. Same block: a conflict unless both apps are high-level.
 * Different blocks: never.
 */
TEST(gpio_pairs_follow_the_pin_blocks)
{
	static const struct {
		bool a_rt, b_rt;
	} kinds[] = {{false, false}, {false, true}, {true, false}, {true, true}};
	u32 pins[AZS_INV_NUM_GPIOS];
	size_t n = 0;

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++)
		for (u32 p = 0; p < azs_inv_blocks[b].num_pins; p++)
			pins[n++] = azs_inv_blocks[b].first_pin + p;
	ASSERT_EQ((size_t)AZS_INV_NUM_GPIOS, n);

	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		struct azs_manifest *a[AZS_INV_NUM_GPIOS], *b[AZS_INV_NUM_GPIOS];
		char caps[32];

		for (size_t i = 0; i < n; i++) {
			snprintf(caps, sizeof(caps), "\"Gpio\": [%u]", pins[i]);
			a[i] = app("A", CID_A, kinds[k].a_rt, caps);
			b[i] = app("B", CID_B, kinds[k].b_rt, caps);
		}
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < n; j++) {
				bool same_pin = i == j;
				bool same_block =
					azs_fw_resource_block(AZS_FW_KIND_GPIO, pins[i]) ==
					azs_fw_resource_block(AZS_FW_KIND_GPIO, pins[j]);
				bool both_hl = !kinds[k].a_rt && !kinds[k].b_rt;
				int want = same_pin || (same_block && !both_hl) ? -EBUSY : 0;
				struct azs_error err;

				ASSERT_EQ(want, check(a[i], b[j], &err))
				TH_LOG("A(rt %d) GPIO %u, B(rt %d) GPIO %u: %s", kinds[k].a_rt,
				       pins[i], kinds[k].b_rt, pins[j], err.reason);
			}
		}
		for (size_t i = 0; i < n; i++) {
			drop(a[i]);
			drop(b[i]);
		}
	}
}

/* Every controller against every GPIO: a conflict exactly when the pin is in its block. */
TEST(controllers_against_gpios_follow_the_pin_blocks)
{
	static const struct {
		const char *caps;
		u32 kind, index;
	} ctrls[] = {
		{"\"Uart\": [\"ISU0\"]", AZS_FW_KIND_UART, 0},
		{"\"I2cMaster\": [\"ISU1\"]", AZS_FW_KIND_I2C, 1},
		{"\"SpiMaster\": [\"ISU2\"]", AZS_FW_KIND_SPI, 2},
		{"\"Uart\": [\"ISU3\"]", AZS_FW_KIND_UART, 3},
		{"\"SpiMaster\": [\"ISU4\"]", AZS_FW_KIND_SPI, 4},
		{"\"Pwm\": [\"PWM-CONTROLLER-0\"]", AZS_FW_KIND_PWM, 0},
		{"\"Pwm\": [\"PWM-CONTROLLER-1\"]", AZS_FW_KIND_PWM, 1},
		{"\"Pwm\": [\"PWM-CONTROLLER-2\"]", AZS_FW_KIND_PWM, 2},
		{"\"Adc\": [\"ADC-CONTROLLER-0\"]", AZS_FW_KIND_ADC, 0},
	};

	for (size_t c = 0; c < ARRAY_SIZE(ctrls); c++) {
		struct azs_manifest *a = app("A", CID_A, false, ctrls[c].caps);
		int block = azs_fw_resource_block(ctrls[c].kind, ctrls[c].index);

		ASSERT_LE(0, block);
		for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
			for (u32 p = 0; p < azs_inv_blocks[b].num_pins; p++) {
				u32 pin = azs_inv_blocks[b].first_pin + p;
				struct azs_manifest *g;
				struct azs_error err;
				char caps[32];
				int want = b == block ? -EBUSY : 0;

				snprintf(caps, sizeof(caps), "\"Gpio\": [%u]", pin);
				g = app("B", CID_B, false, caps);
				EXPECT_EQ(want, check(a, g, &err))
				TH_LOG("%s vs GPIO %u: %s", ctrls[c].caps, pin, err.reason);
				EXPECT_EQ(want, check(g, a, &err))
				TH_LOG("GPIO %u vs %s: %s", pin, ctrls[c].caps, err.reason);
				drop(g);
			}
		}
		drop(a);
	}
}

/* The verdict does not depend on the order of the installed list. */
TEST(installed_order_does_not_matter)
{
	struct azs_manifest *h1 = app("H1", CID_A, false, "\"Gpio\": [8], \"Uart\": [\"ISU0\"]");
	struct azs_manifest *r1 = app("R1", CID_B, true, "\"Gpio\": [12, 13]");
	struct azs_manifest *r2 = app("R2", CID_C, true, "\"I2sSubordinate\": [\"I2S0\"]");
	const struct azs_manifest *orders[][3] = {
		{h1, r1, r2}, {h1, r2, r1}, {r1, h1, r2}, {r1, r2, h1}, {r2, h1, r1}, {r2, r1, h1},
	};
	static const struct {
		const char *caps;
		int want;
	} candidates[] = {
		{"\"Gpio\": [9]", 0},
		{"\"Gpio\": [14]", -EBUSY},
		{"\"Gpio\": [57]", -EBUSY},
		{"\"Gpio\": [16]", 0},
		{"\"I2cMaster\": [\"ISU0\"]", -EBUSY},
		{"\"I2cMaster\": [\"ISU1\"]", 0},
		{"\"Pwm\": [\"PWM-CONTROLLER-2\"]", -EBUSY},
	};

	for (size_t c = 0; c < ARRAY_SIZE(candidates); c++) {
		struct azs_manifest *cand = app("X", CID_D, false, candidates[c].caps);

		for (size_t o = 0; o < ARRAY_SIZE(orders); o++) {
			struct azs_error err;

			EXPECT_EQ(candidates[c].want, azs_check_conflicts(orders[o], 3, cand, &err))
			TH_LOG("%s, order %zu: %s", candidates[c].caps, o, err.reason);
		}
		drop(cand);
	}
	drop(h1);
	drop(r1);
	drop(r2);
}

/* ---- Resource lists ---------------------------------------------------------------------- */

TEST(resources_are_canonical)
{
	struct azs_manifest *m = app("A", CID_A, false,
				     "\"SpiMaster\": [\"ISU4\", \"ISU1\"], \"Gpio\": [80, 9, 12], "
				     "\"Adc\": [\"ADC-CONTROLLER-0\"], \"Uart\": [\"ISU3\"], "
				     "\"Pwm\": [\"PWM-CONTROLLER-0\"], \"WifiConfig\": true");
	static const struct azs_fw_resource want[] = {
		{AZS_FW_KIND_GPIO, 9}, {AZS_FW_KIND_GPIO, 12}, {AZS_FW_KIND_GPIO, 80},
		{AZS_FW_KIND_UART, 3}, {AZS_FW_KIND_SPI, 1},   {AZS_FW_KIND_SPI, 4},
		{AZS_FW_KIND_PWM, 0},  {AZS_FW_KIND_ADC, 0},
	};
	struct azs_resource_list list;

	ASSERT_EQ(0, azs_manifest_resources(m, &list));
	ASSERT_EQ(ARRAY_SIZE(want), list.n);
	for (size_t i = 0; i < list.n; i++) {
		EXPECT_EQ(want[i].kind, list.res[i].kind) TH_LOG("entry %zu", i);
		EXPECT_EQ(want[i].index, list.res[i].index) TH_LOG("entry %zu", i);
	}
	drop(m);
}

TEST(resources_equal_ignores_order_and_spelling)
{
	struct azs_manifest *a = app("A", CID_A, false, "\"Gpio\": [12, 8], \"Uart\": [\"ISU0\"]");
	struct azs_manifest *b = app(
		"B", CID_B, false, "\"Uart\": [\"ISU0\"], \"Gpio\": [8, 12], \"WifiConfig\": true");
	struct azs_manifest *c =
		app("C", CID_C, false, "\"Gpio\": [12, 8], \"I2cMaster\": [\"ISU0\"]");
	struct azs_manifest *d = app("D", CID_D, false, "\"Gpio\": [12, 8]");
	struct azs_resource_list la, lb, lc, ld;

	ASSERT_EQ(0, azs_manifest_resources(a, &la));
	ASSERT_EQ(0, azs_manifest_resources(b, &lb));
	ASSERT_EQ(0, azs_manifest_resources(c, &lc));
	ASSERT_EQ(0, azs_manifest_resources(d, &ld));
	EXPECT_TRUE(azs_resources_equal(&la, &lb));
	EXPECT_TRUE(azs_resources_equal(&lb, &la));
	EXPECT_TRUE(azs_resources_equal(&la, &la));
	/* The same ISU in another role is another resource. */
	EXPECT_FALSE(azs_resources_equal(&la, &lc));
	EXPECT_FALSE(azs_resources_equal(&la, &ld));
	EXPECT_FALSE(azs_resources_equal(&ld, &la));
	drop(a);
	drop(b);
	drop(c);
	drop(d);
}

/* A manifest built by hand (not parsed) with a resource twice: listed once. */
TEST(resources_of_a_hand_made_manifest)
{
	struct azs_manifest m;
	struct azs_resource_list list;
	struct azs_error err;

	memset(&m, 0, sizeof(m));
	m.name = "hand";
	ASSERT_EQ(0, azs_guid_parse(CID_A, strlen(CID_A), &m.component_id));
	m.caps.periph[AZS_FW_KIND_GPIO].index[0] = 12;
	m.caps.periph[AZS_FW_KIND_GPIO].index[1] = 12;
	m.caps.periph[AZS_FW_KIND_GPIO].index[2] = 8;
	m.caps.periph[AZS_FW_KIND_GPIO].n = 3;
	ASSERT_EQ(0, azs_manifest_resources(&m, &list));
	ASSERT_EQ(2u, list.n);
	EXPECT_EQ(8u, list.res[0].index);
	EXPECT_EQ(12u, list.res[1].index);
	/* Unknown resources and I2S on the HL core are refused by the firewall rules. */
	m.caps.periph[AZS_FW_KIND_GPIO].index[0] = 24;
	EXPECT_EQ(-EBUSY, azs_check_conflicts(NULL, 0, &m, &err));
	EXPECT_TRUE(has(err.reason, "GPIO 24 requested by 'hand'")) TH_LOG("%s", err.reason);
	EXPECT_TRUE(has(err.reason, "not an MT3620 GPIO")) TH_LOG("%s", err.reason);
	m.caps.periph[AZS_FW_KIND_GPIO].n = 0;
	m.caps.periph[AZS_FW_KIND_I2S].index[0] = 0;
	m.caps.periph[AZS_FW_KIND_I2S].n = 1;
	EXPECT_EQ(-EBUSY, azs_check_conflicts(NULL, 0, &m, &err));
	EXPECT_STREQ("Capabilities.I2sSubordinate[0]", err.field);
	EXPECT_TRUE(has(err.reason, "cannot be used on core HL")) TH_LOG("%s", err.reason);
}

TEST(resource_names)
{
	static const struct {
		u32 kind, index;
		const char *name;
	} names[] = {
		{AZS_FW_KIND_GPIO, 8, "GPIO 8"},
		{AZS_FW_KIND_UART, 0, "ISU0"},
		{AZS_FW_KIND_I2C, 2, "ISU2"},
		{AZS_FW_KIND_SPI, 4, "ISU4"},
		{AZS_FW_KIND_PWM, 1, "PWM-CONTROLLER-1"},
		{AZS_FW_KIND_ADC, 0, "ADC-CONTROLLER-0"},
		{AZS_FW_KIND_I2S, 1, "I2S1"},
	};
	char buf[48];

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		azs_resource_name(names[i].kind, names[i].index, buf, sizeof(buf));
		EXPECT_STREQ(names[i].name, buf);
	}
	EXPECT_STREQ("I2C master", azs_resource_role(AZS_FW_KIND_I2C));
	EXPECT_STREQ("?", azs_resource_role(AZS_FW_KIND_NONE));
}

TEST_HARNESS_MAIN
