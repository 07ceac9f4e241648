# SPDX-License-Identifier: MIT
# One entry point for the whole project.
#   make          build kernel modules, userspace, tests and the device image
#   make run      set up, build, boot the device and show a sample app
#   make check    set up, build and run the whole test suite
#   make setup    install the Debian packages the project needs (root)
#   make format   clang-format all C sources
#   make soak, make faults-full   long device tests (not in make check)
#   make bench    the benchmark: one boot of the bench image per architecture
#                 that is set up, a table of ratios each (docs/performance.md;
#                 not in make check; DEVICE_ARCH=A: that one alone)
#   make fuzz     fuzz every parser, FUZZ_SECONDS (default 60) each (fuzz/run)
#   make install [DESTDIR=] [PREFIX=/usr/local] [KDIR=]   the platform for a
#                 root filesystem: install-modules + install-userspace
#                 (docs/integrating.md); make install-sdk: the app SDK alone
# DEVICE_ARCH selects the device architecture (device/arch/*.conf).
# KDIR: the kernel tree the modules are built against (default: Debian's
# headers of the device kernel).

DEVICE_ARCH ?= x86_64
BUILD ?= $(CURDIR)/build/$(DEVICE_ARCH)
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
PREFIX ?= /usr/local
DESTDIR ?=
KDIR ?=
# DESTDIR is for the install steps only, never for the builds they run (the
# samples' ExternalProject install step would honour it).
MAKEOVERRIDES := $(filter-out DESTDIR=%,$(MAKEOVERRIDES))
unexport DESTDIR

.PHONY: all setup configure keys modules userspace image run check clean format soak faults-full fuzz bench bench-arch \
	install install-modules install-userspace install-sdk

all: modules userspace image

setup:
	@echo "==> [setup] checking Debian packages"
	@scripts/bootstrap --arch $(DEVICE_ARCH)

# A cross-compiled device (armv7, cmake/toolchain-ARCH.cmake) takes its host
# tools from a native build in BUILD/host/cmake (cmake/AzsHostTools.cmake).
HOST_TOOLS = azs-security-service image-package azs-hardware-definition azsphere
configure:
	@mkdir -p $(BUILD)
	@if ! out=$$(scripts/prerequisites --arch $(DEVICE_ARCH) --check); then \
	  echo "$$out" | grep '^not ok' | sed 's/^not ok [0-9]* /missing for $(DEVICE_ARCH): /' >&2; \
	  echo "run 'make setup DEVICE_ARCH=$(DEVICE_ARCH)' (scripts/bootstrap --arch $(DEVICE_ARCH)) first" >&2; \
	  exit 1; fi
	@. device/arch/$(DEVICE_ARCH).conf && cross= && \
	  if [ -n "$$AZS_CROSS_COMPILE" ]; then \
	    { cmake -S . -B $(BUILD)/host/cmake && cmake --build $(BUILD)/host/cmake -j $(JOBS) --target $(HOST_TOOLS); } \
	      > $(BUILD)/host.log 2>&1 || { cat $(BUILD)/host.log; exit 1; }; \
	    cross="-DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/toolchain-$(DEVICE_ARCH).cmake -DAZS_HOST_TOOLS=$(BUILD)/host/cmake"; \
	  fi && \
	  cmake -S . -B $(BUILD)/cmake -DAZS_DEVICE_ARCH=$(DEVICE_ARCH) $$cross > $(BUILD)/cmake.log 2>&1 || \
	  { cat $(BUILD)/cmake.log; exit 1; }

# The Security Service's key store (build/security-service, made once) and the
# SDK/platform keys (build/keys): the security monitor is built with their
# public halves.
keys: configure
	@echo "==> [build] keys: the Security Service's key store, the SDK and platform keys"
	@cmake --build $(BUILD)/cmake --target azs_key_store -j $(JOBS)

# x86-64 builds in the tree; another architecture (cross-compiled, e.g. armv7
# against the armmp headers scripts/fetch-debs unpacked) in a tree of links to
# the sources under BUILD/kmod, so both architectures' objects coexist.
modules: keys
	@echo "==> [build] kernel modules"
	@. device/arch/$(DEVICE_ARCH).conf && hdr='$(KDIR)' && \
	  { [ -n "$$hdr" ] || hdr=$$(scripts/kernel-abi --headers $(DEVICE_ARCH)); } && \
	  if [ -z "$$AZS_CROSS_COMPILE" ]; then m=$(CURDIR); else m=$(BUILD)/kmod; scripts/kmod-tree $$m; fi && \
	  $(MAKE) --no-print-directory -C $$hdr M=$$m W=1 $$AZS_KERNEL_MAKE_ARGS \
	    $${AZS_CROSS_COMPILE:+CROSS_COMPILE=$$AZS_CROSS_COMPILE} \
	    AZS_KEYS_DIR=$(CURDIR)/build/keys AZS_KEY_STORE=$(CURDIR)/build/security-service modules

userspace: configure
	@echo "==> [build] userspace, host tests, device tests"
	@cmake --build $(BUILD)/cmake -j $(JOBS)

image: modules userspace
	@echo "==> [build] device image"
	@device/build-image --arch $(DEVICE_ARCH) --build $(BUILD)

# The platform as a root filesystem wants it (cmake/AzsInstall.cmake,
# scripts/install-modules): DESTDIR/PREFIX/..., DESTDIR/lib/modules/<release>/extra.
install: install-modules install-userspace

install-modules: modules
	@. device/arch/$(DEVICE_ARCH).conf && kdir='$(KDIR)' && \
	  { [ -n "$$kdir" ] || kdir=$$(scripts/kernel-abi --headers $(DEVICE_ARCH)); } && \
	  if [ -z "$$AZS_CROSS_COMPILE" ]; then m=$(CURDIR); else m=$(BUILD)/kmod; fi && \
	  scripts/install-modules --kdir $$kdir --modules-dir $$m --destdir '$(DESTDIR)'

install-userspace: userspace
	@DESTDIR='$(DESTDIR)' cmake --install $(BUILD)/cmake --prefix $(PREFIX)

install-sdk: userspace
	@DESTDIR='$(DESTDIR)' cmake --install $(BUILD)/cmake --prefix $(PREFIX) --component sdk

run: setup
	@$(MAKE) --no-print-directory all
	@device/run --arch $(DEVICE_ARCH) --build $(BUILD)

# CHECK_EXCLUDE: a ctest regex of tests to leave out (.ci/run's time budget).
check: setup
	@$(MAKE) --no-print-directory all
	@tests/run-all --arch $(DEVICE_ARCH) --build $(BUILD) $(if $(CHECK_EXCLUDE),-E '$(CHECK_EXCLUDE)')

# Long device tests, not in make check (docs/testing.md): 10000 start/stop/
# crash cycles; a power cut at every write step of every operation.
soak: all
	@tests/device/run-suite --arch $(DEVICE_ARCH) --build $(BUILD) --suite soak_long --timeout 7200

faults-full: all
	@tests/device/faults --arch $(DEVICE_ARCH) --build $(BUILD) --full

# The benchmark: its tool, app and packages, the bench image (bubblewrap and
# crun beside the platform), one boot, the table (docs/performance.md).
# Plain "make bench": every architecture in BENCH_ARCHS that is set up, one
# after another, one table each (x86-64 always: it sets itself up, as before;
# another only when scripts/prerequisites finds its setup complete, else it is
# named with the command that sets it up); the tables again at the end.
# "make bench DEVICE_ARCH=A" (or BUILD=...): that architecture alone.
# (BENCH_RUN: what runs one architecture; host.bench_table replaces it.)
BENCH_ARCHS ?= x86_64 $(filter-out x86_64,$(basename $(notdir $(wildcard device/arch/*.conf))))
BENCH_RUN ?= $(MAKE) --no-print-directory bench-arch
bench:
	@if [ "$(origin DEVICE_ARCH)" != file ] || [ "$(origin BUILD)" != file ]; then \
	  exec $(BENCH_RUN) DEVICE_ARCH=$(DEVICE_ARCH); fi; \
	status=0; ran=; \
	for a in $(BENCH_ARCHS); do \
	  if [ "$$a" != x86_64 ] && ! scripts/prerequisites --arch "$$a" --check > /dev/null 2>&1; then \
	    echo "==> [bench] $$a: not set up, skipped: 'make setup DEVICE_ARCH=$$a' sets it up (then make bench runs it too; make bench DEVICE_ARCH=$$a runs it alone)"; \
	    continue; fi; \
	  echo "==> [bench] $$a"; \
	  $(BENCH_RUN) DEVICE_ARCH=$$a || status=1; \
	  ran="$$ran $$a"; \
	done; \
	for a in $$ran; do \
	  echo; if [ -s build/$$a/bench/table.md ]; then cat build/$$a/bench/table.md; \
	  else echo "$$a: no table (the run failed: build/$$a/bench/run.log)"; fi; \
	done; \
	exit $$status

bench-arch: setup
	@rm -f $(BUILD)/bench/table.md
	@$(MAKE) --no-print-directory all
	@echo "==> [bench] the benchmark's tool, app and packages; the bench image ($(DEVICE_ARCH))"
	@cmake --build $(BUILD)/cmake --target bench_root -j $(JOBS)
	@device/build-image --arch $(DEVICE_ARCH) --build $(BUILD) --bench
	@tests/bench/run --arch $(DEVICE_ARCH) --build $(BUILD)

# The fuzzers are built with clang in their own tree ($(BUILD)/fuzz) and run
# one after another; non-zero exit on any finding.
fuzz:
	@echo "==> [fuzz] every parser for $(FUZZ_SECONDS) s each (libFuzzer, ASan, UBSan)"
	@fuzz/run --build $(BUILD)/fuzz --seconds $(FUZZ_SECONDS)

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	@hdr=$$(scripts/kernel-abi --headers x86_64 2>/dev/null) && \
	  $(MAKE) --no-print-directory -C $$hdr M=$(CURDIR) clean || true
	rm -rf build
