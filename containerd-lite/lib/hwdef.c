// SPDX-License-Identifier: MIT
/* Hardware definition files (see hwdef.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "file_read.h"
#include "hwdef.h"
#include "json_get.h"
#include "json_strict.h"

#define HWDEF_METADATA_TYPE "Azure Sphere Hardware Definition"
#define HWDEF_STRING_MAX    255 /* values, header values, import paths */
#define HWDEF_COMMENT_MAX   4096

static const char *const type_names[AZS_HWDEF_NUM_TYPES] = {
	[AZS_HWDEF_GPIO] = "Gpio",
	[AZS_HWDEF_UART] = "Uart",
	[AZS_HWDEF_I2C_MASTER] = "I2cMaster",
	[AZS_HWDEF_SPI_MASTER] = "SpiMaster",
	[AZS_HWDEF_PWM] = "Pwm",
	[AZS_HWDEF_ADC] = "Adc",
	[AZS_HWDEF_I2S_SUBORDINATE] = "I2sSubordinate",
	[AZS_HWDEF_INT] = "int",
};

struct loader {
	struct azs_hwdef *hw;
	const char *const *search_dirs;
	size_t n_dirs;
	size_t stack[AZS_HWDEF_MAX_DEPTH + 2]; /* files being loaded, outermost first */
	size_t depth;                          /* entries in stack */
	struct azs_error *err;
};

const char *azs_hwdef_type_name(enum azs_hwdef_type type)
{
	return (unsigned int)type < AZS_HWDEF_NUM_TYPES ? type_names[type] : "?";
}

bool azs_hwdef_name_valid(const char *name, size_t len)
{
	if (len == 0 || len > AZS_HWDEF_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

		if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
			return false;
	}
	return true;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Prefix err->field with "FILE:" (the file's base name); return RET. */
static int in_file(struct azs_error *err, int ret, const char *path)
{
	char field[sizeof(err->field)];

	if (!err)
		return ret;
	azs_format(field, sizeof(field), "%s:%s", base_name(path), err->field);
	memcpy(err->field, field, sizeof(field));
	return ret;
}

/* A refusal from azs_file_read() for PATH, reported on FIELD. */
static int read_error(struct azs_error *err, int ret, const char *field, const char *path)
{
	switch (ret) {
	case -ENOENT:
		return azs_error_set(err, ret, field, "%s: no such file", path);
	case -EINVAL:
		return azs_error_set(err, ret, field, "%s is not a regular file", path);
	case -EFBIG:
		return azs_error_set(err, ret, field, "%s is larger than %d bytes", path,
				     AZS_HWDEF_MAX_FILE_SIZE);
	default:
		return azs_error_set(err, ret, field, "cannot read %s: %s", path, strerror(-ret));
	}
}

static void free_peripheral(struct azs_hwdef_peripheral *p)
{
	free(p->name);
	free(p->mapping);
	free(p->string);
	free(p->header_value);
	free(p->comment);
}

void azs_hwdef_free(struct azs_hwdef *hw)
{
	if (!hw)
		return;
	for (size_t i = 0; i < hw->n_files; i++) {
		free(hw->files[i].path);
		free(hw->files[i].description);
	}
	for (size_t i = 0; i < hw->n_periph; i++)
		free_peripheral(&hw->periph[i]);
	free(hw->periph);
	json_object_put(hw->by_name);
	free(hw);
}

static void azs_hwdef_freep(struct azs_hwdef **hw)
{
	azs_hwdef_free(*hw);
}

const struct azs_hwdef_peripheral *azs_hwdef_find(const struct azs_hwdef *hw, const char *name)
{
	struct json_object *index;

	if (!hw || !json_object_object_get_ex(hw->by_name, name, &index))
		return NULL;
	return &hw->periph[json_object_get_int64(index)];
}

int azs_hwdef_resolve(const struct azs_hwdef *hw, const char *name, enum azs_hwdef_type type,
		      struct azs_hwdef_value *value)
{
	const struct azs_hwdef_peripheral *p = azs_hwdef_find(hw, name);

	if (!p)
		return -ENOENT;
	if (p->type != type)
		return -EINVAL;
	/* Mappings point into imported files only, and imports have no cycles. */
	for (size_t hops = 0; p->mapping; hops++) {
		if (hops > hw->n_periph)
			return -ELOOP;
		p = &hw->periph[p->target];
	}
	if (!p->has_value)
		return -ENODATA;
	value->is_number = p->type == AZS_HWDEF_GPIO;
	value->number = p->number;
	value->string = p->string;
	return 0;
}

/* ---- One file ------------------------------------------------------------ */

static int dup_string(struct azs_error *err, const char *field, const char *s, char **out)
{
	*out = strdup(s);
	if (!*out)
		return azs_error_set(err, -ENOMEM, field, "out of memory");
	return 0;
}

/* An optional string member: *OUT stays NULL if absent. */
static int optional_string(struct json_object *obj, const char *key, const char *parent,
			   size_t max_len, char **out, struct azs_error *err)
{
	struct json_object *v = azs_json_member(obj, key);
	char field[AZS_PATH_MAX];
	const char *s;
	int ret;

	*out = NULL;
	if (!v)
		return 0;
	azs_path_key(field, sizeof(field), parent, key);
	ret = azs_json_string(v, field, 1, max_len, AZS_STR_NO_CONTROL, &s, NULL, err);
	if (ret)
		return ret;
	return dup_string(err, field, s, out);
}

static int check_metadata(struct json_object *root, struct azs_error *err)
{
	static const char *const keys[] = {"Type", "Version", NULL};
	struct json_object *md = azs_json_member(root, "Metadata");
	const char *type;
	int64_t version;
	int ret;

	ret = azs_json_want(md, json_type_object, "Metadata", err);
	if (!ret)
		ret = azs_json_known_keys(md, "Metadata", keys, err);
	if (!ret)
		ret = azs_json_string(azs_json_member(md, "Type"), "Metadata.Type", 1,
				      HWDEF_STRING_MAX, 0, &type, NULL, err);
	if (ret)
		return ret;
	if (strcmp(type, HWDEF_METADATA_TYPE))
		return azs_error_set(err, -EINVAL, "Metadata.Type", "must be \"%s\"",
				     HWDEF_METADATA_TYPE);
	return azs_json_int(azs_json_member(md, "Version"), "Metadata.Version", 1, 1, &version,
			    err);
}

static int read_description(struct json_object *root, char **name, struct azs_error *err)
{
	static const char *const keys[] = {"Name", "MainCoreHeaderFileTopContent", NULL};
	struct json_object *d = azs_json_member(root, "Description"), *top;
	char field[AZS_PATH_MAX];
	int ret;

	*name = NULL;
	if (!d)
		return 0;
	ret = azs_json_want(d, json_type_object, "Description", err);
	if (!ret)
		ret = azs_json_known_keys(d, "Description", keys, err);
	if (ret)
		return ret;
	top = azs_json_member(d, "MainCoreHeaderFileTopContent");
	if (top) {
		ret = azs_json_want(top, json_type_array,
				    "Description.MainCoreHeaderFileTopContent", err);
		if (ret)
			return ret;
		for (size_t i = 0; i < json_object_array_length(top); i++) {
			const char *line;

			azs_path_index(field, sizeof(field),
				       "Description.MainCoreHeaderFileTopContent", i);
			ret = azs_json_string(json_object_array_get_idx(top, i), field, 0,
					      HWDEF_COMMENT_MAX, AZS_STR_NO_CONTROL, &line, NULL,
					      err);
			if (ret)
				return ret;
		}
	}
	return optional_string(d, "Name", "Description", HWDEF_STRING_MAX, name, err);
}

static int parse_type(struct json_object *v, const char *field, enum azs_hwdef_type *type,
		      struct azs_error *err)
{
	const char *s;
	int ret = azs_json_string(v, field, 1, HWDEF_STRING_MAX, 0, &s, NULL, err);

	if (ret)
		return ret;
	for (int t = 0; t < AZS_HWDEF_NUM_TYPES; t++) {
		if (!strcmp(s, type_names[t])) {
			*type = (enum azs_hwdef_type)t;
			return 0;
		}
	}
	return azs_error_set(err, -EINVAL, field,
			     "unknown type \"%s\" (Gpio, Uart, I2cMaster, SpiMaster, Pwm, Adc, "
			     "I2sSubordinate or int)",
			     s);
}

/* A name (Name or Mapping): a C identifier. */
static int parse_name(struct json_object *v, const char *field, char **out, struct azs_error *err)
{
	const char *s;
	size_t len;
	int ret = azs_json_string(v, field, 1, HWDEF_STRING_MAX, 0, &s, &len, err);

	if (ret)
		return ret;
	if (!azs_hwdef_name_valid(s, len))
		return azs_error_set(
			err, -EINVAL, field,
			"\"%s\" is not a name (a C identifier of at most %d characters)", s,
			AZS_HWDEF_NAME_MAX);
	return dup_string(err, field, s, out);
}

/* AppManifestValue of a root entry of type P->type. */
static int parse_value(struct json_object *v, const char *field, struct azs_hwdef_peripheral *p,
		       struct azs_error *err)
{
	const char *s;
	int ret;

	if (p->type == AZS_HWDEF_INT)
		return azs_error_set(
			err, -EINVAL, field,
			"an int entry has no AppManifestValue (manifests cannot use it)");
	p->has_value = true;
	if (p->type == AZS_HWDEF_GPIO)
		return azs_json_int(v, field, 0, INT32_MAX, &p->number, err);
	ret = azs_json_string(v, field, 1, HWDEF_STRING_MAX, AZS_STR_NO_CONTROL, &s, NULL, err);
	if (ret)
		return ret;
	return dup_string(err, field, s, &p->string);
}

/* Peripherals[POS] of a file into P (zeroed by the caller). */
static int parse_peripheral(struct json_object *e, const char *path, struct azs_hwdef_peripheral *p,
			    struct azs_error *err)
{
	static const char *const keys[] = {
		"Name",    "Type", "Mapping", "AppManifestValue", "MainCoreHeaderValue",
		"Comment", NULL};
	struct json_object *value;
	char field[AZS_PATH_MAX];
	int ret;

	ret = azs_json_want(e, json_type_object, path, err);
	if (!ret)
		ret = azs_json_known_keys(e, path, keys, err);
	if (ret)
		return ret;
	azs_path_key(field, sizeof(field), path, "Name");
	ret = parse_name(azs_json_member(e, "Name"), field, &p->name, err);
	if (ret)
		return ret;
	azs_path_key(field, sizeof(field), path, "Type");
	ret = parse_type(azs_json_member(e, "Type"), field, &p->type, err);
	if (ret)
		return ret;
	if (azs_json_member(e, "Mapping")) {
		azs_path_key(field, sizeof(field), path, "Mapping");
		ret = parse_name(azs_json_member(e, "Mapping"), field, &p->mapping, err);
		if (ret)
			return ret;
	}
	ret = optional_string(e, "MainCoreHeaderValue", path, HWDEF_STRING_MAX, &p->header_value,
			      err);
	if (!ret)
		ret = optional_string(e, "Comment", path, HWDEF_COMMENT_MAX, &p->comment, err);
	if (ret)
		return ret;

	value = azs_json_member(e, "AppManifestValue");
	azs_path_key(field, sizeof(field), path, "AppManifestValue");
	if (p->mapping) {
		if (value)
			return azs_error_set(err, -EINVAL, field,
					     "a mapped entry takes its value from %s", p->mapping);
		if (p->header_value) {
			azs_path_key(field, sizeof(field), path, "MainCoreHeaderValue");
			return azs_error_set(err, -EINVAL, field,
					     "a mapped entry takes its value from %s", p->mapping);
		}
		return 0;
	}
	if (value)
		return parse_value(value, field, p, err);
	if (p->type != AZS_HWDEF_INT)
		return azs_error_set(err, -EINVAL, field,
				     "missing required key (an entry without Mapping needs it)");
	if (!p->header_value) {
		azs_path_key(field, sizeof(field), path, "MainCoreHeaderValue");
		return azs_error_set(
			err, -EINVAL, field,
			"missing required key (an int entry without Mapping needs it)");
	}
	return 0;
}

/* Add the Peripherals of file FILE (parsed as ROOT) to the hwdef. */
static int add_peripherals(struct loader *l, size_t file, struct json_object *root)
{
	struct azs_hwdef *hw = l->hw;
	struct json_object *list = azs_json_member(root, "Peripherals");
	char field[AZS_PATH_MAX];
	size_t n;
	int ret;

	ret = azs_json_want(list, json_type_array, "Peripherals", l->err);
	if (ret)
		return ret;
	n = json_object_array_length(list);
	if (n > AZS_HWDEF_MAX_PERIPHERALS - hw->n_periph)
		return azs_error_set(l->err, -EINVAL, "Peripherals",
				     "more than %d peripherals in all", AZS_HWDEF_MAX_PERIPHERALS);
	if (n) {
		struct azs_hwdef_peripheral *grown =
			realloc(hw->periph, (hw->n_periph + n) * sizeof(*grown));

		if (!grown)
			return azs_error_set(l->err, -ENOMEM, "Peripherals", "out of memory");
		hw->periph = grown;
	}
	for (size_t i = 0; i < n; i++) {
		struct azs_hwdef_peripheral *p = &hw->periph[hw->n_periph];
		struct json_object *other, *index;

		memset(p, 0, sizeof(*p));
		p->file = file;
		p->pos = i;
		azs_path_index(field, sizeof(field), "Peripherals", i);
		ret = parse_peripheral(json_object_array_get_idx(list, i), field, p, l->err);
		if (ret) {
			free_peripheral(p);
			return ret;
		}
		if (json_object_object_get_ex(hw->by_name, p->name, &other)) {
			const struct azs_hwdef_peripheral *o =
				&hw->periph[json_object_get_int64(other)];
			char name_field[AZS_PATH_MAX];

			azs_path_key(name_field, sizeof(name_field), field, "Name");
			ret = azs_error_set(l->err, -EINVAL, name_field,
					    "duplicate name %s (also %s:Peripherals[%zu])", p->name,
					    base_name(hw->files[o->file].path), o->pos);
			free_peripheral(p);
			return ret;
		}
		index = json_object_new_int64((int64_t)hw->n_periph);
		if (!index || json_object_object_add(hw->by_name, p->name, index)) {
			json_object_put(index);
			free_peripheral(p);
			return azs_error_set(l->err, -ENOMEM, field, "out of memory");
		}
		hw->n_periph++;
	}
	return 0;
}

/* ---- Imports --------------------------------------------------------------- */

static int load_data(struct loader *l, const char *path, const struct azs_file_data *data,
		     const char *import_field, size_t *index);

/* DIR/REL into BUF; false if it does not fit. */
static bool join(char *buf, size_t size, const char *dir, size_t dir_len, const char *rel)
{
	int n = snprintf(buf, size, "%.*s/%s", (int)dir_len, dir, rel);

	return n >= 0 && (size_t)n < size;
}

/*
 * Find and read import REL of IMPORTER: next to IMPORTER, then in each search
 * directory. FOUND gets the path that was read.
 */
static int read_import(struct loader *l, const char *importer, const char *rel, const char *field,
		       struct azs_file_data *data, char *found, size_t size)
{
	const char *slash = strrchr(importer, '/');
	size_t dir_len = slash ? (size_t)(slash - importer) : 1;
	const char *dir = slash ? importer : ".";

	if (slash == importer)
		dir_len = 0; /* "/x.json": the root directory */
	for (size_t i = 0; i <= l->n_dirs; i++) {
		int ret;

		if (i > 0) {
			dir = l->search_dirs[i - 1];
			dir_len = strlen(dir);
		}
		if (!join(found, size, dir, dir_len, rel))
			return azs_error_set(l->err, -ENAMETOOLONG, field, "path too long");
		ret = azs_file_read(found, AZS_HWDEF_MAX_FILE_SIZE, data);
		if (ret == -ENOENT || ret == -ENOTDIR)
			continue;
		if (ret)
			return read_error(l->err, ret, field, found);
		return 0;
	}
	return azs_error_set(l->err, -ENOENT, field,
			     "%s not found next to %s or in the %zu search director%s", rel,
			     base_name(importer), l->n_dirs, l->n_dirs == 1 ? "y" : "ies");
}

/* The Imports of FILE (parsed as ROOT, read from PATH): load each, depth first. */
static int load_imports(struct loader *l, size_t file, const char *path, struct json_object *root)
{
	static const char *const keys[] = {"Path", NULL};
	struct json_object *imports = azs_json_member(root, "Imports");
	char field[AZS_PATH_MAX], pfield[AZS_PATH_MAX];
	size_t n;
	int ret;

	if (!imports)
		return 0;
	ret = azs_json_want(imports, json_type_array, "Imports", l->err);
	if (ret)
		return in_file(l->err, ret, path);
	n = json_object_array_length(imports);
	if (n > AZS_HWDEF_MAX_IMPORTS)
		return in_file(l->err,
			       azs_error_set(l->err, -EINVAL, "Imports", "more than %d imports",
					     AZS_HWDEF_MAX_IMPORTS),
			       path);
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(imports, i);
		struct azs_file_data data = {0};
		char found[PATH_MAX], where[AZS_PATH_MAX];
		const char *rel;
		size_t index;

		azs_path_index(field, sizeof(field), "Imports", i);
		azs_path_key(pfield, sizeof(pfield), field, "Path");
		ret = azs_json_want(e, json_type_object, field, l->err);
		if (!ret)
			ret = azs_json_known_keys(e, field, keys, l->err);
		if (!ret)
			ret = azs_json_string(azs_json_member(e, "Path"), pfield, 1,
					      HWDEF_STRING_MAX, AZS_STR_NO_CONTROL, &rel, NULL,
					      l->err);
		if (!ret && rel[0] == '/')
			ret = azs_error_set(l->err, -EINVAL, pfield,
					    "must be a relative path (found next to this file or "
					    "in the search path)");
		if (ret)
			return in_file(l->err, ret, path);

		azs_format(where, sizeof(where), "%s:%s", base_name(path), pfield);
		ret = read_import(l, path, rel, where, &data, found, sizeof(found));
		if (ret)
			return ret;
		ret = load_data(l, found, &data, where, &index);
		azs_file_data_free(&data);
		if (ret)
			return ret;
		for (size_t k = 0; k < l->hw->files[file].n_imports; k++)
			if (l->hw->files[file].imports[k] == index)
				return azs_error_set(l->err, -EINVAL, where, "%s is imported twice",
						     rel);
		l->hw->files[file].imports[l->hw->files[file].n_imports++] = index;
	}
	return 0;
}

static int import_cycle(struct loader *l, size_t from, const char *path, const char *field)
{
	char chain[sizeof(l->err->reason)] = "import cycle: ";
	size_t used = strlen(chain);

	for (size_t i = from; i < l->depth; i++) {
		int n = snprintf(chain + used, sizeof(chain) - used, "%s -> ",
				 base_name(l->hw->files[l->stack[i]].path));

		if (n < 0 || (size_t)n >= sizeof(chain) - used)
			break;
		used += (size_t)n;
	}
	return azs_error_set(l->err, -ELOOP, field, "%s%s", chain, base_name(path));
}

/*
 * Load a file read from PATH (DATA): check it, load its imports, add its
 * peripherals. IMPORT_FIELD names the import that led here (NULL for the
 * first file). *INDEX gets its index in files[].
 */
static int load_data(struct loader *l, const char *path, const struct azs_file_data *data,
		     const char *import_field, size_t *index)
{
	static const char *const keys[] = {"Metadata", "Description", "Imports", "Peripherals",
					   NULL};
	azs_cleanup(azs_json_putp) struct json_object *root = NULL;
	struct azs_hwdef *hw = l->hw;
	struct azs_hwdef_file *f;
	size_t file;
	int ret;

	for (size_t i = 0; i < l->depth; i++) {
		const struct azs_hwdef_file *o = &hw->files[l->stack[i]];

		if (o->dev == data->dev && o->ino == data->ino)
			return import_cycle(l, i, path, import_field);
	}
	/* Imported again along another path (a diamond): loaded once. */
	for (size_t i = 0; i < hw->n_files; i++) {
		if (hw->files[i].dev == data->dev && hw->files[i].ino == data->ino) {
			*index = i;
			return 0;
		}
	}
	if (l->depth > AZS_HWDEF_MAX_DEPTH)
		return azs_error_set(l->err, -ELOOP, import_field,
				     "imports nested deeper than %d levels", AZS_HWDEF_MAX_DEPTH);
	if (hw->n_files == AZS_HWDEF_MAX_FILES)
		return azs_error_set(l->err, -EINVAL, import_field, "more than %d files",
				     AZS_HWDEF_MAX_FILES);

	ret = azs_json_parse_object(data->data, data->len, AZS_HWDEF_MAX_FILE_SIZE, &root, l->err);
	if (!ret)
		ret = azs_json_known_keys(root, "", keys, l->err);
	if (!ret)
		ret = check_metadata(root, l->err);
	if (ret)
		return in_file(l->err, ret, path);

	file = hw->n_files++;
	f = &hw->files[file];
	f->dev = data->dev;
	f->ino = data->ino;
	f->path = strdup(path);
	if (!f->path)
		return azs_error_set(l->err, -ENOMEM, import_field, "out of memory");
	ret = read_description(root, &f->description, l->err);
	if (ret)
		return in_file(l->err, ret, path);

	l->stack[l->depth++] = file;
	ret = load_imports(l, file, path, root);
	l->depth--;
	if (ret)
		return ret;
	ret = add_peripherals(l, file, root);
	if (ret)
		return in_file(l->err, ret, path);
	*index = file;
	return 0;
}

/* ---- Mappings ------------------------------------------------------------ */

/* reach[f]: bit i set if file f imports file i, directly or not. */
static void compute_reach(const struct azs_hwdef *hw, uint64_t *reach)
{
	bool changed = true;

	for (size_t f = 0; f < hw->n_files; f++) {
		reach[f] = 0;
		for (size_t k = 0; k < hw->files[f].n_imports; k++)
			reach[f] |= 1ull << hw->files[f].imports[k];
	}
	while (changed) {
		changed = false;
		for (size_t f = 0; f < hw->n_files; f++) {
			uint64_t r = reach[f];

			for (size_t i = 0; i < hw->n_files; i++)
				if (reach[f] & (1ull << i))
					r |= reach[i];
			if (r != reach[f]) {
				reach[f] = r;
				changed = true;
			}
		}
	}
}

static int link_mappings(struct azs_hwdef *hw, struct azs_error *err)
{
	uint64_t reach[AZS_HWDEF_MAX_FILES];
	char field[AZS_PATH_MAX];

	_Static_assert(AZS_HWDEF_MAX_FILES <= 64, "reach[] is a 64-bit mask");
	compute_reach(hw, reach);
	for (size_t i = 0; i < hw->n_periph; i++) {
		struct azs_hwdef_peripheral *p = &hw->periph[i];
		const char *file = base_name(hw->files[p->file].path);
		const struct azs_hwdef_peripheral *t;

		if (!p->mapping)
			continue;
		snprintf(field, sizeof(field), "%s:Peripherals[%zu].Mapping", file, p->pos);
		t = azs_hwdef_find(hw, p->mapping);
		if (!t)
			return azs_error_set(err, -EINVAL, field, "unknown peripheral %s",
					     p->mapping);
		if (!(reach[p->file] & (1ull << t->file)))
			return azs_error_set(err, -EINVAL, field,
					     "%s is defined in %s, which %s does not import",
					     p->mapping, base_name(hw->files[t->file].path), file);
		if (t->type != p->type)
			return azs_error_set(err, -EINVAL, field, "maps a %s onto %s, a %s",
					     type_names[p->type], p->mapping, type_names[t->type]);
		p->target = (size_t)(t - hw->periph);
	}
	return 0;
}

int azs_hwdef_load(const char *path, const char *const *search_dirs, size_t n_dirs,
		   struct azs_hwdef **out, struct azs_error *err)
{
	azs_cleanup(azs_hwdef_freep) struct azs_hwdef *hw = calloc(1, sizeof(*hw));
	struct loader l = {.hw = hw, .search_dirs = search_dirs, .n_dirs = n_dirs, .err = err};
	struct azs_file_data data = {0};
	size_t index;
	int ret;

	*out = NULL;
	azs_error_clear(err);
	if (!path || (n_dirs && !search_dirs))
		return azs_error_set(err, -EINVAL, "", "no path or no search directories");
	if (!hw)
		return azs_error_set(err, -ENOMEM, "", "out of memory");
	hw->by_name = json_object_new_object();
	if (!hw->by_name)
		return azs_error_set(err, -ENOMEM, "", "out of memory");
	ret = azs_file_read(path, AZS_HWDEF_MAX_FILE_SIZE, &data);
	if (ret)
		return read_error(err, ret, base_name(path), path);
	ret = load_data(&l, path, &data, base_name(path), &index);
	azs_file_data_free(&data);
	if (!ret)
		ret = link_mappings(hw, err);
	if (ret)
		return ret;
	*out = azs_steal(hw);
	return 0;
}
