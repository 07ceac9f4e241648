# SPDX-License-Identifier: MIT
# One entry point for the whole project.
#   make          build kernel modules, userspace, tests and the device image
#   make run      set up, build, boot the device and show a sample app
#   make check    set up, build and run the whole test suite
#   make setup    install the Debian packages the project needs (root)
#   make format   clang-format all C sources
#   make soak, make faults-full   long device tests (not in make check)
#   make bench    the benchmark: one boot of the bench image, a table of ratios
#                 (docs/performance.md; not in make check)
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

.PHONY: all setup configure keys modules userspace image run check clean format soak faults-full fuzz bench \
	install install-modules install-userspace install-sdk

all: modules userspace image

setup:
	@echo "==> [setup] checking Debian packages"
	@scripts/bootstrap --arch $(DEVICE_ARCH)

configure:
	@mkdir -p $(BUILD)
	@cmake -S . -B $(BUILD)/cmake -DAZS_DEVICE_ARCH=$(DEVICE_ARCH) > $(BUILD)/cmake.log 2>&1 || \
	  { cat $(BUILD)/cmake.log; exit 1; }

# The Security Service's key store (build/security-service, made once) and the
# SDK/platform keys (build/keys): the security monitor is built with their
# public halves.
keys: configure
	@echo "==> [build] keys: the Security Service's key store, the SDK and platform keys"
	@cmake --build $(BUILD)/cmake --target azs_key_store -j $(JOBS)

modules: keys
	@echo "==> [build] kernel modules"
	@kdir='$(KDIR)'; [ -n "$$kdir" ] || kdir=/usr/src/linux-headers-$$(scripts/kernel-abi $(DEVICE_ARCH)) && \
	  $(MAKE) --no-print-directory -C $$kdir M=$(CURDIR) W=1 modules

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
	@kdir='$(KDIR)'; [ -n "$$kdir" ] || kdir=/usr/src/linux-headers-$$(scripts/kernel-abi $(DEVICE_ARCH)) && \
	  scripts/install-modules --kdir $$kdir --destdir '$(DESTDIR)'

install-userspace: userspace
	@DESTDIR='$(DESTDIR)' cmake --install $(BUILD)/cmake --prefix $(PREFIX)

install-sdk: userspace
	@DESTDIR='$(DESTDIR)' cmake --install $(BUILD)/cmake --prefix $(PREFIX) --component sdk

run: setup
	@$(MAKE) --no-print-directory all
	@device/run --arch $(DEVICE_ARCH) --build $(BUILD)

check: setup
	@$(MAKE) --no-print-directory all
	@tests/run-all --arch $(DEVICE_ARCH) --build $(BUILD)

# Long device tests, not in make check (docs/testing.md): 10000 start/stop/
# crash cycles; a power cut at every write step of every operation.
soak: all
	@tests/device/run-suite --arch $(DEVICE_ARCH) --build $(BUILD) --suite soak_long --timeout 7200

faults-full: all
	@tests/device/faults --arch $(DEVICE_ARCH) --build $(BUILD) --full

# The benchmark: its tool, app and packages, the bench image (bubblewrap and
# crun beside the platform), one boot, the table (docs/performance.md).
bench: setup
	@$(MAKE) --no-print-directory all
	@echo "==> [bench] the benchmark's tool, app and packages; the bench image"
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
	@abi=$$(scripts/kernel-abi $(DEVICE_ARCH) 2>/dev/null) && \
	  $(MAKE) --no-print-directory -C /usr/src/linux-headers-$$abi M=$(CURDIR) clean || true
	rm -rf build
