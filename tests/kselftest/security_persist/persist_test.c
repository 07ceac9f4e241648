// SPDX-License-Identifier: MIT
/*
 * Manufacturing state and device capabilities across real reboots. The
 * suite (tests/device/suites/security_persist.sh) runs this once per boot
 * with AZS_PHASE=1, 2, 3; capability files signed on the host for this
 * device arrive as hex in AZS_CAPS_DIR (valid1, valid2, wrongdev,
 * unknownsigner, forged). The device ID seen in phase 1 is kept in
 * AZS_STATE_DIR to compare after the reboots. The anti-rollback counter is
 * advanced and a lower value refused in each boot. tests/device/suites/
 * secure_world.sh runs it too, on ARMv7 with the state in Secure World.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include <azsphere/security.h>

#include "kselftest_harness.h"
#include "ksft_modules.h"
#include "persist_util.h"

AZS_KSFT_NEEDS_MODULES("azs_security");

#define CAP(v) (1ull << (v))

static int set_mfg(int fd, uint32_t state)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m), .state = state};

	return sec_ioctl(fd, AZS_SEC_IOC_SET_MFG_STATE, &m);
}

static struct azs_sec_caps get_caps(int fd)
{
	struct azs_sec_caps c = {.size = sizeof(c)};

	if (sec_ioctl(fd, AZS_SEC_IOC_GET_CAPS, &c))
		c.sequence = ~0ull;
	return c;
}

/* Read DIR/NAME.hex into buf; returns the byte count or -1. */
static int load_hex(const char *dir, const char *name, uint8_t *buf, size_t max)
{
	char path[256], hex[1024];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.hex", dir, name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (!fgets(hex, sizeof(hex), f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	for (char *p = hex; p[0] && p[1] && p[0] != '\n' && n < max; p += 2) {
		unsigned int byte;

		if (sscanf(p, "%2x", &byte) != 1)
			return -1;
		buf[n++] = (uint8_t)byte;
	}
	return (int)n;
}

static int store_named(int fd, const char *name, uint32_t *reason)
{
	uint8_t file[AZS_CAPFILE_SIZE];
	const char *dir = getenv("AZS_CAPS_DIR");
	struct azs_sec_store_caps st = {.size = sizeof(st), .data = (uintptr_t)file};
	int n = load_hex(dir ? dir : "/tmp", name, file, sizeof(file));

	if (n < 0)
		return -ENOENT;
	st.length = (uint32_t)n;
	n = sec_ioctl(fd, AZS_SEC_IOC_STORE_CAPS, &st);
	*reason = st.reason;
	return n;
}

FIXTURE(persist)
{
	int fd;
	char state_path[256];
};

FIXTURE_SETUP(persist)
{
	const char *dir = getenv("AZS_STATE_DIR");

	ASSERT_NE(0, phase()) TH_LOG("AZS_PHASE is not set");
	self->fd = open(AZS_SEC_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	snprintf(self->state_path, sizeof(self->state_path), "%s/device-id",
		 dir ? dir : "/mnt/flash");
}

FIXTURE_TEARDOWN(persist)
{
	close(self->fd);
}

TEST_F(persist, the_device_id_survives_reboots)
{
	char id[129], kept[130] = {0};
	FILE *f;

	device_id_hex(self->fd, id);
	ASSERT_EQ(128, strlen(id));
	if (phase() == 1) {
		f = fopen(self->state_path, "we");
		ASSERT_NE(NULL, f);
		fprintf(f, "%s\n", id);
		ASSERT_EQ(0, fclose(f));
		return;
	}
	f = fopen(self->state_path, "re");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(kept, sizeof(kept), f));
	fclose(f);
	kept[strcspn(kept, "\n")] = '\0';
	EXPECT_STREQ(kept, id);
}

TEST_F(persist, manufacturing_state_is_one_way_and_persistent)
{
	switch (phase()) {
	case 1:
		ASSERT_EQ(AZS_MFG_BLANK, get_mfg(self->fd)) TH_LOG("a fresh flash starts Blank");
		ASSERT_EQ(0, set_mfg(self->fd, AZS_MFG_MODULE1_COMPLETE));
		EXPECT_EQ(AZS_MFG_MODULE1_COMPLETE, get_mfg(self->fd));
		/* Setting the same state again is allowed and changes nothing. */
		EXPECT_EQ(0, set_mfg(self->fd, AZS_MFG_MODULE1_COMPLETE));
		EXPECT_EQ(-EINVAL, set_mfg(self->fd, AZS_MFG_BLANK));
		EXPECT_EQ(AZS_MFG_MODULE1_COMPLETE, get_mfg(self->fd));
		break;
	case 2:
		ASSERT_EQ(AZS_MFG_MODULE1_COMPLETE, get_mfg(self->fd)) TH_LOG("lost in the reboot");
		ASSERT_EQ(0, set_mfg(self->fd, AZS_MFG_DEVICE_COMPLETE));
		EXPECT_EQ(-EPERM, set_mfg(self->fd, AZS_MFG_MODULE1_COMPLETE));
		EXPECT_EQ(-EINVAL, set_mfg(self->fd, AZS_MFG_BLANK));
		EXPECT_EQ(AZS_MFG_DEVICE_COMPLETE, get_mfg(self->fd));
		break;
	case 3:
		ASSERT_EQ(AZS_MFG_DEVICE_COMPLETE, get_mfg(self->fd));
		EXPECT_EQ(-EPERM, set_mfg(self->fd, AZS_MFG_MODULE1_COMPLETE));
		EXPECT_EQ(AZS_MFG_DEVICE_COMPLETE, get_mfg(self->fd));
		break;
	}
}

TEST_F(persist, capabilities_need_a_valid_file_and_persist)
{
	struct azs_sec_caps c;
	uint32_t reason;

	switch (phase()) {
	case 1:
		c = get_caps(self->fd);
		ASSERT_EQ(0, c.present) TH_LOG("a fresh device has no capabilities");
		/* Refused files change nothing, each with its reason. */
		EXPECT_EQ(-ENODEV, store_named(self->fd, "wrongdev", &reason));
		EXPECT_EQ(AZS_CAPFILE_WRONG_DEVICE, reason);
		EXPECT_EQ(-EKEYREJECTED, store_named(self->fd, "unknownsigner", &reason));
		EXPECT_EQ(AZS_CAPFILE_UNKNOWN_SIGNER, reason);
		EXPECT_EQ(-EKEYREJECTED, store_named(self->fd, "forged", &reason));
		EXPECT_EQ(AZS_CAPFILE_BAD_SIGNATURE, reason);
		c = get_caps(self->fd);
		ASSERT_EQ(0, c.present);
		ASSERT_EQ(0, c.sequence);
		/* The Security Service's file for this device is accepted. */
		ASSERT_EQ(0, store_named(self->fd, "valid1", &reason));
		EXPECT_EQ(AZS_CAPFILE_OK, reason);
		c = get_caps(self->fd);
		EXPECT_EQ(CAP(AZS_CAP_APP_DEVELOPMENT), c.present);
		EXPECT_EQ(1, c.sequence);
		/* ... once. */
		EXPECT_EQ(-ESTALE, store_named(self->fd, "valid1", &reason));
		EXPECT_EQ(AZS_CAPFILE_REPLAYED, reason);
		break;
	case 2:
		c = get_caps(self->fd);
		ASSERT_EQ(CAP(AZS_CAP_APP_DEVELOPMENT), c.present) TH_LOG("lost in the reboot");
		EXPECT_EQ(1, c.sequence);
		/* Dropping capabilities needs no file; replay can't restore them. */
		ASSERT_EQ(0, ioctl(self->fd, AZS_SEC_IOC_CLEAR_CAPS, 0UL));
		EXPECT_EQ(0, get_caps(self->fd).present);
		EXPECT_EQ(-ESTALE, store_named(self->fd, "valid1", &reason));
		EXPECT_EQ(AZS_CAPFILE_REPLAYED, reason);
		EXPECT_EQ(0, get_caps(self->fd).present);
		/* A newer file is accepted. */
		ASSERT_EQ(0, store_named(self->fd, "valid2", &reason));
		c = get_caps(self->fd);
		EXPECT_EQ(CAP(AZS_CAP_FIELD_SERVICING), c.present);
		EXPECT_EQ(2, c.sequence);
		break;
	case 3:
		c = get_caps(self->fd);
		EXPECT_EQ(CAP(AZS_CAP_FIELD_SERVICING), c.present);
		EXPECT_EQ(2, c.sequence);
		break;
	}
}

/* The anti-rollback counter: a rolled-back value is refused, in every boot. */
TEST_F(persist, the_update_counter_refuses_rollback_across_reboots)
{
	switch (phase()) {
	case 1:
		ASSERT_EQ(0, get_counter(self->fd)) TH_LOG("a fresh device starts at 0");
		ASSERT_EQ(0, advance(self->fd, 7));
		EXPECT_EQ(-ESTALE, advance(self->fd, 6));
		EXPECT_EQ(0, advance(self->fd, 7)) TH_LOG("the same value is a no-op");
		EXPECT_EQ(7, get_counter(self->fd));
		break;
	case 2:
		ASSERT_EQ(7, get_counter(self->fd)) TH_LOG("lost or changed in the reboot");
		EXPECT_EQ(-ESTALE, advance(self->fd, 3));
		EXPECT_EQ(-ESTALE, advance(self->fd, 0));
		EXPECT_EQ(7, get_counter(self->fd));
		ASSERT_EQ(0, advance(self->fd, 9));
		break;
	case 3:
		EXPECT_EQ(9, get_counter(self->fd)) TH_LOG("lost or changed in the reboot");
		EXPECT_EQ(-ESTALE, advance(self->fd, 8));
		EXPECT_EQ(9, get_counter(self->fd));
		break;
	}
}

TEST_HARNESS_MAIN
