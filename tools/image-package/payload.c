// SPDX-License-Identifier: MIT
/* The package's payload: a reproducible squashfs image (see payload.h). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "log.h"
#include "out_file.h"
#include "package.h"
#include "payload.h"

extern char **environ;

#define MKSQUASHFS "mksquashfs"

static const char *walk_root;
static int walk_error;

static int check_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *rel = path + strlen(walk_root);

	(void)ftw;
	if (type == FTW_DNR || type == FTW_NS) {
		ip_error("--input: %s: cannot be read", path);
		walk_error = -EACCES;
		return 1;
	}
	if (!S_ISDIR(st->st_mode) && !S_ISREG(st->st_mode) && !S_ISLNK(st->st_mode)) {
		ip_error("--input: %s: only directories, regular files and symbolic links may be "
			 "packed",
			 *rel ? rel : "/");
		walk_error = -EINVAL;
		return 1;
	}
	if (!S_ISLNK(st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID))) {
		ip_error("--input: %s: set-user-ID and set-group-ID files may not be packed", rel);
		walk_error = -EINVAL;
		return 1;
	}
	return 0;
}

int ip_check_input(const char *input, const char *entry_point)
{
	azs_cleanup(azs_closep) int dir = open(input, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;

	if (dir < 0) {
		ip_error("--input %s: not a directory: %s", input, strerror(errno));
		return -ENOTDIR;
	}
	if (fstatat(dir, entry_point + 1, &st, AT_SYMLINK_NOFOLLOW)) {
		ip_error("EntryPoint %s: no such file in --input %s", entry_point, input);
		return -ENOENT;
	}
	if (!S_ISREG(st.st_mode) || !(st.st_mode & S_IXUSR)) {
		ip_error("EntryPoint %s: not a regular executable file in --input %s", entry_point,
			 input);
		return -EINVAL;
	}
	walk_root = input;
	walk_error = 0;
	if (nftw(input, check_entry, 16, FTW_PHYS) < 0) {
		ip_error("--input %s: cannot walk: %s", input, strerror(errno));
		return -errno;
	}
	return walk_error;
}

/* Run ARGV with stdout and stderr to LOG; 0 if it exits 0. */
static int run(char *const argv[], const char *log)
{
	posix_spawn_file_actions_t fa;
	int status, ret;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	ret = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (ret) {
		ip_error("cannot run %s: %s (install squashfs-tools)", argv[0], strerror(ret));
		return -ret;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

/*
 * The payload's block size. A squashfs mount's caches, and the first read of
 * an image, grow with the block size (the mount allocates and zeroes three
 * fragment blocks, a data block and LZ4's two buffers: 8 KiB blocks make that
 * 56 KiB, 32 KiB ones 192 KiB); reading a large image costs per block (each
 * a read of the loop device). Small images (an app's binary and a few files:
 * most apps) get 8 KiB blocks, larger ones mksquashfs's 128 KiB
 * (docs/performance.md, "Boot: the filter and the package format", "Boot: a
 * guest profile").
 */
#define SMALL_IMAGE_BYTES (512 * 1024)

static unsigned long long walk_bytes;

static int sum_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (type == FTW_F && S_ISREG(st->st_mode))
		walk_bytes += (unsigned long long)st->st_size;
	return 0;
}

static const char *block_size(const char *input)
{
	walk_bytes = 0;
	if (nftw(input, sum_entry, 16, FTW_PHYS) < 0)
		return "131072";
	return walk_bytes <= SMALL_IMAGE_BYTES ? "8192" : "131072";
}

static void show_log(const char *log)
{
	azs_cleanup(azs_freep) uint8_t *text = NULL;
	size_t len;

	if (!ip_read_file("log", log, 64 * 1024, &text, &len))
		fprintf(stderr, "%s", (char *)text);
}

int ip_build_payload(const char *input, const char *tmpdir, const char *manifest, size_t len,
		     uint8_t **out, size_t *out_len)
{
	azs_cleanup(azs_freep) char *man = NULL;
	azs_cleanup(azs_freep) char *pseudo = NULL;
	azs_cleanup(azs_freep) char *img = NULL;
	azs_cleanup(azs_freep) char *log = NULL;
	azs_cleanup(azs_freep) char *def = NULL;
	int ret;

	if (asprintf(&man, "%s/app_manifest.json", tmpdir) < 0 ||
	    asprintf(&pseudo, "%s/pseudo", tmpdir) < 0 ||
	    asprintf(&img, "%s/payload.squashfs", tmpdir) < 0 ||
	    asprintf(&log, "%s/mksquashfs.log", tmpdir) < 0 ||
	    /* The packed manifest replaces the input's (excluded below). */
	    asprintf(&def, "app_manifest.json F 0 0444 0 0 cat '%s'\n", man) < 0) {
		ip_error("out of memory");
		return -ENOMEM;
	}
	if (strpbrk(man, "'\n")) {
		ip_error("temporary directory %s: quotes and newlines are not supported", tmpdir);
		return -EINVAL;
	}
	ret = ip_write_file_atomic(man, manifest, len);
	if (!ret)
		ret = ip_write_file_atomic(pseudo, def, strlen(def));
	if (ret)
		return ret;

	/*
	 * LZ4 (high compression: as small as gzip for an app's binary, and
	 * cheaper to decompress) and the block size of block_size(): the
	 * device mounts every package and reads its image at boot
	 * (docs/performance.md, "Boot: the filter and the package format").
	 */
	char *const argv[] = {
		MKSQUASHFS,
		(char *)input,
		img,
		"-noappend",
		"-all-root",
		"-no-xattrs",
		"-mkfs-time",
		"0",
		"-all-time",
		"0",
		"-comp",
		"lz4",
		"-Xhc",
		"-b",
		(char *)block_size(input),
		"-quiet",
		"-no-progress",
		"-pf",
		pseudo,
		"-e",
		"app_manifest.json",
		NULL,
	};
	ret = run(argv, log);
	if (ret) {
		ip_error("--input %s: mksquashfs failed:", input);
		show_log(log);
		return ret;
	}
	return ip_read_file("payload", img, AZS_PKG_MAX_SIZE, out, out_len);
}
