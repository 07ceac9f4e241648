// SPDX-License-Identifier: MIT
/*
 * Hardware definition files (containerd-lite/lib/hwdef.c). The loader reads
 * files, so each input is written to a file in a private directory and
 * loaded from there, with the real MT3620 definitions as the search path (an
 * input may import mt3620.json and map onto its names). Invariants of an
 * accepted definition: within the file and peripheral limits, every name
 * valid, found by its own name, and resolving to a value of its own type;
 * a refusal is a negative errno with a reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hwdef.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4000], path[4096];

static void remove_dir(void)
{
	unlink(path);
	rmdir(dir);
}

/* A private directory, in memory (/dev/shm) when there is one. */
static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "/dev/shm/azs-fuzz-hwdef-XXXXXX");
	if (!mkdtemp(dir)) {
		snprintf(dir, sizeof(dir), "%s/azs-fuzz-hwdef-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
	}
	snprintf(path, sizeof(path), "%s/app.json", dir);
	atexit(remove_dir);
}

static void check(const struct azs_hwdef *hw)
{
	if (hw->n_files < 1 || hw->n_files > AZS_HWDEF_MAX_FILES ||
	    hw->n_periph > AZS_HWDEF_MAX_PERIPHERALS * AZS_HWDEF_MAX_FILES)
		abort();
	for (size_t i = 0; i < hw->n_periph; i++) {
		const struct azs_hwdef_peripheral *p = &hw->periph[i];
		struct azs_hwdef_value v;
		int ret;

		if (!azs_hwdef_name_valid(p->name, strlen(p->name)) ||
		    azs_hwdef_find(hw, p->name) != p || p->file >= hw->n_files ||
		    p->type >= AZS_HWDEF_NUM_TYPES)
			abort();
		if (p->mapping &&
		    (p->target >= hw->n_periph || hw->periph[p->target].type != p->type))
			abort();
		ret = azs_hwdef_resolve(hw, p->name, p->type, &v);
		if (ret == 0 ? v.is_number != (p->type == AZS_HWDEF_GPIO) ||
				       (!v.is_number && !v.string)
			     : ret != -ENODATA)
			abort();
		if (p->type != AZS_HWDEF_GPIO &&
		    azs_hwdef_resolve(hw, p->name, AZS_HWDEF_GPIO, &v) != -EINVAL)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dirs[] = {AZS_HWDEF_DIR};
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int fd, ret;

	if (size > 64 * 1024)
		return -1;
	if (!path[0])
		make_dir();
	/* A new file each time: truncating one makes some file systems flush it. */
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	ret = azs_hwdef_load(path, dirs, 1, &hw, &err);
	if (ret == 0) {
		check(hw);
		azs_hwdef_free(hw);
		return 0;
	}
	if (ret >= 0 || hw || !err.reason[0] || !memchr(err.reason, 0, sizeof(err.reason)))
		abort();
	return 0;
}
