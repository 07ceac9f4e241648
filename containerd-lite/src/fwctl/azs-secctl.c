// SPDX-License-Identifier: MIT
/*
 * azs-secctl: the security state from inside the device (root to change).
 *
 *   azs-secctl mfg-state                      print Blank|Module1Complete|DeviceComplete
 *   azs-secctl mfg-state Module1Complete|DeviceComplete
 *   azs-secctl capabilities                   print the capability values present
 *
 * Exit 0 on success, 1 when refused (message names the reason), 2 for bad
 * arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <azsphere/security.h>

static const char *const states[] = {"Blank", "Module1Complete", "DeviceComplete"};

static int usage(void)
{
	fprintf(stderr,
		"usage: azs-secctl mfg-state [Module1Complete|DeviceComplete] | capabilities | "
		"update-counter\n");
	return 2;
}

int main(int argc, char **argv)
{
	int fd;

	if (argc < 2)
		return usage();
	fd = open(AZS_SEC_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "azs-secctl: %s: %s\n", AZS_SEC_DEVICE, strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "mfg-state") && argc == 2) {
		struct azs_sec_mfg_state m = {.size = sizeof(m)};

		if (ioctl(fd, AZS_SEC_IOC_GET_MFG_STATE, &m) || m.state > 2) {
			fprintf(stderr, "azs-secctl: %s\n", strerror(errno));
			return 1;
		}
		printf("%s\n", states[m.state]);
		return 0;
	}
	if (!strcmp(argv[1], "mfg-state") && argc == 3) {
		struct azs_sec_mfg_state m = {.size = sizeof(m), .state = 3};

		for (unsigned int s = 1; s < 3; s++)
			if (!strcmp(argv[2], states[s]))
				m.state = s;
		if (m.state == 3)
			return usage();
		if (ioctl(fd, AZS_SEC_IOC_SET_MFG_STATE, &m)) {
			fprintf(stderr, "azs-secctl: cannot set %s: %s\n", argv[2],
				errno == EPERM ? "the manufacturing state is one-way"
					       : strerror(errno));
			return 1;
		}
		return 0;
	}
	if (!strcmp(argv[1], "capabilities") && argc == 2) {
		struct azs_sec_caps c = {.size = sizeof(c)};

		if (ioctl(fd, AZS_SEC_IOC_GET_CAPS, &c)) {
			fprintf(stderr, "azs-secctl: %s\n", strerror(errno));
			return 1;
		}
		for (int v = 1; v < 64; v++)
			if (c.present & (1ull << v))
				printf("%d\n", v);
		return 0;
	}
	if (!strcmp(argv[1], "update-counter") && argc == 2) {
		/* The monitor's anti-rollback counter (cloud deployments). */
		struct azs_sec_update_counter u = {.size = sizeof(u)};

		if (ioctl(fd, AZS_SEC_IOC_UPDATE_COUNTER, &u)) {
			perror("azs-secctl: update counter");
			return 1;
		}
		printf("%llu\n", (unsigned long long)u.counter);
		return 0;
	}
	return usage();
}
