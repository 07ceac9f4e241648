// SPDX-License-Identifier: MIT
/*
 * The simulated board's SPI masters (ISU0..4, chip selects A and B =
 * /dev/spidev<k>.0 and .1) and the LSM6DS3-like sensor on ISU1 CS A: what
 * an owner sees, what the firewall refuses (EACCES), bad input, and the
 * control files.
 *
 * The device nodes are root's (0600), so each test opens them as root and
 * then acts as BOARD_UID_OWNER: with seteuid() (the firewall checks the
 * effective uid; the test becomes root again to change the firewall) or in
 * a child with board_run_as() (fork + setuid, a separate process as an app
 * would be). Every test leaves the firewall table empty, the devices in
 * mode 0 MSB first and the sensor in its reset state.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "board_util.h"
#include "fw_util.h"
#include "spi_util.h"
#include "ksft_modules.h"

AZS_KSFT_NEEDS_MODULES("azs_firewall", "azs_board");

#define NUM_ISU        5
#define MAX_HZ         40000000
#define MAX_TRANSFERS  256  /* SPI_MASTER_MAX_TRANSFERS */
#define MAX_LEN        4096 /* controller limit per transfer */
#define REG_CTRL1_XL   0x10
#define REG_CTRL2_G    0x11
#define REG_CTRL3_C    0x12
#define REG_STATUS     0x1e
#define REG_OUTX_L_XL  0x28
#define CTRL3_SW_RESET 0x01
#define XL_104HZ_2G    0x40
#define ONE_G          16384 /* LSB at +-2 g */

FIXTURE(spi)
{
	int fw;
	int fd;  /* /dev/spidev1.0 (the sensor), opened by root */
	int fdb; /* /dev/spidev1.1 (nothing) */
};

FIXTURE_SETUP(spi)
{
	FW_OPEN_CLEAN(self->fw);
	self->fd = spi_open(SPI_SENSOR_ISU, SPI_CS_A);
	ASSERT_LE(0, self->fd) TH_LOG("open /dev/spidev1.0: %s", strerror(errno));
	self->fdb = spi_open(SPI_SENSOR_ISU, SPI_CS_B);
	ASSERT_LE(0, self->fdb) TH_LOG("open /dev/spidev1.1: %s", strerror(errno));
	ASSERT_EQ(0, board_ctl_write("spi/isu1/log", "clear"));
}

FIXTURE_TEARDOWN(spi)
{
	struct azs_fw_status st;
	uint32_t hz = MAX_HZ;

	if (seteuid(0))
		TH_LOG("seteuid(0): %s", strerror(errno));
	for (unsigned int isu = 0; isu < NUM_ISU; isu++)
		fw_release(self->fw, AZS_FW_KIND_SPI, isu);
	fw_release(self->fw, AZS_FW_KIND_I2C, SPI_SENSOR_ISU);
	board_ctl_write("sensor/attach", "spi 1");
	/* Back to the defaults, as root owning ISU1 briefly. */
	if (!fw_assign(self->fw, AZS_FW_KIND_SPI, SPI_SENSOR_ISU, AZS_FW_CORE_HL, 0)) {
		EXPECT_EQ(0, spi_set_mode(self->fd, SPI_MODE_0));
		EXPECT_EQ(0, spi_set_mode(self->fdb, SPI_MODE_0));
		EXPECT_EQ(0, ioctl(self->fd, SPI_IOC_WR_MAX_SPEED_HZ, &hz));
		EXPECT_EQ(0, spi_write_reg(self->fd, REG_CTRL3_C, CTRL3_SW_RESET));
		fw_release(self->fw, AZS_FW_KIND_SPI, SPI_SENSOR_ISU);
	}
	EXPECT_EQ(0, fw_status(self->fw, &st));
	EXPECT_EQ(0, st.num_assigned);
	close(self->fdb);
	close(self->fd);
	close(self->fw);
}

#define ASSIGN(isu, uid)                                                                           \
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_SPI, isu, AZS_FW_CORE_HL, uid))
#define RELEASE(isu) ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_SPI, isu))
#define BECOME(uid)  ASSERT_EQ(0, seteuid(uid))

static int sys_ret(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

static int who_am_i(int fd, uint8_t *v)
{
	return spi_read_regs(fd, LSM6DS3_WHO_AM_I, v, 1);
}

static unsigned int bitrev8(unsigned int b)
{
	unsigned int r = 0;

	for (int i = 0; i < 8; i++)
		r |= ((b >> i) & 1) << (7 - i);
	return r;
}

/* Children for board_run_as(): 0 on success, else the errno. */
static int set_mode_child(void *arg)
{
	return -spi_set_mode(*(int *)arg, SPI_MODE_3);
}

static int set_lsb_child(void *arg)
{
	uint8_t lsb = 1;

	return ioctl(*(int *)arg, SPI_IOC_WR_LSB_FIRST, &lsb) ? errno : 0;
}

static int set_bits_child(void *arg)
{
	uint8_t bits = 8;

	return ioctl(*(int *)arg, SPI_IOC_WR_BITS_PER_WORD, &bits) ? errno : 0;
}

static int set_speed_child(void *arg)
{
	uint32_t hz = 1000000;

	return ioctl(*(int *)arg, SPI_IOC_WR_MAX_SPEED_HZ, &hz) ? errno : 0;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

TEST_F(spi, five_controllers_with_two_chip_selects)
{
	for (unsigned int isu = 0; isu < NUM_ISU; isu++) {
		char path[96], buf[64] = "", *real;
		FILE *f;

		snprintf(path, sizeof(path), "/sys/class/spi_master/spi%u", isu);
		real = realpath(path, NULL);
		ASSERT_NE(NULL, real) TH_LOG("%s: %s", path, strerror(errno));
		EXPECT_NE(NULL, strstr(real, "/azsphere-board/")) TH_LOG("%s", real);
		free(real);

		for (unsigned int cs = 0; cs < 2; cs++) {
			uint32_t mode = 0xff, hz = 0;
			uint8_t bits = 0, lsb = 0xff;
			int fd;

			snprintf(path, sizeof(path),
				 "/sys/bus/spi/devices/spi%u.%u/driver_override", isu, cs);
			f = fopen(path, "r");
			ASSERT_NE(NULL, f) TH_LOG("%s: %s", path, strerror(errno));
			ASSERT_NE(NULL, fgets(buf, sizeof(buf), f));
			fclose(f);
			EXPECT_STREQ("spidev\n", buf);
			snprintf(path, sizeof(path), "/sys/bus/spi/devices/spi%u.%u/driver", isu,
				 cs);
			real = realpath(path, NULL);
			ASSERT_NE(NULL, real) TH_LOG("%s: %s", path, strerror(errno));
			EXPECT_STREQ("spidev", strrchr(real, '/') + 1);
			free(real);

			fd = spi_open(isu, cs);
			ASSERT_LE(0, fd) TH_LOG("/dev/spidev%u.%u: %s", isu, cs, strerror(errno));
			ASSERT_EQ(0, ioctl(fd, SPI_IOC_RD_MODE32, &mode));
			EXPECT_EQ(SPI_MODE_0, mode);
			ASSERT_EQ(0, ioctl(fd, SPI_IOC_RD_LSB_FIRST, &lsb));
			EXPECT_EQ(0, lsb);
			ASSERT_EQ(0, ioctl(fd, SPI_IOC_RD_BITS_PER_WORD, &bits));
			EXPECT_EQ(8, bits);
			ASSERT_EQ(0, ioctl(fd, SPI_IOC_RD_MAX_SPEED_HZ, &hz));
			EXPECT_EQ(MAX_HZ, hz);
			close(fd);
		}
		/* Two chip selects only. */
		snprintf(path, sizeof(path), "/dev/spidev%u.2", isu);
		EXPECT_NE(0, access(path, F_OK));
	}
}

TEST_F(spi, owner_reads_who_am_i_in_mode_0)
{
	uint8_t tx[2] = {LSM6DS3_READ | LSM6DS3_WHO_AM_I, 0}, rx[2] = {0};

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_0));
	ASSERT_EQ(0, spi_xfer(self->fd, tx, rx, 2));
	EXPECT_EQ(SPI_MISO_IDLE, rx[0]); /* MISO is not driven during the command */
	EXPECT_EQ(LSM6DS3_ID, rx[1]);
	BECOME(0);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, owner_reads_who_am_i_in_mode_3)
{
	uint8_t v = 0;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_3));
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, owner_writes_and_reads_back_registers)
{
	uint8_t v[2] = {0};

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, spi_write_reg(self->fd, REG_CTRL1_XL, 0x20));
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_CTRL1_XL, v, 1));
	EXPECT_EQ(0x20, v[0]);
	/* Auto-increment: WHO_AM_I, then CTRL1_XL. */
	ASSERT_EQ(0, spi_read_regs(self->fd, LSM6DS3_WHO_AM_I, v, 2));
	EXPECT_EQ(LSM6DS3_ID, v[0]);
	EXPECT_EQ(0x20, v[1]);
	/* WHO_AM_I is read-only. */
	ASSERT_EQ(0, spi_write_reg(self->fd, LSM6DS3_WHO_AM_I, 0x12));
	ASSERT_EQ(0, who_am_i(self->fd, v));
	EXPECT_EQ(LSM6DS3_ID, v[0]);
	/* Software reset. */
	ASSERT_EQ(0, spi_write_reg(self->fd, REG_CTRL3_C, CTRL3_SW_RESET));
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_CTRL1_XL, v, 1));
	EXPECT_EQ(0, v[0]);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

/* A message is one chip-select frame unless a transfer sets cs_change. */
TEST_F(spi, transfers_share_the_frame_until_cs_change)
{
	uint8_t cmd = LSM6DS3_READ | LSM6DS3_WHO_AM_I, v = 0;
	uint8_t w1[2] = {REG_CTRL1_XL, 0x11}, w2 = 0x22, r[3] = {0};
	uint8_t rcmd[3] = {LSM6DS3_READ | REG_CTRL1_XL, 0, 0};
	struct spi_ioc_transfer x[2];

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	/* SPIMaster_WriteThenRead's shape: command, then a read-only transfer. */
	memset(x, 0, sizeof(x));
	x[0] = (struct spi_ioc_transfer){.tx_buf = (uintptr_t)&cmd, .len = 1};
	x[1] = (struct spi_ioc_transfer){.rx_buf = (uintptr_t)&v, .len = 1};
	ASSERT_EQ(0, spi_message(self->fd, x, 2));
	EXPECT_EQ(LSM6DS3_ID, v);

	/* One frame over two transfers: CTRL1_XL = 0x11, CTRL2_G = 0x22. */
	x[0] = (struct spi_ioc_transfer){.tx_buf = (uintptr_t)w1, .len = 2};
	x[1] = (struct spi_ioc_transfer){.tx_buf = (uintptr_t)&w2, .len = 1};
	ASSERT_EQ(0, spi_message(self->fd, x, 2));
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_CTRL1_XL, r, 2));
	EXPECT_EQ(0x11, r[0]);
	EXPECT_EQ(0x22, r[1]);

	/* cs_change ends the write: the second transfer is a new command. */
	w1[1] = 0x33;
	x[0] = (struct spi_ioc_transfer){.tx_buf = (uintptr_t)w1, .len = 2, .cs_change = 1};
	x[1] = (struct spi_ioc_transfer){
		.tx_buf = (uintptr_t)rcmd, .rx_buf = (uintptr_t)r, .len = 3};
	ASSERT_EQ(0, spi_message(self->fd, x, 2));
	EXPECT_EQ(SPI_MISO_IDLE, r[0]);
	EXPECT_EQ(0x33, r[1]);
	EXPECT_EQ(0x22, r[2]);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, accelerometer_samples_move_and_read_one_g)
{
	uint8_t a[6], b[6], status = 0xff;
	int16_t z;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_STATUS, &status, 1));
	EXPECT_EQ(0, status & 0x01);
	ASSERT_EQ(0, spi_write_reg(self->fd, REG_CTRL1_XL, XL_104HZ_2G));
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_STATUS, &status, 1));
	EXPECT_EQ(0x01, status & 0x01); /* XLDA */
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_OUTX_L_XL, a, sizeof(a)));
	usleep(100 * 1000);
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_OUTX_L_XL, b, sizeof(b)));
	EXPECT_NE(0, memcmp(a, b, sizeof(a)));
	z = (int16_t)(b[4] | b[5] << 8);
	EXPECT_GT(z, ONE_G - 1024) TH_LOG("Z = %d", z);
	EXPECT_LT(z, ONE_G + 1024) TH_LOG("Z = %d", z);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

/* Over SPI too, 1 g reads about 1000 mg at +-4 g (0.122 mg/LSB) and +-16 g (0.488). */
TEST_F(spi, accelerometer_follows_the_full_scale_bits)
{
	static const struct {
		uint8_t ctrl1;
		int ug_per_lsb;
	} scales[] = {{0x48, 122}, {0x44, 488}};
	uint8_t b[6];

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	for (size_t i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		int mg;

		ASSERT_EQ(0, spi_write_reg(self->fd, REG_CTRL1_XL, scales[i].ctrl1));
		ASSERT_EQ(0, spi_read_regs(self->fd, REG_OUTX_L_XL, b, sizeof(b)));
		mg = (int)(int16_t)(b[4] | b[5] << 8) * scales[i].ug_per_lsb / 1000;
		EXPECT_GT(mg, 950) TH_LOG("CTRL1_XL 0x%02x: Z = %d mg", scales[i].ctrl1, mg);
		EXPECT_LT(mg, 1050) TH_LOG("CTRL1_XL 0x%02x: Z = %d mg", scales[i].ctrl1, mg);
	}
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

/* The part only understands mode 0 or 3, MSB first, active-low select. */
TEST_F(spi, other_modes_and_bit_orders_read_garbage)
{
	uint8_t tx[2] = {bitrev8(LSM6DS3_READ | LSM6DS3_WHO_AM_I), 0}, rx[2] = {0};
	uint8_t v = 0;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_1));
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_NE(LSM6DS3_ID, v);
	EXPECT_EQ(SPI_MISO_IDLE, v);
	/* Nor does a write land. */
	ASSERT_EQ(0, spi_write_reg(self->fd, REG_CTRL1_XL, 0x40));
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_2));
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_NE(LSM6DS3_ID, v);
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_0 | SPI_CS_HIGH));
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(SPI_MISO_IDLE, v);

	/* LSB first: the part sees every byte bit-reversed. */
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_0 | SPI_LSB_FIRST));
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_NE(LSM6DS3_ID, v);
	ASSERT_EQ(0, spi_xfer(self->fd, tx, rx, 2));
	EXPECT_EQ(bitrev8(LSM6DS3_ID), rx[1]);

	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_0));
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	ASSERT_EQ(0, spi_read_regs(self->fd, REG_CTRL1_XL, &v, 1));
	EXPECT_EQ(0, v);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, chip_select_b_has_nothing)
{
	uint8_t tx[4] = {LSM6DS3_READ | LSM6DS3_WHO_AM_I, 1, 2, 3}, rx[4] = {0};

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, spi_xfer(self->fdb, tx, rx, sizeof(rx)));
	for (unsigned int i = 0; i < sizeof(rx); i++)
		EXPECT_EQ(SPI_MISO_IDLE, rx[i]);
	ASSERT_EQ(0, spi_set_mode(self->fdb, SPI_MODE_3));
	memset(rx, 0, sizeof(rx));
	ASSERT_EQ(0, spi_xfer(self->fdb, tx, rx, sizeof(rx)));
	EXPECT_EQ(SPI_MISO_IDLE, rx[1]);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, no_sensor_on_the_other_isus)
{
	for (unsigned int isu = 0; isu < NUM_ISU; isu++) {
		uint8_t v = 0;
		int fd;

		if (isu == SPI_SENSOR_ISU)
			continue;
		fd = spi_open(isu, SPI_CS_A);
		ASSERT_LE(0, fd);
		ASSIGN(isu, BOARD_UID_OWNER);
		BECOME(BOARD_UID_OWNER);
		ASSERT_EQ(0, who_am_i(fd, &v)) TH_LOG("ISU%u", isu);
		EXPECT_EQ(SPI_MISO_IDLE, v) TH_LOG("ISU%u", isu);
		BECOME(0);
		RELEASE(isu);
		close(fd);
	}
}

TEST_F(spi, the_sensor_moves_with_the_attach_control)
{
	char buf[64];
	uint8_t v = 0;
	int fd3 = spi_open(3, SPI_CS_A);

	ASSERT_LE(0, fd3);
	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	ASSIGN(3, BOARD_UID_OWNER);

	ASSERT_EQ(0, board_ctl_write("sensor/attach", "spi none"));
	ASSERT_LT(0, board_ctl_read("sensor/attach", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, " spi none\n")) TH_LOG("%s", buf);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(SPI_MISO_IDLE, v);
	BECOME(0);

	ASSERT_EQ(0, board_ctl_write("sensor/attach", "spi 3"));
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(SPI_MISO_IDLE, v);
	ASSERT_EQ(0, who_am_i(fd3, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);

	ASSERT_EQ(0, board_ctl_write("sensor/attach", "spi 1"));
	ASSERT_LT(0, board_ctl_read("sensor/attach", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, " spi 1\n")) TH_LOG("%s", buf);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(3);
	RELEASE(SPI_SENSOR_ISU);
	close(fd3);
}

TEST_F(spi, denied_when_unassigned)
{
	uint8_t v = 0;

	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fdb));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, set_mode_child, &self->fd));
	/* Root owns nothing either. */
	EXPECT_EQ(-EACCES, who_am_i(self->fd, &v));
}

TEST_F(spi, denied_on_an_io_core)
{
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_SPI, SPI_SENSOR_ISU, AZS_FW_CORE_IO0,
			       AZS_FW_NO_OWNER));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, set_mode_child, &self->fd));
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, denied_to_another_uid)
{
	uint32_t mode = 0xff;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, spi_who_am_i_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, spi_who_am_i_child, &self->fdb));
	/* Nor may it change the owner's bus settings. */
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, set_mode_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, set_lsb_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, set_bits_child, &self->fd));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OTHER, set_speed_child, &self->fd));
	ASSERT_EQ(0, ioctl(self->fd, SPI_IOC_RD_MODE32, &mode));
	EXPECT_EQ(SPI_MODE_0, mode);
	/* The owner may. */
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, set_mode_child, &self->fd));
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, set_bits_child, &self->fd));
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, set_speed_child, &self->fd));
	ASSERT_EQ(0, ioctl(self->fd, SPI_IOC_RD_MODE32, &mode));
	EXPECT_EQ(SPI_MODE_3, mode);
	EXPECT_EQ(0, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, denied_after_release_on_an_open_fd)
{
	uint8_t v = 0;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-EACCES, who_am_i(self->fd, &v));
	EXPECT_EQ(-EACCES, spi_write_reg(self->fd, REG_CTRL1_XL, 0x40));
	EXPECT_EQ(-EACCES, spi_set_mode(self->fd, SPI_MODE_3));
	BECOME(0);
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
}

TEST_F(spi, denied_when_the_isu_serves_another_role)
{
	int fd3 = spi_open(3, SPI_CS_A);

	ASSERT_LE(0, fd3);
	/* ISU1 as an I2C master is not an SPI master, even for the same uid. */
	ASSERT_EQ(0, fw_assign(self->fw, AZS_FW_KIND_I2C, SPI_SENSOR_ISU, AZS_FW_CORE_HL,
			       BOARD_UID_OWNER));
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &self->fd));
	ASSERT_EQ(0, fw_release(self->fw, AZS_FW_KIND_I2C, SPI_SENSOR_ISU));
	/* Owning ISU1 gives nothing on ISU3. */
	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	EXPECT_EQ(EACCES, board_run_as(BOARD_UID_OWNER, spi_who_am_i_child, &fd3));
	RELEASE(SPI_SENSOR_ISU);
	close(fd3);
}

TEST_F(spi, bad_transfers_are_refused)
{
	static struct spi_ioc_transfer x[MAX_TRANSFERS + 1];
	static uint8_t tx[MAX_LEN + 1], rx[MAX_LEN + 1];
	uint8_t v = 0;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	/* Zero-length transfers. */
	EXPECT_EQ(-EINVAL, spi_xfer(self->fd, tx, rx, 0));
	EXPECT_EQ(-EINVAL, spi_xfer(self->fd, NULL, NULL, 0));

	/*
	 * Up to 256 transfers, in one frame: the read command, one byte
	 * read back, then clocks only (no buffers, which spidev would
	 * otherwise count against its bounce buffer, per transfer rounded
	 * up to the kmalloc alignment: 64 bytes on ARMv7).
	 */
	tx[0] = LSM6DS3_READ | LSM6DS3_WHO_AM_I;
	rx[0] = 0;
	for (unsigned int i = 0; i <= MAX_TRANSFERS; i++)
		x[i] = (struct spi_ioc_transfer){.len = 1};
	x[0].tx_buf = (uintptr_t)tx;
	x[1].rx_buf = (uintptr_t)rx;
	EXPECT_EQ(0, spi_message(self->fd, x, MAX_TRANSFERS));
	EXPECT_EQ(LSM6DS3_ID, rx[0]);
	EXPECT_EQ(-EINVAL, spi_message(self->fd, x, MAX_TRANSFERS + 1));

	/*
	 * Up to 4096 bytes per transfer. spidev's own buffer (bufsiz, 4096)
	 * refuses a larger transfer with data first (EMSGSIZE); without
	 * buffers (clocks only, on CS B) the controller's limit shows.
	 */
	tx[0] = LSM6DS3_READ;
	EXPECT_EQ(0, spi_xfer(self->fd, tx, rx, MAX_LEN));
	EXPECT_EQ(-EMSGSIZE, spi_xfer(self->fd, tx, rx, MAX_LEN + 1));
	EXPECT_EQ(0, spi_xfer(self->fdb, NULL, NULL, MAX_LEN));
	EXPECT_EQ(-EINVAL, spi_xfer(self->fdb, NULL, NULL, MAX_LEN + 1));
	EXPECT_EQ(-EINVAL, spi_xfer(self->fdb, NULL, NULL, UINT32_MAX / 4));

	/* Word sizes and wire widths the controller lacks. */
	x[0] = (struct spi_ioc_transfer){.tx_buf = (uintptr_t)tx, .len = 2, .bits_per_word = 16};
	EXPECT_EQ(-EINVAL, spi_message(self->fd, x, 1));
	x[0] = (struct spi_ioc_transfer){.tx_buf = (uintptr_t)tx, .len = 2, .tx_nbits = 2};
	EXPECT_EQ(-EINVAL, spi_message(self->fd, x, 1));
	x[0] = (struct spi_ioc_transfer){.rx_buf = (uintptr_t)rx, .len = 2, .rx_nbits = 3};
	EXPECT_EQ(-EINVAL, spi_message(self->fd, x, 1));
	/* A bad user pointer; an ioctl size that is no whole transfer. */
	x[0] = (struct spi_ioc_transfer){.tx_buf = 1, .len = 2};
	EXPECT_EQ(-EFAULT, spi_message(self->fd, x, 1));
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, _IOW(SPI_IOC_MAGIC, 0, char[33]), x)));
	/* None of it disturbed the bus. */
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, bad_configurations_are_refused)
{
	uint32_t mode, hz;
	uint8_t bits, v = 0;

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	bits = 16;
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, SPI_IOC_WR_BITS_PER_WORD, &bits)));
	bits = 7;
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, SPI_IOC_WR_BITS_PER_WORD, &bits)));
	EXPECT_EQ(-EINVAL, spi_set_mode(self->fd, SPI_3WIRE));
	EXPECT_EQ(-EINVAL, spi_set_mode(self->fd, SPI_LOOP));
	EXPECT_EQ(-EINVAL, spi_set_mode(self->fd, SPI_MODE_0 | SPI_TX_QUAD | SPI_TX_DUAL));
	EXPECT_EQ(-EINVAL, spi_set_mode(self->fd, 1u << 30));
	hz = 0;
	EXPECT_EQ(-EINVAL, sys_ret(ioctl(self->fd, SPI_IOC_WR_MAX_SPEED_HZ, &hz)));
	/* Nothing changed. */
	ASSERT_EQ(0, ioctl(self->fd, SPI_IOC_RD_MODE32, &mode));
	EXPECT_EQ(SPI_MODE_0, mode);
	ASSERT_EQ(0, ioctl(self->fd, SPI_IOC_RD_BITS_PER_WORD, &bits));
	EXPECT_EQ(8, bits);
	/* A valid speed is kept by spidev and used for later messages. */
	hz = 1000000;
	ASSERT_EQ(0, ioctl(self->fd, SPI_IOC_WR_MAX_SPEED_HZ, &hz));
	hz = 0;
	ASSERT_EQ(0, ioctl(self->fd, SPI_IOC_RD_MAX_SPEED_HZ, &hz));
	EXPECT_EQ(1000000, hz);
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	EXPECT_EQ(LSM6DS3_ID, v);
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, unknown_ioctls_are_enotty)
{
	uint8_t buf[32] = {0};

	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, _IO('x', 1), 0)));
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, _IOW(SPI_IOC_MAGIC, 99, uint32_t), buf)));
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, _IOR(SPI_IOC_MAGIC, 0, char[32]), buf)));
	EXPECT_EQ(-ENOTTY, sys_ret(ioctl(self->fd, 0x0703 /* I2C_SLAVE */, 0x6a)));
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
}

TEST_F(spi, the_log_records_messages)
{
	char buf[2048], *last;
	struct stat st;
	uint8_t v = 0;

	ASSERT_EQ(0, stat(BOARD_CONTROL "spi/isu1/log", &st));
	EXPECT_EQ(0600, st.st_mode & 0777);
	ASSERT_EQ(0, board_ctl_write("spi/isu3/log", "clear"));
	ASSIGN(SPI_SENSOR_ISU, BOARD_UID_OWNER);
	BECOME(BOARD_UID_OWNER);
	ASSERT_EQ(0, who_am_i(self->fd, &v));
	ASSERT_EQ(0, spi_set_mode(self->fd, SPI_MODE_3 | SPI_LSB_FIRST));
	ASSERT_EQ(0, spi_read_regs(self->fd, LSM6DS3_WHO_AM_I, (uint8_t[3]){0}, 3));
	ASSERT_EQ(0, spi_set_mode(self->fdb, SPI_MODE_1 | SPI_CS_HIGH));
	ASSERT_EQ(0, who_am_i(self->fdb, &v));
	ASSERT_EQ(-EINVAL, spi_xfer(self->fd, NULL, NULL, 0));
	BECOME(0);
	RELEASE(SPI_SENSOR_ISU);
	ASSERT_EQ(-EACCES, who_am_i(self->fd, &v));
	ASSERT_LE(0, board_ctl_read("spi/isu1/log", buf, sizeof(buf)));
	EXPECT_STREQ("cs 0 mode 0 msb 2 bytes ok\n"
		     "cs 0 mode 3 lsb 4 bytes ok\n"
		     "cs 1 mode 1 msb cs-high 2 bytes ok\n"
		     "cs 0 mode 3 lsb 0 bytes invalid\n"
		     "cs 0 mode 3 lsb 2 bytes denied\n",
		     buf);
	/* Each ISU has its own log. */
	ASSERT_EQ(0, board_ctl_read("spi/isu3/log", buf, sizeof(buf)));

	/* Bounded: the last 16 messages, newest last. */
	for (int i = 0; i < 20; i++)
		ASSERT_EQ(-EACCES, who_am_i(self->fd, &v));
	ASSERT_EQ(-EACCES, spi_read_regs(self->fdb, 0, (uint8_t[5]){0}, 5));
	ASSERT_LT(0, board_ctl_read("spi/isu1/log", buf, sizeof(buf)));
	EXPECT_EQ(16, count_lines(buf));
	buf[strlen(buf) - 1] = '\0';
	last = strrchr(buf, '\n');
	ASSERT_NE(NULL, last);
	EXPECT_STREQ("\ncs 1 mode 1 msb cs-high 6 bytes denied", last);

	ASSERT_EQ(0, board_ctl_write("spi/isu1/log", "clear\n"));
	EXPECT_EQ(0, board_ctl_read("spi/isu1/log", buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, board_ctl_write("spi/isu1/log", "bogus"));
	EXPECT_EQ(-EINVAL, board_ctl_write("spi/isu1/log", "clear everything"));
}

TEST_HARNESS_MAIN
