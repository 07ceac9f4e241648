/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the firewall kselftests: ioctl wrappers returning 0 or -errno,
 * and a snapshot of the whole table (every resource of the inventory, plus
 * the status) to prove that a refused call changed nothing.
 */
#ifndef AZS_TEST_FW_UTIL_H
#define AZS_TEST_FW_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <azsphere/firewall.h>

#include "azs_inventory.h"

static inline int fw_open(void)
{
	return open(AZS_FW_DEVICE, O_RDWR | O_CLOEXEC);
}

static inline int fw_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) == 0 ? 0 : -errno;
}

static inline int fw_assign(int fd, uint32_t kind, uint32_t index, uint32_t core, uint32_t uid)
{
	struct azs_fw_assign a = {
		.size = sizeof(a),
		.res = {.kind = kind, .index = index},
		.core = core,
		.owner_uid = uid,
	};

	return fw_ioctl(fd, AZS_FW_IOC_ASSIGN, &a);
}

static inline int fw_release(int fd, uint32_t kind, uint32_t index)
{
	struct azs_fw_release r = {.size = sizeof(r), .res = {.kind = kind, .index = index}};

	return fw_ioctl(fd, AZS_FW_IOC_RELEASE, &r);
}

static inline int fw_query(int fd, uint32_t kind, uint32_t index, struct azs_fw_query *q)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->res.kind = kind;
	q->res.index = index;
	return fw_ioctl(fd, AZS_FW_IOC_QUERY, q);
}

static inline int fw_status(int fd, struct azs_fw_status *st)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	return fw_ioctl(fd, AZS_FW_IOC_STATUS, st);
}

/*
 * In a FIXTURE_SETUP (the kselftest harness included first): VAR = the
 * firewall device, open, unlocked, with nothing assigned: a previous test's
 * leftovers would change what this one sees.
 */
#define FW_OPEN_CLEAN(var)                                                                         \
	do {                                                                                       \
		struct azs_fw_status fw_st_;                                                       \
                                                                                                   \
		(var) = fw_open();                                                                 \
		ASSERT_LE(0, (var)) TH_LOG("open %s: %s", AZS_FW_DEVICE, strerror(errno));         \
		ASSERT_EQ(0, fw_status((var), &fw_st_));                                           \
		ASSERT_EQ(0, fw_st_.num_assigned)                                                  \
		TH_LOG("a previous test left resources assigned");                                 \
		ASSERT_EQ(0, fw_st_.state &AZS_FW_STATUS_LOCKED);                                  \
	} while (0)

/* Every resource of the inventory: each pin, each block's controller kinds. */
#define FW_MAX_RESOURCES 256

struct fw_snapshot {
	unsigned int n;
	struct azs_fw_query q[FW_MAX_RESOURCES];
	struct azs_fw_status st;
};

static inline int fw_snapshot(int fd, struct fw_snapshot *s)
{
	unsigned int b, k, pin;
	int ret;

	memset(s, 0, sizeof(*s));
	for (b = 0; b < AZS_INV_NUM_BLOCKS; b++) {
		const struct azs_inv_block *blk = &azs_inv_blocks[b];

		for (pin = blk->first_pin; pin < (unsigned)blk->first_pin + blk->num_pins; pin++) {
			ret = fw_query(fd, AZS_FW_KIND_GPIO, pin, &s->q[s->n++]);
			if (ret)
				return ret;
		}
		for (k = AZS_FW_KIND_UART; k <= AZS_FW_KIND_MAX; k++) {
			if (!(blk->functions & AZS_INV_FN(k)))
				continue;
			ret = fw_query(fd, k, blk->controller, &s->q[s->n++]);
			if (ret)
				return ret;
		}
	}
	return fw_status(fd, &s->st);
}

static inline bool fw_snapshot_equal(const struct fw_snapshot *a, const struct fw_snapshot *b)
{
	return a->n == b->n && !memcmp(a->q, b->q, sizeof(a->q[0]) * a->n) &&
	       !memcmp(&a->st, &b->st, sizeof(a->st));
}

#endif /* AZS_TEST_FW_UTIL_H */
