/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The peripheral firewall's decision logic, without kernel headers: which
 * block a resource lives in, whether an assignment or release is allowed,
 * who may access a resource. Compiled into the firewall module and into the
 * host unit tests.
 *
 * The firewall registers (block -> core and function) belong to the security
 * monitor; callers pass the current register of the block concerned and get
 * back the value it must take. This table holds what Normal World adds on
 * top: the owner of each resource within a core.
 */
#ifndef AZS_FW_TABLE_H
#define AZS_FW_TABLE_H

#include "azsphere/types.h"
#include "azs_inventory.h"

/* A firewall register: the core a block is assigned to and its function. */
struct azs_fw_block_reg {
	u8 core;     /* AZS_FW_CORE_* */
	u8 function; /* AZS_FW_KIND_*, NONE when unassigned */
};

struct azs_fw_owner {
	u8 core; /* AZS_FW_CORE_NONE: not assigned */
	u32 uid; /* owner on HL, AZS_FW_NO_OWNER otherwise */
};

struct azs_fw_table {
	struct azs_fw_owner gpio[AZS_INV_MAX_GPIO + 1]; /* GPIO pins */
	struct azs_fw_owner ctrl[AZS_INV_NUM_BLOCKS];	/* non-GPIO functions */
	u8 ctrl_kind[AZS_INV_NUM_BLOCKS]; /* the kind ctrl[b] is assigned as */
	u32 num_assigned;
	u64 generation;
	bool locked;
};

/* A change the caller applies: program the block register, then commit. */
struct azs_fw_plan {
	int block;
	struct azs_fw_block_reg next; /* register value after the change */
	bool reg_changes; /* next differs from the current register */
	bool noop;	  /* nothing to do (same owner again) */
};

void azs_fw_table_init(struct azs_fw_table *t);

/* Block index of a resource, or -EINVAL for an unknown kind/index. */
int azs_fw_resource_block(u32 kind, u32 index);

/*
 * Decide an assignment of resource (kind, index) to core (and owner uid on
 * HL) given the block's current register. Returns 0 and fills *plan, or
 * -EINVAL (bad kind/index/core/owner, function not available on that core),
 * -EPERM (locked), -EBUSY (block on another core or in another function,
 * resource owned by someone else).
 */
int azs_fw_plan_assign(const struct azs_fw_table *t,
		       const struct azs_fw_block_reg *cur, u32 kind, u32 index,
		       u32 core, u32 owner, struct azs_fw_plan *plan);
void azs_fw_commit_assign(struct azs_fw_table *t, u32 kind, u32 index, u32 core,
			  u32 owner);

/*
 * Decide a release: -EINVAL bad resource, -EPERM locked, -ENOENT not
 * assigned. The block register returns to NONE with its last resource.
 */
int azs_fw_plan_release(const struct azs_fw_table *t,
			const struct azs_fw_block_reg *cur, u32 kind, u32 index,
			struct azs_fw_plan *plan);
void azs_fw_commit_release(struct azs_fw_table *t, u32 kind, u32 index);

/* Owner of a resource (core NONE if unassigned); -EINVAL bad resource. */
int azs_fw_owner_of(const struct azs_fw_table *t, u32 kind, u32 index,
		    struct azs_fw_owner *owner);

/*
 * May uid use resource (kind, index) from the HL core now? The block must be
 * assigned to HL in that function and the resource owned by uid: 0 or
 * -EACCES (-EINVAL for an unknown resource).
 */
int azs_fw_check_access(const struct azs_fw_table *t,
			const struct azs_fw_block_reg *cur, u32 kind, u32 index,
			u32 uid);

/* Latch the lock: every later plan fails with -EPERM. */
void azs_fw_table_lock(struct azs_fw_table *t);

#endif /* AZS_FW_TABLE_H */
