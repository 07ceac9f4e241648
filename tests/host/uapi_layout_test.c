// SPDX-License-Identifier: MIT
/*
 * The uAPI structs of <azsphere/firewall.h>, <azsphere/security.h> and
 * <azsphere/iocore.h> have
 * one layout for 32-bit and 64-bit userspace: every field at a fixed offset
 * with no implicit padding, every __u64 at an 8-byte-aligned offset and the
 * size a multiple of 8 (i386 aligns __u64 to 4 inside structs, so anything
 * else would differ between the two). The ioctl numbers encode those sizes.
 */
#include <stddef.h>

#include "kselftest_harness.h"

#include "uapi/azsphere/firewall.h"
#include "uapi/azsphere/iocore.h"
#include "uapi/azsphere/security.h"

/* A field as compiled, and its documented offset. */
struct layout_entry {
	const char *name;
	size_t offset, size, want_offset;
	bool u64; /* a __u64 or an array of them */
};

#define E(s, f, off, is_u64)                                                                       \
	{                                                                                          \
		.name = #f, .offset = offsetof(struct s, f), .size = sizeof(((struct s *)0)->f),   \
		.want_offset = (off), .u64 = (is_u64),                                             \
	}

FIXTURE(layout){};

/* The harness defines these without prototypes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
FIXTURE_SETUP(layout)
{
}

FIXTURE_TEARDOWN(layout)
{
}
#pragma GCC diagnostic pop

FIXTURE_VARIANT(layout)
{
	const char *name;
	size_t size, want_size;
	const struct layout_entry *fields;
	size_t num_fields;
};

#define LAYOUT(s, want, ...)                                                                       \
	static const struct layout_entry s##_fields[] = {__VA_ARGS__};                             \
	FIXTURE_VARIANT_ADD(layout, s)                                                             \
	{                                                                                          \
		.name = #s, .size = sizeof(struct s), .want_size = (want), .fields = s##_fields,   \
		.num_fields = ARRAY_SIZE(s##_fields),                                              \
	}

LAYOUT(azs_fw_resource, 8, E(azs_fw_resource, kind, 0, false), E(azs_fw_resource, index, 4, false));

LAYOUT(azs_fw_assign, 40, E(azs_fw_assign, size, 0, false), E(azs_fw_assign, flags, 4, false),
       E(azs_fw_assign, res, 8, false), E(azs_fw_assign, core, 16, false),
       E(azs_fw_assign, owner_uid, 20, false), E(azs_fw_assign, reserved, 24, true));

LAYOUT(azs_fw_release, 32, E(azs_fw_release, size, 0, false), E(azs_fw_release, flags, 4, false),
       E(azs_fw_release, res, 8, false), E(azs_fw_release, reserved, 16, true));

LAYOUT(azs_fw_query, 56, E(azs_fw_query, size, 0, false), E(azs_fw_query, flags, 4, false),
       E(azs_fw_query, res, 8, false), E(azs_fw_query, core, 16, false),
       E(azs_fw_query, owner_uid, 20, false), E(azs_fw_query, block, 24, false),
       E(azs_fw_query, block_core, 28, false), E(azs_fw_query, block_function, 32, false),
       E(azs_fw_query, pad, 36, false), E(azs_fw_query, reserved, 40, true));

LAYOUT(azs_fw_status, 48, E(azs_fw_status, size, 0, false), E(azs_fw_status, flags, 4, false),
       E(azs_fw_status, state, 8, false), E(azs_fw_status, num_blocks, 12, false),
       E(azs_fw_status, num_assigned, 16, false), E(azs_fw_status, secmon_revision, 20, false),
       E(azs_fw_status, generation, 24, true), E(azs_fw_status, reserved, 32, true));

LAYOUT(azs_sec_device_id, 88, E(azs_sec_device_id, size, 0, false),
       E(azs_sec_device_id, flags, 4, false), E(azs_sec_device_id, id, 8, false),
       E(azs_sec_device_id, reserved, 72, true));

LAYOUT(azs_sec_mfg_state, 32, E(azs_sec_mfg_state, size, 0, false),
       E(azs_sec_mfg_state, flags, 4, false), E(azs_sec_mfg_state, state, 8, false),
       E(azs_sec_mfg_state, pad, 12, false), E(azs_sec_mfg_state, reserved, 16, true));

LAYOUT(azs_sec_caps, 40, E(azs_sec_caps, size, 0, false), E(azs_sec_caps, flags, 4, false),
       E(azs_sec_caps, present, 8, true), E(azs_sec_caps, sequence, 16, true),
       E(azs_sec_caps, reserved, 24, true));
LAYOUT(azs_sec_update_counter, 32, E(azs_sec_update_counter, size, 0, false),
       E(azs_sec_update_counter, flags, 4, false), E(azs_sec_update_counter, counter, 8, true),
       E(azs_sec_update_counter, reserved, 16, true));

LAYOUT(azs_sec_store_caps, 40, E(azs_sec_store_caps, size, 0, false),
       E(azs_sec_store_caps, flags, 4, false), E(azs_sec_store_caps, length, 8, false),
       E(azs_sec_store_caps, reason, 12, false), E(azs_sec_store_caps, data, 16, true),
       E(azs_sec_store_caps, reserved, 24, true));
LAYOUT(azs_sec_rot_key, 112, E(azs_sec_rot_key, size, 0, false),
       E(azs_sec_rot_key, flags, 4, false), E(azs_sec_rot_key, slot, 8, false),
       E(azs_sec_rot_key, role, 12, false), E(azs_sec_rot_key, key_id, 16, false),
       E(azs_sec_rot_key, pub, 24, false), E(azs_sec_rot_key, pad, 89, false),
       E(azs_sec_rot_key, num_keys, 92, false), E(azs_sec_rot_key, reserved, 96, true));

LAYOUT(azs_iocore_bind, 32, E(azs_iocore_bind, size, 0, false), E(azs_iocore_bind, flags, 4, false),
       E(azs_iocore_bind, core, 8, false), E(azs_iocore_bind, pad, 12, false),
       E(azs_iocore_bind, reserved, 16, true));
LAYOUT(azs_iocore_access, 40, E(azs_iocore_access, size, 0, false),
       E(azs_iocore_access, flags, 4, false), E(azs_iocore_access, op, 8, false),
       E(azs_iocore_access, kind, 12, false), E(azs_iocore_access, index, 16, false),
       E(azs_iocore_access, value, 20, false), E(azs_iocore_access, reserved, 24, true));
LAYOUT(azs_iocore_pwm, 48, E(azs_iocore_pwm, size, 0, false), E(azs_iocore_pwm, flags, 4, false),
       E(azs_iocore_pwm, controller, 8, false), E(azs_iocore_pwm, channel, 12, false),
       E(azs_iocore_pwm, period_ns, 16, false), E(azs_iocore_pwm, duty_ns, 20, false),
       E(azs_iocore_pwm, polarity, 24, false), E(azs_iocore_pwm, enabled, 28, false),
       E(azs_iocore_pwm, reserved, 32, true));
LAYOUT(azs_iocore_i2c, 56, E(azs_iocore_i2c, size, 0, false), E(azs_iocore_i2c, flags, 4, false),
       E(azs_iocore_i2c, isu, 8, false), E(azs_iocore_i2c, addr, 12, false),
       E(azs_iocore_i2c, write_len, 16, false), E(azs_iocore_i2c, read_len, 20, false),
       E(azs_iocore_i2c, write_buf, 24, true), E(azs_iocore_i2c, read_buf, 32, true),
       E(azs_iocore_i2c, reserved, 40, true));
LAYOUT(azs_iocore_uart, 48, E(azs_iocore_uart, size, 0, false), E(azs_iocore_uart, flags, 4, false),
       E(azs_iocore_uart, isu, 8, false), E(azs_iocore_uart, op, 12, false),
       E(azs_iocore_uart, len, 16, false), E(azs_iocore_uart, pad, 20, false),
       E(azs_iocore_uart, buf, 24, true), E(azs_iocore_uart, reserved, 32, true));

TEST_F(layout, is_fixed_and_abi_independent)
{
	size_t end = 0;

	EXPECT_EQ(variant->want_size, variant->size) TH_LOG("sizeof(struct %s)", variant->name);
	EXPECT_EQ(0u, variant->size % 8) TH_LOG("sizeof(struct %s)", variant->name);
	for (size_t i = 0; i < variant->num_fields; i++) {
		const struct layout_entry *f = &variant->fields[i];

		EXPECT_EQ(f->want_offset, f->offset)
		TH_LOG("%s.%s", variant->name, f->name);
		/* No implicit padding: each field starts where the last ended. */
		EXPECT_EQ(end, f->offset) TH_LOG("%s.%s: hole before it", variant->name, f->name);
		if (f->u64) {
			EXPECT_EQ(0u, f->offset % 8) TH_LOG("%s.%s", variant->name, f->name);
			EXPECT_EQ(0u, f->size % 8) TH_LOG("%s.%s", variant->name, f->name);
		}
		end = f->offset + f->size;
	}
	EXPECT_EQ(variant->size, end) TH_LOG("%s: padding at the end", variant->name);
}

TEST(field_sizes)
{
	struct azs_fw_status st;
	struct azs_sec_device_id id;
	struct azs_sec_store_caps sc;

	EXPECT_EQ(16u, sizeof(((struct azs_fw_assign *)0)->reserved));
	EXPECT_EQ(8u, sizeof(st.generation));
	EXPECT_EQ(64u, sizeof(id.id));
	EXPECT_EQ((size_t)AZS_DEVICE_ID_SIZE, sizeof(id.id));
	EXPECT_EQ(8u, sizeof(sc.data)); /* a pointer in a __u64 on every ABI */
}

/* ---- ioctl numbers ------------------------------------------------------ */

FIXTURE(ioctl){};

/* The harness defines these without prototypes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
FIXTURE_SETUP(ioctl)
{
}

FIXTURE_TEARDOWN(ioctl)
{
}
#pragma GCC diagnostic pop

FIXTURE_VARIANT(ioctl)
{
	unsigned long cmd;
	size_t size; /* sizeof the argument struct, 0: none */
	unsigned int dir;
	unsigned int nr;
};

#define IOCTL(name, cmd_, sz, dir_, nr_)                                                           \
	FIXTURE_VARIANT_ADD(ioctl, name)                                                           \
	{                                                                                          \
		.cmd = (cmd_), .size = (sz), .dir = (dir_), .nr = (nr_),                           \
	}

IOCTL(fw_assign, AZS_FW_IOC_ASSIGN, sizeof(struct azs_fw_assign), _IOC_WRITE, 0x01);
IOCTL(fw_release, AZS_FW_IOC_RELEASE, sizeof(struct azs_fw_release), _IOC_WRITE, 0x02);
IOCTL(fw_query, AZS_FW_IOC_QUERY, sizeof(struct azs_fw_query), _IOC_READ | _IOC_WRITE, 0x03);
IOCTL(fw_status, AZS_FW_IOC_STATUS, sizeof(struct azs_fw_status), _IOC_READ | _IOC_WRITE, 0x04);
IOCTL(fw_lock, AZS_FW_IOC_LOCK, 0, _IOC_NONE, 0x05);
IOCTL(sec_get_device_id, AZS_SEC_IOC_GET_DEVICE_ID, sizeof(struct azs_sec_device_id),
      _IOC_READ | _IOC_WRITE, 0x20);
IOCTL(sec_get_mfg_state, AZS_SEC_IOC_GET_MFG_STATE, sizeof(struct azs_sec_mfg_state),
      _IOC_READ | _IOC_WRITE, 0x21);
IOCTL(sec_set_mfg_state, AZS_SEC_IOC_SET_MFG_STATE, sizeof(struct azs_sec_mfg_state), _IOC_WRITE,
      0x22);
IOCTL(sec_get_caps, AZS_SEC_IOC_GET_CAPS, sizeof(struct azs_sec_caps), _IOC_READ | _IOC_WRITE,
      0x23);
IOCTL(sec_store_caps, AZS_SEC_IOC_STORE_CAPS, sizeof(struct azs_sec_store_caps),
      _IOC_READ | _IOC_WRITE, 0x24);
IOCTL(sec_clear_caps, AZS_SEC_IOC_CLEAR_CAPS, 0, _IOC_NONE, 0x25);
IOCTL(sec_get_rot_key, AZS_SEC_IOC_GET_ROT_KEY, sizeof(struct azs_sec_rot_key),
      _IOC_READ | _IOC_WRITE, 0x26);
IOCTL(sec_update_counter, AZS_SEC_IOC_UPDATE_COUNTER, sizeof(struct azs_sec_update_counter),
      _IOC_READ | _IOC_WRITE, 0x27);

IOCTL(iocore_bind, AZS_IOCORE_IOC_BIND, sizeof(struct azs_iocore_bind), _IOC_WRITE, 0x40);
IOCTL(iocore_access, AZS_IOCORE_IOC_ACCESS, sizeof(struct azs_iocore_access),
      _IOC_READ | _IOC_WRITE, 0x41);
IOCTL(iocore_pwm, AZS_IOCORE_IOC_PWM, sizeof(struct azs_iocore_pwm), _IOC_WRITE, 0x42);
IOCTL(iocore_i2c, AZS_IOCORE_IOC_I2C, sizeof(struct azs_iocore_i2c), _IOC_WRITE, 0x43);
IOCTL(iocore_uart, AZS_IOCORE_IOC_UART, sizeof(struct azs_iocore_uart), _IOC_READ | _IOC_WRITE,
      0x44);

TEST_F(ioctl, encodes_its_struct)
{
	EXPECT_EQ(0xA8u, _IOC_TYPE(variant->cmd));
	EXPECT_EQ(variant->size, (size_t)_IOC_SIZE(variant->cmd));
	EXPECT_EQ(variant->dir, _IOC_DIR(variant->cmd));
	EXPECT_EQ(variant->nr, _IOC_NR(variant->cmd));
}

TEST(ioctl_numbers_are_distinct)
{
	static const unsigned long cmds[] = {
		AZS_FW_IOC_ASSIGN,         AZS_FW_IOC_RELEASE,        AZS_FW_IOC_QUERY,
		AZS_FW_IOC_STATUS,         AZS_FW_IOC_LOCK,           AZS_SEC_IOC_GET_DEVICE_ID,
		AZS_SEC_IOC_GET_MFG_STATE, AZS_SEC_IOC_SET_MFG_STATE, AZS_SEC_IOC_GET_CAPS,
		AZS_SEC_IOC_STORE_CAPS,    AZS_SEC_IOC_CLEAR_CAPS,    AZS_SEC_IOC_GET_ROT_KEY,
		AZS_IOCORE_IOC_BIND,       AZS_IOCORE_IOC_ACCESS,     AZS_IOCORE_IOC_PWM,
		AZS_IOCORE_IOC_I2C,        AZS_IOCORE_IOC_UART,
	};

	EXPECT_EQ(0xA8, AZS_IOC_MAGIC);
	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
		for (size_t j = 0; j < i; j++) {
			EXPECT_NE(_IOC_NR(cmds[i]), _IOC_NR(cmds[j])) TH_LOG("%zu and %zu", i, j);
		}
	}
}

TEST_HARNESS_MAIN
