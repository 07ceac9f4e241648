// SPDX-License-Identifier: MIT
/* Showing a capability file (see show.h). */
#include <errno.h>
#include <inttypes.h>

#include <azs/bytes.h>
#include "cap_names.h"
#include "capfile.h"
#include "file_io.h"
#include "show.h"

/* Big enough to tell a wrong length from the right one. */
#define SHOW_MAX_SIZE 4096

static void print_hex(FILE *out, const u8 *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%02x", p[i]);
}

static void print_fields(FILE *out, const u8 *f)
{
	const char *sep = "";

	fprintf(out, "magic:        0x%08" PRIx32 "%s\n", azs_get_le32(f),
		azs_get_le32(f) == AZS_CAPFILE_MAGIC ? "" : " (expected 0x5cfd5cfd)");
	fprintf(out, "version:      %" PRIu32 "\n", azs_get_le32(f + 4));
	fprintf(out, "header:       length %" PRIu32 ", flags 0x%" PRIx32 "\n", azs_get_le32(f + 8),
		azs_get_le32(f + 12));
	fprintf(out, "sequence:     %" PRIu64 "\n", azs_get_le64(f + AZS_CAPFILE_OFF_SEQUENCE));
	fputs("device id:    ", out);
	print_hex(out, f + AZS_CAPFILE_OFF_DEVICE_ID, AZS_DEVICE_ID_SIZE);
	fputs("\ncapabilities: ", out);
	for (int i = 0; i < AZS_CAPFILE_NUM_SLOTS; i++) {
		u8 v = f[AZS_CAPFILE_OFF_CAPS + i];

		if (v == AZS_CAP_NONE)
			continue;
		fputs(sep, out);
		ss_capability_print(out, v);
		sep = ", ";
	}
	fprintf(out, "%s\nkey id:       ", *sep ? "" : "(none)");
	print_hex(out, f + AZS_CAPFILE_OFF_KEY_ID, AZS_KEY_ID_SIZE);
	fputs("\nsignature:    ", out);
	print_hex(out, f + AZS_CAPFILE_OFF_SIGNATURE, AZS_CAPFILE_SIZE - AZS_CAPFILE_OFF_SIGNATURE);
	fputc('\n', out);
}

int ss_show_capability(const char *path, FILE *out)
{
	u8 f[SHOW_MAX_SIZE];
	struct azs_capfile cf;
	u32 reason;
	size_t len;
	int ret;

	ret = ss_read_file(path, f, sizeof(f), &len);
	if (ret)
		return ret;
	fprintf(out, "file:         %s\n", path);
	fprintf(out, "size:         %zu bytes\n", len);
	if (len == AZS_CAPFILE_SIZE)
		print_fields(out, f);
	if (azs_capfile_parse(f, (u32)len, &cf, &reason)) {
		fprintf(out, "structure:    invalid: %s\n", azs_capfile_reason_str(reason));
		return -EINVAL;
	}
	fputs("structure:    ok (signature not checked)\n", out);
	return 0;
}
