// SPDX-License-Identifier: MIT
/*
 * Hardware definition files: the JSON files that give names to peripherals
 * ("MT3620_RDB_LED1_RED") so manifests can write "$NAME" instead of a raw
 * value. A root file (mt3620.json) gives every name its value; board and app
 * files import other files and map their names onto imported ones:
 *
 *   { "Metadata":    { "Type": "Azure Sphere Hardware Definition", "Version": 1 },
 *     "Description": { "Name": "...", "MainCoreHeaderFileTopContent": ["..."] },   optional
 *     "Imports":     [ { "Path": "mt3620.json" } ],                                optional
 *     "Peripherals": [ { "Name": "MT3620_RDB_LED1_RED", "Type": "Gpio",
 *                        "Mapping": "MT3620_GPIO8", "Comment": "..." } ] }
 *
 * An entry either maps (Mapping: a name defined in a file this file imports,
 * directly or not, of the same Type) or is a root entry: AppManifestValue
 * (an integer for Gpio, a string for the other types) and optionally
 * MainCoreHeaderValue; Type "int" entries (channels, chip selects) have a
 * MainCoreHeaderValue and no AppManifestValue, so no manifest can use them.
 *
 * Imports are found next to the importing file, then in each search
 * directory in turn. Names are unique across everything loaded. Loading
 * refuses unknown keys, duplicate JSON keys, import cycles, imports nested
 * deeper than AZS_HWDEF_MAX_DEPTH, files that are not regular files or
 * exceed AZS_HWDEF_MAX_FILE_SIZE.
 */
#ifndef AZS_HWDEF_H
#define AZS_HWDEF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "azs_error.h"

#define AZS_HWDEF_MAX_FILE_SIZE   (512 * 1024)
#define AZS_HWDEF_MAX_DEPTH       8 /* import levels below the file loaded */
#define AZS_HWDEF_MAX_FILES       32
#define AZS_HWDEF_MAX_IMPORTS     16 /* per file */
#define AZS_HWDEF_MAX_PERIPHERALS 4096
#define AZS_HWDEF_NAME_MAX        127

enum azs_hwdef_type {
	AZS_HWDEF_GPIO,
	AZS_HWDEF_UART,
	AZS_HWDEF_I2C_MASTER,
	AZS_HWDEF_SPI_MASTER,
	AZS_HWDEF_PWM,
	AZS_HWDEF_ADC,
	AZS_HWDEF_I2S_SUBORDINATE,
	AZS_HWDEF_INT,
	AZS_HWDEF_NUM_TYPES
};

/* An AppManifestValue: a number (Gpio) or a string (owned by the hwdef). */
struct azs_hwdef_value {
	bool is_number;
	int64_t number;
	const char *string;
};

struct azs_hwdef_peripheral {
	char *name;
	enum azs_hwdef_type type;
	char *mapping;      /* NULL for a root entry */
	bool has_value;     /* AppManifestValue present */
	int64_t number;     /* its value, for Gpio */
	char *string;       /* its value, for the other types */
	char *header_value; /* MainCoreHeaderValue, or NULL */
	char *comment;      /* or NULL */
	size_t file;        /* index in files[] */
	size_t pos;         /* index in the file's Peripherals */
	size_t target;      /* index of the mapped entry (mapping != NULL) */
};

struct azs_hwdef_file {
	char *path;        /* as opened */
	char *description; /* Description.Name, or NULL */
	dev_t dev;
	ino_t ino;
	size_t imports[AZS_HWDEF_MAX_IMPORTS]; /* indices in files[] */
	size_t n_imports;
};

struct azs_hwdef {
	struct azs_hwdef_file files[AZS_HWDEF_MAX_FILES]; /* files[0]: the one loaded */
	size_t n_files;
	struct azs_hwdef_peripheral *periph;
	size_t n_periph;
	struct json_object *by_name; /* name -> index in periph */
};

/*
 * Load PATH and everything it imports; imports are looked up next to the
 * importing file, then in SEARCH_DIRS[0..N_DIRS). On success *OUT is a new
 * hwdef (free it with azs_hwdef_free). Refusals: -ENOENT (a file not found),
 * -ELOOP (import cycle or imports too deep), -EFBIG, -EINVAL (anything else
 * wrong, including a path that is not a regular file), -ENOMEM, another
 * -errno from reading; err names the file and field ("mt3620_rdb.json:Imports[0].Path").
 */
int azs_hwdef_load(const char *path, const char *const *search_dirs, size_t n_dirs,
		   struct azs_hwdef **out, struct azs_error *err);

void azs_hwdef_free(struct azs_hwdef *hw);

/* The entry called NAME (no '$'), or NULL. */
const struct azs_hwdef_peripheral *azs_hwdef_find(const struct azs_hwdef *hw, const char *name);

/*
 * The AppManifestValue of NAME (no '$') as a TYPE: follows Mapping to the
 * root entry. 0, -ENOENT (no such name), -EINVAL (NAME is of another type),
 * -ENODATA (a Type "int" entry: no AppManifestValue).
 */
int azs_hwdef_resolve(const struct azs_hwdef *hw, const char *name, enum azs_hwdef_type type,
		      struct azs_hwdef_value *value);

/* "Gpio", "Uart", "I2cMaster", "SpiMaster", "Pwm", "Adc", "I2sSubordinate", "int". */
const char *azs_hwdef_type_name(enum azs_hwdef_type type);

/* A C identifier of at most AZS_HWDEF_NAME_MAX characters? */
bool azs_hwdef_name_valid(const char *name, size_t len);

#endif /* AZS_HWDEF_H */
