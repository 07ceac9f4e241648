/* SPDX-License-Identifier: MIT */
/*
 * RTApp images: the checks an I/O core's ELF passes before a byte of it is
 * loaded (docs/iocore.md). An image is a little-endian 32-bit ARM ET_EXEC
 * whose PT_LOAD segments lie in the core's memories (TCM, SYSRAM, the flash
 * window), do not overlap, and whose entry point is the vector table: word 0
 * the initial stack pointer (in TCM or SYSRAM, 8-aligned, the top allowed),
 * word 1 the reset handler (a Thumb address in a loaded segment).
 * Pure: parses a caller's copy of the file.
 */
#ifndef AZS_RT_ELF_H
#define AZS_RT_ELF_H

#include <stddef.h>
#include <stdint.h>

#define AZS_RT_ELF_MAX_SEGMENTS 16u

struct azs_rt_segment {
	uint32_t addr;   /* p_vaddr (= p_paddr) */
	uint32_t offset; /* in the file */
	uint32_t filesz;
	uint32_t memsz; /* filesz..memsz is zero */
	uint32_t flags; /* PF_X 1, PF_W 2, PF_R 4 */
};

struct azs_rt_image {
	uint32_t entry; /* the vector table */
	uint32_t initial_sp;
	uint32_t reset; /* with the Thumb bit */
	unsigned int nseg;
	struct azs_rt_segment seg[AZS_RT_ELF_MAX_SEGMENTS];
};

/* 0, or -ENOEXEC with ERR saying which field or rule failed. */
int azs_rt_elf_parse(const uint8_t *buf, size_t len, struct azs_rt_image *img, char *err,
		     size_t errlen);

#endif
