// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Loading the boot bundle (bundle.h) from the Secure flash into Normal World
 * RAM. The header is copied into Secure RAM once and checked there; every
 * image must lie inside the flash and load inside Normal World RAM, without
 * overlapping another. Then the copies in Normal World RAM are hashed and
 * the signature checked with the platform root-of-trust key; Normal World
 * does not run yet, so what was verified is what gets entered.
 */
#include "bundle.h"
#include "fw.h"
#include "fw_verify.h"
#include "platform.h"

static u8 hdr[FW_BUNDLE_MIN_IMAGE_OFFSET] __attribute__((aligned(4)));

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* [a, a + an) and [b, b + bn) overlap; callers checked they do not wrap. */
static int overlaps(u32 a, u32 an, u32 b, u32 bn)
{
	return a < b + bn && b < a + an;
}

const char *fw_bundle_load(u32 *entry, u32 *dtb)
{
	const u32 base = PLAT_SECURE_FLASH_BASE + PLAT_BUNDLE_OFFSET;
	/* The bundle ends where the NV region starts. */
	const u32 room = PLAT_NV_OFFSET - PLAT_BUNDLE_OFFSET;
	u32 off[FW_BUNDLE_IMAGES], size[FW_BUNDLE_IMAGES], load[FW_BUNDLE_IMAGES];
	int seen[FW_BUNDLE_IMAGES + 1] = { 0 };
	u8 digest[32];
	u32 sig_len;
	int i, j;

	memcpy(hdr, (const void *)(uintptr_t)base, sizeof(hdr));
	if (memcmp(hdr, FW_BUNDLE_MAGIC, 8))
		return "boot bundle missing (no AZSBOOT1 magic in the Secure flash)";
	if (le32(hdr + 8) != FW_BUNDLE_IMAGES || le32(hdr + 12) != 0)
		return "boot bundle header: image count is not 3 or reserved is not 0";
	for (i = 0; i < FW_BUNDLE_IMAGES; i++) {
		const u8 *e = hdr + 16 + 16 * i;
		u32 kind = le32(e);

		if (kind < FW_IMAGE_KERNEL || kind > FW_IMAGE_INITRAMFS || seen[kind])
			return "boot bundle header: image kind unknown or repeated";
		seen[kind] = 1;
		off[kind - 1] = le32(e + 4);
		size[kind - 1] = le32(e + 8);
		load[kind - 1] = le32(e + 12);
	}
	for (i = 0; i < FW_BUNDLE_IMAGES; i++) {
		if (size[i] == 0 || off[i] < FW_BUNDLE_MIN_IMAGE_OFFSET || off[i] > room ||
		    size[i] > room - off[i])
			return "boot bundle header: an image's offset/size lies outside the Secure flash's bundle area (below the NV region)";
		if (load[i] < PLAT_NS_RAM_BASE ||
		    load[i] - PLAT_NS_RAM_BASE > PLAT_NS_RAM_SIZE ||
		    size[i] > PLAT_NS_RAM_SIZE - (load[i] - PLAT_NS_RAM_BASE) ||
		    (load[i] & 3))
			return "boot bundle header: an image's load address lies outside Normal World RAM";
		for (j = 0; j < i; j++) {
			if (overlaps(load[i], size[i], load[j], size[j]))
				return "boot bundle header: images overlap in Normal World RAM";
		}
	}
	sig_len = le32(hdr + FW_BUNDLE_HDR_SIZE);
	if (sig_len == 0 || sig_len > FW_BUNDLE_SIG_MAX)
		return "boot bundle is not signed (signature length 0 or over 72)";
	for (i = 0; i < FW_BUNDLE_IMAGES; i++)
		memcpy((void *)(uintptr_t)load[i],
		       (const void *)(uintptr_t)(base + off[i]), size[i]);
	fw_sha256_start();
	fw_sha256_update(hdr, FW_BUNDLE_HDR_SIZE);
	for (i = 0; i < FW_BUNDLE_IMAGES; i++)
		fw_sha256_update((const void *)(uintptr_t)load[i], size[i]);
	fw_sha256_finish(digest);
	if (!fw_verify_platform(digest, hdr + FW_BUNDLE_HDR_SIZE + 4, sig_len)) {
		/* Nothing unverified stays in Normal World RAM. */
		for (i = 0; i < FW_BUNDLE_IMAGES; i++)
			memset((void *)(uintptr_t)load[i], 0, size[i]);
		return "boot bundle signature does not verify with the platform key";
	}
	*entry = load[FW_IMAGE_KERNEL - 1];
	*dtb = load[FW_IMAGE_DTB - 1];
	return NULL;
}
