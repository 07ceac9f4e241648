// SPDX-License-Identifier: MIT
/*
 * The simulated board's I2C masters (ISU0..4 = /dev/i2c-0..4, i2c-dev) and
 * the LSM6DS3-like sensor at 0x6a on ISU2: what an owner sees, what the
 * firewall refuses (EACCES), bad input, and the control files.
 *
 * The device nodes are root's (0600), so each test opens them as root and
 * then acts as BOARD_UID_OWNER: with seteuid() (the firewall checks the
 * effective uid; the test becomes root again to change the firewall) or in
 * a child with board_run_as() (fork + setuid, a separate process as an app
 * would be). Every test leaves the firewall table empty and the sensor in
 * its reset state.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "i2c_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define NUM_ISU        5
#define SENSOR         LSM6DS3_ADDR
#define REG_CTRL1_XL   0x10
#define REG_CTRL3_C    0x12
#define REG_STATUS     0x1e
#define REG_OUTX_L_XL  0x28
#define CTRL3_DEFAULT  0x04 /* IF_INC */
#define CTRL3_SW_RESET 0x01
#define XL_104HZ_2G    0x40
#define ONE_G          16384 /* LSB at +-2 g */
#define REG_CTRL2_G    0x11
#define REG_OUTX_L_G   0x22
#define MAX_LEN        8192

FIXTURE(i2c)
{
	int fw;
	int fd; /* /dev/i2c-2, opened by root */
};

FIXTURE_SETUP(i2c)
{
	FW_OPEN_CLEAN(self->fw);
	self->fd = i2c_open(I2C_SENSOR_ISU);
	ASSERT_LE(0, self->fd) TH_LOG("open /dev/i2c-2: %s", strerror(errno));
	ASSERT_EQ(0, board_ctl_write("i2c/isu2/log", "clear"));
}

FIXTURE_TEARDOWN(i2c)
{
	struct azs_fw_status st;
	char path[64];

	if (seteuid(0))
		TH_LOG("seteuid(0): %s", strerror(errno));
	for (unsigned int isu = 0; isu < NUM_ISU; isu++) {
		fw_release(self->fw, AZS_FW_KIND_I2C, isu);
		snprintf(path, sizeof(path), "i2c/isu%u/speed", isu);
		board_ctl_write(path, "100000");
	}
	fw_release(self->fw, AZS_FW_KIND_UART, I2C_SENSOR_ISU);
	board_ctl_write("sensor/attach", "i2c 2");
	/* Back to the sensor's reset state, as root owning ISU2 briefly. */
	if (!fw_assign(self->fw, AZS_FW_KIND_I2C, I2C_SENSOR_ISU, AZS_FW_CORE_HL, 0)) {
		EXPECT_EQ(0, i2c_write_reg(self->fd, SENSOR, REG_CTRL3_C, CTRL3_SW_RESET));
		fw_release(self->fw, AZS_FW_KIND_I2C, I2C_SENSOR_ISU);
	}
	EXPECT_EQ(0, fw_status(self->fw, &st));
	EXPECT_EQ(0, st.num_assigned);
	close(self->fd);
	close(self->fw);
}

#define ASSIGN(isu, uid)                                                                           \
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_I2C, isu, AZS_FW_CORE_HL, uid))
#define RELEASE(isu) ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_I2C, isu))
#define BECOME(uid)  ASSERT_EQ(0, seteuid(uid))

static int read_reg(int fd, uint8_t reg, uint8_t *v)
{
	return i2c_read_regs(fd, SENSOR, reg, v, 1);
}

static int sys_ret(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

/* Children for board_run_as(): 0 on success, else the errno. */
static int write_read_child(void *arg)
{
	int fd = *(int *)arg;
	uint8_t reg = LSM6DS3_WHO_AM_I, v = 0;

	if (ioctl(fd, I2C_SLAVE, SENSOR))
		return errno;
	if (write(fd, &reg, 1) != 1)
		return errno;
	if (read(fd, &v, 1) != 1)
		return errno;
	return v == LSM6DS3_ID ? 0 : 200;
}

static int smbus_read_byte_data(int fd, uint8_t cmd, uint8_t *v)
{
	union i2c_smbus_data data = {0};
	struct i2c_smbus_ioctl_data args = {
		.read_write = I2C_SMBUS_READ,
		.command = cmd,
		.size = I2C_SMBUS_BYTE_DATA,
		.data = &data,
	};

	if (ioctl(fd, I2C_SMBUS, &args))
		return -errno;
	*v = data.byte;
	return 0;
}

static int smbus_child(void *arg)
{
	uint8_t v = 0;
	int ret;

	if (ioctl(*(int *)arg, I2C_SLAVE, SENSOR))
		return errno;
	ret = smbus_read_byte_data(*(int *)arg, LSM6DS3_WHO_AM_I, &v);
	if (ret)
		return -ret;
	return v == LSM6DS3_ID ? 0 : 200;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

TEST_F(i2c, five_adapters_under_the_board)
{
	for (unsigned int isu = 0; isu < NUM_ISU; isu++) {
		char path[64], want[32], name[64] = "", *real;
		unsigned long funcs = 0;
		FILE *f;
		int fd;

		snprintf(path, sizeof(path), "/sys/bus/i2c/devices/i2c-%u/name", isu);
		f = fopen(path, "r");
		ASSERT_NE(NULL, f) TH_LOG("%s: %s", path, strerror(errno));
		ASSERT_NE(NULL, fgets(name, sizeof(name), f));
		fclose(f);
		snprintf(want, sizeof(want), "mt3620-isu%u-i2c\n", isu);
		EXPECT_STREQ(want, name);

		snprintf(path, sizeof(path), "/sys/bus/i2c/devices/i2c-%u", isu);
		real = realpath(path, NULL);
		ASSERT_NE(NULL, real);
		EXPECT_NE(NULL, strstr(real, "/azsphere-board/")) TH_LOG("%s", real);
		free(real);

		fd = i2c_open(isu);
		ASSERT_LE(0, fd) TH_LOG("/dev/i2c-%u: %s", isu, strerror(errno));
		ASSERT_EQ(0, ioctl(fd, I2C_FUNCS, &funcs));
		EXPECT_EQ(I2C_FUNC_I2C, funcs & I2C_FUNC_I2C);
		EXPECT_EQ(I2C_FUNC_SMBUS_EMUL, funcs & I2C_FUNC_SMBUS_EMUL);
		EXPECT_EQ(0, funcs & I2C_FUNC_10BIT_ADDR);
		close(fd);
	}
}

TEST_F(i2c, owner_reads_who_am_i_write_then_read)
{
	uint8_t v = 0, two[2] = {0};

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	/* Auto-increment (CTRL3_C.IF_INC, on after reset): 0x0f, then 0x10. */
	ASSERT_EQ(0, i2c_read_regs(self->fd, SENSOR, LSM6DS3_WHO_AM_I, two, 2));
	EXPECT_EQ(LSM6DS3_ID, two[0]);
	EXPECT_EQ(0, two[1]);
	BECOME(0);
	/* The same from a separate process of the owner. */
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &self->fd));
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, owner_writes_and_reads_back_a_register)
{
	uint8_t v = 0;

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, i2c_write_reg(self->fd, SENSOR, REG_CTRL1_XL, 0x20));
	ASSERT_EQ(0, read_reg(self->fd, REG_CTRL1_XL, &v));
	EXPECT_EQ(0x20, v);
	/* WHO_AM_I is read-only. */
	ASSERT_EQ(0, i2c_write_reg(self->fd, SENSOR, LSM6DS3_WHO_AM_I, 0x12));
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	/* Software reset brings the defaults back. */
	ASSERT_EQ(0, i2c_write_reg(self->fd, SENSOR, REG_CTRL3_C, CTRL3_SW_RESET));
	ASSERT_EQ(0, read_reg(self->fd, REG_CTRL1_XL, &v));
	EXPECT_EQ(0, v);
	ASSERT_EQ(0, read_reg(self->fd, REG_CTRL3_C, &v));
	EXPECT_EQ(CTRL3_DEFAULT, v);
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

/* I2C_SLAVE sets the target of read(2)/write(2); the pointer persists. */
TEST_F(i2c, owner_uses_the_default_target_with_read_and_write)
{
	uint8_t reg = LSM6DS3_WHO_AM_I, set[2] = {REG_CTRL1_XL, 0x30}, v[2] = {0};

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, ioctl(self->fd, I2C_SLAVE, SENSOR));
	ASSERT_EQ(1, write(self->fd, &reg, 1));
	ASSERT_EQ(1, read(self->fd, v, 1));
	EXPECT_EQ(LSM6DS3_ID, v[0]);
	ASSERT_EQ(2, write(self->fd, set, 2));
	ASSERT_EQ(1, write(self->fd, &reg, 1));
	ASSERT_EQ(2, read(self->fd, v, 2));
	EXPECT_EQ(LSM6DS3_ID, v[0]);
	EXPECT_EQ(0x30, v[1]);
	BECOME(0);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, write_read_child, &self->fd));
	RELEASE(I2C_SENSOR_ISU);
}

/* SMBus ioctls reach the bus through the core's emulation. */
TEST_F(i2c, owner_uses_smbus_transfers)
{
	union i2c_smbus_data data = {.byte = 0x50};
	struct i2c_smbus_ioctl_data wr = {
		.read_write = I2C_SMBUS_WRITE,
		.command = REG_CTRL1_XL,
		.size = I2C_SMBUS_BYTE_DATA,
		.data = &data,
	};
	struct i2c_smbus_ioctl_data quick = {
		.read_write = I2C_SMBUS_WRITE,
		.size = I2C_SMBUS_QUICK,
	};
	uint8_t v = 0;

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, ioctl(self->fd, I2C_SLAVE, SENSOR));
	ASSERT_EQ(0, smbus_read_byte_data(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	ASSERT_EQ(0, ioctl(self->fd, I2C_SMBUS, &wr));
	ASSERT_EQ(0, smbus_read_byte_data(self->fd, REG_CTRL1_XL, &v));
	EXPECT_EQ(0x50, v);
	EXPECT_EQ(0, sys_ret(ioctl(self->fd, I2C_SMBUS, &quick)));
	ASSERT_EQ(0, ioctl(self->fd, I2C_SLAVE, 0x50));
	EXPECT_EQ(-ENXIO, sys_ret(ioctl(self->fd, I2C_SMBUS, &quick)));
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, accelerometer_samples_move_and_read_one_g)
{
	uint8_t a[6], b[6], status = 0xff;
	int16_t z;

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	/* Powered down after reset: no new data. */
	ASSERT_EQ(0, read_reg(self->fd, REG_STATUS, &status));
	EXPECT_EQ(0, status & 0x01);
	ASSERT_EQ(0, i2c_write_reg(self->fd, SENSOR, REG_CTRL1_XL, XL_104HZ_2G));
	ASSERT_EQ(0, read_reg(self->fd, REG_STATUS, &status));
	EXPECT_EQ(0x01, status & 0x01); /* XLDA */
	ASSERT_EQ(0, i2c_read_regs(self->fd, SENSOR, REG_OUTX_L_XL, a, sizeof(a)));
	usleep(100 * 1000);
	ASSERT_EQ(0, i2c_read_regs(self->fd, SENSOR, REG_OUTX_L_XL, b, sizeof(b)));
	EXPECT_NE(0, memcmp(a, b, sizeof(a)));
	z = (int16_t)(b[4] | b[5] << 8);
	EXPECT_GT(z, ONE_G - 1024) TH_LOG("Z = %d", z);
	EXPECT_LT(z, ONE_G + 1024) TH_LOG("Z = %d", z);
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* Z at rest in mg, read at CTRL1_XL = CTRL1 with SENS ug/LSB (datasheet). */
static int z_mg(struct __test_metadata *_metadata, int fd, uint8_t ctrl1, int sens)
{
	uint8_t b[6];

	if (i2c_write_reg(fd, SENSOR, REG_CTRL1_XL, ctrl1) ||
	    i2c_read_regs(fd, SENSOR, REG_OUTX_L_XL, b, sizeof(b))) {
		TH_LOG("CTRL1_XL 0x%02x: %s", ctrl1, strerror(errno));
		return INT_MIN;
	}
	return (int)(int16_t)(b[4] | b[5] << 8) * sens / 1000;
}

TEST_F(i2c, accelerometer_follows_the_full_scale_bits)
{
	/* FS_XL (CTRL1_XL bits 3:2): 00 +-2 g, 10 +-4 g, 11 +-8 g, 01 +-16 g. */
	static const struct {
		uint8_t ctrl1;
		int ug_per_lsb;
	} scales[] = {{0x40, 61}, {0x48, 122}, {0x4c, 244}, {0x44, 488}};

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	for (size_t i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		int mg = z_mg(_metadata, self->fd, scales[i].ctrl1, scales[i].ug_per_lsb);

		/* 1 g at rest, whatever the scale: about 1000 mg. */
		EXPECT_GT(mg, 950) TH_LOG("CTRL1_XL 0x%02x: Z = %d mg", scales[i].ctrl1, mg);
		EXPECT_LT(mg, 1050) TH_LOG("CTRL1_XL 0x%02x: Z = %d mg", scales[i].ctrl1, mg);
	}
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, gyroscope_follows_the_full_scale_bits)
{
	uint8_t g[6];
	int max_fine = 0, max_coarse = 0;

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	/* 125 dps (FS_125) and 2000 dps (FS_G = 11): 16 times fewer LSB per dps. */
	for (int round = 0; round < 10; round++) {
		ASSERT_EQ(0, i2c_write_reg(self->fd, SENSOR, REG_CTRL2_G, 0x42));
		ASSERT_EQ(0, i2c_read_regs(self->fd, SENSOR, REG_OUTX_L_G, g, sizeof(g)));
		for (int a = 0; a < 3; a++)
			max_fine = max_int(max_fine, abs((int16_t)(g[2 * a] | g[2 * a + 1] << 8)));
		ASSERT_EQ(0, i2c_write_reg(self->fd, SENSOR, REG_CTRL2_G, 0x4c));
		ASSERT_EQ(0, i2c_read_regs(self->fd, SENSOR, REG_OUTX_L_G, g, sizeof(g)));
		for (int a = 0; a < 3; a++)
			max_coarse = max_int(max_coarse, abs((int16_t)(g[2 * a] | g[2 * a + 1] << 8)));
		usleep(70 * 1000);
	}
	/* The model's rates stay under 3 dps: under 43 LSB at 70 mdps/LSB. */
	EXPECT_LE(max_coarse, 43);
	EXPECT_GT(max_fine, 4 * max_coarse) TH_LOG("125 dps %d, 2000 dps %d", max_fine, max_coarse);
	EXPECT_GT(max_fine, 100);
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, other_addresses_nack)
{
	uint8_t v = 0;
	struct i2c_msg probe = {.addr = SENSOR, .flags = 0, .len = 0, .buf = NULL};

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-ENXIO, i2c_read_regs(self->fd, 0x50, 0, &v, 1));
	EXPECT_EQ(-ENXIO, i2c_read_regs(self->fd, SENSOR + 1, LSM6DS3_WHO_AM_I, &v, 1));
	/* A zero-length message probes the address. */
	EXPECT_EQ(0, i2c_rdwr(self->fd, &probe, 1));
	probe.addr = 0x50;
	EXPECT_EQ(-ENXIO, i2c_rdwr(self->fd, &probe, 1));
	ASSERT_EQ(0, ioctl(self->fd, I2C_SLAVE, 0x50));
	EXPECT_EQ(-ENXIO, sys_ret(read(self->fd, &v, 1)));
	EXPECT_EQ(-ENXIO, sys_ret(write(self->fd, &v, 1)));
	/* The bus still works. */
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, no_sensor_on_the_other_isus)
{
	for (unsigned int isu = 0; isu < NUM_ISU; isu++) {
		uint8_t v = 0;
		int fd;

		if (isu == I2C_SENSOR_ISU)
			continue;
		fd = i2c_open(isu);
		ASSERT_LE(0, fd);
		ASSIGN(isu, BOARD_UID_OWNER);
		BECOME(BOARD_UID_OWNER);
		EXPECT_EQ(-ENXIO, read_reg(fd, LSM6DS3_WHO_AM_I, &v)) TH_LOG("ISU%u", isu);
		BECOME(0);
		RELEASE(isu);
		close(fd);
	}
}

TEST_F(i2c, the_sensor_moves_with_the_attach_control)
{
	char buf[64];
	uint8_t v = 0;
	int fd3 = i2c_open(3);

	ASSERT_LE(0, fd3);
	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	ASSIGN(3, BOARD_UID_OWNER);

	ASSERT_EQ(0, board_ctl_write("sensor/attach", "i2c none"));
	ASSERT_LT(0, board_ctl_read("sensor/attach", buf, sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, "i2c none ", 9)) TH_LOG("%s", buf);
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-ENXIO, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(-ENXIO, read_reg(fd3, LSM6DS3_WHO_AM_I, &v));
	BECOME(0);

	ASSERT_EQ(0, board_ctl_write("sensor/attach", "i2c 3"));
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-ENXIO, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	ASSERT_EQ(0, read_reg(fd3, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);

	ASSERT_EQ(0, board_ctl_write("sensor/attach", "i2c 2"));
	ASSERT_LT(0, board_ctl_read("sensor/attach", buf, sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, "i2c 2 ", 6)) TH_LOG("%s", buf);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	EXPECT_EQ(-ENXIO, read_reg(fd3, LSM6DS3_WHO_AM_I, &v));
	BECOME(0);
	RELEASE(3);
	RELEASE(I2C_SENSOR_ISU);
	close(fd3);
}

TEST_F(i2c, denied_when_unassigned)
{
	uint8_t v = 0;

	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, write_read_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, smbus_child, &self->fd));
	/* Root owns nothing either. */
	EXPECT_EQ(-EACCES, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
}

TEST_F(i2c, denied_on_an_io_core)
{
	uint8_t v = 0;

	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_I2C, I2C_SENSOR_ISU, AZS_FW_CORE_IO0,
			       AZS_FW_NO_OWNER));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, write_read_child, &self->fd));
	EXPECT_EQ(-EACCES, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, denied_to_another_uid)
{
	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, i2c_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, write_read_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, smbus_child, &self->fd));
	/* The owner is unaffected by the refusals. */
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, smbus_child, &self->fd));
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, denied_after_release_on_an_open_fd)
{
	uint8_t v = 0;

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-EACCES, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(-EACCES, i2c_write_reg(self->fd, SENSOR, REG_CTRL1_XL, 0x40));
	BECOME(0);
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &self->fd));
}

TEST_F(i2c, denied_when_the_isu_serves_another_role)
{
	int fd3 = i2c_open(3);

	ASSERT_LE(0, fd3);
	/* ISU2 as a UART is not an I2C master, even for the same uid. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_UART, I2C_SENSOR_ISU, AZS_FW_CORE_HL,
			       BOARD_UID_OWNER));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &self->fd));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_UART, I2C_SENSOR_ISU));
	/* Owning ISU2 gives nothing on ISU3. */
	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, i2c_who_am_i_child, &fd3));
	RELEASE(I2C_SENSOR_ISU);
	close(fd3);
}

TEST_F(i2c, bad_transfers_are_refused)
{
	static uint8_t big[MAX_LEN + 1];
	struct i2c_msg msgs[I2C_RDWR_IOCTL_MAX_MSGS + 1];
	struct i2c_rdwr_ioctl_data d;
	uint8_t reg = 0, v = 0;

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	/* Zero messages, no message array, too many messages (i2c-dev). */
	d = (struct i2c_rdwr_ioctl_data){.msgs = msgs, .nmsgs = 0};
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, I2C_RDWR, &d)));
	d = (struct i2c_rdwr_ioctl_data){.msgs = NULL, .nmsgs = 1};
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, I2C_RDWR, &d)));
	d = (struct i2c_rdwr_ioctl_data){.msgs = (void *)1, .nmsgs = 1};
	EXPECT_EQ(-EFAULT, sys_ret(ioctl(self->fd, I2C_RDWR, &d)));
	for (unsigned int i = 0; i <= I2C_RDWR_IOCTL_MAX_MSGS; i++)
		msgs[i] = (struct i2c_msg){.addr = SENSOR, .flags = 0, .len = 0, .buf = NULL};
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, I2C_RDWR_IOCTL_MAX_MSGS + 1));
	/* The maximum number of messages is fine (42 address probes). */
	EXPECT_EQ(0, i2c_rdwr(self->fd, msgs, I2C_RDWR_IOCTL_MAX_MSGS));

	/* The largest message goes through; one byte more does not. */
	msgs[0] = (struct i2c_msg){.addr = SENSOR, .flags = 0, .len = 1, .buf = &reg};
	msgs[1] = (struct i2c_msg){.addr = SENSOR, .flags = I2C_M_RD, .len = MAX_LEN, .buf = big};
	EXPECT_EQ(0, i2c_rdwr(self->fd, msgs, 2));
	msgs[1].len = MAX_LEN + 1;
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));
	msgs[1].len = UINT16_MAX;
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));

	/* Flags the controller does not support, and 10-bit addresses. */
	msgs[1].len = 1;
	msgs[1].flags = I2C_M_RD | I2C_M_TEN;
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));
	msgs[1].flags = I2C_M_RD | I2C_M_NOSTART;
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));
	msgs[1].flags = I2C_M_RD | I2C_M_IGNORE_NAK;
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));
	msgs[1].flags = I2C_M_RD | I2C_M_RECV_LEN; /* i2c-dev: buffer too small */
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));
	msgs[1].flags = I2C_M_RD;
	msgs[1].addr = 0x80;
	EXPECT_EQ(-EINVAL, i2c_rdwr(self->fd, msgs, 2));
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, I2C_SLAVE, 0x80)));
	EXPECT_EQ(0, sys_ret(ioctl(self->fd, I2C_TENBIT, 1)));
	EXPECT_EQ(0, sys_ret(ioctl(self->fd, I2C_SLAVE, 0x16a)));
	EXPECT_EQ(-EINVAL, sys_ret(read(self->fd, &v, 1)));
	EXPECT_EQ(0, sys_ret(ioctl(self->fd, I2C_TENBIT, 0)));

	/* None of it disturbed the bus. */
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, bad_smbus_requests_are_refused)
{
	union i2c_smbus_data data = {0};
	struct i2c_smbus_ioctl_data args = {
		.read_write = I2C_SMBUS_READ,
		.command = LSM6DS3_WHO_AM_I,
		.size = 99,
		.data = &data,
	};

	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, ioctl(self->fd, I2C_SLAVE, SENSOR));
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, I2C_SMBUS, &args)));
	args.size = I2C_SMBUS_BYTE_DATA;
	args.read_write = 7;
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, I2C_SMBUS, &args)));
	/*
	 * SMBus block reads are not among the adapter's functions: the
	 * emulated message (I2C_M_RECV_LEN) is refused.
	 */
	args.read_write = I2C_SMBUS_READ;
	args.size = I2C_SMBUS_BLOCK_DATA;
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, I2C_SMBUS, &args)));
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, unknown_ioctls_are_enotty)
{
	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, 0x0799, 0)));
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, _IOR('x', 1, int), 0)));
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, I2C_SLAVE + 0x100, SENSOR)));
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_F(i2c, the_log_records_transfers)
{
	char buf[2048], *last;
	uint8_t v = 0, three[3];
	int fd3 = i2c_open(3);

	ASSERT_LE(0, fd3);
	ASSERT_EQ(0, board_ctl_write("i2c/isu3/log", "clear"));
	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	ASSERT_EQ(-ENXIO, i2c_read_regs(self->fd, 0x50, 0, three, 2));
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
	ASSERT_EQ(-EACCES, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	ASSERT_LE(0, board_ctl_read("i2c/isu2/log", buf, sizeof(buf)));
	EXPECT_STREQ("addr 0x6a w 1 r 1 ok\n"
		     "addr 0x50 w 1 r 2 nack\n"
		     "addr 0x6a w 1 r 1 denied\n",
		     buf);
	/* Each ISU has its own log. */
	ASSERT_EQ(0, board_ctl_read("i2c/isu3/log", buf, sizeof(buf)));

	/* Bounded: the last 16 transfers, newest last. */
	for (int i = 0; i < 20; i++)
		ASSERT_EQ(-EACCES, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	ASSERT_EQ(-EACCES, i2c_read_regs(self->fd, SENSOR, LSM6DS3_WHO_AM_I, three, 3));
	ASSERT_LT(0, board_ctl_read("i2c/isu2/log", buf, sizeof(buf)));
	EXPECT_EQ(16, count_lines(buf));
	buf[strlen(buf) - 1] = '\0';
	last = strrchr(buf, '\n');
	ASSERT_NE(NULL, last);
	EXPECT_STREQ("\naddr 0x6a w 1 r 3 denied", last);

	ASSERT_EQ(0, board_ctl_write("i2c/isu2/log", "clear\n"));
	EXPECT_EQ(0, board_ctl_read("i2c/isu2/log", buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/log", "bogus"));
	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/log", "clear everything"));
	close(fd3);
}

TEST_F(i2c, the_speed_control_round_trips)
{
	struct stat st;
	char buf[32];
	uint8_t v = 0;

	ASSERT_EQ(0, stat(BOARD_CONTROL "i2c/isu2/speed", &st));
	EXPECT_EQ(0600, st.st_mode & 0777);
	ASSERT_EQ(0, stat(BOARD_CONTROL "i2c/isu2/log", &st));
	EXPECT_EQ(0600, st.st_mode & 0777);

	ASSERT_LT(0, board_ctl_read("i2c/isu2/speed", buf, sizeof(buf)));
	EXPECT_STREQ("100000\n", buf);
	ASSERT_EQ(0, board_ctl_write("i2c/isu2/speed", "400000"));
	ASSERT_LT(0, board_ctl_read("i2c/isu2/speed", buf, sizeof(buf)));
	EXPECT_STREQ("400000\n", buf);
	ASSERT_EQ(0, board_ctl_write("i2c/isu2/speed", "1000000\n"));
	ASSERT_LT(0, board_ctl_read("i2c/isu2/speed", buf, sizeof(buf)));
	EXPECT_STREQ("1000000\n", buf);
	/* Other ISUs keep theirs. */
	ASSERT_LT(0, board_ctl_read("i2c/isu3/speed", buf, sizeof(buf)));
	EXPECT_STREQ("100000\n", buf);

	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/speed", "3400000"));
	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/speed", "12"));
	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/speed", "fast"));
	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/speed", "-400000"));
	EXPECT_EQ(-EINVAL, board_ctl_write("i2c/isu2/speed", "\n"));
	ASSERT_LT(0, board_ctl_read("i2c/isu2/speed", buf, sizeof(buf)));
	EXPECT_STREQ("1000000\n", buf);

	/* Transfers work at any speed. */
	ASSIGN(I2C_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, read_reg(self->fd, LSM6DS3_WHO_AM_I, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(I2C_SENSOR_ISU);
}

TEST_HARNESS_MAIN
