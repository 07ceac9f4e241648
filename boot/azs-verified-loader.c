// SPDX-License-Identifier: MIT
/*
 * azs-verified-loader: the device-side links of the verified boot chain
 * (docs/boot-chain.md). Every component is read once into memory, its
 * signature (or signed digest) is checked on those bytes, and the same bytes
 * are used: init_module(2) for kernel modules, a sealed memfd and fexecve(3)
 * for programs. Nothing is ever reopened by path after its check.
 *
 *   azs-verified-loader module --rot KEY.pem FILE.ko [PARAM...]
 *       verify FILE.ko with the root-of-trust platform key of the (verified)
 *       initramfs and load it: the security monitor
 *   azs-verified-loader module FILE.ko [PARAM...]
 *       the same with the platform key the loaded security monitor holds
 *   azs-verified-loader files [--list LIST]
 *       verify the signed digest list with the security monitor's platform
 *       key, then every file it names
 *   azs-verified-loader exec [--list LIST] PATH [ARG...]
 *       run PATH (argv[0] = PATH) if its bytes match the signed digest list
 *   azs-verified-loader recovery [--check] FILE
 *       verify a recovery image (azsphere device recover, docs/device.md,
 *       Recovery) with the security monitor's platform key and its format;
 *       without --check, write the verified data region image (gzip) to
 *       standard output, from the very bytes verified
 *   azs-verified-loader lock
 *       kernel.modules_disabled = 1 and kernel.kexec_load_disabled = 1: no
 *       module loads and no other kernel until reboot
 *
 * Refusals print "azs-verified-loader: COMPONENT: REASON" and exit 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <azs/cleanup_ossl.h>
#include "digest_list.h"
#include "sigcheck.h"

#define SECMON_ROT_KEYS  "/sys/kernel/azsphere_secmon/rot_keys"
#define DEFAULT_LIST     "/etc/azs/platform.digests"
#define MODULES_DISABLED "/proc/sys/kernel/modules_disabled"
#define KEXEC_DISABLED   "/proc/sys/kernel/kexec_load_disabled"
#define ROLE_PLATFORM    4
#define MAX_COMPONENT    (64u << 20)

extern char **environ;

static int fail(const struct azs_error *err)
{
	fprintf(stderr, "azs-verified-loader: %s: %s\n", err->field, err->reason);
	return 1;
}

/* All of PATH in a fresh buffer. */
static int read_all(const char *path, uint8_t **out, size_t *len, struct azs_error *err)
{
	azs_cleanup(azs_closep) int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	size_t got = 0;
	struct stat st;

	if (fd < 0) {
		int e = errno;

		return azs_error_set(err, -e, path, "cannot open: %s", strerror(e));
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		return azs_error_set(err, -EINVAL, path, "not a regular file");
	if ((uint64_t)st.st_size > MAX_COMPONENT)
		return azs_error_set(err, -EFBIG, path, "larger than %u bytes", MAX_COMPONENT);
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		return azs_error_set(err, -ENOMEM, path, "out of memory");
	for (;;) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return azs_error_set(err, -errno, path, "cannot read");
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > (size_t)st.st_size)
			return azs_error_set(err, -EIO, path, "changed while being read");
	}
	*out = azs_steal(buf);
	*len = got;
	return 0;
}

/* The platform key held by the loaded security monitor. */
static int secmon_platform_key(EVP_PKEY **key, struct azs_error *err)
{
	azs_cleanup(azs_freep) uint8_t *text = NULL;
	size_t len;
	char *line, *save = NULL;
	int ret = read_all(SECMON_ROT_KEYS, &text, &len, err);

	if (ret)
		return azs_error_set(err, ret, "security monitor",
				     "cannot read its root-of-trust keys (" SECMON_ROT_KEYS
				     "): is azs_secmon loaded?");
	text[len] = '\0';
	for (line = strtok_r((char *)text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned int role;
		char hex[2 * AZS_P256_POINT_LEN + 2];

		if (sscanf(line, "%u %*s %131s", &role, hex) == 2 && role == ROLE_PLATFORM)
			return azs_key_from_hex(hex, key, err);
	}
	return azs_error_set(err, -ENOKEY, "security monitor", "holds no platform key");
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static int cmd_module(int argc, char **argv)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	azs_cleanup(azs_freep) char *params = NULL;
	struct azs_error err = {0};
	const char *rot = NULL, *path, *name, *whose;
	size_t len, plen = 1;
	int i = 1, ret;

	if (i + 1 < argc && !strcmp(argv[i], "--rot")) {
		rot = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		fprintf(stderr,
			"usage: azs-verified-loader module [--rot KEY.pem] FILE.ko [PARAM...]\n");
		return 2;
	}
	path = argv[i++];
	name = base_name(path);
	ret = rot ? azs_key_from_pem(rot, &key, &err) : secmon_platform_key(&key, &err);
	if (ret)
		return fail(&err);
	whose = rot ? "the root-of-trust platform key" : "the security monitor's platform key";
	ret = read_all(path, &buf, &len, &err);
	if (!ret)
		ret = azs_sig_verify(buf, len, key, name, NULL, &err);
	if (ret) {
		if (ret == -EKEYREJECTED)
			azs_format(err.reason, sizeof(err.reason),
				   "signature does not verify with %s", whose);
		azs_format(err.field, sizeof(err.field), "%s", name);
		return fail(&err);
	}
	for (int j = i; j < argc; j++)
		plen += strlen(argv[j]) + 1;
	params = calloc(1, plen);
	if (!params)
		return 1;
	for (int j = i; j < argc; j++) {
		if (j > i)
			strcat(params, " ");
		strcat(params, argv[j]);
	}
	/* The very bytes just verified: no second read of the file. */
	if (syscall(SYS_init_module, buf, len, params)) {
		int e = errno;

		fprintf(stderr,
			"azs-verified-loader: %s: verified, but the kernel refused it: %s\n", name,
			strerror(e));
		return 1;
	}
	printf("azs: boot chain: %s verified with %s and loaded\n", name, whose);
	return 0;
}

/* The signed list, verified with the security monitor's platform key. */
static int load_list(const char *path, uint8_t **text, size_t *len, struct azs_error *err)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	int ret = secmon_platform_key(&key, err);

	if (!ret)
		ret = read_all(path, text, len, err);
	if (!ret)
		ret = azs_sig_verify(*text, *len, key, base_name(path), len, err);
	if (ret == -EKEYREJECTED)
		azs_format(err->reason, sizeof(err->reason),
			   "signature does not verify with the security monitor's platform key");
	return ret;
}

static int check_digest(const struct azs_digest_entry *e, const uint8_t *buf, size_t len,
			struct azs_error *err)
{
	uint8_t md[AZS_SHA256_LEN];

	if (!EVP_Digest(buf, len, md, NULL, EVP_sha256(), NULL))
		return azs_error_set(err, -ENOMEM, e->path, "cannot hash");
	if (CRYPTO_memcmp(md, e->digest, sizeof(md)))
		return azs_error_set(err, -EKEYREJECTED, e->path,
				     "SHA-256 does not match the signed platform list");
	return 0;
}

static int check_file(const struct azs_digest_entry *e, void *arg)
{
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	struct azs_error *err = arg;
	size_t len;
	int ret = read_all(e->path, &buf, &len, err);

	return ret ? ret : check_digest(e, buf, len, err);
}

static const char *list_option(int *argc, char ***argv)
{
	if (*argc > 2 && !strcmp((*argv)[1], "--list")) {
		const char *list = (*argv)[2];

		*argc -= 2;
		*argv += 2;
		return list;
	}
	return DEFAULT_LIST;
}

static int cmd_files(int argc, char **argv)
{
	azs_cleanup(azs_freep) uint8_t *text = NULL;
	struct azs_error err = {0};
	const char *list = list_option(&argc, &argv);
	size_t len;
	int ret = load_list(list, &text, &len, &err);

	if (!ret)
		ret = azs_digest_list_each((char *)text, len, check_file, &err, &err);
	if (ret)
		return fail(&err);
	printf("azs: boot chain: %s and every file it lists verified with the security monitor's "
	       "platform key\n",
	       base_name(list));
	return 0;
}

static int cmd_exec(int argc, char **argv)
{
	azs_cleanup(azs_freep) uint8_t *text = NULL;
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	azs_cleanup(azs_closep) int mfd = -1;
	struct azs_digest_entry e;
	struct azs_error err = {0};
	const char *list = list_option(&argc, &argv);
	size_t len, tlen;
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: azs-verified-loader exec [--list LIST] PATH [ARG...]\n");
		return 2;
	}
	ret = load_list(list, &text, &tlen, &err);
	if (!ret)
		ret = azs_digest_list_find((char *)text, tlen, argv[1], &e, &err);
	if (!ret)
		ret = read_all(argv[1], &buf, &len, &err);
	if (!ret)
		ret = check_digest(&e, buf, len, &err);
	if (ret)
		return fail(&err);
	/* Run the checked bytes themselves, from a memfd sealed against change. */
	mfd = memfd_create(base_name(argv[1]), MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0 || write(mfd, buf, len) != (ssize_t)len ||
	    fcntl(mfd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)) {
		fprintf(stderr, "azs-verified-loader: %s: cannot stage it: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	fexecve(mfd, argv + 1, environ);
	fprintf(stderr, "azs-verified-loader: %s: cannot execute: %s\n", argv[1], strerror(errno));
	return 1;
}

/*
 * A recovery image: RECOVERY_MAGIC, then the factory-fresh data region as
 * gzip, with the platform's appended signature over both.
 */
#define RECOVERY_MAGIC "azs-recovery 1\n"

static int cmd_recovery(int argc, char **argv)
{
	azs_cleanup(azs_pkey_freep) EVP_PKEY *key = NULL;
	azs_cleanup(azs_freep) uint8_t *buf = NULL;
	struct azs_error err = {0};
	const size_t mlen = sizeof(RECOVERY_MAGIC) - 1;
	bool check = argc == 3 && !strcmp(argv[1], "--check");
	const char *path = argv[argc - 1];
	size_t len, signed_len = 0, off;
	int ret;

	if (argc != 2 && !check) {
		fprintf(stderr, "usage: azs-verified-loader recovery [--check] FILE\n");
		return 2;
	}
	ret = secmon_platform_key(&key, &err);
	if (!ret)
		ret = read_all(path, &buf, &len, &err);
	if (!ret)
		ret = azs_sig_verify(buf, len, key, "recovery image", &signed_len, &err);
	if (ret == -EKEYREJECTED)
		azs_format(err.reason, sizeof(err.reason),
			   "signature does not verify with the security monitor's platform key");
	if (ret)
		return fail(&err);
	if (signed_len < mlen + 2 || memcmp(buf, RECOVERY_MAGIC, mlen) ||
	    buf[mlen] != 0x1f || buf[mlen + 1] != 0x8b) {
		err = (struct azs_error){0};
		azs_error_set(&err, -EINVAL, "recovery image",
			      "signed, but not a recovery image (\"azs-recovery 1\" and a gzip "
			      "data region)");
		return fail(&err);
	}
	if (check) {
		printf("azs: recovery image verified with the security monitor's platform key\n");
		return 0;
	}
	for (off = mlen; off < signed_len;) {
		ssize_t n = write(STDOUT_FILENO, buf + off, signed_len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "azs-verified-loader: recovery image: cannot write: %s\n",
				strerror(errno));
			return 1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Write 1 to a one-way sysctl and read it back. */
static int latch(const char *path)
{
	azs_cleanup(azs_closep) int fd = open(path, O_RDWR | O_CLOEXEC);
	char v = 0;

	if (fd < 0 || write(fd, "1\n", 2) != 2 || pread(fd, &v, 1, 0) != 1 || v != '1') {
		fprintf(stderr, "azs-verified-loader: %s: cannot set it to 1: %s\n", path,
			strerror(errno));
		return 1;
	}
	return 0;
}

/* No other code into the kernel until reboot: no module, no kexec'd kernel. */
static int cmd_lock(void)
{
	if (latch(MODULES_DISABLED) || latch(KEXEC_DISABLED))
		return 1;
	printf("azs: boot chain: module loading and kexec disabled until reboot\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "module"))
		return cmd_module(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "files"))
		return cmd_files(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "exec"))
		return cmd_exec(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "recovery"))
		return cmd_recovery(argc - 1, argv + 1);
	if (argc == 2 && !strcmp(argv[1], "lock"))
		return cmd_lock();
	fprintf(stderr, "usage: azs-verified-loader module|files|exec|recovery|lock ... (see the source's "
			"header or docs/boot-chain.md)\n");
	return 2;
}
