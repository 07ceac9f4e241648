// SPDX-License-Identifier: MIT
/*
 * common/: the atomic write (azs/atomic_write.h) writes all of the data with
 * the mode asked for, through short and interrupted writes; when any step
 * fails (write, fsync of the file, close, rename, fsync of the directory)
 * the error is returned, no temporary file is left behind and, up to the
 * rename, the old content stands. Bad names change nothing. The byte
 * helpers (azs/bytes.h) put each field in its explicit order, and the
 * cleanup helpers (azs/cleanup.h) keep errno and can be disarmed.
 *
 * A leftover temporary (a cut before the rename) is recognisable.
 *
 * Failures are injected by wrapping the calls (-Wl,--wrap, CMakeLists.txt).
 */
/*
 * 64-bit directory offsets on 32-bit ARM too: under qemu-arm (host.armv7) the
 * host's ext4 hands out 64-bit offsets a 32-bit readdir() refuses (EOVERFLOW).
 */
#define _FILE_OFFSET_BITS 64

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <azs/atomic_write.h>
#include <azs/bytes.h>
#include <azs/cleanup.h>

#include "kselftest_harness.h"

/* The injected fault: the call that fails (its Nth use from now) and how. */
enum fault_call { F_NONE, F_WRITE, F_FSYNC_FILE, F_FSYNC_DIR, F_CLOSE, F_RENAME, F_PWRITE };
static enum fault_call fault;
static int fault_errno;
static size_t write_chunk; /* >0: write at most this much per call */
static int eintr_left;     /* writes that fail with EINTR first */
static bool unlink_fails;  /* the temporary stays, as after a cut */
static int pwrites;        /* pwrite calls (the staged copy's direct writes) */

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_close(int fd);
int __wrap_close(int fd);
int __real_unlinkat(int dirfd, const char *path, int flags);
int __wrap_unlinkat(int dirfd, const char *path, int flags);
/* off_t of atomic_write.c's ABI (long on both arches; this file has 64-bit offsets). */
ssize_t __real_pwrite(int fd, const void *buf, size_t n, long off);
ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, long off);
int __real_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int __wrap_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	if (eintr_left > 0) {
		eintr_left--;
		errno = EINTR;
		return -1;
	}
	if (fault == F_WRITE) {
		errno = fault_errno;
		return -1;
	}
	if (write_chunk && n > write_chunk)
		n = write_chunk;
	return __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
	struct stat st;
	bool dir = !fstat(fd, &st) && S_ISDIR(st.st_mode);

	if ((fault == F_FSYNC_FILE && !dir) || (fault == F_FSYNC_DIR && dir)) {
		errno = fault_errno;
		return -1;
	}
	return __real_fsync(fd);
}

int __wrap_close(int fd)
{
	int ret = __real_close(fd);

	if (fault == F_CLOSE && !ret) {
		errno = fault_errno;
		return -1;
	}
	return ret;
}

ssize_t __wrap_pwrite(int fd, const void *buf, size_t n, long off)
{
	pwrites++;
	if (fault == F_PWRITE) {
		errno = fault_errno;
		return -1;
	}
	return __real_pwrite(fd, buf, n, off);
}

int __wrap_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	if (fault == F_RENAME) {
		errno = fault_errno;
		return -1;
	}
	return __real_renameat(olddirfd, oldpath, newdirfd, newpath);
}

int __wrap_unlinkat(int dirfd, const char *path, int flags)
{
	if (unlink_fails) {
		errno = EIO;
		return -1;
	}
	return __real_unlinkat(dirfd, path, flags);
}

/* The directory's entries other than "." and "..", and whether NAME is one. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* The whole content of PATH (at most 4095 bytes) as a string, "" if none. */
static const char *content(const char *path)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		__real_close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

FIXTURE(aw)
{
	char dir[64];
	char path[96];
	int dirfd;
};

FIXTURE_SETUP(aw)
{
	strcpy(self->dir, "/tmp/azs-common-test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->path, sizeof(self->path), "%s/file", self->dir);
	self->dirfd = open(self->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, self->dirfd);
	fault = F_NONE;
	fault_errno = 0;
	write_chunk = 0;
	eintr_left = 0;
	unlink_fails = false;
	pwrites = 0;
}

FIXTURE_TEARDOWN(aw)
{
	char cmd[128];

	fault = F_NONE;
	__real_close(self->dirfd);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->dir);
}

TEST_F(aw, new_file_whole_with_mode)
{
	struct stat st;
	mode_t old = umask(077);

	ASSERT_EQ(0, azs_atomic_write_at(self->dirfd, "file", "hello", 5, 0644));
	umask(old);
	EXPECT_STREQ("hello", content(self->path));
	ASSERT_EQ(0, stat(self->path, &st));
	EXPECT_EQ(0644, st.st_mode & 07777); /* exactly MODE, the umask aside */
	EXPECT_EQ(1, entries(self->dir));     /* no temporary left */
}

TEST_F(aw, replaces_through_short_and_interrupted_writes)
{
	char big[3000];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	ASSERT_EQ(0, azs_atomic_write_file(self->path, "old", 3, 0600));
	write_chunk = 7;
	eintr_left = 2;
	ASSERT_EQ(0, azs_atomic_write_file(self->path, big, strlen(big), 0600));
	EXPECT_STREQ(big, content(self->path));
	EXPECT_EQ(0, eintr_left);
	EXPECT_EQ(1, entries(self->dir));
}

TEST_F(aw, each_failing_step_keeps_the_old_file)
{
	static const struct {
		enum fault_call call;
		int err;
	} steps[] = {
		{F_WRITE, ENOSPC}, {F_FSYNC_FILE, EIO}, {F_CLOSE, EIO}, {F_RENAME, EXDEV}};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		ASSERT_EQ(0, azs_atomic_write_at(self->dirfd, "file", "old", 3, 0600));
		fault = steps[i].call;
		fault_errno = steps[i].err;
		EXPECT_EQ(-steps[i].err, azs_atomic_write_at(self->dirfd, "file", "new!", 4, 0600))
		TH_LOG("step %zu", i);
		fault = F_NONE;
		EXPECT_STREQ("old", content(self->path)) TH_LOG("step %zu", i);
		EXPECT_EQ(1, entries(self->dir)) TH_LOG("step %zu: a temporary was left", i);
	}
}

TEST_F(aw, failed_directory_sync_is_an_error)
{
	fault = F_FSYNC_DIR;
	fault_errno = EIO;
	EXPECT_EQ(-EIO, azs_atomic_write_file(self->path, "new", 3, 0600));
	fault = F_NONE;
	EXPECT_EQ(1, entries(self->dir));
}

TEST_F(aw, bad_names_change_nothing)
{
	static const char *const names[] = {"", ".", "..", "a/b", "/"};
	char long_name[NAME_MAX + 1];
	char p[128];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		EXPECT_EQ(-EINVAL, azs_atomic_write_at(self->dirfd, names[i], "x", 1, 0600))
		TH_LOG("name '%s'", names[i]);
	}
	snprintf(p, sizeof(p), "%s/", self->dir);
	EXPECT_EQ(-EINVAL, azs_atomic_write_file(p, "x", 1, 0600));
	snprintf(p, sizeof(p), "%s/..", self->dir);
	EXPECT_EQ(-EINVAL, azs_atomic_write_file(p, "x", 1, 0600));
	memset(long_name, 'n', NAME_MAX);
	long_name[NAME_MAX] = 0;
	EXPECT_EQ(-ENAMETOOLONG, azs_atomic_write_at(self->dirfd, long_name, "x", 1, 0600));
	snprintf(p, sizeof(p), "%s/missing/file", self->dir);
	EXPECT_EQ(-ENOENT, azs_atomic_write_file(p, "x", 1, 0600));
	EXPECT_EQ(0, entries(self->dir));
}

TEST_F(aw, a_link_is_replaced_not_followed)
{
	char other[128];

	snprintf(other, sizeof(other), "%s/other", self->dir);
	ASSERT_EQ(0, azs_atomic_write_file(other, "other", 5, 0600));
	ASSERT_EQ(0, symlink("other", self->path));
	ASSERT_EQ(0, azs_atomic_write_file(self->path, "new", 3, 0600));
	EXPECT_STREQ("other", content(other));
	EXPECT_STREQ("new", content(self->path));
	EXPECT_EQ(2, entries(self->dir));
}

/* The copy from a file: exactly its first LEN bytes; a short source or a bad fd changes nothing. */
TEST_F(aw, copy_from_a_file_whole_or_nothing)
{
	char src_path[128];
	struct stat st;
	int src;

	snprintf(src_path, sizeof(src_path), "%s/src", self->dir);
	ASSERT_EQ(0, azs_atomic_write_file(src_path, "0123456789", 10, 0600));
	src = open(src_path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, src);
	ASSERT_EQ(3, lseek(src, 3, SEEK_SET)); /* its offset is neither used nor moved */
	ASSERT_EQ(0, azs_atomic_copy_at(self->dirfd, "file", src, 7, 0640));
	EXPECT_STREQ("0123456", content(self->path));
	ASSERT_EQ(0, stat(self->path, &st));
	EXPECT_EQ(0640, st.st_mode & 07777);
	EXPECT_EQ(3, lseek(src, 0, SEEK_CUR));
	EXPECT_EQ(-EIO, azs_atomic_copy_at(self->dirfd, "file", src, 11, 0600));
	EXPECT_EQ(-EBADF, azs_atomic_copy_at(self->dirfd, "file", -1, 1, 0600));
	EXPECT_STREQ("0123456", content(self->path));
	EXPECT_EQ(2, entries(self->dir)); /* src and file: no temporary left */
	close(src);
}

/* Staged: nothing under the name until the commit; an abort leaves nothing; a commit into another directory. */
TEST_F(aw, staged_copy_commit_or_abort)
{
	struct azs_atomic_stage st;
	char src_path[128], sub[128], moved[160];
	int src, subfd;

	snprintf(src_path, sizeof(src_path), "%s/src", self->dir);
	ASSERT_EQ(0, azs_atomic_write_file(src_path, "staged bytes", 12, 0600));
	src = open(src_path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, src);
	ASSERT_EQ(0, azs_atomic_write_file(self->path, "old", 3, 0600));
	ASSERT_EQ(0, azs_atomic_stage_copy(&st, self->dirfd, "file", src, 12, 0600));
	EXPECT_STREQ("old", content(self->path)); /* not yet */
	EXPECT_EQ(3, entries(self->dir));          /* src, file, the temporary */
	azs_atomic_stage_abort(&st);
	EXPECT_STREQ("old", content(self->path));
	EXPECT_EQ(2, entries(self->dir));
	EXPECT_EQ(-EIO, azs_atomic_stage_copy(&st, self->dirfd, "file", src, 13, 0600));
	EXPECT_EQ(2, entries(self->dir)); /* a short source leaves no temporary */
	EXPECT_EQ(-EBADF, azs_atomic_stage_commit(&st, self->dirfd, "file"));

	snprintf(sub, sizeof(sub), "%s/sub", self->dir);
	ASSERT_EQ(0, mkdir(sub, 0700));
	subfd = open(sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, subfd);
	ASSERT_EQ(0, azs_atomic_stage_copy(&st, self->dirfd, "file", src, 12, 0640));
	ASSERT_EQ(0, azs_atomic_stage_commit(&st, subfd, "file"));
	snprintf(moved, sizeof(moved), "%s/file", sub);
	EXPECT_STREQ("staged bytes", content(moved));
	EXPECT_STREQ("old", content(self->path));
	EXPECT_EQ(3, entries(self->dir)); /* src, file, sub: the temporary went with the rename */
	close(subfd);
	close(src);
}

/* SIZE bytes of a pattern in a memfd sealed as a package's (AZS_PKG_SEALS). */
static int sealed_memfd(size_t size)
{
	int fd = memfd_create("azs-common-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	unsigned char buf[4096];

	if (fd < 0)
		return -1;
	for (size_t off = 0; off < size; off += sizeof(buf)) {
		size_t n = size - off < sizeof(buf) ? size - off : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)((off + i) * 7 + (off + i) / 4099);
		if (__real_write(fd, buf, n) != (ssize_t)n)
			return -1;
	}
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL))
		return -1;
	return fd;
}

/* PATH holds exactly the SIZE bytes of SRC. */
static bool same_bytes(const char *path, int src, size_t size)
{
	static unsigned char a[65536], b[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	bool same;

	if (fd < 0)
		return false;
	same = !fstat(fd, &st) && (size_t)st.st_size == size;
	for (size_t off = 0; same && off < size; off += sizeof(a)) {
		size_t n = size - off < sizeof(a) ? size - off : sizeof(a);

		same = pread(fd, a, n, (off_t)off) == (ssize_t)n &&
		       pread(src, b, n, (off_t)off) == (ssize_t)n && !memcmp(a, b, n);
	}
	__real_close(fd);
	return same;
}

/*
 * A large sealed source is written in the background, its whole blocks with
 * direct I/O where the file system has it (or through the page cache where
 * it refuses, EINVAL), its tail after them: the file is exactly the source.
 * A failed background write is the commit's error, and leaves nothing.
 */
TEST_F(aw, staged_sealed_source_in_the_background)
{
	const size_t size = 3 * AZS_ATOMIC_STAGE_BACKGROUND + 123;
	struct azs_atomic_stage st;
	int src = sealed_memfd(size);
	bool direct;

	ASSERT_LE(0, src);
	ASSERT_EQ(0, azs_atomic_write_file(self->path, "old", 3, 0600));
	ASSERT_EQ(0, azs_atomic_stage_copy(&st, self->dirfd, "file", src, size, 0640));
	EXPECT_EQ(2, entries(self->dir)); /* file and the temporary */
	ASSERT_EQ(0, azs_atomic_stage_commit(&st, self->dirfd, "file"));
	EXPECT_TRUE(same_bytes(self->path, src, size));
	EXPECT_EQ(1, entries(self->dir));
	/* Whether this file system took direct I/O (tmpfs before Linux 6.6 doesn't). */
	direct = pwrites > 0;
	if (!direct)
		TH_LOG("no direct I/O in %s: the page cache's way only", self->dir);

	/* Direct I/O refused at the first write: the page cache's way, the same bytes. */
	fault = F_PWRITE;
	fault_errno = EINVAL;
	pwrites = 0;
	ASSERT_EQ(0, azs_atomic_write_file(self->path, "old", 3, 0600));
	ASSERT_EQ(0, azs_atomic_stage_copy(&st, self->dirfd, "file", src, size - 123, 0600));
	ASSERT_EQ(0, azs_atomic_stage_commit(&st, self->dirfd, "file"));
	EXPECT_TRUE(same_bytes(self->path, src, size - 123));

	/* Any other error: the commit's, the old file stands, no temporary. */
	fault_errno = EIO;
	ASSERT_EQ(0, azs_atomic_write_file(self->path, "old", 3, 0600));
	ASSERT_EQ(0, azs_atomic_stage_copy(&st, self->dirfd, "file", src, size, 0600));
	if (direct) {
		EXPECT_EQ(-EIO, azs_atomic_stage_commit(&st, self->dirfd, "file"));
		EXPECT_STREQ("old", content(self->path));
	} else {
		EXPECT_EQ(0, azs_atomic_stage_commit(&st, self->dirfd, "file"));
		EXPECT_TRUE(same_bytes(self->path, src, size));
		ASSERT_EQ(0, azs_atomic_write_file(self->path, "old", 3, 0600));
	}
	EXPECT_EQ(1, entries(self->dir));
	fault = F_NONE;

	/* An abort waits for the write and removes it. */
	ASSERT_EQ(0, azs_atomic_stage_copy(&st, self->dirfd, "file", src, size, 0600));
	azs_atomic_stage_abort(&st);
	EXPECT_STREQ("old", content(self->path));
	EXPECT_EQ(1, entries(self->dir));
	/* A source shorter than asked: refused at once, nothing left. */
	EXPECT_EQ(-EIO, azs_atomic_stage_copy(&st, self->dirfd, "file", src, size + 1, 0600));
	EXPECT_EQ(1, entries(self->dir));
	__real_close(src);
}

/* A temporary left by a cut is recognisable as one, and nothing else is. */
TEST_F(aw, a_leftover_temporary_is_recognised)
{
	DIR *d;
	struct dirent *e;
	int temps = 0;

	/* A failed unlink of the temporary stands for a cut before the rename. */
	fault = F_RENAME;
	fault_errno = EIO;
	unlink_fails = true;
	EXPECT_EQ(-EIO, azs_atomic_write_at(self->dirfd, "file.pem", "x", 1, 0600));
	fault = F_NONE;
	unlink_fails = false;
	d = opendir(self->dir);
	ASSERT_NE(NULL, d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			temps += azs_atomic_write_is_temp(e->d_name) ? 1 : 100;
	closedir(d);
	EXPECT_EQ(1, temps);
	EXPECT_FALSE(azs_atomic_write_is_temp("file.pem"));
	EXPECT_FALSE(azs_atomic_write_is_temp("a.tmp"));
	EXPECT_FALSE(azs_atomic_write_is_temp(".tmp"));
	EXPECT_FALSE(azs_atomic_write_is_temp(".x.new"));
}

TEST(bytes_explicit_order)
{
	uint8_t b[8];

	azs_put_le16(b, 0x1234);
	EXPECT_EQ(0x34, b[0]);
	EXPECT_EQ(0x12, b[1]);
	EXPECT_EQ(0x1234, azs_get_le16(b));
	azs_put_le32(b, 0x89abcdefu);
	EXPECT_EQ(0xef, b[0]);
	EXPECT_EQ(0x89, b[3]);
	EXPECT_EQ(0x89abcdefu, azs_get_le32(b));
	azs_put_le64(b, 0x0102030405060708ull);
	EXPECT_EQ(0x08, b[0]);
	EXPECT_EQ(0x01, b[7]);
	EXPECT_EQ(0x0102030405060708ull, azs_get_le64(b));
	azs_put_be16(b, 0x1234);
	EXPECT_EQ(0x12, b[0]);
	EXPECT_EQ(0x1234, azs_get_be16(b));
	azs_put_be32(b, 0x89abcdefu);
	EXPECT_EQ(0x89, b[0]);
	EXPECT_EQ(0xef, b[3]);
	EXPECT_EQ(0x89abcdefu, azs_get_be32(b));
	/* Unaligned access: byte by byte, any address. */
	uint8_t u[9] = {0, 1, 0, 0, 0, 0xff};
	EXPECT_EQ(1u, azs_get_le32(u + 1));
	EXPECT_FALSE(azs_all_zero(u, sizeof(u)));
	EXPECT_TRUE(azs_all_zero(u + 6, 3));
}

static int closed_fd = -1;

static void scope_with_fd(int fd, bool hand_over)
{
	azs_cleanup(azs_closep) int held = fd;

	errno = ENOSPC;
	if (hand_over)
		closed_fd = azs_take_fd(&held);
}

TEST(cleanup_keeps_errno_and_hands_over)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	ASSERT_LE(0, fd);
	scope_with_fd(fd, false);
	EXPECT_EQ(ENOSPC, errno); /* close() on the way out left errno alone */
	EXPECT_EQ(-1, fcntl(fd, F_GETFD)); /* and the descriptor is closed */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	scope_with_fd(fd, true);
	EXPECT_EQ(fd, closed_fd);
	EXPECT_LE(0, fcntl(fd, F_GETFD)); /* handed over: still open */
	__real_close(fd);
	{
		azs_cleanup(azs_freep) char *p = strdup("x");
		char *q = azs_steal(p);

		EXPECT_EQ(NULL, p);
		free(q);
	}
}

TEST_HARNESS_MAIN
