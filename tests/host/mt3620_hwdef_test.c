// SPDX-License-Identifier: MIT
/*
 * manifests/mt3620/mt3620.json agrees with manifests/mt3620/inventory.json:
 * every GPIO pin, ISU role, PWM and ADC controller and I2S interface of the
 * inventory has its entry with the right AppManifestValue (and C header
 * value), and the file has no peripheral the inventory lacks. Both files
 * are read as they are in the source tree.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "kselftest_harness.h"

#include "hwdef.h"

/* What mt3620.json must say about one name. */
struct want {
	char name[48];
	enum azs_hwdef_type type;
	bool is_number;
	int64_t number;
	char string[32];
	char header[16];
	bool seen;
};

struct expectation {
	struct want w[256];
	size_t n;
	int pwm_channels, adc_channels;
};

static bool has_function(struct json_object *block, const char *fn)
{
	struct json_object *fns = json_object_object_get(block, "Functions");

	for (size_t i = 0; i < json_object_array_length(fns); i++)
		if (!strcmp(json_object_get_string(json_object_array_get_idx(fns, i)), fn))
			return true;
	return false;
}

static struct want *add(struct expectation *e, enum azs_hwdef_type type, const char *header)
{
	struct want *w = &e->w[e->n++];

	memset(w, 0, sizeof(*w));
	w->type = type;
	snprintf(w->header, sizeof(w->header), "%s", header);
	return w;
}

static void add_controller(struct expectation *e, enum azs_hwdef_type type, const char *name,
			   const char *value, int header)
{
	char h[16];
	struct want *w;

	snprintf(h, sizeof(h), "(%d)", header);
	w = add(e, type, h);
	snprintf(w->name, sizeof(w->name), "%s", name);
	snprintf(w->string, sizeof(w->string), "%s", value);
}

/* The entries inventory.json calls for. */
static void expect_from_inventory(struct __test_metadata *_metadata, struct expectation *e)
{
	struct json_object *inv = json_object_from_file(AZS_INVENTORY_JSON), *blocks;
	char name[48], value[32];

	ASSERT_NE(NULL, inv) TH_LOG("cannot read %s", AZS_INVENTORY_JSON);
	blocks = json_object_object_get(inv, "Blocks");
	ASSERT_EQ(json_type_array, json_object_get_type(blocks));
	memset(e, 0, sizeof(*e));
	for (size_t b = 0; b < json_object_array_length(blocks); b++) {
		struct json_object *blk = json_object_array_get_idx(blocks, b);
		struct json_object *pins = json_object_object_get(blk, "Pins");
		struct json_object *ctrl = json_object_object_get(blk, "Controller");
		struct json_object *chans = json_object_object_get(blk, "Channels");
		int k = ctrl ? json_object_get_int(ctrl) : -1;

		for (size_t i = 0; i < json_object_array_length(pins); i++) {
			int pin = json_object_get_int(json_object_array_get_idx(pins, i));
			char h[16];
			struct want *w;

			snprintf(h, sizeof(h), "(%d)", pin);
			w = add(e, AZS_HWDEF_GPIO, h);
			snprintf(w->name, sizeof(w->name), "MT3620_GPIO%d", pin);
			w->is_number = true;
			w->number = pin;
		}
		if (has_function(blk, "Uart")) {
			snprintf(value, sizeof(value), "ISU%d", k);
			snprintf(name, sizeof(name), "MT3620_ISU%d_UART", k);
			add_controller(e, AZS_HWDEF_UART, name, value, k + 4);
		}
		if (has_function(blk, "I2cMaster")) {
			snprintf(value, sizeof(value), "ISU%d", k);
			snprintf(name, sizeof(name), "MT3620_ISU%d_I2C", k);
			add_controller(e, AZS_HWDEF_I2C_MASTER, name, value, k);
		}
		if (has_function(blk, "SpiMaster")) {
			snprintf(value, sizeof(value), "ISU%d", k);
			snprintf(name, sizeof(name), "MT3620_ISU%d_SPI", k);
			add_controller(e, AZS_HWDEF_SPI_MASTER, name, value, k);
		}
		if (has_function(blk, "Pwm")) {
			snprintf(value, sizeof(value), "PWM-CONTROLLER-%d", k);
			snprintf(name, sizeof(name), "MT3620_PWM_CONTROLLER%d", k);
			add_controller(e, AZS_HWDEF_PWM, name, value, k);
			if (json_object_get_int(chans) > e->pwm_channels)
				e->pwm_channels = json_object_get_int(chans);
		}
		if (has_function(blk, "Adc")) {
			snprintf(value, sizeof(value), "ADC-CONTROLLER-%d", k);
			snprintf(name, sizeof(name), "MT3620_ADC_CONTROLLER%d", k);
			add_controller(e, AZS_HWDEF_ADC, name, value, k);
			e->adc_channels = json_object_get_int(chans);
		}
		if (has_function(blk, "I2s")) {
			struct want *w = add(e, AZS_HWDEF_I2S_SUBORDINATE, "");

			snprintf(w->name, sizeof(w->name), "MT3620_I2S%d", k);
			snprintf(w->string, sizeof(w->string), "I2S%d", k);
		}
	}
	json_object_put(inv);
}

TEST(mt3620_json_agrees_with_the_inventory)
{
	struct expectation e;
	struct azs_hwdef *hw;
	struct azs_error err;
	size_t gpios = 0;

	expect_from_inventory(_metadata, &e);
	ASSERT_EQ(0, azs_hwdef_load(AZS_HWDEF_DIR "/mt3620.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	/* The root file: it imports nothing, and every entry has its own value. */
	EXPECT_EQ(1u, hw->n_files);
	EXPECT_EQ(0u, hw->files[0].n_imports);

	for (size_t i = 0; i < hw->n_periph; i++) {
		const struct azs_hwdef_peripheral *p = &hw->periph[i];
		struct want *w = NULL;

		EXPECT_EQ(NULL, p->mapping) TH_LOG("%s", p->name);
		if (p->type == AZS_HWDEF_INT) {
			EXPECT_FALSE(p->has_value) TH_LOG("%s", p->name);
			continue;
		}
		for (size_t k = 0; k < e.n; k++)
			if (!strcmp(e.w[k].name, p->name))
				w = &e.w[k];
		/* Nothing the inventory lacks. */
		EXPECT_NE(NULL, w) TH_LOG("%s is not in the inventory", p->name);
		if (!w)
			continue;
		w->seen = true;
		EXPECT_EQ(w->type, p->type) TH_LOG("%s", p->name);
		EXPECT_TRUE(p->has_value) TH_LOG("%s", p->name);
		if (w->is_number) {
			EXPECT_EQ(w->number, p->number) TH_LOG("%s", p->name);
			gpios++;
		} else {
			EXPECT_STREQ(w->string, p->string ? p->string : "")
			TH_LOG("%s", p->name);
		}
		if (w->header[0]) {
			EXPECT_STREQ(w->header, p->header_value ? p->header_value : "")
			TH_LOG("%s", p->name);
		}
	}
	/* Everything the inventory has. */
	for (size_t k = 0; k < e.n; k++) {
		EXPECT_TRUE(e.w[k].seen) TH_LOG("%s is missing from mt3620.json", e.w[k].name);
	}
	EXPECT_EQ(68u, gpios);
	azs_hwdef_free(hw);
}

/* The int entries: PWM and ADC channels of the inventory, SPI chip selects A and B. */
TEST(mt3620_json_channels_and_chip_selects)
{
	struct expectation e;
	struct azs_hwdef *hw;
	struct azs_error err;
	char name[48], header[16];
	int ints = 0;

	expect_from_inventory(_metadata, &e);
	ASSERT_EQ(0, azs_hwdef_load(AZS_HWDEF_DIR "/mt3620.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(4, e.pwm_channels);
	EXPECT_EQ(8, e.adc_channels);
	for (int c = 0; c < e.pwm_channels + e.adc_channels; c++) {
		bool pwm = c < e.pwm_channels;
		int ch = pwm ? c : c - e.pwm_channels;
		const struct azs_hwdef_peripheral *p;

		snprintf(name, sizeof(name), "MT3620_%s_CHANNEL%d", pwm ? "PWM" : "ADC", ch);
		snprintf(header, sizeof(header), "(%d)", ch);
		p = azs_hwdef_find(hw, name);
		ASSERT_NE(NULL, p) TH_LOG("%s", name);
		EXPECT_EQ(AZS_HWDEF_INT, p->type) TH_LOG("%s", name);
		EXPECT_STREQ(header, p->header_value) TH_LOG("%s", name);
	}
	ASSERT_NE(NULL, azs_hwdef_find(hw, "MT3620_SPI_CS_A"));
	EXPECT_STREQ("(-1)", azs_hwdef_find(hw, "MT3620_SPI_CS_A")->header_value);
	ASSERT_NE(NULL, azs_hwdef_find(hw, "MT3620_SPI_CS_B"));
	EXPECT_STREQ("(-2)", azs_hwdef_find(hw, "MT3620_SPI_CS_B")->header_value);
	for (size_t i = 0; i < hw->n_periph; i++)
		if (hw->periph[i].type == AZS_HWDEF_INT)
			ints++;
	EXPECT_EQ(e.pwm_channels + e.adc_channels + 2, ints);
	azs_hwdef_free(hw);
}

TEST_HARNESS_MAIN
