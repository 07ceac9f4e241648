// SPDX-License-Identifier: MIT
/*
 * The security monitor's flash record before a corruption and after its
 * signed recovery (tests/device/secure-record boots the suite
 * secure_record on one flash: AZS_PHASE=1 on a blank flash, then, after
 * boots that must stop at the corrupt record, AZS_PHASE=2 once a recovery
 * record is in place). The device ID seen in phase 1 is kept in
 * AZS_STATE_DIR (the data flash, which the corruption leaves alone).
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

#define COUNTER 42

FIXTURE(record)
{
	int fd;
	char id_path[256];
};

FIXTURE_SETUP(record)
{
	const char *dir = getenv("AZS_STATE_DIR");

	ASSERT_NE(0, phase()) TH_LOG("AZS_PHASE is not set");
	self->fd = open(AZS_SEC_DEVICE, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	snprintf(self->id_path, sizeof(self->id_path), "%s/device-id", dir ? dir : "/mnt/flash");
}

FIXTURE_TEARDOWN(record)
{
	close(self->fd);
}

TEST_F(record, the_device_id_is_kept)
{
	char id[129], kept[130] = {0};
	FILE *f;

	device_id_hex(self->fd, id);
	ASSERT_EQ(128, strlen(id));
	if (phase() == 1) {
		f = fopen(self->id_path, "we");
		ASSERT_NE(NULL, f);
		fprintf(f, "%s\n", id);
		ASSERT_EQ(0, fclose(f));
		return;
	}
	f = fopen(self->id_path, "re");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(kept, sizeof(kept), f));
	fclose(f);
	kept[strcspn(kept, "\n")] = '\0';
	EXPECT_STREQ(kept, id) TH_LOG("the corruption gave the device a new identity");
}

TEST_F(record, manufacturing_state_is_kept)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m), .state = AZS_MFG_MODULE1_COMPLETE};

	if (phase() == 1) {
		ASSERT_EQ(AZS_MFG_BLANK, get_mfg(self->fd)) TH_LOG("a blank flash starts Blank");
		ASSERT_EQ(0, sec_ioctl(self->fd, AZS_SEC_IOC_SET_MFG_STATE, &m));
	}
	EXPECT_EQ(AZS_MFG_MODULE1_COMPLETE, get_mfg(self->fd));
}

TEST_F(record, the_anti_rollback_counter_is_kept)
{
	if (phase() == 1) {
		ASSERT_EQ(0, get_counter(self->fd)) TH_LOG("a blank flash starts at 0");
		ASSERT_EQ(0, advance(self->fd, COUNTER));
		EXPECT_EQ(COUNTER, get_counter(self->fd));
		return;
	}
	if (phase() >= 3) {
		/* The record after phase 2, written back on the host (Secure World's
		 * erased-slots case in tests/device/secure-record). */
		ASSERT_EQ(COUNTER + 1, get_counter(self->fd)) TH_LOG("the counter was reset");
		EXPECT_EQ(-ESTALE, advance(self->fd, COUNTER));
		return;
	}
	ASSERT_EQ(COUNTER, get_counter(self->fd)) TH_LOG("the counter was reset");
	/* Still one-way, and the recovered record takes new writes. */
	EXPECT_EQ(-ESTALE, advance(self->fd, COUNTER - 1));
	EXPECT_EQ(0, advance(self->fd, COUNTER + 1));
	EXPECT_EQ(COUNTER + 1, get_counter(self->fd));
}

TEST_HARNESS_MAIN
