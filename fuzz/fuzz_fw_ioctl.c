// SPDX-License-Identifier: MIT
/*
 * The peripheral firewall's ioctl argument decoding and decisions, as the
 * driver (kernel/firewall/fw_main.c) makes them, compiled as plain C: the uAPI
 * header rule (kernel/include/azsphere/uapi_check.h) and the pure core
 * (kernel/core/fw_table.c), with the block registers simulated as the
 * security monitor keeps them. The input is a sequence of calls: an op byte,
 * then the argument struct's bytes. With the op byte's top bit set the
 * harness makes the header valid and folds the values into small ranges, so
 * the fuzzer spends its time on the decisions; without it the raw bytes go
 * through the header rule. After every call the invariants are checked:
 * each block register agrees with the owners in the table, num_assigned
 * counts them, HL owners have a uid and IO cores none, access checks follow
 * ownership, and once locked nothing changes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#include "azsphere/uapi_check.h"
#include "fw_table.h"
#include "uapi/azsphere/firewall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct azs_fw_table t;
static struct azs_fw_block_reg regs[AZS_INV_NUM_BLOCKS];

static void check_slot(const struct azs_fw_owner *o)
{
	if (o->core == AZS_FW_CORE_NONE
		    ? o->uid != AZS_FW_NO_OWNER
		    : o->core > AZS_FW_CORE_MAX ||
			      (o->core == AZS_FW_CORE_HL) != (o->uid != AZS_FW_NO_OWNER))
		abort();
}

static void check_table(void)
{
	u32 assigned = 0;

	for (int b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];
		const struct azs_fw_block_reg *r = &regs[b];
		u32 pins = 0;

		for (u32 p = blk->first_pin; p < (u32)blk->first_pin + blk->num_pins; p++) {
			check_slot(&t.gpio[p]);
			if (t.gpio[p].core == AZS_FW_CORE_NONE)
				continue;
			pins++;
			if (r->function != AZS_FW_KIND_GPIO || r->core != t.gpio[p].core)
				abort();
		}
		check_slot(&t.ctrl[b]);
		assigned += pins;
		if (t.ctrl[b].core != AZS_FW_CORE_NONE) {
			assigned++;
			if (pins || t.ctrl_kind[b] != r->function || t.ctrl[b].core != r->core)
				abort();
		} else if (t.ctrl_kind[b] != AZS_FW_KIND_NONE) {
			abort();
		}
		if ((r->core == AZS_FW_CORE_NONE) != (!pins && t.ctrl[b].core == AZS_FW_CORE_NONE))
			abort();
	}
	if (assigned != t.num_assigned)
		abort();
}

/* Take N bytes of the input into ARG, zero-padded at the end. */
static void take(const uint8_t **data, size_t *size, void *arg, size_t n)
{
	size_t k = *size < n ? *size : n;

	memset(arg, 0, n);
	memcpy(arg, *data, k);
	*data += k;
	*size -= k;
}

static void fold(struct azs_fw_resource *res)
{
	res->kind %= AZS_FW_KIND_MAX + 2;
	res->index %= AZS_INV_MAX_GPIO + 8;
}

#define FIX_HEADER(s)                                                                              \
	do {                                                                                       \
		(s).size = sizeof(s);                                                              \
		(s).flags = 0;                                                                     \
		memset((s).reserved, 0, sizeof((s).reserved));                                     \
	} while (0)

static void do_assign(struct azs_fw_assign *a)
{
	struct azs_fw_plan plan;
	int block, ret;

	if (!AZS_UAPI_HEADER_OK(*a))
		return;
	block = azs_fw_resource_block(a->res.kind, a->res.index);
	if (block < 0)
		return;
	ret = azs_fw_plan_assign(&t, &regs[block], a->res.kind, a->res.index, a->core, a->owner_uid,
				 &plan);
	if (t.locked && ret != -EPERM && ret != -EINVAL)
		abort();
	if (ret || plan.noop)
		return;
	if (plan.block != block || plan.next.core != a->core || plan.next.function != a->res.kind)
		abort();
	if (plan.reg_changes)
		regs[plan.block] = plan.next;
	azs_fw_commit_assign(&t, a->res.kind, a->res.index, a->core, a->owner_uid);
}

static void do_release(struct azs_fw_release *r)
{
	struct azs_fw_plan plan;
	int block, ret;

	if (!AZS_UAPI_HEADER_OK(*r))
		return;
	block = azs_fw_resource_block(r->res.kind, r->res.index);
	if (block < 0)
		return;
	ret = azs_fw_plan_release(&t, &regs[block], r->res.kind, r->res.index, &plan);
	if (t.locked && ret != -EPERM)
		abort();
	if (ret)
		return;
	if (plan.block != block)
		abort();
	if (plan.reg_changes)
		regs[plan.block] = plan.next;
	azs_fw_commit_release(&t, r->res.kind, r->res.index);
}

static void do_query(struct azs_fw_query *q)
{
	struct azs_fw_owner owner;
	int block;

	if (!AZS_UAPI_HEADER_OK(*q) || q->pad)
		return;
	block = azs_fw_owner_of(&t, q->res.kind, q->res.index, &owner);
	if (block < 0)
		return;
	if (block >= AZS_INV_NUM_BLOCKS ||
	    block != azs_fw_resource_block(q->res.kind, q->res.index))
		abort();
	check_slot(&owner);
	/* Access follows ownership: the owner on HL, and nobody else. */
	if (owner.core == AZS_FW_CORE_HL) {
		if (azs_fw_check_access(&t, &regs[block], q->res.kind, q->res.index, owner.uid) ||
		    azs_fw_check_access(&t, &regs[block], q->res.kind, q->res.index,
					owner.uid + 1) != -EACCES)
			abort();
	} else if (azs_fw_check_access(&t, &regs[block], q->res.kind, q->res.index, q->owner_uid) !=
		   -EACCES) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return -1;
	azs_fw_table_init(&t);
	memset(regs, 0, sizeof(regs));
	while (size) {
		uint8_t op = *data++;
		bool fix = op & 0x80;
		struct azs_fw_table before_t;
		struct azs_fw_block_reg before_r[AZS_INV_NUM_BLOCKS];
		union {
			struct azs_fw_assign a;
			struct azs_fw_release r;
			struct azs_fw_query q;
		} arg;

		size--;
		memcpy(&before_t, &t, sizeof(t));
		memcpy(before_r, regs, sizeof(regs));
		switch (op & 3) {
		case 0:
			take(&data, &size, &arg.a, sizeof(arg.a));
			if (fix) {
				FIX_HEADER(arg.a);
				fold(&arg.a.res);
				arg.a.core %= AZS_FW_CORE_MAX + 2;
				arg.a.owner_uid = arg.a.owner_uid & 0x100 ? AZS_FW_NO_OWNER
									  : arg.a.owner_uid % 4;
			}
			do_assign(&arg.a);
			break;
		case 1:
			take(&data, &size, &arg.r, sizeof(arg.r));
			if (fix) {
				FIX_HEADER(arg.r);
				fold(&arg.r.res);
			}
			do_release(&arg.r);
			break;
		case 2:
			take(&data, &size, &arg.q, sizeof(arg.q));
			if (fix) {
				FIX_HEADER(arg.q);
				fold(&arg.q.res);
				arg.q.pad = 0;
			}
			do_query(&arg.q);
			break;
		default:
			if ((op & 0x7c) == 0x7c) /* rarely: the one-way lock */
				azs_fw_table_lock(&t);
			break;
		}
		if (before_t.locked &&
		    (memcmp(&before_t, &t, sizeof(t)) || memcmp(before_r, regs, sizeof(regs))))
			abort();
		if (t.generation < before_t.generation)
			abort();
		check_table();
	}
	return 0;
}
