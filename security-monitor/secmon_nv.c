// SPDX-License-Identifier: GPL-2.0-only
/*
 * The security monitor's flash region: two alternating record slots at the
 * start of the secure flash device, which the monitor holds open exclusively
 * (O_EXCL on a block device: nobody else can mount or claim it).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "secmon.h"

static struct file *nv_file;
static int nv_slot = -1; /* slot holding the current record */
static u32 nv_gen;

static int nv_read_slot(int slot, u8 *buf)
{
	loff_t pos = (loff_t)slot * AZS_NV_SLOT_STRIDE;
	ssize_t n = kernel_read(nv_file, buf, AZS_NV_SLOT_SIZE, &pos);

	if (n < 0)
		return (int)n;
	return n == AZS_NV_SLOT_SIZE ? 0 : -EIO;
}

static int nv_write_slot(int slot, const u8 *buf)
{
	loff_t pos = (loff_t)slot * AZS_NV_SLOT_STRIDE;
	ssize_t n = kernel_write(nv_file, buf, AZS_NV_SLOT_SIZE, &pos);

	if (n < 0)
		return (int)n;
	if (n != AZS_NV_SLOT_SIZE)
		return -EIO;
	return vfs_fsync(nv_file, 0);
}

int secmon_nv_commit(const struct azs_nv_state *next)
{
	int slot = nv_slot < 0 ? 0 : !nv_slot;
	u8 *buf;
	int ret;

	buf = kmalloc(AZS_NV_SLOT_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	azs_nv_encode(next, nv_gen + 1, buf);
	ret = nv_write_slot(slot, buf);
	kfree(buf);
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

int secmon_nv_open(const char *path, struct azs_nv_state *out)
{
	struct azs_nv_state slots[AZS_NV_NUM_SLOTS];
	bool valid[AZS_NV_NUM_SLOTS];
	u32 gen[AZS_NV_NUM_SLOTS] = {0};
	u8 *buf;
	int i, ret, pick;

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

	buf = kmalloc(AZS_NV_SLOT_SIZE, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out_close;
	}
	for (i = 0; i < AZS_NV_NUM_SLOTS; i++) {
		ret = nv_read_slot(i, buf);
		if (ret)
			goto out_free;
		valid[i] = azs_nv_decode(buf, &slots[i], &gen[i]) == 0;
	}

	pick = azs_nv_choose(valid[0], gen[0], valid[1], gen[1]);
	if (pick >= 0) {
		nv_slot = pick;
		nv_gen = gen[pick];
		*out = slots[pick];
		pr_info("flash record: generation %u, slot %d\n", nv_gen, pick);
	} else {
		/* Factory-fresh flash: a new device ID, Blank, no capabilities.
		 */
		memset(out, 0, sizeof(*out));
		get_random_bytes(out->device_id, sizeof(out->device_id));
		out->mfg_state = AZS_MFG_BLANK;
		ret = secmon_nv_commit(out);
		if (ret)
			goto out_free;
		pr_info("flash was blank: new device identity written\n");
	}
	kfree(buf);
	return 0;

out_free:
	kfree(buf);
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
