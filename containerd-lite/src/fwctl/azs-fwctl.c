// SPDX-License-Identifier: MIT
/*
 * azs-fwctl: the peripheral firewall from inside the device (root).
 *
 *   azs-fwctl status                 "locked 0 assigned 3 blocks 15"
 *   azs-fwctl query KIND INDEX       "core hl owner 2000 block 2 block-core hl function gpio"
 *   azs-fwctl assign KIND INDEX hl UID | io0 | io1
 *   azs-fwctl lock                   (one-way until the reboot: tests)
 *   azs-fwctl release KIND INDEX     (tests and debugging: the application
 *                                     manager assigns apps' resources)
 *
 * KIND: gpio, uart, i2c, spi, pwm, adc, i2s. Exit 0 on success, 1 when the
 * firewall refuses (message on stderr), 2 for bad arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <azsphere/firewall.h>

static const char *const kinds[] = {"none", "gpio", "uart", "i2c", "spi", "pwm", "adc", "i2s"};
static const char *const cores[] = {"none", "hl", "io0", "io1"};

static int usage(void)
{
	fprintf(stderr,
		"usage: azs-fwctl status | query KIND INDEX | assign KIND INDEX hl UID|io0|io1\n"
		"       | release KIND INDEX | lock\n");
	return 2;
}

/* KIND INDEX -> RES; 0 or -1 (bad arguments). */
static int parse_res(const char *kind, const char *index, struct azs_fw_resource *res)
{
	unsigned long v;
	unsigned int k;
	char *end;

	for (k = 1; k <= AZS_FW_KIND_MAX; k++)
		if (!strcmp(kind, kinds[k]))
			break;
	errno = 0;
	v = strtoul(index, &end, 10);
	if (k > AZS_FW_KIND_MAX || errno || *end || end == index || v > UINT32_MAX)
		return -1;
	res->kind = k;
	res->index = (uint32_t)v;
	return 0;
}

/* assign KIND INDEX hl UID | io0 | io1;  release KIND INDEX */
static int change(int fd, int argc, char **argv)
{
	if (!strcmp(argv[1], "release") && argc == 4) {
		struct azs_fw_release r = {.size = sizeof(r)};

		if (parse_res(argv[2], argv[3], &r.res))
			return usage();
		if (ioctl(fd, AZS_FW_IOC_RELEASE, &r)) {
			fprintf(stderr, "azs-fwctl: release %s %s: %s\n", argv[2], argv[3],
				strerror(errno));
			return 1;
		}
		return 0;
	}
	if (!strcmp(argv[1], "assign") && (argc == 5 || argc == 6)) {
		struct azs_fw_assign a = {.size = sizeof(a), .owner_uid = AZS_FW_NO_OWNER};

		if (parse_res(argv[2], argv[3], &a.res))
			return usage();
		if (!strcmp(argv[4], "hl") && argc == 6) {
			char *end;
			unsigned long uid;

			errno = 0;
			uid = strtoul(argv[5], &end, 10);
			if (errno || *end || end == argv[5] || uid >= AZS_FW_NO_OWNER)
				return usage();
			a.core = AZS_FW_CORE_HL;
			a.owner_uid = (uint32_t)uid;
		} else if (!strcmp(argv[4], "io0") && argc == 5) {
			a.core = AZS_FW_CORE_IO0;
		} else if (!strcmp(argv[4], "io1") && argc == 5) {
			a.core = AZS_FW_CORE_IO1;
		} else {
			return usage();
		}
		if (ioctl(fd, AZS_FW_IOC_ASSIGN, &a)) {
			fprintf(stderr, "azs-fwctl: assign %s %s %s: %s\n", argv[2], argv[3],
				argv[4], strerror(errno));
			return 1;
		}
		return 0;
	}
	return usage();
}

int main(int argc, char **argv)
{
	int fd;

	if (argc < 2)
		return usage();
	fd = open(AZS_FW_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "azs-fwctl: %s: %s\n", AZS_FW_DEVICE, strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "status") && argc == 2) {
		struct azs_fw_status st = {.size = sizeof(st)};

		if (ioctl(fd, AZS_FW_IOC_STATUS, &st)) {
			fprintf(stderr, "azs-fwctl: status: %s\n", strerror(errno));
			return 1;
		}
		printf("locked %d assigned %u blocks %u\n", !!(st.state & AZS_FW_STATUS_LOCKED),
		       st.num_assigned, st.num_blocks);
		return 0;
	}
	if (!strcmp(argv[1], "lock") && argc == 2) {
		if (ioctl(fd, AZS_FW_IOC_LOCK, 0)) {
			fprintf(stderr, "azs-fwctl: lock: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}
	if (!strcmp(argv[1], "assign") || !strcmp(argv[1], "release"))
		return change(fd, argc, argv);
	if (!strcmp(argv[1], "query") && argc == 4) {
		struct azs_fw_query q = {.size = sizeof(q)};
		char *end;
		unsigned long index;
		unsigned int k;

		for (k = 1; k <= AZS_FW_KIND_MAX; k++)
			if (!strcmp(argv[2], kinds[k]))
				break;
		errno = 0;
		index = strtoul(argv[3], &end, 10);
		if (k > AZS_FW_KIND_MAX || errno || *end || end == argv[3] || index > UINT32_MAX)
			return usage();
		q.res.kind = k;
		q.res.index = (uint32_t)index;
		if (ioctl(fd, AZS_FW_IOC_QUERY, &q)) {
			fprintf(stderr, "azs-fwctl: query %s %lu: %s\n", argv[2], index,
				strerror(errno));
			return 1;
		}
		printf("core %s owner ", cores[q.core & 3]);
		if (q.owner_uid == AZS_FW_NO_OWNER)
			printf("none");
		else
			printf("%u", q.owner_uid);
		printf(" block %u block-core %s function %s\n", q.block, cores[q.block_core & 3],
		       kinds[q.block_function <= AZS_FW_KIND_MAX ? q.block_function : 0]);
		return 0;
	}
	return usage();
}
