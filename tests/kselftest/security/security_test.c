// SPDX-License-Identifier: MIT
/*
 * Security state device: device ID, manufacturing state and capabilities as
 * seen from Normal World, and every way a caller can get it wrong. One-way
 * transitions and persistence across reboots are in the security_persist
 * suite; nothing here changes persistent state.
 */
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <azsphere/security.h>

#include "kselftest_harness.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_secmon", "azs_security");

static int sec_open(void)
{
	return open(AZS_SEC_DEVICE, O_RDWR | O_CLOEXEC);
}

static int sec_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) == 0 ? 0 : -errno;
}

static int get_caps(int fd, struct azs_sec_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	return sec_ioctl(fd, AZS_SEC_IOC_GET_CAPS, c);
}

static int get_mfg(int fd, uint32_t *state)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m)};
	int ret = sec_ioctl(fd, AZS_SEC_IOC_GET_MFG_STATE, &m);

	*state = m.state;
	return ret;
}

static int read_sysfs(const char *name, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/kernel/azsphere_secmon/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* A structurally valid capability file, unsigned (zero key id). */
static void make_capfile(uint8_t f[AZS_CAPFILE_SIZE], const uint8_t id[64])
{
	memset(f, 0, AZS_CAPFILE_SIZE);
	f[0] = 0xfd, f[1] = 0x5c, f[2] = 0xfd, f[3] = 0x5c; /* magic */
	f[4] = 1;                                           /* version */
	f[8] = AZS_CAPFILE_SIZE & 0xff, f[9] = AZS_CAPFILE_SIZE >> 8;
	f[16] = 0xff; /* sequence: far ahead of anything stored */
	memcpy(f + 24, id, 64);
	f[88] = AZS_CAP_APP_DEVELOPMENT;
	memset(f + 192, 0x5a, 64);
}

static int store(int fd, const void *data, uint32_t len, uint32_t *reason)
{
	struct azs_sec_store_caps st = {
		.size = sizeof(st),
		.length = len,
		.reason = 0xdead,
		.data = (uintptr_t)data,
	};
	int ret = sec_ioctl(fd, AZS_SEC_IOC_STORE_CAPS, &st);

	*reason = st.reason;
	return ret;
}

FIXTURE(sec)
{
	int fd;
	uint8_t id[64];
	struct azs_sec_caps caps;
	uint32_t mfg;
};

FIXTURE_SETUP(sec)
{
	struct azs_sec_device_id d = {.size = sizeof(d)};

	self->fd = sec_open();
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", AZS_SEC_DEVICE, strerror(errno));
	ASSERT_EQ(0, sec_ioctl(self->fd, AZS_SEC_IOC_GET_DEVICE_ID, &d));
	memcpy(self->id, d.id, 64);
	ASSERT_EQ(0, get_caps(self->fd, &self->caps));
	ASSERT_EQ(0, get_mfg(self->fd, &self->mfg));
}

FIXTURE_TEARDOWN(sec)
{
	struct azs_sec_caps caps;
	uint32_t mfg;

	/* No test may change persistent state. */
	EXPECT_EQ(0, get_caps(self->fd, &caps));
	EXPECT_EQ(0, memcmp(&caps, &self->caps, sizeof(caps)));
	EXPECT_EQ(0, get_mfg(self->fd, &mfg));
	EXPECT_EQ(self->mfg, mfg);
	close(self->fd);
}

TEST_F(sec, device_id_is_stable_random_and_matches_sysfs)
{
	struct azs_sec_device_id d = {.size = sizeof(d)};
	char hex[256], sys[256];
	static const uint8_t zero[64];

	ASSERT_EQ(0, sec_ioctl(self->fd, AZS_SEC_IOC_GET_DEVICE_ID, &d));
	EXPECT_EQ(0, memcmp(d.id, self->id, 64));
	EXPECT_NE(0, memcmp(d.id, zero, 64));
	for (int i = 0; i < 64; i++)
		snprintf(hex + 2 * i, 3, "%02x", d.id[i]);
	ASSERT_EQ(0, read_sysfs("device_id", sys, sizeof(sys)));
	sys[strcspn(sys, "\n")] = '\0';
	EXPECT_STREQ(hex, sys);
}

TEST_F(sec, manufacturing_state_matches_sysfs)
{
	static const char *const names[] = {"Blank", "Module1Complete", "DeviceComplete"};
	char sys[64];

	ASSERT_LT(self->mfg, 3);
	ASSERT_EQ(0, read_sysfs("manufacturing_state", sys, sizeof(sys)));
	sys[strcspn(sys, "\n")] = '\0';
	EXPECT_STREQ(names[self->mfg], sys);
}

TEST_F(sec, manufacturing_state_refuses_unknown_and_blank)
{
	const uint32_t bad[] = {AZS_MFG_BLANK, 3, 100, 0xffffffff};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct azs_sec_mfg_state m = {.size = sizeof(m), .state = bad[i]};

		EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_SET_MFG_STATE, &m))
		TH_LOG("state %u", bad[i]);
	}
}

TEST_F(sec, a_fresh_device_has_no_capabilities)
{
	char sys[64];

	EXPECT_EQ(0, self->caps.present);
	ASSERT_EQ(0, read_sysfs("capabilities", sys, sizeof(sys)));
	EXPECT_STREQ("\n", sys);
}

TEST_F(sec, malformed_capability_files_name_the_rule)
{
	static const struct {
		const char *what;
		unsigned int off;
		uint8_t val;
		uint32_t reason;
	} cases[] = {
		{"magic", 0, 0x00, AZS_CAPFILE_BAD_MAGIC},
		{"version", 4, 2, AZS_CAPFILE_BAD_VERSION},
		{"length field", 8, 0x01, AZS_CAPFILE_BAD_HEADER},
		{"flags", 12, 1, AZS_CAPFILE_BAD_HEADER},
		{"unknown capability", 90, 14, AZS_CAPFILE_BAD_CAPABILITY},
		{"retired capability", 91, 5, AZS_CAPFILE_BAD_CAPABILITY},
		{"duplicate capability", 89, AZS_CAP_APP_DEVELOPMENT,
		 AZS_CAPFILE_DUPLICATE_CAPABILITY},
		{"reserved", 170, 1, AZS_CAPFILE_BAD_RESERVED},
		{"unknown signer", 152, 0x77, AZS_CAPFILE_UNKNOWN_SIGNER},
	};
	uint8_t f[AZS_CAPFILE_SIZE + 16];
	uint32_t reason;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		make_capfile(f, self->id);
		f[cases[i].off] = cases[i].val;
		EXPECT_EQ(cases[i].reason == AZS_CAPFILE_UNKNOWN_SIGNER ? -EKEYREJECTED : -EINVAL,
			  store(self->fd, f, AZS_CAPFILE_SIZE, &reason))
		TH_LOG("%s", cases[i].what);
		EXPECT_EQ(cases[i].reason, reason) TH_LOG("%s", cases[i].what);
	}
	/* Sequence 0 is never valid. */
	make_capfile(f, self->id);
	f[16] = 0;
	EXPECT_EQ(-EINVAL, store(self->fd, f, AZS_CAPFILE_SIZE, &reason));
	EXPECT_EQ(AZS_CAPFILE_BAD_SEQUENCE, reason);
	/* Truncated and oversized files. */
	make_capfile(f, self->id);
	EXPECT_EQ(-EINVAL, store(self->fd, f, AZS_CAPFILE_SIZE - 1, &reason));
	EXPECT_EQ(AZS_CAPFILE_BAD_LENGTH, reason);
	EXPECT_EQ(-EINVAL, store(self->fd, f, AZS_CAPFILE_SIZE + 16, &reason));
	EXPECT_EQ(AZS_CAPFILE_BAD_LENGTH, reason);
	EXPECT_EQ(-EINVAL, store(self->fd, f, 0, &reason));
	EXPECT_EQ(-EINVAL, store(self->fd, f, 0xffffffff, &reason));
}

TEST_F(sec, bad_pointers_and_headers)
{
	struct azs_sec_store_caps st = {.size = sizeof(st), .length = AZS_CAPFILE_SIZE};
	struct azs_sec_device_id d = {.size = sizeof(d)};
	struct azs_sec_caps c = {.size = sizeof(c)};
	uint32_t reason;

	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_GET_DEVICE_ID, NULL));
	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_GET_CAPS, (void *)1));
	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_SET_MFG_STATE, NULL));
	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_STORE_CAPS, NULL));
	/* A bad pointer to the file's bytes. */
	EXPECT_EQ(-EFAULT, store(self->fd, (void *)16, AZS_CAPFILE_SIZE, &reason));
	st.data = 0;
	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_STORE_CAPS, &st));

	d.size = 4;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_GET_DEVICE_ID, &d));
	d.size = sizeof(d);
	d.flags = 1;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_GET_DEVICE_ID, &d));
	c.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_GET_CAPS, &c));
	EXPECT_EQ(-EINVAL, ioctl(self->fd, AZS_SEC_IOC_CLEAR_CAPS, 1UL) ? -errno : 0);
	EXPECT_EQ(-ENOTTY, sec_ioctl(self->fd, _IO(AZS_IOC_MAGIC, 0x3f), NULL));
	EXPECT_EQ(-ENOTTY, sec_ioctl(self->fd, AZS_FW_IOC_STATUS, &c));
}

TEST_F(sec, changes_need_cap_sys_admin)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct azs_sec_mfg_state m = {.size = sizeof(m), .state = AZS_MFG_DEVICE_COMPLETE};
		struct azs_sec_caps c;
		uint8_t f[AZS_CAPFILE_SIZE];
		uint32_t reason, state;
		int fd;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		/* An ordinary user may open the node read-only and read... */
		fd = open(AZS_SEC_DEVICE, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			_exit(30 + errno % 10);
		if (get_caps(fd, &c))
			_exit(7);
		if (get_mfg(fd, &state))
			_exit(8);
		/* ...but not change anything. */
		make_capfile(f, self->id);
		if (sec_ioctl(fd, AZS_SEC_IOC_SET_MFG_STATE, &m) != -EPERM)
			_exit(4);
		if (store(fd, f, AZS_CAPFILE_SIZE, &reason) != -EPERM)
			_exit(5);
		if ((ioctl(fd, AZS_SEC_IOC_CLEAR_CAPS, 0UL) ? -errno : 0) != -EPERM)
			_exit(6);
		{
			struct azs_sec_update_counter u = {.size = sizeof(u)};

			/* The anti-rollback counter: readable, not writable. */
			if (sec_ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &u))
				_exit(9);
			u.flags = AZS_SEC_COUNTER_ADVANCE;
			u.counter += 1000;
			if (sec_ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &u) != -EPERM)
				_exit(10);
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(sec, the_status_in_sysfs_is_read_only)
{
	const char *attrs[] = {"locked", "manufacturing_state", "device_id", "capabilities",
			       "flash_generation"};

	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		char path[128];

		snprintf(path, sizeof(path), "/sys/kernel/azsphere_secmon/%s", attrs[i]);
		EXPECT_EQ(-1, open(path, O_WRONLY | O_CLOEXEC)) TH_LOG("%s", attrs[i]);
		EXPECT_EQ(EACCES, errno);
	}
}

/* The keys of the build's key directory, as scripts/gen-keys writes them. */
struct secmon_rot_key {
	uint32_t role;
	uint8_t id[AZS_KEY_ID_SIZE];
	uint8_t pub[AZS_KEY_PUB_SIZE];
};
#include "rot_keys_expected.h"

static int get_rot_key(int fd, uint32_t slot, struct azs_sec_rot_key *k)
{
	memset(k, 0, sizeof(*k));
	k->size = sizeof(*k);
	k->slot = slot;
	return sec_ioctl(fd, AZS_SEC_IOC_GET_ROT_KEY, k);
}

TEST_F(sec, root_of_trust_keys_are_the_ones_built_in)
{
	const size_t n = sizeof(secmon_rot_keys) / sizeof(secmon_rot_keys[0]);
	struct azs_sec_rot_key k;
	unsigned int roles = 0;

	ASSERT_EQ(4, n);
	for (uint32_t slot = 0; slot < n; slot++) {
		ASSERT_EQ(0, get_rot_key(self->fd, slot, &k)) TH_LOG("slot %u", slot);
		EXPECT_EQ(n, k.num_keys);
		EXPECT_EQ(secmon_rot_keys[slot].role, k.role);
		EXPECT_EQ(0, memcmp(secmon_rot_keys[slot].id, k.key_id, AZS_KEY_ID_SIZE));
		EXPECT_EQ(0, memcmp(secmon_rot_keys[slot].pub, k.pub, AZS_KEY_PUB_SIZE));
		EXPECT_EQ(0x04, k.pub[0]);
		roles |= 1u << k.role;
	}
	EXPECT_EQ((1u << AZS_KEY_ROLE_CAPABILITY) | (1u << AZS_KEY_ROLE_PRODUCTION) |
			  (1u << AZS_KEY_ROLE_SDK) | (1u << AZS_KEY_ROLE_PLATFORM),
		  roles);
	/* Past the last slot, and malformed requests. */
	EXPECT_EQ(-EINVAL, get_rot_key(self->fd, (uint32_t)n, &k));
	EXPECT_EQ(-EINVAL, get_rot_key(self->fd, 0xffffffff, &k));
	memset(&k, 0, sizeof(k));
	k.size = sizeof(k);
	k.pad[1] = 1;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_GET_ROT_KEY, &k));
	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_GET_ROT_KEY, NULL));
	/* Normal World has no way to change them. */
	EXPECT_EQ(-ENOTTY,
		  sec_ioctl(self->fd, _IOW(AZS_IOC_MAGIC, 0x27, struct azs_sec_rot_key), &k));
}

static int counter(int fd, uint32_t flags, uint64_t *value)
{
	struct azs_sec_update_counter u = {.size = sizeof(u), .flags = flags, .counter = *value};
	int ret = sec_ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &u);

	if (!ret && !flags)
		*value = u.counter;
	return ret;
}

/* The security monitor's anti-rollback counter (cloud deployments) only grows. */
TEST_F(sec, update_counter_only_grows)
{
	struct azs_sec_update_counter bad = {.size = sizeof(bad)};
	uint64_t c0 = 0, v, big = (1ull << 40) + 7;

	ASSERT_EQ(0, counter(self->fd, 0, &c0));
	v = c0 + 5;
	ASSERT_EQ(0, counter(self->fd, AZS_SEC_COUNTER_ADVANCE, &v));
	v = 0;
	ASSERT_EQ(0, counter(self->fd, 0, &v));
	EXPECT_EQ(c0 + 5, v);
	/* Equal: nothing changes; lower: refused, nothing changes. */
	v = c0 + 5;
	EXPECT_EQ(0, counter(self->fd, AZS_SEC_COUNTER_ADVANCE, &v));
	v = c0 + 4;
	EXPECT_EQ(-ESTALE, counter(self->fd, AZS_SEC_COUNTER_ADVANCE, &v));
	v = 0;
	ASSERT_EQ(0, counter(self->fd, 0, &v));
	EXPECT_EQ(c0 + 5, v);
	/* All 64 bits travel (two 32-bit words through the monitor's call). */
	ASSERT_EQ(0, counter(self->fd, AZS_SEC_COUNTER_ADVANCE, &big));
	v = 0;
	ASSERT_EQ(0, counter(self->fd, 0, &v));
	EXPECT_EQ(big, v);
	v = c0 + 5;
	EXPECT_EQ(-ESTALE, counter(self->fd, AZS_SEC_COUNTER_ADVANCE, &v));
	/* Malformed requests. */
	bad.flags = 2;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_UPDATE_COUNTER, &bad));
	bad.flags = 0;
	bad.reserved[1] = 1;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_UPDATE_COUNTER, &bad));
	bad.reserved[1] = 0;
	bad.size = sizeof(bad) - 8;
	EXPECT_EQ(-EINVAL, sec_ioctl(self->fd, AZS_SEC_IOC_UPDATE_COUNTER, &bad));
	EXPECT_EQ(-EFAULT, sec_ioctl(self->fd, AZS_SEC_IOC_UPDATE_COUNTER, NULL));
}

TEST_HARNESS_MAIN
