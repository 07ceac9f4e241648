// SPDX-License-Identifier: GPL-2.0-only
/*
 * The security monitor's flash region: two alternating record slots at the
 * start of the secure flash device, which the monitor holds open exclusively
 * (O_EXCL on a block device: nobody else can mount or claim it), then the
 * recovery mailbox (core/nv_record.h).
 *
 * At load: a valid slot is the record in force; both slots erased is a new
 * device (provisioned here); anything else is a corrupt record and the
 * monitor refuses to load, which stops the boot chain, unless the mailbox
 * holds a recovery record signed with the platform key for exactly this
 * corrupt region. It never starts over on its own.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/sha2.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "mfg_state.h"
#include "secmon.h"

static struct file *nv_file;
static int nv_slot = -1; /* slot holding the current record */
static u32 nv_gen;

static int nv_read(loff_t pos, u8 *buf, size_t len)
{
	ssize_t n = kernel_read(nv_file, buf, len, &pos);

	if (n < 0)
		return (int)n;
	return n == len ? 0 : -EIO;
}

static int nv_write(loff_t pos, const u8 *buf, size_t len)
{
	ssize_t n = kernel_write(nv_file, buf, len, &pos);

	if (n < 0)
		return (int)n;
	if (n != len)
		return -EIO;
	return vfs_fsync(nv_file, 0);
}

/*
 * Write a slot's whole stride: the record (or nothing: erased) and erased
 * bytes after it, so stray bytes there can't make the slot corrupt later.
 */
static int nv_write_slot(int slot, const struct azs_nv_state *s, u32 gen)
{
	u8 *buf = kzalloc(AZS_NV_SLOT_STRIDE, GFP_KERNEL);
	int ret;

	if (!buf)
		return -ENOMEM;
	if (s)
		azs_nv_encode(s, gen, buf);
	ret = nv_write((loff_t)slot * AZS_NV_SLOT_STRIDE, buf,
		       AZS_NV_SLOT_STRIDE);
	kfree(buf);
	return ret;
}

int secmon_nv_commit(const struct azs_nv_state *next)
{
	int slot = nv_slot < 0 ? 0 : !nv_slot;
	int ret;

	ret = nv_write_slot(slot, next, nv_gen + 1);
	if (ret) {
		pr_err("flash write failed: %d\n", ret);
		return ret;
	}
	nv_slot = slot;
	nv_gen++;
	return 0;
}

u32 secmon_nv_generation(void)
{
	return nv_gen;
}

/* Erase the recovery mailbox (after use, or when it is not needed). */
static int nv_erase_mailbox(void)
{
	u8 *zero = kzalloc(AZS_NV_RECOVERY_SIZE, GFP_KERNEL);
	int ret;

	if (!zero)
		return -ENOMEM;
	ret = nv_write(AZS_NV_RECOVERY_OFFSET, zero, AZS_NV_RECOVERY_SIZE);
	kfree(zero);
	return ret;
}

/*
 * The record is corrupt (region: the AZS_NV_REGION_SIZE bytes read, then
 * the mailbox's AZS_NV_RECOVERY_SIZE). Apply a signed recovery record
 * meant for this very region, or refuse with -EUCLEAN and a message naming
 * why. Nothing is written unless the recovery record is accepted.
 */
static int nv_recover(const u8 *region, const char *kind_a, const char *kind_b,
		      struct azs_nv_state *out)
{
	const u8 *mailbox = region + AZS_NV_REGION_SIZE;
	u8 digest[SHA256_DIGEST_SIZE];
	u32 role = AZS_KEY_ROLE_PLATFORM;
	u32 reason;
	int ret;

	sha256(region, AZS_NV_REGION_SIZE, digest);
	if (azs_nv_erased(mailbox, AZS_NV_RECOVERY_SIZE)) {
		pr_crit("FATAL: the secure flash record is corrupt (slot A %s, slot B %s): refusing to serve; device identity and anti-rollback counter are kept, not reset\n",
			kind_a, kind_b);
		pr_crit("recovery needs a recovery record signed with the platform key for region digest %*phN\n",
			(int)sizeof(digest), digest);
		return -EUCLEAN;
	}
	/* The mailbox was read into our memory once: parse and verify that. */
	ret = azs_nv_recovery_check(mailbox, digest, out, &reason,
				    secmon_verify, &role);
	if (ret == -ENOMEM)
		return ret;
	if (ret) {
		pr_crit("FATAL: the secure flash record is corrupt (slot A %s, slot B %s) and the recovery record is refused: %s; refusing to serve\n",
			kind_a, kind_b, azs_nv_recovery_reason_str(reason));
		pr_crit("recovery needs a recovery record signed with the platform key for region digest %*phN\n",
			(int)sizeof(digest), digest);
		return -EUCLEAN;
	}

	/*
	 * Slot A gets the recovered record (generation 1); then slot B and the
	 * mailbox are erased. A cut after the first write leaves A valid and
	 * B torn or old-corrupt: A is chosen; the mailbox is erased on the
	 * next load.
	 */
	ret = nv_write_slot(0, out, 1);
	if (!ret)
		ret = nv_write_slot(1, NULL, 0);
	if (!ret)
		ret = nv_erase_mailbox();
	if (ret) {
		pr_crit("FATAL: recovery: flash write failed: %d\n", ret);
		return ret;
	}
	nv_slot = 0;
	nv_gen = 1;
	pr_warn("the secure flash record was corrupt and is recovered from a signed recovery record: device %*phN, %s, capability sequence %llu, update counter %llu\n",
		8, out->device_id, azs_mfg_state_name(out->mfg_state),
		out->caps_sequence, out->update_counter);
	return 0;
}

int secmon_nv_open(const char *path, struct azs_nv_state *out)
{
	struct azs_nv_state slots[AZS_NV_NUM_SLOTS];
	u32 gen[AZS_NV_NUM_SLOTS] = {0};
	int kind[AZS_NV_NUM_SLOTS];
	u8 *region;
	int i, ret, verdict;

	nv_file = filp_open(path, O_RDWR | O_EXCL | O_LARGEFILE, 0);
	if (IS_ERR(nv_file)) {
		ret = PTR_ERR(nv_file);
		nv_file = NULL;
		pr_err("cannot open the secure flash %s: %d\n", path, ret);
		return ret;
	}
	if (!S_ISBLK(file_inode(nv_file)->i_mode)) {
		pr_err("%s is not a block device\n", path);
		ret = -ENOTBLK;
		goto out_close;
	}

	/* The slots and the mailbox, read once into our memory. */
	region = kmalloc(AZS_NV_REGION_SIZE + AZS_NV_RECOVERY_SIZE, GFP_KERNEL);
	if (!region) {
		ret = -ENOMEM;
		goto out_close;
	}
	ret = nv_read(0, region, AZS_NV_REGION_SIZE + AZS_NV_RECOVERY_SIZE);
	if (ret) {
		pr_crit("FATAL: cannot read the secure flash record: %d\n", ret);
		goto out_free;
	}
	for (i = 0; i < AZS_NV_NUM_SLOTS; i++)
		kind[i] = azs_nv_classify(region + i * AZS_NV_SLOT_STRIDE,
					  &slots[i], &gen[i]);

	verdict = azs_nv_verdict(kind[0], gen[0], kind[1], gen[1]);
	if (verdict >= 0) {
		nv_slot = verdict;
		nv_gen = gen[verdict];
		*out = slots[verdict];
		pr_info("flash record: generation %u, slot %d (other slot %s)\n",
			nv_gen, verdict, azs_nv_kind_name(kind[!verdict]));
	} else if (verdict == AZS_NV_BLANK) {
		/* Both slots erased: a new device, Blank, no capabilities. */
		memset(out, 0, sizeof(*out));
		get_random_bytes(out->device_id, sizeof(out->device_id));
		out->mfg_state = AZS_MFG_BLANK;
		ret = secmon_nv_commit(out);
		if (ret)
			goto out_free;
		pr_info("flash was blank (erased): new device identity written\n");
	} else {
		ret = nv_recover(region, azs_nv_kind_name(kind[0]),
				 azs_nv_kind_name(kind[1]), out);
		if (ret)
			goto out_free;
	}
	/* A recovery record left over (or planted) is not for this record. */
	if (verdict != AZS_NV_CORRUPT &&
	    !azs_nv_erased(region + AZS_NV_REGION_SIZE, AZS_NV_RECOVERY_SIZE)) {
		pr_warn("recovery mailbox not empty, but the record is readable: erasing it unused\n");
		ret = nv_erase_mailbox();
		if (ret)
			goto out_free;
	}
	kfree(region);
	return 0;

out_free:
	kfree(region);
out_close:
	filp_close(nv_file, NULL);
	nv_file = NULL;
	return ret;
}

void secmon_nv_close(void)
{
	if (nv_file)
		filp_close(nv_file, NULL);
	nv_file = NULL;
}
