// SPDX-License-Identifier: MIT
/*
 * The package's payload: the input directory as a squashfs image made by
 * mksquashfs, reproducibly (owners root, no xattrs, every time stamp 0), with
 * the packed manifest at /app_manifest.json in place of the input's.
 */
#ifndef IP_PAYLOAD_H
#define IP_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Check the input tree: only directories, regular files and symbolic links,
 * no set-user-ID, set-group-ID or device files; ENTRY_POINT ("/bin/app") a
 * regular executable file. 0 or -errno after a message naming the path.
 */
int ip_check_input(const char *input, const char *entry_point);

/*
 * Build the squashfs image of INPUT in TMPDIR with MANIFEST (LEN bytes) as
 * /app_manifest.json: *OUT (free()), *OUT_LEN bytes. 0 or -errno after a
 * message.
 */
int ip_build_payload(const char *input, const char *tmpdir, const char *manifest, size_t len,
		     uint8_t **out, size_t *out_len);

#endif /* IP_PAYLOAD_H */
