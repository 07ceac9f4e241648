// SPDX-License-Identifier: MIT
/*
 * The I/O core's pure parts (containerd-lite/iocore): the memory map decodes
 * each region and peripheral block to the firewall resource it is checked
 * against, and refuses accesses that straddle regions; the RTApp image check
 * accepts a well-formed image and refuses, naming the rule, each way an
 * image can be wrong (format, machine, segments outside the core's memories,
 * overlapping or truncated segments, a writable flash segment, a bad vector
 * table). Built with AddressSanitizer and UBSan, and fed truncations and
 * byte flips of the good image. The ADC/PWM/ISU register models decode each
 * register to one board action with the right fields, refuse bad offsets,
 * sizes and values naming them, and report the board's refusals.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "iocore_map.h"
#include "iocore_periph.h"
#include "kselftest_harness.h"
#include "rt_elf.h"

TEST(map_memories_and_devices)
{
	struct azs_ioc_target t;

	ASSERT_EQ(AZS_IOC_TCM, azs_ioc_decode(0x00100000, 4, &t));
	ASSERT_EQ(0u, t.fw_kind);
	ASSERT_EQ(AZS_IOC_TCM, azs_ioc_decode(0x0012fffc, 4, &t));
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x0012fffe, 4, &t)); /* straddles the end */
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x00130000, 1, &t));
	ASSERT_EQ(AZS_IOC_FLASH, azs_ioc_decode(0x100ffffc, 4, &t));
	ASSERT_EQ(AZS_IOC_SYSRAM, azs_ioc_decode(0x22000010, 4, &t));
	ASSERT_EQ(0x10u, t.offset);
	ASSERT_EQ(AZS_IOC_UART, azs_ioc_decode(0x21040014, 4, &t));
	ASSERT_EQ(0x14u, t.offset);
	ASSERT_EQ(AZS_IOC_GPT, azs_ioc_decode(0x21030058, 4, &t));
	ASSERT_EQ(AZS_IOC_SCS, azs_ioc_decode(0xe000ed08, 4, &t));
	ASSERT_EQ(AZS_IOC_MBOX, azs_ioc_decode(0x21050010, 4, &t));
	ASSERT_EQ(AZS_IOC_SHARED, azs_ioc_decode(0x20001ffc, 4, &t)); /* the intercore buffers */
	ASSERT_EQ(0x1ffcu, t.offset);
	ASSERT_EQ(0u, t.fw_kind);
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x20001ffe, 4, &t));
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x20002000, 1, &t));
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0xffffffff, 4, &t)); /* wraps */
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x00100000, 0, &t));
}

TEST(map_blocks_name_their_firewall_resource)
{
	struct azs_ioc_target t;

	/* GPIO block 2 (GPIO8..11): checked as GPIO 8. */
	ASSERT_EQ(AZS_IOC_GPIO, azs_ioc_decode(0x38030014, 4, &t));
	ASSERT_EQ(2u, t.block);
	ASSERT_EQ(1u, t.fw_kind); /* AZS_FW_KIND_GPIO */
	ASSERT_EQ(8u, t.fw_index);
	ASSERT_EQ(0x38030000u, t.base);
	ASSERT_EQ(AZS_IOC_GPIO, azs_ioc_decode(0x38060000, 4, &t));
	ASSERT_EQ(5u, t.block);
	ASSERT_EQ(20u, t.fw_index);
	/* Beyond the modelled registers of a block, and past the last block. */
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x38030100, 4, &t));
	ASSERT_EQ(AZS_IOC_ISU, azs_ioc_decode(0x380b0000, 4, &t)); /* ISU4 */
	ASSERT_EQ(4u, t.block);
	ASSERT_EQ(2u, t.fw_kind); /* the ISU block, as AZS_FW_KIND_UART */
	ASSERT_EQ(4u, t.fw_index);
	ASSERT_EQ(AZS_IOC_UNMAPPED, azs_ioc_decode(0x380c0000, 4, &t));
	ASSERT_EQ(AZS_IOC_ADC, azs_ioc_decode(0x38000004, 4, &t));
	ASSERT_EQ(6u, t.fw_kind);
}

/* A minimal good image: one R+X segment in flash holding the vector table
 * (SP = top of TCM, reset = flash + 0x41) and one RW segment in TCM. */
#define IMG_SIZE 0x200u

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint8_t *phdr(uint8_t *img, unsigned int i)
{
	return img + 52 + i * 32;
}

static void good_image(uint8_t *img)
{
	memset(img, 0, IMG_SIZE);
	memcpy(img,
	       "\x7f"
	       "ELF\x01\x01\x01",
	       7);
	put16(img + 16, 2);  /* ET_EXEC */
	put16(img + 18, 40); /* EM_ARM */
	put32(img + 20, 1);
	put32(img + 24, 0x10000000); /* entry: the vector table */
	put32(img + 28, 52);         /* e_phoff */
	put32(img + 36, 0x05000400); /* EABI5, hard float */
	put16(img + 40, 52);
	put16(img + 42, 32);
	put16(img + 44, 2);
	/* Segment 0: flash, R+X, file 0x100..0x180. */
	put32(phdr(img, 0), 1);
	put32(phdr(img, 0) + 4, 0x100);
	put32(phdr(img, 0) + 8, 0x10000000);
	put32(phdr(img, 0) + 12, 0x10000000);
	put32(phdr(img, 0) + 16, 0x80);
	put32(phdr(img, 0) + 20, 0x80);
	put32(phdr(img, 0) + 24, 5);
	/* Segment 1: TCM, R+W, 0x10 bytes of file, 0x100 in memory. */
	put32(phdr(img, 1), 1);
	put32(phdr(img, 1) + 4, 0x180);
	put32(phdr(img, 1) + 8, 0x00100000);
	put32(phdr(img, 1) + 12, 0x00100000);
	put32(phdr(img, 1) + 16, 0x10);
	put32(phdr(img, 1) + 20, 0x100);
	put32(phdr(img, 1) + 24, 6);
	put32(img + 0x100, 0x00130000); /* initial SP: the top of TCM */
	put32(img + 0x104, 0x10000041); /* reset handler, Thumb */
}

static int parse(const uint8_t *img, size_t len, char *err)
{
	struct azs_rt_image r;

	return azs_rt_elf_parse(img, len, &r, err, 200);
}

TEST(good_image_parses)
{
	uint8_t img[IMG_SIZE];
	struct azs_rt_image r;
	char err[200] = "";

	good_image(img);
	ASSERT_EQ(0, azs_rt_elf_parse(img, sizeof(img), &r, err, sizeof(err))) TH_LOG("%s", err);
	ASSERT_EQ(0x10000000u, r.entry);
	ASSERT_EQ(0x00130000u, r.initial_sp);
	ASSERT_EQ(0x10000041u, r.reset);
	ASSERT_EQ(2u, r.nseg);
	ASSERT_EQ(0x100u, r.seg[1].memsz);
	ASSERT_EQ(0x10u, r.seg[1].filesz);
}

struct bad_case {
	const char *what;
	unsigned int off;   /* where to put VALUE */
	unsigned int width; /* 1, 2 or 4 */
	uint32_t value;
	const char *says; /* in the message */
};

static const struct bad_case bad_cases[] = {
	{"magic", 1, 1, 'X', "not an ELF"},
	{"64-bit class", 4, 1, 2, "32-bit little-endian"},
	{"big endian", 5, 1, 2, "32-bit little-endian"},
	{"shared object", 16, 2, 3, "e_type"},
	{"x86-64 code", 18, 2, 62, "e_machine"},
	{"old ABI", 36, 4, 0x04000000, "e_flags"},
	{"phentsize", 42, 2, 40, "e_phentsize"},
	{"no program headers", 44, 2, 0, "e_phnum"},
	{"headers past the end", 28, 4, 0x1f0, "e_phoff"},
	{"headers offset wraps", 28, 4, 0xffffffe0, "e_phoff"},
	{"segment outside the memories", 52 + 8, 4, 0x20000000,
	 "not inside one of the core's memories"},
	{"segment straddles TCM's end", 52 + 32 + 8, 4, 0x0012ff80, "not inside"},
	{"paddr differs", 52 + 12, 4, 0x10001000, "p_paddr"},
	{"filesz > memsz", 52 + 32 + 16, 4, 0x200, "p_filesz"},
	{"file bytes past the end", 52 + 32 + 4, 4, 0x1f8, "outside the file"},
	{"file offset wraps", 52 + 32 + 4, 4, 0xfffffff8, "outside the file"},
	{"writable flash", 52 + 24, 4, 7, "read-only flash"},
	{"overlap", 52 + 32 + 8, 4, 0x10000040, "overlaps"},
	{"unaligned entry", 24, 4, 0x10000002, "word-aligned"},
	{"entry outside the file bytes", 24, 4, 0x00100040, "vector table is not in"},
	{"SP outside RAM", 0x100, 4, 0x10001000, "initial SP"},
	{"SP unaligned", 0x100, 4, 0x0012fffc, "initial SP"},
	{"SP zero", 0x100, 4, 0, "initial SP"},
	{"reset is ARM state", 0x104, 4, 0x10000040, "Thumb"},
	{"reset outside code", 0x104, 4, 0x00100001, "executable"},
	{"reset past the code", 0x104, 4, 0x10000081, "executable"},
};

TEST(bad_images_are_refused_naming_the_rule)
{
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *b = &bad_cases[i];
		uint8_t img[IMG_SIZE];
		char err[200] = "";

		good_image(img);
		if (b->width == 1)
			img[b->off] = (uint8_t)b->value;
		else if (b->width == 2)
			put16(img + b->off, (uint16_t)b->value);
		else
			put32(img + b->off, b->value);
		/* A p_vaddr case moves the segment: p_paddr with it. */
		if (b->off == 52 + 8 || b->off == 52 + 32 + 8)
			put32(img + b->off + 4, b->value);
		EXPECT_EQ(-ENOEXEC, parse(img, sizeof(img), err)) TH_LOG("%s: accepted", b->what);
		EXPECT_NE(NULL, strstr(err, b->says))
		TH_LOG("%s: \"%s\" lacks \"%s\"", b->what, err, b->says);
	}
}

TEST(truncations_and_flips_never_crash)
{
	uint8_t img[IMG_SIZE], *copy;
	char err[200];
	size_t len, i;
	unsigned int seed = 18;

	good_image(img);
	/* Every truncation: an exact-size heap copy, so ASan sees overreads. */
	for (len = 0; len < sizeof(img); len++) {
		copy = malloc(len ? len : 1);
		ASSERT_NE(NULL, copy);
		memcpy(copy, img, len);
		/* The file bytes end at 0x190: anything shorter is refused. */
		if (len < 0x190) {
			EXPECT_EQ(-ENOEXEC, parse(copy, len, err))
			TH_LOG("truncated to %zu: accepted", len);
		} else {
			EXPECT_EQ(0, parse(copy, len, err))
			TH_LOG("truncated to %zu: %s", len, err);
		}
		free(copy);
	}
	for (i = 0; i < 20000; i++) {
		struct azs_rt_image r;
		unsigned int k;

		good_image(img);
		for (k = 0; k < 1 + (unsigned int)(rand_r(&seed) % 4); k++)
			img[rand_r(&seed) % 0x190] ^= (uint8_t)(1u << (rand_r(&seed) % 8));
		if (azs_rt_elf_parse(img, sizeof(img), &r, err, sizeof(err)) == 0) {
			/* Whatever is accepted still keeps every rule. */
			struct azs_ioc_target t;
			unsigned int s;

			ASSERT_EQ(1u, r.reset & 1u);
			ASSERT_EQ(0u, r.initial_sp & 7u);
			for (s = 0; s < r.nseg; s++) {
				enum azs_ioc_region m =
					azs_ioc_decode(r.seg[s].addr, r.seg[s].memsz, &t);

				ASSERT_TRUE(m == AZS_IOC_TCM || m == AZS_IOC_SYSRAM ||
					    m == AZS_IOC_FLASH);
				ASSERT_LE(r.seg[s].filesz, r.seg[s].memsz);
				ASSERT_LE((size_t)r.seg[s].offset + r.seg[s].filesz, sizeof(img));
			}
		}
	}
}

/* ---- the ADC, PWM and ISU register models (iocore_periph.c) ---- */

struct fake_board {
	int ret; /* what every op answers */
	unsigned int calls;
	uint32_t a[6];
	uint8_t w[64];
	uint32_t wlen;
	uint8_t uart[16];
	unsigned int uart_len;
	bool rx_pending; /* the far end sent "ok\n" */
	unsigned int idles;
};

static int fake_adc(void *ctx, uint32_t ch, uint32_t *sample)
{
	struct fake_board *b = ctx;

	b->calls++;
	b->a[0] = ch;
	*sample = 100 + ch;
	return b->ret;
}

static int fake_pwm(void *ctx, uint32_t k, uint32_t c, uint32_t period, uint32_t duty, bool inv,
		    bool en)
{
	struct fake_board *b = ctx;

	b->calls++;
	b->a[0] = k;
	b->a[1] = c;
	b->a[2] = period;
	b->a[3] = duty;
	b->a[4] = inv;
	b->a[5] = en;
	return b->ret;
}

static int fake_i2c(void *ctx, uint32_t isu, uint32_t addr, const uint8_t *w, uint32_t wlen,
		    uint8_t *r, uint32_t rlen)
{
	struct fake_board *b = ctx;
	uint32_t i;

	b->calls++;
	b->a[0] = isu;
	b->a[1] = addr;
	b->a[2] = rlen;
	b->wlen = wlen;
	memcpy(b->w, w, wlen);
	for (i = 0; i < rlen; i++)
		r[i] = (uint8_t)(0xa0 + i);
	return b->ret;
}

static int fake_uart(void *ctx, uint32_t isu, uint8_t byte)
{
	struct fake_board *b = ctx;

	b->calls++;
	b->a[0] = isu;
	if (b->uart_len < sizeof(b->uart))
		b->uart[b->uart_len++] = byte;
	return b->ret;
}

static int fake_uart_read(void *ctx, uint32_t isu, uint8_t *buf, uint32_t len, uint32_t *got)
{
	struct fake_board *b = ctx;
	static const char line[] = "ok\n";

	b->calls++;
	b->a[1] = isu;
	b->a[2] = len;
	*got = 0;
	if (b->rx_pending) {
		memcpy(buf, line, 3);
		*got = 3;
		b->rx_pending = false;
	}
	return b->ret;
}

static void fake_idle(void *ctx)
{
	((struct fake_board *)ctx)->idles++;
}

static void periph_init(struct azs_periph *p, struct fake_board *b)
{
	memset(p, 0, sizeof(*p));
	memset(b, 0, sizeof(*b));
	p->ops = (struct azs_periph_ops){.ctx = b,
					 .adc_read = fake_adc,
					 .pwm_set = fake_pwm,
					 .i2c_xfer = fake_i2c,
					 .uart_write = fake_uart,
					 .uart_read = fake_uart_read,
					 .idle = fake_idle};
}

/* Decode ADDR and access it: the model's result; ERR holds its message. */
static int rd(struct azs_periph *p, uint32_t addr, uint32_t size, uint32_t *v, char *err)
{
	struct azs_ioc_target t;

	if (azs_ioc_decode(addr, size, &t) == AZS_IOC_UNMAPPED || !azs_periph_claims(&t))
		return -2;
	return azs_periph_read(p, &t, size, v, err, 200);
}

static int wr(struct azs_periph *p, uint32_t addr, uint32_t size, uint32_t v, char *err)
{
	struct azs_ioc_target t;

	if (azs_ioc_decode(addr, size, &t) == AZS_IOC_UNMAPPED || !azs_periph_claims(&t))
		return -2;
	return azs_periph_write(p, &t, size, v, err, 200);
}

TEST(periph_adc_channels)
{
	struct azs_periph p;
	struct fake_board b;
	char err[200];
	uint32_t v;

	periph_init(&p, &b);
	ASSERT_EQ(0, rd(&p, 0x38000010, 4, &v, err));
	EXPECT_EQ(100u, v);
	EXPECT_EQ(0u, b.a[0]);
	ASSERT_EQ(0, rd(&p, 0x3800002c, 4, &v, err)); /* channel 7 */
	EXPECT_EQ(107u, v);
	EXPECT_EQ(7u, b.a[0]);
	EXPECT_EQ(2u, b.calls);
	/* Channel 8, below the channels, a byte, a write: no register. */
	EXPECT_EQ(-1, rd(&p, 0x38000030, 4, &v, err));
	EXPECT_NE(NULL, strstr(err, "no register there"));
	EXPECT_NE(NULL, strstr(err, "0x38000030"));
	EXPECT_EQ(-1, rd(&p, 0x38000000, 4, &v, err));
	EXPECT_EQ(-1, rd(&p, 0x38000010, 1, &v, err));
	EXPECT_EQ(-1, wr(&p, 0x38000010, 4, 1, err));
	EXPECT_EQ(2u, b.calls);
	/* The board refuses (the block left the core): named. */
	b.ret = -EACCES;
	EXPECT_EQ(-1, rd(&p, 0x38000014, 4, &v, err));
	EXPECT_STREQ("firewall: adc channel 1 is not assigned to this core", err);
}

TEST(periph_pwm_channels)
{
	struct azs_periph p;
	struct fake_board b;
	char err[200];
	uint32_t v;

	periph_init(&p, &b);
	/* Controller 2 channel 1: GPIO/PWM block 2, +0x50. */
	ASSERT_EQ(0, wr(&p, 0x38030054, 4, 1000000, err));
	ASSERT_EQ(0, wr(&p, 0x38030058, 4, 250000, err));
	EXPECT_EQ(0u, b.calls);                      /* PERIOD and DUTY only latch */
	ASSERT_EQ(0, wr(&p, 0x38030050, 4, 3, err)); /* EN | INV */
	EXPECT_EQ(1u, b.calls);
	EXPECT_EQ(2u, b.a[0]);
	EXPECT_EQ(1u, b.a[1]);
	EXPECT_EQ(1000000u, b.a[2]);
	EXPECT_EQ(250000u, b.a[3]);
	EXPECT_EQ(1u, b.a[4]);
	EXPECT_EQ(1u, b.a[5]);
	ASSERT_EQ(0, rd(&p, 0x38030050, 4, &v, err));
	EXPECT_EQ(3u, v);
	ASSERT_EQ(0, rd(&p, 0x38030054, 4, &v, err));
	EXPECT_EQ(1000000u, v);
	/* Controller 0 channel 3 (+0x70), disabled. */
	ASSERT_EQ(0, wr(&p, 0x38010070, 4, 0, err));
	EXPECT_EQ(0u, b.a[0]);
	EXPECT_EQ(3u, b.a[1]);
	EXPECT_EQ(0u, b.a[5]);
	/* Unknown CTRL bits; blocks 3..5 have no PWM; past channel 3; a byte. */
	EXPECT_EQ(-1, wr(&p, 0x38030050, 4, 4, err));
	EXPECT_NE(NULL, strstr(err, "CTRL 0x4"));
	EXPECT_EQ(-1, wr(&p, 0x38040040, 4, 1, err));
	EXPECT_NE(NULL, strstr(err, "no register there"));
	EXPECT_EQ(-1, wr(&p, 0x38030080, 4, 1, err));
	EXPECT_EQ(-1, wr(&p, 0x3803004c, 4, 1, err));
	EXPECT_EQ(-1, wr(&p, 0x38030050, 1, 1, err));
	EXPECT_EQ(2u, b.calls);
	/* The board refuses a value: named with the period and duty. */
	b.ret = -EINVAL;
	ASSERT_EQ(0, wr(&p, 0x38030058, 4, 2000000, err));
	EXPECT_EQ(-1, wr(&p, 0x38030050, 4, 1, err));
	EXPECT_NE(NULL,
		  strstr(err, "pwm controller 2 channel 1: period 1000000 ns, duty 2000000 ns"));
	ASSERT_EQ(0, rd(&p, 0x38030050, 4, &v, err));
	EXPECT_EQ(3u, v); /* CTRL keeps the last state the board took */
	/* GPIO registers below +0x40 are not the PWM model's. */
	EXPECT_EQ(-2, wr(&p, 0x38030014, 4, 1, err));
}

TEST(periph_isu_i2c_and_uart)
{
	struct azs_periph p;
	struct fake_board b;
	char err[200];
	uint32_t v;

	periph_init(&p, &b);
	/* ISU2 at 0x38090000: TXBUF by bytes and a word, ADDR, lengths, START. */
	ASSERT_EQ(0, wr(&p, 0x38090040, 1, 0x0f, err));
	ASSERT_EQ(0, wr(&p, 0x38090041, 4, 0x44332211, err));
	ASSERT_EQ(0, wr(&p, 0x38090000, 4, 0x6a, err));
	ASSERT_EQ(0, wr(&p, 0x38090004, 4, 5, err));
	ASSERT_EQ(0, wr(&p, 0x38090008, 4, 3, err));
	EXPECT_EQ(0u, b.calls);
	ASSERT_EQ(0, wr(&p, 0x3809000c, 4, 1, err));
	EXPECT_EQ(1u, b.calls);
	EXPECT_EQ(2u, b.a[0]);
	EXPECT_EQ(0x6au, b.a[1]);
	EXPECT_EQ(3u, b.a[2]);
	ASSERT_EQ(5u, b.wlen);
	EXPECT_EQ(0x0f, b.w[0]);
	EXPECT_EQ(0x11, b.w[1]);
	EXPECT_EQ(0x44, b.w[4]);
	ASSERT_EQ(0, rd(&p, 0x38090010, 4, &v, err));
	EXPECT_EQ(1u, v); /* DONE */
	ASSERT_EQ(0, rd(&p, 0x38090080, 4, &v, err));
	EXPECT_EQ(0x00a2a1a0u, v); /* RXBUF, little-endian (3 bytes read) */
	ASSERT_EQ(0, rd(&p, 0x38090081, 1, &v, err));
	EXPECT_EQ(0xa1u, v);
	/* A NACK is a status, not a fault. */
	b.ret = -ENXIO;
	ASSERT_EQ(0, wr(&p, 0x3809000c, 4, 1, err));
	ASSERT_EQ(0, rd(&p, 0x38090010, 4, &v, err));
	EXPECT_EQ(3u, v); /* DONE | NACK */
	/* The firewall's refusal is a fault naming the ISU. */
	b.ret = -EACCES;
	EXPECT_EQ(-1, wr(&p, 0x3809000c, 4, 1, err));
	EXPECT_STREQ("firewall: isu 2 i2c is not assigned to this core", err);
	b.ret = 0;
	/* Bad values and places, each named; none reaches the board. */
	b.calls = 0;
	EXPECT_EQ(-1, wr(&p, 0x38090000, 4, 0x80, err));
	EXPECT_NE(NULL, strstr(err, "ADDR 0x80 is not a 7-bit address"));
	EXPECT_EQ(-1, wr(&p, 0x38090004, 4, 65, err));
	EXPECT_NE(NULL, strstr(err, "WLEN 65 over the 64-byte buffer"));
	EXPECT_EQ(-1, wr(&p, 0x38090008, 4, 65, err));
	EXPECT_NE(NULL, strstr(err, "RLEN 65"));
	EXPECT_EQ(-1, wr(&p, 0x3809000c, 4, 2, err));
	EXPECT_EQ(-1, wr(&p, 0x3809007e, 4, 0, err)); /* straddles TXBUF's end */
	EXPECT_EQ(-1, wr(&p, 0x38090080, 1, 0, err)); /* RXBUF is read-only */
	EXPECT_EQ(-1, wr(&p, 0x38090010, 4, 0, err)); /* STATUS too */
	EXPECT_EQ(-1, rd(&p, 0x38090000, 2, &v, err));
	EXPECT_EQ(-1, rd(&p, 0x380900f0, 4, &v, err));
	ASSERT_EQ(0, wr(&p, 0x38090004, 4, 0, err));
	ASSERT_EQ(0, wr(&p, 0x38090008, 4, 0, err));
	EXPECT_EQ(-1, wr(&p, 0x3809000c, 4, 1, err));
	EXPECT_NE(NULL, strstr(err, "WLEN and RLEN both 0"));
	EXPECT_EQ(0u, b.calls);
	/* ISU0's UART: LSR's DR once the board has bytes, RBR takes them in
	 * order, 0 when none (a poll of an empty LSR gives the CPU back). */
	ASSERT_EQ(0, rd(&p, 0x380700d4, 4, &v, err));
	EXPECT_EQ(0x60u, v);
	EXPECT_EQ(1u, b.idles);
	EXPECT_EQ(64u, b.a[2]);
	b.rx_pending = true;
	ASSERT_EQ(0, rd(&p, 0x380700d4, 4, &v, err));
	EXPECT_EQ(0x61u, v);
	ASSERT_EQ(0, rd(&p, 0x380700c4, 4, &v, err));
	EXPECT_EQ((uint32_t)'o', v);
	ASSERT_EQ(0, rd(&p, 0x380700c4, 4, &v, err));
	EXPECT_EQ((uint32_t)'k', v);
	ASSERT_EQ(0, rd(&p, 0x380700d4, 4, &v, err));
	EXPECT_EQ(0x61u, v);
	ASSERT_EQ(0, rd(&p, 0x380700c4, 4, &v, err));
	EXPECT_EQ((uint32_t)'\n', v);
	ASSERT_EQ(0, rd(&p, 0x380700c4, 4, &v, err));
	EXPECT_EQ(0u, v);
	EXPECT_EQ(-1, wr(&p, 0x380700c4, 4, 0, err)); /* RBR is read-only */
	b.calls = 0;
	ASSERT_EQ(0, wr(&p, 0x380700c0, 1, 'h', err));
	ASSERT_EQ(0, wr(&p, 0x380700c0, 4, 'i', err));
	EXPECT_EQ(0u, b.a[0]);
	ASSERT_EQ(2u, b.uart_len);
	EXPECT_EQ(0, memcmp(b.uart, "hi", 2));
	EXPECT_EQ(-1, wr(&p, 0x380700c0, 2, 'x', err));
	b.ret = -EACCES;
	EXPECT_EQ(-1, wr(&p, 0x380700c0, 1, 'x', err));
	EXPECT_STREQ("firewall: isu 0 uart is not assigned to this core", err);
	EXPECT_EQ(-1, rd(&p, 0x380700c4, 4, &v, err));
	EXPECT_STREQ("firewall: isu 0 uart is not assigned to this core", err);
}

TEST_HARNESS_MAIN
