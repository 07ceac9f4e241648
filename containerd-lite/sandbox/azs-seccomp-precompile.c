// SPDX-License-Identifier: MIT
/*
 * azs-seccomp-precompile POLICY OUT [--arch NAME]: the app filters of every
 * grant set compiled from the policy file POLICY, as the application manager
 * would compile them (azs_seccomp_policy_compile_for, its optimisation
 * level), written to OUT in the format of seccomp_policy.h. Run when the
 * image is built (device/build-image), for the device's architecture (the
 * native one by default; --arch: a libseccomp name such as x86_64 or arm).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <seccomp.h>

#include <azs/cleanup.h>
#include "seccomp_policy.h"

static void policy_freep(struct azs_seccomp_policy **p)
{
	azs_seccomp_policy_free(*p);
}

/* BUF into PATH: a temporary file, synced, renamed over PATH. */
static int write_file(const char *path, const uint8_t *buf, size_t len)
{
	char tmp[4096];
	size_t done = 0;
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path)) {
		fd = -1;
		goto fail;
	}
	return 0;
fail: {
	int err = errno;

	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -err;
}
}

int main(int argc, char **argv)
{
	azs_cleanup(policy_freep) struct azs_seccomp_policy *checked = NULL;
	azs_cleanup(policy_freep) struct azs_seccomp_policy *policy = NULL;
	azs_cleanup(azs_freep) char *text = NULL;
	azs_cleanup(azs_freep) uint8_t *out = NULL;
	uint8_t sha[AZS_SECCOMP_BPF_HASH_SIZE];
	unsigned int sha_len = 0;
	uint32_t arch = 0;
	size_t len, out_len;
	int ret;

	if (argc == 5 && !strcmp(argv[3], "--arch")) {
		arch = seccomp_arch_resolve_name(argv[4]);
		if (!arch) {
			fprintf(stderr, "azs-seccomp-precompile: --arch: unknown architecture '%s'\n",
				argv[4]);
			return 2;
		}
	} else if (argc != 3) {
		fprintf(stderr, "usage: azs-seccomp-precompile POLICY OUT [--arch NAME]\n");
		return 2;
	}
	/*
	 * qemu's user mode (a cross-built image) has no seccomp(2): libseccomp
	 * would take the kernel for one without user notification and refuse
	 * the policy's actions. The device's kernel has them all (API level 6:
	 * notification, kill-process); the level only gates which actions and
	 * flags are accepted, not the BPF generated.
	 */
	if (seccomp_api_get() < 6 && seccomp_api_set(6)) {
		fprintf(stderr, "azs-seccomp-precompile: libseccomp has no API level 6\n");
		return 1;
	}
	/* The bytes the daemon reads and validates, and their hash. */
	ret = azs_seccomp_policy_compile_file_lazy_text(argv[1], &checked, &text, &len);
	if (ret)
		return 1; /* the message is out */
	if (EVP_Digest(text, len, sha, &sha_len, EVP_sha256(), NULL) != 1 ||
	    sha_len != sizeof(sha)) {
		fprintf(stderr, "azs-seccomp-precompile: cannot hash %s\n", argv[1]);
		return 1;
	}
	ret = azs_seccomp_policy_compile_for(text, len, argv[1], arch, 0, &policy);
	if (ret)
		return 1;
	ret = azs_seccomp_policy_bpf_export(policy, sha, &out, &out_len);
	if (!ret)
		ret = write_file(argv[2], out, out_len);
	if (ret) {
		fprintf(stderr, "azs-seccomp-precompile: %s: %s\n", argv[2], strerror(-ret));
		return 1;
	}
	return 0;
}
