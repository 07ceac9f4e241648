// SPDX-License-Identifier: MIT
/*
 * Opening a package for the device (see package.h): the file is read once into
 * a memfd, the memfd is sealed against any change, and the verification runs
 * on the sealed bytes. The loop device the app is mounted from reads the same
 * memfd, so there is no window between verification and use.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "package.h"

#define AZS_PKG_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

struct mapping {
	void *addr;
	size_t len;
};

static void unmapp(struct mapping *m)
{
	if (m->addr && m->addr != MAP_FAILED)
		munmap(m->addr, m->len);
}

/*
 * All of FD (SIZE bytes by fstat) into the memfd MFD, the file must not grow
 * or shrink meanwhile. sendfile copies the page cache's pages into the memfd's
 * in the kernel: one copy, and no page of the memfd is mapped, faulted in or
 * cleared first (a read() into a writable mapping faulted in and zeroed every
 * 4 KiB of it before copying over it).
 */
static int read_exactly(int fd, int mfd, size_t size, const char *path, struct azs_error *err)
{
	size_t got = 0;
	uint8_t extra;

	while (got < size) {
		ssize_t n = sendfile(mfd, fd, NULL, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			return azs_error_set(err, -e, path, "cannot read: %s", strerror(e));
		}
		if (n == 0)
			return azs_error_set(err, -EIO, path, "shrank while being read");
		got += (size_t)n;
	}
	if (read(fd, &extra, 1) != 0)
		return azs_error_set(err, -EIO, path, "grew while being read");
	return 0;
}

/* A sealed memfd holding PATH's bytes. */
static int copy_sealed(const char *path, int *out, size_t *size, struct azs_error *err)
{
	azs_cleanup(azs_closep) int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	azs_cleanup(azs_closep) int mfd = -1;
	struct stat st;
	int ret;

	if (fd < 0) {
		int e = errno;

		return azs_error_set(err, -e, path, "cannot open: %s", strerror(e));
	}
	if (fstat(fd, &st))
		return azs_error_set(err, -errno, path, "cannot stat");
	if (!S_ISREG(st.st_mode))
		return azs_error_set(err, -EINVAL, path, "not a regular file");
	if ((uint64_t)st.st_size > AZS_PKG_MAX_SIZE)
		return azs_error_set(err, -EFBIG, path,
				     "%lld bytes: more than the %u a package may have",
				     (long long)st.st_size, AZS_PKG_MAX_SIZE);
	if (st.st_size == 0)
		return azs_error_set(err, -EINVAL, "header", "truncated: the file is empty");
	mfd = memfd_create("azs-package", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return azs_error_set(err, -errno, "memfd", "memfd_create failed");
	if (ftruncate(mfd, st.st_size))
		return azs_error_set(err, -errno, "memfd", "cannot size it");
	ret = read_exactly(fd, mfd, (size_t)st.st_size, path, err);
	if (ret)
		return ret;
	/*
	 * No writable mapping exists (F_SEAL_WRITE would fail with one), and the
	 * memfd was never anyone else's: from here its bytes are fixed, and
	 * those are the ones azs_package_open_sealed() verifies.
	 */
	if (fcntl(mfd, F_ADD_SEALS, AZS_PKG_SEALS))
		return azs_error_set(err, -errno, "memfd", "cannot seal it: %s", strerror(errno));
	if ((fcntl(mfd, F_GET_SEALS) & AZS_PKG_SEALS) != AZS_PKG_SEALS)
		return azs_error_set(err, -EIO, "memfd", "the seals did not hold");
	*size = (size_t)st.st_size;
	*out = mfd;
	mfd = -1;
	return 0;
}

int azs_package_read_sealed(const char *path, int *memfd, size_t *size, struct azs_error *err)
{
	*memfd = -1;
	*size = 0;
	azs_error_clear(err);
	return copy_sealed(path, memfd, size, err);
}

int azs_package_verify_sealed_kept(int memfd, size_t size, const struct azs_trusted_key *keys,
				   size_t n, unsigned int allowed_roles,
				   struct azs_package_info *out, struct azs_manifest *manifest,
				   struct azs_error *err)
{
	azs_cleanup(unmapp) struct mapping r = {.len = size};
	int seals = fcntl(memfd, F_GET_SEALS);

	memset(out, 0, sizeof(*out));
	azs_error_clear(err);
	/* Only bytes nobody can change any more are worth verifying. */
	if (seals < 0 || (seals & AZS_PKG_SEALS) != AZS_PKG_SEALS)
		return azs_error_set(err, -EPERM, "memfd", "not sealed against changes");
	if (size == 0)
		return azs_error_set(err, -EINVAL, "header", "truncated: the file is empty");
	/* Verify the sealed bytes themselves, not the buffer they were read into. */
	r.addr = mmap(NULL, r.len, PROT_READ, MAP_PRIVATE, memfd, 0);
	if (r.addr == MAP_FAILED)
		return azs_error_set(err, -errno, "memfd", "cannot map it");
	return azs_package_verify_kept(r.addr, r.len, keys, n, allowed_roles, out, manifest, err);
}

int azs_package_verify_sealed(int memfd, size_t size, const struct azs_trusted_key *keys, size_t n,
			      unsigned int allowed_roles, struct azs_package_info *out,
			      struct azs_error *err)
{
	return azs_package_verify_sealed_kept(memfd, size, keys, n, allowed_roles, out, NULL, err);
}

int azs_package_open_sealed(const char *path, const struct azs_trusted_key *keys, size_t n,
			    unsigned int allowed_roles, struct azs_package_info *out, int *memfd,
			    struct azs_error *err)
{
	azs_cleanup(azs_closep) int mfd = -1;
	size_t size;
	int ret;

	*memfd = -1;
	memset(out, 0, sizeof(*out));
	ret = azs_package_read_sealed(path, &mfd, &size, err);
	if (!ret)
		ret = azs_package_verify_sealed(mfd, size, keys, n, allowed_roles, out, err);
	if (ret)
		return ret;
	*memfd = mfd;
	mfd = -1;
	return 0;
}
