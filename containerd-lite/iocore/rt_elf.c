// SPDX-License-Identifier: MIT
/* RTApp ELF images: strict parse and checks (see rt_elf.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "iocore_map.h"
#include "rt_elf.h"

#define EHDR_SIZE       52u
#define PHDR_SIZE       32u
#define EM_ARM          40u
#define ET_EXEC         2u
#define PT_LOAD         1u
#define EF_ARM_ABI_MASK 0xff000000u
#define EF_ARM_ABI_V5   0x05000000u

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt,
						      ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -ENOEXEC;
}

/* The memory [addr, addr + len) lies in: TCM, SYSRAM or FLASH, else UNMAPPED. */
static enum azs_ioc_region memory_of(uint32_t addr, uint32_t len)
{
	struct azs_ioc_target t;
	enum azs_ioc_region r = azs_ioc_decode(addr, len ? len : 1, &t);

	return r == AZS_IOC_TCM || r == AZS_IOC_SYSRAM || r == AZS_IOC_FLASH ? r : AZS_IOC_UNMAPPED;
}

/* The segment whose file bytes hold [addr, addr + len), or NULL. */
static const struct azs_rt_segment *file_backed(const struct azs_rt_image *img, uint32_t addr,
						uint32_t len)
{
	unsigned int i;

	for (i = 0; i < img->nseg; i++) {
		const struct azs_rt_segment *s = &img->seg[i];

		if (addr >= s->addr && len <= s->filesz && addr - s->addr <= s->filesz - len)
			return s;
	}
	return NULL;
}

int azs_rt_elf_parse(const uint8_t *buf, size_t len, struct azs_rt_image *img, char *err,
		     size_t errlen)
{
	uint32_t phoff, flags;
	uint16_t phnum;
	const struct azs_rt_segment *vt, *code;
	unsigned int i, j;

	memset(img, 0, sizeof(*img));
	if (len < EHDR_SIZE || memcmp(buf,
				      "\x7f"
				      "ELF",
				      4))
		return fail(err, errlen, "not an ELF file");
	if (buf[4] != 1 || buf[5] != 1 || buf[6] != 1)
		return fail(err, errlen, "e_ident: not a 32-bit little-endian ELF version 1");
	if (le16(buf + 16) != ET_EXEC)
		return fail(err, errlen, "e_type %u: an RTApp is an executable (ET_EXEC)",
			    le16(buf + 16));
	if (le16(buf + 18) != EM_ARM)
		return fail(err, errlen, "e_machine %u: an RTApp is ARM code (EM_ARM)",
			    le16(buf + 18));
	if (le32(buf + 20) != 1)
		return fail(err, errlen, "e_version %u: expected 1", le32(buf + 20));
	flags = le32(buf + 36);
	if ((flags & EF_ARM_ABI_MASK) != EF_ARM_ABI_V5)
		return fail(err, errlen, "e_flags 0x%08x: not an EABI version 5 image", flags);
	if (le16(buf + 40) != EHDR_SIZE || le16(buf + 42) != PHDR_SIZE)
		return fail(err, errlen, "e_ehsize/e_phentsize: not the ELF32 sizes");
	phoff = le32(buf + 28);
	phnum = le16(buf + 44);
	if (phnum == 0 || phnum > 64)
		return fail(err, errlen, "e_phnum %u: expected 1..64 program headers", phnum);
	if (phoff > len || (len - phoff) / PHDR_SIZE < phnum)
		return fail(err, errlen, "e_phoff: the program headers lie outside the file");

	for (i = 0; i < phnum; i++) {
		const uint8_t *ph = buf + phoff + (size_t)i * PHDR_SIZE;
		struct azs_rt_segment s;

		if (le32(ph) != PT_LOAD)
			continue;
		s.offset = le32(ph + 4);
		s.addr = le32(ph + 8);
		s.filesz = le32(ph + 16);
		s.memsz = le32(ph + 20);
		s.flags = le32(ph + 24);
		if (s.memsz == 0)
			continue;
		if (le32(ph + 12) != s.addr)
			return fail(err, errlen,
				    "segment %u: p_paddr 0x%08x differs from p_vaddr 0x%08x "
				    "(the loader loads at the run address)",
				    i, le32(ph + 12), s.addr);
		if (s.filesz > s.memsz)
			return fail(err, errlen, "segment %u: p_filesz %u > p_memsz %u", i,
				    s.filesz, s.memsz);
		if (s.offset > len || len - s.offset < s.filesz)
			return fail(err, errlen, "segment %u: its file bytes lie outside the file",
				    i);
		if (memory_of(s.addr, s.memsz) == AZS_IOC_UNMAPPED)
			return fail(err, errlen,
				    "segment %u: 0x%08x+0x%x is not inside one of the core's "
				    "memories (TCM 0x%08x, SYSRAM 0x%08x, flash 0x%08x)",
				    i, s.addr, s.memsz, AZS_IOC_TCM_BASE, AZS_IOC_SYSRAM_BASE,
				    AZS_IOC_FLASH_BASE);
		for (j = 0; j < img->nseg; j++) {
			const struct azs_rt_segment *o = &img->seg[j];

			if (s.addr < o->addr + o->memsz && o->addr < s.addr + s.memsz)
				return fail(err, errlen,
					    "segment %u overlaps an earlier segment at 0x%08x", i,
					    o->addr);
		}
		if (memory_of(s.addr, s.memsz) == AZS_IOC_FLASH && (s.flags & 2u))
			return fail(err, errlen,
				    "segment %u: writable, but in the read-only flash window", i);
		if (img->nseg == AZS_RT_ELF_MAX_SEGMENTS)
			return fail(err, errlen, "more than %u loadable segments",
				    AZS_RT_ELF_MAX_SEGMENTS);
		img->seg[img->nseg++] = s;
	}
	if (img->nseg == 0)
		return fail(err, errlen, "no loadable segment");

	img->entry = le32(buf + 24);
	if (img->entry & 3u)
		return fail(err, errlen, "e_entry 0x%08x: the vector table is word-aligned",
			    img->entry);
	vt = file_backed(img, img->entry, 8);
	if (!vt)
		return fail(err, errlen,
			    "e_entry 0x%08x: the vector table is not in a loaded segment's "
			    "file bytes",
			    img->entry);
	img->initial_sp = le32(buf + vt->offset + (img->entry - vt->addr));
	img->reset = le32(buf + vt->offset + (img->entry - vt->addr) + 4);
	if ((img->initial_sp & 7u) || img->initial_sp < 8 ||
	    (memory_of(img->initial_sp - 8, 8) != AZS_IOC_TCM &&
	     memory_of(img->initial_sp - 8, 8) != AZS_IOC_SYSRAM))
		return fail(err, errlen,
			    "vector table word 0 (initial SP) 0x%08x: not an 8-aligned "
			    "stack top in TCM or SYSRAM",
			    img->initial_sp);
	if (!(img->reset & 1u))
		return fail(err, errlen,
			    "vector table word 1 (reset handler) 0x%08x: not a Thumb "
			    "address (bit 0 clear)",
			    img->reset);
	code = file_backed(img, img->reset & ~1u, 2);
	if (!code || !(code->flags & 1u))
		return fail(err, errlen,
			    "vector table word 1 (reset handler) 0x%08x: not in an "
			    "executable loaded segment",
			    img->reset);
	return 0;
}
