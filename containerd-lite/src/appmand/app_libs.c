// SPDX-License-Identifier: MIT
/*
 * The platform's shared libraries for apps (APP_LIBS_DIR: musl's loader,
 * libcurl, libwolfssl) and the memory they cost an app. On the chip they run
 * from flash; here their text and read-only pages are in the page cache at
 * the daemon's cost (image_cache_warm), but an app that maps them still gets
 * their writable pages (relocated data, bss) and the page tables that map
 * them charged to its own cgroup. Those are the platform's: an app whose
 * executable names a loader (PT_INTERP) gets them on top of its memory.max.
 */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_libs.h"

#define PAGE 4096u
/* Page tables of one mapped library: its PTE pages, at most this many. */
#define PT_PAGES_PER_LIB 2u
#define MAX_PHDRS        64

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr ehdr_t;
typedef Elf64_Phdr phdr_t;
#define ELF_CLASS ELFCLASS64
#else
typedef Elf32_Ehdr ehdr_t;
typedef Elf32_Phdr phdr_t;
#define ELF_CLASS ELFCLASS32
#endif

/*
 * The program headers of the ELF file FD, copied and checked (the app's
 * executable is the app's: nothing in it is trusted). Their number, or -1.
 */
static int read_phdrs(int fd, phdr_t *ph)
{
	ehdr_t eh;
	size_t len;

	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELF_CLASS ||
	    eh.e_phentsize != sizeof(phdr_t) || eh.e_phnum > MAX_PHDRS)
		return -1;
	len = (size_t)eh.e_phnum * sizeof(phdr_t);
	if (pread(fd, ph, len, (off_t)eh.e_phoff) != (ssize_t)len)
		return -1;
	return eh.e_phnum;
}

/* Bytes of writable pages of the library FD when mapped, plus its page tables. */
static uint64_t lib_cost(int fd)
{
	phdr_t ph[MAX_PHDRS];
	int n = read_phdrs(fd, ph);
	uint64_t bytes = 0;

	for (int i = 0; i < n; i++) {
		uint64_t start, end;

		if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_W) ||
		    ph[i].p_memsz > (1u << 24))
			continue;
		start = ph[i].p_vaddr & ~(uint64_t)(PAGE - 1);
		end = (ph[i].p_vaddr + ph[i].p_memsz + PAGE - 1) & ~(uint64_t)(PAGE - 1);
		bytes += end - start;
	}
	return n > 0 ? bytes + PT_PAGES_PER_LIB * PAGE : 0;
}

uint64_t app_libs_allowance(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	uint64_t total = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		struct stat st;
		int fd;

		/* Each library once: its real file, not the SONAME links. */
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			continue;
		fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		total += lib_cost(fd);
		close(fd);
	}
	closedir(d);
	return total;
}

bool app_is_dynamic(const char *root, const char *entry_point)
{
	phdr_t ph[MAX_PHDRS];
	int dir = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC), fd, n;

	if (dir < 0)
		return false;
	/* The entry point as the app's image has it: no link leads out. */
	fd = openat(dir, entry_point[0] == '/' ? entry_point + 1 : entry_point,
		    O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(dir);
	if (fd < 0)
		return false;
	n = read_phdrs(fd, ph);
	close(fd);
	for (int i = 0; i < n; i++)
		if (ph[i].p_type == PT_INTERP)
			return true;
	return false;
}
