// SPDX-License-Identifier: MIT
/*
 * The platform side of the application manager: programs the peripheral
 * firewall from the installed manifests (each HL app's resources to its uid),
 * hands the app its device nodes, reads the manufacturing state and device
 * capabilities, and latches the lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <linux/gpio.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <grp.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <azsphere/firewall.h>
#include <azsphere/security.h>

#include "platform.h"
#include "util.h"
#include "package.h"

static int ioctl_errno(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

int platform_read_security(struct appmand *d)
{
	struct azs_sec_mfg_state m = {.size = sizeof(m)};
	struct azs_sec_caps c = {.size = sizeof(c)};
	int fd = open(AZS_SEC_DEVICE, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	ret = ioctl_errno(fd, AZS_SEC_IOC_GET_MFG_STATE, &m);
	if (!ret)
		ret = ioctl_errno(fd, AZS_SEC_IOC_GET_CAPS, &c);
	close(fd);
	if (ret)
		return ret;
	d->mfg_state = m.state;
	d->caps_present = c.present;
	return 0;
}

static int fw_open(void)
{
	int fd = open(AZS_FW_DEVICE, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* The core an app's resources go to: HL apps own theirs by uid. */
static void owner_of(const struct app *a, uint32_t *core, uint32_t *uid)
{
	if (a->manifest.app_type == AZS_APP_TYPE_DEFAULT) {
		*core = AZS_FW_CORE_HL;
		*uid = a->uid;
	} else {
		*core = AZS_FW_CORE_IO0;
		*uid = AZS_FW_NO_OWNER;
	}
}

/* Device nodes that carry an app's UART/I2C/SPI resources (chowned to it). */
static void node_of(const struct azs_fw_resource *r, char *path, size_t size)
{
	path[0] = '\0';
	switch (r->kind) {
	case AZS_FW_KIND_UART:
		snprintf(path, size, "/dev/ttyISU%u", r->index);
		break;
	case AZS_FW_KIND_I2C:
		snprintf(path, size, "/dev/i2c-%u", r->index);
		break;
	default:
		break;
	}
}

static void chown_nodes(const struct app *a, uid_t uid, gid_t gid)
{
	char path[64];

	for (size_t i = 0; i < a->res.n; i++) {
		const struct azs_fw_resource *r = &a->res.res[i];

		if (r->kind == AZS_FW_KIND_SPI) {
			for (int cs = 0; cs < 2; cs++) {
				snprintf(path, sizeof(path), "/dev/spidev%u.%d", r->index, cs);
				if (chown(path, uid, gid) == 0)
					chmod(path, 0600);
			}
			continue;
		}
		node_of(r, path, sizeof(path));
		if (path[0] && chown(path, uid, gid) == 0)
			chmod(path, 0600);
	}
}

/* Is R assigned to exactly CORE/UID already (a restarted daemon)? */
static bool already_owned(int fd, const struct azs_fw_resource *r, uint32_t core, uint32_t uid)
{
	struct azs_fw_query q = {.size = sizeof(q), .res = *r};

	return !ioctl_errno(fd, AZS_FW_IOC_QUERY, &q) && q.core == core && q.owner_uid == uid;
}

/*
 * Assign every resource of the app. Already holding them (a restarted
 * daemon) is fine: such a resource is left as it is, so this holds also once
 * the configuration is locked. On a refusal the resources assigned by this
 * call are released again.
 */
int platform_assign(struct appmand *d, struct app *a)
{
	bool mine[AZS_RESOURCES_MAX] = {false};
	uint32_t core, uid;
	size_t i;
	int fd, ret = 0;

	(void)d;
	if (a->res.n == 0) {
		a->peripherals_ok = true;
		return 0;
	}
	fd = fw_open();
	if (fd < 0)
		return fd;
	owner_of(a, &core, &uid);
	for (i = 0; i < a->res.n; i++) {
		struct azs_fw_assign as = {
			.size = sizeof(as),
			.res = a->res.res[i],
			.core = core,
			.owner_uid = uid,
		};

		if (already_owned(fd, &a->res.res[i], core, uid))
			continue;
		ret = ioctl_errno(fd, AZS_FW_IOC_ASSIGN, &as);
		if (ret) {
			char name[32];

			azs_resource_name(a->res.res[i].kind, a->res.res[i].index, name,
					  sizeof(name));
			snprintf(a->why, sizeof(a->why), "firewall refused %s: %s", name,
				 strerror(-ret));
			break;
		}
		mine[i] = true;
	}
	if (ret) {
		while (i-- > 0) {
			struct azs_fw_release rel = {.size = sizeof(rel), .res = a->res.res[i]};

			if (mine[i])
				ioctl(fd, AZS_FW_IOC_RELEASE, &rel);
		}
	} else {
		a->peripherals_ok = true;
		if (core == AZS_FW_CORE_HL)
			chown_nodes(a, a->uid, a->uid);
	}
	close(fd);
	return ret;
}

void platform_release(struct appmand *d, struct app *a, const struct azs_resource_list *res)
{
	struct app view = *a;
	int fd;

	(void)d;
	if (!a->peripherals_ok || res->n == 0) {
		a->peripherals_ok = false;
		return;
	}
	fd = fw_open();
	if (fd < 0)
		return;
	for (size_t i = 0; i < res->n; i++) {
		struct azs_fw_release rel = {.size = sizeof(rel), .res = res->res[i]};

		ioctl(fd, AZS_FW_IOC_RELEASE, &rel);
	}
	close(fd);
	view.res = *res;
	chown_nodes(&view, 0, 0);
	a->peripherals_ok = false;
}

int platform_lock(struct appmand *d)
{
	struct azs_fw_status st = {.size = sizeof(st)};
	int fd = fw_open(), ret;

	if (fd < 0)
		return fd;
	ret = ioctl(fd, AZS_FW_IOC_LOCK, 0UL) ? -errno : 0;
	if (!ret)
		ret = ioctl_errno(fd, AZS_FW_IOC_STATUS, &st);
	close(fd);
	if (!ret)
		d->locked = st.state & AZS_FW_STATUS_LOCKED;
	return ret;
}

/* The gpiochip of the MT3620 board, by label. */
static int gpiochip_path(char *path, size_t size)
{
	glob_t g;
	int ret = -ENOENT;

	if (glob("/dev/gpiochip*", 0, NULL, &g))
		return -ENOENT;
	for (size_t i = 0; i < g.gl_pathc && ret; i++) {
		struct gpiochip_info info;
		int fd = open(g.gl_pathv[i], O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			continue;
		if (!ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &info) &&
		    !strncmp(info.label, "mt3620-gpio", sizeof(info.label))) {
			snprintf(path, size, "%s", g.gl_pathv[i]);
			ret = 0;
		}
		close(fd);
	}
	globfree(&g);
	return ret;
}

/* The GPIO chip is shared: the firewall decides line by line. */
void platform_prepare_nodes(void)
{
	char path[64];

	if (gpiochip_path(path, sizeof(path)) == 0)
		chmod(path, 0666);
}

int platform_device_paths(const struct app *a, char paths[][64], char names[][32], size_t max,
			  size_t *n)
{
	bool gpio = false;

	*n = 0;
	for (size_t i = 0; i < a->res.n && *n < max; i++) {
		const struct azs_fw_resource *r = &a->res.res[i];
		char path[64];

		if (r->kind == AZS_FW_KIND_GPIO) {
			gpio = true;
			continue;
		}
		if (r->kind == AZS_FW_KIND_SPI) {
			for (int cs = 0; cs < 2 && *n < max; cs++) {
				snprintf(paths[*n], 64, "/dev/spidev%u.%d", r->index, cs);
				snprintf(names[*n], 32, "spidev%u.%d", r->index, cs);
				(*n)++;
			}
			continue;
		}
		node_of(r, path, sizeof(path));
		if (!path[0])
			continue; /* PWM and ADC live in sysfs: platform_sysfs() */
		snprintf(paths[*n], 64, "%s", path);
		snprintf(names[*n], 32, "%s", path + 5);
		(*n)++;
	}
	if (gpio && *n < max && gpiochip_path(paths[*n], 64) == 0) {
		snprintf(names[*n], 32, "%s", paths[*n] + 5);
		(*n)++;
	}
	return 0;
}

/*
 * The keys packages may be signed with: the production and SDK keys among
 * the root-of-trust keys, read from the security monitor (they exist
 * nowhere else on the device).
 */
int platform_trusted_keys(struct azs_trusted_key *keys, size_t max, size_t *n)
{
	struct azs_sec_rot_key k;
	int fd = open(AZS_SEC_DEVICE, O_RDONLY | O_CLOEXEC), ret = 0;
	uint32_t slot = 0, count = 1;

	if (fd < 0)
		return -errno;
	*n = 0;
	for (slot = 0; slot < count && *n < max; slot++) {
		memset(&k, 0, sizeof(k));
		k.size = sizeof(k);
		k.slot = slot;
		ret = ioctl_errno(fd, AZS_SEC_IOC_GET_ROT_KEY, &k);
		if (ret)
			break;
		count = k.num_keys;
		if (k.role != AZS_KEY_ROLE_PRODUCTION && k.role != AZS_KEY_ROLE_SDK)
			continue;
		memcpy(keys[*n].id, k.key_id, sizeof(keys[*n].id));
		memcpy(keys[*n].pub, k.pub, sizeof(keys[*n].pub));
		keys[*n].role = k.role;
		(*n)++;
	}
	close(fd);
	return ret;
}

/* The class directory of PWM controller K: "/sys/class/pwm/pwmchipN" and its real path. */
static int pwm_chip(uint32_t k, char *class_path, size_t class_size, char *real, size_t real_size)
{
	char want[32], link[PATH_MAX], target[PATH_MAX];
	glob_t g;
	int ret = -ENODEV;

	snprintf(want, sizeof(want), "/mt3620-pwm%u", k);
	if (glob("/sys/class/pwm/pwmchip*", 0, NULL, &g))
		return -ENODEV;
	for (size_t i = 0; i < g.gl_pathc && ret; i++) {
		ssize_t n;

		snprintf(link, sizeof(link), "%s/device", g.gl_pathv[i]);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = 0;
		n = (ssize_t)strlen(want);
		if ((size_t)strlen(target) >= (size_t)n &&
		    !strcmp(target + strlen(target) - n, want) && realpath(g.gl_pathv[i], real) &&
		    strlen(real) < real_size) {
			snprintf(class_path, class_size, "%s", g.gl_pathv[i]);
			ret = 0;
		}
	}
	globfree(&g);
	return ret;
}

/* The IIO device of ADC controller K ("mt3620-adc<k>"). */
static int adc_device(uint32_t k, char *bus_path, size_t bus_size, char *real, size_t real_size)
{
	char want[32], name_path[PATH_MAX], name[64];
	glob_t g;
	int ret = -ENODEV;

	snprintf(want, sizeof(want), "mt3620-adc%u\n", k);
	if (glob("/sys/bus/iio/devices/iio:device*", 0, NULL, &g))
		return -ENODEV;
	for (size_t i = 0; i < g.gl_pathc && ret; i++) {
		ssize_t n;
		int fd;

		snprintf(name_path, sizeof(name_path), "%s/name", g.gl_pathv[i]);
		fd = open(name_path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, name, sizeof(name) - 1);
		close(fd);
		if (n <= 0)
			continue;
		name[n] = 0;
		if (!strcmp(name, want) && realpath(g.gl_pathv[i], real) &&
		    strlen(real) < real_size) {
			snprintf(bus_path, bus_size, "%s", g.gl_pathv[i]);
			ret = 0;
		}
	}
	globfree(&g);
	return ret;
}

/*
 * Give the app its PWM controller's sysfs files: the firewall checks every
 * export and write by the writer's uid, so the channels are exported as the
 * app (in a child that has become it) and their attribute files, which
 * sysfs creates root-owned, are handed to it.
 */
static int pwm_grant(const char *chip, uid_t uid)
{
	static const char *const attrs[] = {"period", "duty_cycle", "polarity", "enable"};
	char path[PATH_MAX + 32];
	int status;
	pid_t pid;

	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", chip, i ? "unexport" : "export");
		if (chown(path, uid, uid))
			return -errno;
	}
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int bad = 0;

		if (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			_exit(1);
		for (int c = 0; c < 4; c++) {
			char ch[4];

			snprintf(path, sizeof(path), "%s/pwm%d", chip, c);
			if (!access(path, F_OK))
				continue;
			snprintf(path, sizeof(path), "%s/export", chip);
			snprintf(ch, sizeof(ch), "%d", c);
			bad |= appmand_write_text(path, ch) != 0;
		}
		_exit(bad);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return -EACCES;
	for (int c = 0; c < 4; c++)
		for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
			snprintf(path, sizeof(path), "%s/pwm%d/%s", chip, c, attrs[i]);
			if (chown(path, uid, uid))
				return -errno;
		}
	return 0;
}

int platform_sysfs(const struct app *a, char app_paths[][PATH_MAX], char host_paths[][PATH_MAX],
		   size_t max, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < a->res.n; i++) {
		const struct azs_fw_resource *r = &a->res.res[i];
		int ret;

		if (r->kind != AZS_FW_KIND_PWM && r->kind != AZS_FW_KIND_ADC)
			continue;
		if (*n == max)
			return -E2BIG;
		if (r->kind == AZS_FW_KIND_PWM) {
			ret = pwm_chip(r->index, app_paths[*n], PATH_MAX, host_paths[*n], PATH_MAX);
			if (!ret)
				ret = pwm_grant(host_paths[*n], a->uid);
		} else {
			ret = adc_device(r->index, app_paths[*n], PATH_MAX, host_paths[*n],
					 PATH_MAX);
		}
		if (ret)
			return ret;
		(*n)++;
	}
	return 0;
}

int platform_update_counter(uint64_t *value, bool advance)
{
	struct azs_sec_update_counter u = {.size = sizeof(u)};
	int fd = open(AZS_SEC_DEVICE, O_RDWR | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	if (advance) {
		u.flags = AZS_SEC_COUNTER_ADVANCE;
		u.counter = *value;
	}
	ret = ioctl_errno(fd, AZS_SEC_IOC_UPDATE_COUNTER, &u);
	close(fd);
	if (!ret && !advance)
		*value = u.counter;
	return ret;
}
