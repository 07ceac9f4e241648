// SPDX-License-Identifier: MIT
/*
 * Hardware definition files (containerd-lite/lib/hwdef.c): imports (next to
 * the importing file, then the search path), resolution through mappings,
 * and every refusal: import cycles, imports too deep, missing files,
 * duplicate names, unknown or misdirected mappings, files that are not
 * regular or too large, malformed entries. Files are written to a fresh
 * temporary directory per test; the real definitions in manifests/mt3620
 * are loaded as they are.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "hwdef.h"

#define META "\"Metadata\": {\"Type\": \"Azure Sphere Hardware Definition\", \"Version\": 1}"
/* A file importing IMPORTS (a JSON array body) with PERIPHERALS (array body). */
#define HWDEF(imports, peripherals)                                                                \
	"{" META ", \"Imports\": [" imports "], \"Peripherals\": [" peripherals "]}"
#define ROOT(peripherals) "{" META ", \"Peripherals\": [" peripherals "]}"
#define IMPORT(path)      "{\"Path\": \"" path "\"}"
#define GPIO(name, n)                                                                              \
	"{\"Name\": \"" name "\", \"Type\": \"Gpio\", \"MainCoreHeaderValue\": \"(" #n ")\", "     \
	"\"AppManifestValue\": " #n "}"
#define MAP(name, type, target)                                                                    \
	"{\"Name\": \"" name "\", \"Type\": \"" type "\", \"Mapping\": \"" target "\"}"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

FIXTURE(dir)
{
	char path[64];
};

FIXTURE_SETUP(dir)
{
	snprintf(self->path, sizeof(self->path), "/tmp/azs-hwdef-test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->path));
}

FIXTURE_TEARDOWN(dir)
{
	nftw(self->path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Write DIR/NAME (NAME may contain subdirectories, created as needed). */
static void put(struct __test_metadata *_metadata, const char *dir, const char *name,
		const char *text)
{
	char path[512];
	FILE *f;

	for (const char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
		snprintf(path, sizeof(path), "%s/%.*s", dir, (int)(slash - name), name);
		mkdir(path, 0755);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f) TH_LOG("%s", path);
	fputs(text, f);
	ASSERT_EQ(0, fclose(f));
}

static int load(const char *dir, const char *name, const char *const *dirs, size_t n_dirs,
		struct azs_hwdef **hw, struct azs_error *err)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	memset(err, 0, sizeof(*err));
	return azs_hwdef_load(path, dirs, n_dirs, hw, err);
}

/* Expect a refusal RET with FIELD and a reason containing REASON. */
#define EXPECT_REFUSAL(ret_want, field_want, reason_want, ret, err, hw)                            \
	do {                                                                                       \
		EXPECT_EQ(ret_want, ret) TH_LOG("%s: %s", (err).field, (err).reason);              \
		EXPECT_EQ(NULL, hw);                                                               \
		EXPECT_STREQ(field_want, (err).field) TH_LOG("reason: %s", (err).reason);          \
		EXPECT_TRUE(strstr((err).reason, reason_want) != NULL)                             \
		TH_LOG("reason \"%s\" lacks \"%s\"", (err).reason, reason_want);                   \
	} while (0)

static int64_t gpio_of(struct __test_metadata *_metadata, const struct azs_hwdef *hw,
		       const char *name)
{
	struct azs_hwdef_value v = {0};
	int ret = azs_hwdef_resolve(hw, name, AZS_HWDEF_GPIO, &v);

	EXPECT_EQ(0, ret) TH_LOG("%s", name);
	EXPECT_TRUE(v.is_number) TH_LOG("%s", name);
	return ret ? -1 : v.number;
}

static const char *string_of(struct __test_metadata *_metadata, const struct azs_hwdef *hw,
			     const char *name, enum azs_hwdef_type type)
{
	struct azs_hwdef_value v = {0};
	int ret = azs_hwdef_resolve(hw, name, type, &v);

	EXPECT_EQ(0, ret) TH_LOG("%s", name);
	EXPECT_FALSE(v.is_number) TH_LOG("%s", name);
	return ret ? "" : v.string;
}

/* ---- The real definitions ---------------------------------------------------------------- */

TEST(mt3620_rdb_names_resolve_to_the_board)
{
	static const struct {
		const char *name;
		int64_t gpio;
	} gpios[] = {
		{"MT3620_RDB_LED1_RED", 8},
		{"MT3620_RDB_LED1_GREEN", 9},
		{"MT3620_RDB_LED1_BLUE", 10},
		{"MT3620_RDB_LED2_RED", 15},
		{"MT3620_RDB_LED2_GREEN", 16},
		{"MT3620_RDB_LED2_BLUE", 17},
		{"MT3620_RDB_LED3_RED", 18},
		{"MT3620_RDB_LED3_GREEN", 19},
		{"MT3620_RDB_LED3_BLUE", 20},
		{"MT3620_RDB_LED4_RED", 21},
		{"MT3620_RDB_LED4_GREEN", 22},
		{"MT3620_RDB_LED4_BLUE", 23},
		{"MT3620_RDB_STATUS_LED_RED", 45},
		{"MT3620_RDB_STATUS_LED_GREEN", 46},
		{"MT3620_RDB_STATUS_LED_BLUE", 47},
		{"MT3620_RDB_NETWORKING_LED_RED", 48},
		{"MT3620_RDB_NETWORKING_LED_GREEN", 14},
		{"MT3620_RDB_NETWORKING_LED_BLUE", 11},
		{"MT3620_RDB_BUTTON_A", 12},
		{"MT3620_RDB_BUTTON_B", 13},
		/* mt3620.json's names are visible through the board file. */
		{"MT3620_GPIO0", 0},
		{"MT3620_GPIO80", 80},
	};
	static const struct {
		const char *name;
		enum azs_hwdef_type type;
		const char *value;
	} strings[] = {
		{"MT3620_RDB_HEADER2_ISU0_UART", AZS_HWDEF_UART, "ISU0"},
		{"MT3620_RDB_HEADER2_ISU0_I2C", AZS_HWDEF_I2C_MASTER, "ISU0"},
		{"MT3620_RDB_HEADER2_ISU0_SPI", AZS_HWDEF_SPI_MASTER, "ISU0"},
		{"MT3620_RDB_HEADER4_ISU1_SPI", AZS_HWDEF_SPI_MASTER, "ISU1"},
		{"MT3620_RDB_HEADER4_ISU2_I2C", AZS_HWDEF_I2C_MASTER, "ISU2"},
		{"MT3620_RDB_HEADER3_ISU3_UART", AZS_HWDEF_UART, "ISU3"},
		{"MT3620_RDB_LED_PWM_CONTROLLER2", AZS_HWDEF_PWM, "PWM-CONTROLLER-2"},
		{"MT3620_RDB_ADC_CONTROLLER0", AZS_HWDEF_ADC, "ADC-CONTROLLER-0"},
		{"MT3620_I2S1", AZS_HWDEF_I2S_SUBORDINATE, "I2S1"},
	};
	struct azs_hwdef *hw;
	struct azs_error err;

	ASSERT_EQ(0, azs_hwdef_load(AZS_HWDEF_DIR "/mt3620_rdb.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(2u, hw->n_files);
	for (size_t i = 0; i < ARRAY_SIZE(gpios); i++) {
		EXPECT_EQ(gpios[i].gpio, gpio_of(_metadata, hw, gpios[i].name))
		TH_LOG("%s", gpios[i].name);
	}
	for (size_t i = 0; i < ARRAY_SIZE(strings); i++) {
		EXPECT_STREQ(strings[i].value,
			     string_of(_metadata, hw, strings[i].name, strings[i].type))
		TH_LOG("%s", strings[i].name);
	}
	/* Every board entry maps onto mt3620.json. */
	for (size_t i = 0; i < hw->n_periph; i++) {
		const struct azs_hwdef_peripheral *p = &hw->periph[i];

		if (p->file != 0)
			continue;
		EXPECT_NE(NULL, p->mapping) TH_LOG("%s", p->name);
		EXPECT_EQ(1u, hw->periph[p->target].file) TH_LOG("%s", p->name);
	}
	azs_hwdef_free(hw);
}

TEST(resolve_refusals)
{
	struct azs_hwdef_value v;
	struct azs_hwdef *hw;
	struct azs_error err;

	ASSERT_EQ(0, azs_hwdef_load(AZS_HWDEF_DIR "/mt3620_rdb.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(-ENOENT, azs_hwdef_resolve(hw, "NO_SUCH_NAME", AZS_HWDEF_GPIO, &v));
	EXPECT_EQ(-ENOENT, azs_hwdef_resolve(hw, "$MT3620_RDB_LED1_RED", AZS_HWDEF_GPIO, &v));
	EXPECT_EQ(-ENOENT, azs_hwdef_resolve(hw, "mt3620_rdb_led1_red", AZS_HWDEF_GPIO, &v));
	EXPECT_EQ(-EINVAL, azs_hwdef_resolve(hw, "MT3620_RDB_LED1_RED", AZS_HWDEF_UART, &v));
	EXPECT_EQ(-EINVAL, azs_hwdef_resolve(hw, "MT3620_ISU0_UART", AZS_HWDEF_I2C_MASTER, &v));
	/* Channels and chip selects have a header value, no manifest value. */
	EXPECT_EQ(-ENODATA, azs_hwdef_resolve(hw, "MT3620_PWM_CHANNEL0", AZS_HWDEF_INT, &v));
	EXPECT_EQ(-ENODATA, azs_hwdef_resolve(hw, "MT3620_SPI_CS_A", AZS_HWDEF_INT, &v));
	EXPECT_EQ(NULL, azs_hwdef_find(hw, "NO_SUCH_NAME"));
	EXPECT_STREQ("(-1)", azs_hwdef_find(hw, "MT3620_SPI_CS_A")->header_value);
	azs_hwdef_free(hw);
	EXPECT_EQ(-ENOENT, azs_hwdef_resolve(NULL, "MT3620_GPIO0", AZS_HWDEF_GPIO, &v));
}

/* ---- Imports ----------------------------------------------------------------------------- */

/* app.json -> board.json -> chip.json: a name resolved through two mappings. */
TEST_F(dir, resolution_through_two_levels)
{
	struct azs_hwdef *hw;
	struct azs_error err;

	put(_metadata, self->path, "chip.json",
	    ROOT(GPIO("CHIP_GPIO8", 8) "," GPIO("CHIP_GPIO9", 9)));
	put(_metadata, self->path, "board.json",
	    HWDEF(IMPORT("chip.json"), MAP("BOARD_LED", "Gpio", "CHIP_GPIO8")));
	put(_metadata, self->path, "app.json",
	    HWDEF(IMPORT("board.json"),
		  MAP("APP_LED", "Gpio", "BOARD_LED") "," MAP("APP_OTHER", "Gpio", "CHIP_GPIO9")));
	ASSERT_EQ(0, load(self->path, "app.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(3u, hw->n_files);
	EXPECT_EQ(5u, hw->n_periph);
	EXPECT_EQ(8, gpio_of(_metadata, hw, "APP_LED"));
	EXPECT_EQ(8, gpio_of(_metadata, hw, "BOARD_LED"));
	/* A mapping may name an indirectly imported file's entry. */
	EXPECT_EQ(9, gpio_of(_metadata, hw, "APP_OTHER"));
	azs_hwdef_free(hw);
}

/* An import not next to the importing file comes from the search path, in order. */
TEST_F(dir, imports_from_the_search_path)
{
	static const char *const dirs_rdb_first[] = {AZS_HWDEF_DIR, "/nonexistent"};
	char other[128], app[128];
	const char *dirs[2];
	struct azs_hwdef *hw;
	struct azs_error err;

	put(_metadata, self->path, "apps/app.json",
	    HWDEF(IMPORT("mt3620_rdb.json"), MAP("APP_BUTTON", "Gpio", "MT3620_RDB_BUTTON_B")));
	ASSERT_EQ(0, load(self->path, "apps/app.json", dirs_rdb_first, 2, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(13, gpio_of(_metadata, hw, "APP_BUTTON"));
	azs_hwdef_free(hw);

	/* The first directory that has the file wins. */
	put(_metadata, self->path, "other/mt3620_rdb.json", ROOT(GPIO("MT3620_RDB_BUTTON_B", 3)));
	snprintf(other, sizeof(other), "%s/other", self->path);
	dirs[0] = other;
	dirs[1] = AZS_HWDEF_DIR;
	ASSERT_EQ(0, load(self->path, "apps/app.json", dirs, 2, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(3, gpio_of(_metadata, hw, "APP_BUTTON"));
	azs_hwdef_free(hw);

	/* And next to the importing file comes first of all. */
	put(_metadata, self->path, "apps/mt3620_rdb.json", ROOT(GPIO("MT3620_RDB_BUTTON_B", 7)));
	ASSERT_EQ(0, load(self->path, "apps/app.json", dirs, 2, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(7, gpio_of(_metadata, hw, "APP_BUTTON"));
	azs_hwdef_free(hw);

	/* Relative to the importer's directory, with subdirectories. */
	put(_metadata, self->path, "apps/sub/deep.json", ROOT(GPIO("DEEP", 4)));
	put(_metadata, self->path, "apps/app2.json",
	    HWDEF(IMPORT("sub/deep.json"), MAP("APP_DEEP", "Gpio", "DEEP")));
	snprintf(app, sizeof(app), "apps/app2.json");
	ASSERT_EQ(0, load(self->path, app, NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(4, gpio_of(_metadata, hw, "APP_DEEP"));
	azs_hwdef_free(hw);
}

/* Two files importing the same one: it is loaded once, its names are not duplicates. */
TEST_F(dir, diamond_imports_load_once)
{
	struct azs_hwdef *hw;
	struct azs_error err;

	put(_metadata, self->path, "chip.json", ROOT(GPIO("G1", 1) "," GPIO("G2", 2)));
	put(_metadata, self->path, "left.json", HWDEF(IMPORT("chip.json"), MAP("L", "Gpio", "G1")));
	put(_metadata, self->path, "right.json",
	    HWDEF(IMPORT("chip.json"), MAP("R", "Gpio", "G2")));
	put(_metadata, self->path, "top.json",
	    HWDEF(IMPORT("left.json") "," IMPORT("right.json"), MAP("T", "Gpio", "R")));
	ASSERT_EQ(0, load(self->path, "top.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(4u, hw->n_files);
	EXPECT_EQ(5u, hw->n_periph);
	EXPECT_EQ(2, gpio_of(_metadata, hw, "T"));
	EXPECT_EQ(1, gpio_of(_metadata, hw, "L"));
	azs_hwdef_free(hw);
}

TEST_F(dir, import_cycle_is_refused)
{
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int ret;

	put(_metadata, self->path, "a.json", HWDEF(IMPORT("b.json"), ""));
	put(_metadata, self->path, "b.json", HWDEF(IMPORT("c.json"), ""));
	put(_metadata, self->path, "c.json", HWDEF(IMPORT("a.json"), ""));
	ret = load(self->path, "a.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-ELOOP, "c.json:Imports[0].Path",
		       "import cycle: a.json -> b.json -> c.json -> a.json", ret, err, hw);

	/* A file importing itself. */
	put(_metadata, self->path, "self.json", HWDEF(IMPORT("./self.json"), ""));
	ret = load(self->path, "self.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-ELOOP, "self.json:Imports[0].Path", "import cycle: self.json -> self.json",
		       ret, err, hw);
}

/* A chain of N files, f0 importing f1 ... importing f(N-1), the last one a root. */
static void chain(struct __test_metadata *_metadata, const char *dir, int n)
{
	char name[32], text[512];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%d.json", i);
		if (i == n - 1)
			snprintf(text, sizeof(text),
				 ROOT("{\"Name\": \"F%d\", \"Type\": \"Gpio\", "
				      "\"AppManifestValue\": 5}"),
				 i);
		else
			snprintf(text, sizeof(text),
				 "{" META
				 ", \"Imports\": [{\"Path\": \"f%d.json\"}], \"Peripherals\": "
				 "[{\"Name\": \"F%d\", \"Type\": \"Gpio\", \"Mapping\": \"F%d\"}]}",
				 i + 1, i, i + 1);
		put(_metadata, dir, name, text);
	}
}

TEST_F(dir, import_depth_is_limited)
{
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	char field[64];
	int ret;

	/* AZS_HWDEF_MAX_DEPTH levels of imports below the file loaded: fine. */
	chain(_metadata, self->path, AZS_HWDEF_MAX_DEPTH + 1);
	ASSERT_EQ(0, load(self->path, "f0.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(AZS_HWDEF_MAX_DEPTH + 1, (int)hw->n_files);
	EXPECT_EQ(5, gpio_of(_metadata, hw, "F0"));
	azs_hwdef_free(hw);
	hw = NULL;

	/* One more: refused, at the import that goes too deep. */
	chain(_metadata, self->path, AZS_HWDEF_MAX_DEPTH + 2);
	ret = load(self->path, "f0.json", NULL, 0, &hw, &err);
	snprintf(field, sizeof(field), "f%d.json:Imports[0].Path", AZS_HWDEF_MAX_DEPTH);
	EXPECT_REFUSAL(-ELOOP, field, "imports nested deeper than 8 levels", ret, err, hw);
}

TEST_F(dir, missing_files_are_refused)
{
	static const char *const dirs[] = {"/nonexistent-a", "/nonexistent-b"};
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int ret;

	ret = load(self->path, "nothere.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-ENOENT, "nothere.json", "no such file", ret, err, hw);

	put(_metadata, self->path, "a.json", HWDEF(IMPORT("b.json") "," IMPORT("gone.json"), ""));
	put(_metadata, self->path, "b.json", ROOT(""));
	ret = load(self->path, "a.json", dirs, 2, &hw, &err);
	EXPECT_REFUSAL(-ENOENT, "a.json:Imports[1].Path",
		       "gone.json not found next to a.json or in the 2 search directories", ret,
		       err, hw);
}

TEST_F(dir, only_regular_files_of_bounded_size)
{
	char path[256];
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	char *big;
	FILE *f;
	int ret;

	/* A directory. */
	mkdir(strcat(strcpy(path, self->path), "/d.json"), 0755);
	ret = load(self->path, "d.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "d.json", "is not a regular file", ret, err, hw);

	/* A FIFO, imported: refused without waiting for a writer. */
	snprintf(path, sizeof(path), "%s/fifo.json", self->path);
	ASSERT_EQ(0, mkfifo(path, 0600));
	put(_metadata, self->path, "a.json", HWDEF(IMPORT("fifo.json"), ""));
	ret = load(self->path, "a.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "a.json:Imports[0].Path", "is not a regular file", ret, err, hw);

	/* A device. */
	ret = azs_hwdef_load("/dev/null", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "null", "is not a regular file", ret, err, hw);

	/* One byte over the limit (valid JSON: whitespace after a root file). */
	big = malloc(AZS_HWDEF_MAX_FILE_SIZE + 1);
	ASSERT_NE(NULL, big);
	memset(big, ' ', AZS_HWDEF_MAX_FILE_SIZE + 1);
	memcpy(big, ROOT(""), strlen(ROOT("")));
	snprintf(path, sizeof(path), "%s/big.json", self->path);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1u, fwrite(big, AZS_HWDEF_MAX_FILE_SIZE + 1, 1, f));
	fclose(f);
	ret = load(self->path, "big.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EFBIG, "big.json", "is larger than 524288 bytes", ret, err, hw);
	/* At the limit exactly: fine. */
	ASSERT_EQ(0, truncate(path, AZS_HWDEF_MAX_FILE_SIZE));
	ASSERT_EQ(0, load(self->path, "big.json", NULL, 0, &hw, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	azs_hwdef_free(hw);
	free(big);
}

TEST_F(dir, duplicate_names_are_refused)
{
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int ret;

	/* In one file. */
	put(_metadata, self->path, "one.json", ROOT(GPIO("LED", 1) "," GPIO("LED", 2)));
	ret = load(self->path, "one.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "one.json:Peripherals[1].Name",
		       "duplicate name LED (also one.json:Peripherals[0])", ret, err, hw);

	/* Across files: the importing file's entry is the duplicate. */
	put(_metadata, self->path, "chip.json", ROOT(GPIO("G1", 1)));
	put(_metadata, self->path, "board.json", HWDEF(IMPORT("chip.json"), GPIO("G1", 2)));
	ret = load(self->path, "board.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "board.json:Peripherals[0].Name",
		       "duplicate name G1 (also chip.json:Peripherals[0])", ret, err, hw);

	/* Two siblings defining the same name. */
	put(_metadata, self->path, "left.json", ROOT(GPIO("SAME", 1)));
	put(_metadata, self->path, "right.json", ROOT(GPIO("SAME", 2)));
	put(_metadata, self->path, "top.json",
	    HWDEF(IMPORT("left.json") "," IMPORT("right.json"), ""));
	ret = load(self->path, "top.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "right.json:Peripherals[0].Name", "duplicate name SAME", ret, err,
		       hw);

	/* The same file twice in one Imports list. */
	put(_metadata, self->path, "twice.json",
	    HWDEF(IMPORT("chip.json") "," IMPORT("./chip.json"), ""));
	ret = load(self->path, "twice.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "twice.json:Imports[1].Path", "imported twice", ret, err, hw);
}

TEST_F(dir, mappings_must_name_an_imported_entry_of_the_same_type)
{
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int ret;

	put(_metadata, self->path, "chip.json",
	    ROOT(GPIO("G1", 1) ",{\"Name\": \"U0\", \"Type\": \"Uart\", \"AppManifestValue\": "
			       "\"ISU0\"}"));

	put(_metadata, self->path, "unknown.json",
	    HWDEF(IMPORT("chip.json"), MAP("LED", "Gpio", "G1") "," MAP("BTN", "Gpio", "G9")));
	ret = load(self->path, "unknown.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "unknown.json:Peripherals[1].Mapping", "unknown peripheral G9", ret,
		       err, hw);

	put(_metadata, self->path, "type.json",
	    HWDEF(IMPORT("chip.json"), MAP("LED", "Uart", "G1")));
	ret = load(self->path, "type.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "type.json:Peripherals[0].Mapping", "maps a Uart onto G1, a Gpio",
		       ret, err, hw);

	/* Within one file: not an imported entry. */
	put(_metadata, self->path, "same.json",
	    HWDEF(IMPORT("chip.json"), GPIO("LOCAL", 3) "," MAP("LED", "Gpio", "LOCAL")));
	ret = load(self->path, "same.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "same.json:Peripherals[1].Mapping",
		       "LOCAL is defined in same.json, which same.json does not import", ret, err,
		       hw);

	/* Into a sibling: not imported by the mapping file. */
	put(_metadata, self->path, "left.json", ROOT(GPIO("L1", 1)));
	put(_metadata, self->path, "right.json", ROOT(MAP("R1", "Gpio", "L1")));
	put(_metadata, self->path, "top.json",
	    HWDEF(IMPORT("left.json") "," IMPORT("right.json"), ""));
	ret = load(self->path, "top.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "right.json:Peripherals[0].Mapping",
		       "L1 is defined in left.json, which right.json does not import", ret, err,
		       hw);
}

/* Malformed files: each refusal names the file and the field. */
TEST_F(dir, malformed_files_are_refused)
{
	static const struct {
		const char *text, *field, *reason;
	} cases[] = {
		{"[]", "x.json:", "must be a JSON object"},
		{"{" META ", \"Peripherals\": []", "x.json:", "unexpected end of document"},
		{"{" META ", \"Peripherals\": [], \"Peripherals\": []}", "x.json:Peripherals",
		 "duplicate key"},
		{"{\"Peripherals\": []}", "x.json:Metadata", "missing required key"},
		{"{\"Metadata\": {\"Type\": \"Other\", \"Version\": 1}, \"Peripherals\": []}",
		 "x.json:Metadata.Type", "must be \"Azure Sphere Hardware Definition\""},
		{"{\"Metadata\": {\"Type\": \"Azure Sphere Hardware Definition\", \"Version\": 2}, "
		 "\"Peripherals\": []}",
		 "x.json:Metadata.Version", "must be 1 (got 2)"},
		{"{\"Metadata\": {\"Type\": \"Azure Sphere Hardware Definition\", \"Version\": 1, "
		 "\"X\": 1}, \"Peripherals\": []}",
		 "x.json:Metadata.X", "unknown key"},
		{"{" META "}", "x.json:Peripherals", "missing required key"},
		{"{" META ", \"Peripherals\": {}}", "x.json:Peripherals", "expected an array"},
		{"{" META ", \"Peripherals\": [], \"Extra\": 1}", "x.json:Extra", "unknown key"},
		{"{" META
		 ", \"Description\": {\"Name\": \"x\", \"Other\": 1}, \"Peripherals\": []}",
		 "x.json:Description.Other", "unknown key"},
		{"{" META ", \"Description\": {\"MainCoreHeaderFileTopContent\": [1]}, "
		 "\"Peripherals\": []}",
		 "x.json:Description.MainCoreHeaderFileTopContent[0]", "expected a string"},
		{"{" META ", \"Imports\": {}, \"Peripherals\": []}", "x.json:Imports",
		 "expected an array"},
		{"{" META ", \"Imports\": [{\"Path\": \"/etc/mt3620.json\"}], \"Peripherals\": []}",
		 "x.json:Imports[0].Path", "must be a relative path"},
		{"{" META
		 ", \"Imports\": [{\"Path\": \"a.json\", \"Kind\": 1}], \"Peripherals\": []}",
		 "x.json:Imports[0].Kind", "unknown key"},
		{"{" META ", \"Imports\": [{}], \"Peripherals\": []}", "x.json:Imports[0].Path",
		 "missing required key"},
		{ROOT("1"), "x.json:Peripherals[0]", "expected an object"},
		{ROOT("{\"Type\": \"Gpio\", \"AppManifestValue\": 1}"),
		 "x.json:Peripherals[0].Name", "missing required key"},
		{ROOT("{\"Name\": \"A-B\", \"Type\": \"Gpio\", \"AppManifestValue\": 1}"),
		 "x.json:Peripherals[0].Name", "is not a name"},
		{ROOT("{\"Name\": \"1A\", \"Type\": \"Gpio\", \"AppManifestValue\": 1}"),
		 "x.json:Peripherals[0].Name", "is not a name"},
		{ROOT("{\"Name\": \"A\", \"AppManifestValue\": 1}"), "x.json:Peripherals[0].Type",
		 "missing required key"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"gpio\", \"AppManifestValue\": 1}"),
		 "x.json:Peripherals[0].Type", "unknown type \"gpio\""},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"AppManifestValue\": 1, \"Pin\": 1}"),
		 "x.json:Peripherals[0].Pin", "unknown key"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"AppManifestValue\": 1, "
		      "\"AppManifestValue\": 2}"),
		 "x.json:Peripherals[0].AppManifestValue", "duplicate key"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\"}"),
		 "x.json:Peripherals[0].AppManifestValue", "missing required key"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"AppManifestValue\": \"8\"}"),
		 "x.json:Peripherals[0].AppManifestValue", "expected an integer"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"AppManifestValue\": -1}"),
		 "x.json:Peripherals[0].AppManifestValue", "between 0 and"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Uart\", \"AppManifestValue\": 0}"),
		 "x.json:Peripherals[0].AppManifestValue", "expected a string"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"int\", \"AppManifestValue\": \"x\", "
		      "\"MainCoreHeaderValue\": \"(0)\"}"),
		 "x.json:Peripherals[0].AppManifestValue", "an int entry has no AppManifestValue"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"int\"}"),
		 "x.json:Peripherals[0].MainCoreHeaderValue", "missing required key"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"Mapping\": \"B\", "
		      "\"AppManifestValue\": 1}"),
		 "x.json:Peripherals[0].AppManifestValue", "a mapped entry takes its value from B"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"Mapping\": \"B\", "
		      "\"MainCoreHeaderValue\": \"(1)\"}"),
		 "x.json:Peripherals[0].MainCoreHeaderValue", "a mapped entry takes its value"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"Mapping\": \"\"}"),
		 "x.json:Peripherals[0].Mapping", "must not be empty"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"AppManifestValue\": 1, \"Comment\": "
		      "5}"),
		 "x.json:Peripherals[0].Comment", "expected a string"},
		{ROOT("{\"Name\": \"A\", \"Type\": \"Gpio\", \"AppManifestValue\": 1, \"Comment\": "
		      "null}"),
		 "x.json:Peripherals[0].Comment", "null is not a valid value"},
	};
	struct azs_hwdef *hw = NULL;
	struct azs_error err;

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int ret;

		put(_metadata, self->path, "x.json", cases[i].text);
		ret = load(self->path, "x.json", NULL, 0, &hw, &err);
		EXPECT_EQ(-EINVAL, ret) TH_LOG("case %zu: %s", i, cases[i].text);
		EXPECT_EQ(NULL, hw);
		EXPECT_STREQ(cases[i].field, err.field)
		TH_LOG("case %zu: %s (reason %s)", i, cases[i].text, err.reason);
		EXPECT_TRUE(strstr(err.reason, cases[i].reason) != NULL)
		TH_LOG("case %zu: reason \"%s\" lacks \"%s\"", i, err.reason, cases[i].reason);
		if (!ret)
			azs_hwdef_free(hw);
		hw = NULL;
	}
}

/* An error in an imported file names that file. */
TEST_F(dir, errors_in_imported_files_name_them)
{
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int ret;

	put(_metadata, self->path, "chip.json", ROOT("{\"Name\": \"G\", \"Type\": \"Gpio\"}"));
	put(_metadata, self->path, "board.json", HWDEF(IMPORT("chip.json"), ""));
	ret = load(self->path, "board.json", NULL, 0, &hw, &err);
	EXPECT_REFUSAL(-EINVAL, "chip.json:Peripherals[0].AppManifestValue", "missing required key",
		       ret, err, hw);
}

TEST_HARNESS_MAIN
