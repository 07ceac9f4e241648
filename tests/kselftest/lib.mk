# SPDX-License-Identifier: MIT
# The kselftest build of one collection, outside the project's CMake build,
# with the targets and variables of the kernel's
# tools/testing/selftests/lib.mk (docs/testing.md, docs/integrating.md):
#
#   make [KDIR=DIR] [OUTPUT=DIR]      build TEST_GEN_PROGS into OUTPUT
#   make run_tests                    run them with the kselftest runner (TAP)
#   make install INSTALL_PATH=DIR     copy them into DIR (the collection's
#                                     directory of a kselftest install)
#   make emit_tests                   print the kselftest-list.txt lines
#   make clean
#
# A collection's Makefile sets TEST_GEN_PROGS (and LDLIBS, EXTRA_SOURCES,
# EXTRA_CFLAGS when it needs them) and includes this file.
#
# KDIR      the kernel the tests are built against: a configured source or
#           O= build tree, or a linux-headers package's directory. Its uAPI
#           headers come before the C library's: KDIR/usr/include when
#           'make headers' made it, else those the collection uses,
#           exported from the tree's include/uapi and arch/ARCH/include/uapi
#           (and their generated/ counterparts) into OUTPUT/khdr by the
#           tree's own scripts/headers_install.sh (export-uapi-headers).
#           Default: /lib/modules/$(uname -r)/build.
# ARCH      the kernel's architecture name (x86_64, x86, arm, arm64);
#           default from CROSS_COMPILE's triplet or the build host.
# CROSS_COMPILE, CC   the compiler (default $(CROSS_COMPILE)gcc).
# KSFT_DIR  the kselftest harness (kselftest_harness.h, kselftest/runner.sh):
#           KDIR's tools/testing/selftests when it has one, else the one
#           this project's build extracts from Debian's linux-source.
# OUTPUT    where the programs are built (default build/kselftest/COLLECTION
#           of this repository).
# The programs are linked statically, as the device runs them.

# This file's directory, before anything else is included.
AZS_KSFT_SRC := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
AZS_TOP := $(abspath $(AZS_KSFT_SRC)/../..)
COLLECTION ?= $(notdir $(CURDIR))

KDIR ?= /lib/modules/$(shell uname -r)/build
ifeq ($(wildcard $(KDIR)/Makefile),)
$(error KDIR=$(KDIR) is not a kernel tree (no Makefile): name a configured kernel tree or a linux-headers directory)
endif

CC := $(if $(filter default,$(origin CC)),$(CROSS_COMPILE)gcc,$(CC))
AZS_MACHINE := $(or $(CROSS_COMPILE),$(shell uname -m))
ARCH ?= $(if $(filter x86_64%,$(AZS_MACHINE)),x86_64,$(if $(filter i386% i686%,$(AZS_MACHINE)),x86,\
	$(if $(filter arm%,$(AZS_MACHINE)),arm,$(if $(filter aarch64%,$(AZS_MACHINE)),arm64,unknown))))
SRCARCH := $(patsubst x86_64,x86,$(patsubst i386,x86,$(ARCH)))

# The kernel's uAPI headers. A build directory names its sources: an O=
# build has a 'source' link, a Debian linux-headers flavour directory
# includes the common directory's Makefile.
# A headers package unpacked elsewhere (dpkg -x, a cross build's) may name
# its common directory by its installed path, or relative to its own
# Makefile ($(dir $(lastword $(MAKEFILE_LIST)))../...): look beside KDIR too.
AZS_KSRC_INC := $(patsubst %/Makefile,%,$(filter %/Makefile,\
	$(shell sed -n 's/^include \(.*\)$$/\1/p' $(KDIR)/Makefile 2>/dev/null)))
KSRC ?= $(or $(wildcard $(KDIR)/source),$(wildcard $(filter /%,$(AZS_KSRC_INC))),\
	$(if $(AZS_KSRC_INC),$(wildcard $(dir $(patsubst %/,%,$(KDIR)))$(notdir $(AZS_KSRC_INC)))),$(KDIR))
ifneq ($(wildcard $(KDIR)/usr/include/linux),)
KHDR_INCLUDES ?= -isystem $(KDIR)/usr/include
else
# A tree where 'make headers' cannot run (a linux-headers package): the
# headers the collection uses, exported with the tree's own
# scripts/headers_install.sh (export-uapi-headers).
ifeq ($(wildcard $(KSRC)/include/uapi/linux),)
$(error KDIR=$(KDIR): no uAPI headers (neither usr/include from 'make headers' nor include/uapi in $(KSRC)))
endif
KHDR_DIR ?= $(OUTPUT)/khdr
KHDR_INCLUDES ?= -isystem $(KHDR_DIR)
AZS_KHDR := $(KHDR_DIR)/.exported
endif

KSFT_DIR ?= $(if $(wildcard $(KSRC)/tools/testing/selftests/kselftest_harness.h),\
	$(KSRC)/tools/testing/selftests,$(AZS_TOP)/build/kselftest/harness)
ifeq ($(KSFT_DIR),$(AZS_TOP)/build/kselftest/harness)
AZS_KSFT_EXTRACT := $(KSFT_DIR)/.extracted
endif

OUTPUT ?= $(AZS_TOP)/build/kselftest/$(COLLECTION)
AZS_GENERATED := $(OUTPUT)/generated

# The CMake build's flags (no optimisation level: as it compiles them).
CFLAGS ?= -g
CFLAGS += -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wformat=2 -Wshadow \
	-Wstrict-prototypes -Wno-missing-prototypes -fno-common
AZS_CPPFLAGS := -isystem $(KSFT_DIR) -I$(AZS_TOP)/kernel/include/uapi \
	-I$(AZS_TOP)/kernel/include -I$(AZS_KSFT_SRC)/lib -I$(AZS_GENERATED) $(EXTRA_CFLAGS)
CPPFLAGS += $(KHDR_INCLUDES) $(AZS_CPPFLAGS)
LDFLAGS += -static

TEST_GEN_PROGS := $(patsubst %,$(OUTPUT)/%,$(TEST_GEN_PROGS))

.PHONY: all run_tests install emit_tests print_ksft_dir clean
all: $(TEST_GEN_PROGS)

$(AZS_KSFT_EXTRACT):
	$(AZS_TOP)/scripts/extract-kselftest-harness $(KSFT_DIR)

# The MT3620 inventory table the firewall helpers use (generated from the
# one JSON source, as the CMake build does).
$(AZS_GENERATED)/azs_inventory.h: $(AZS_TOP)/manifests/mt3620/inventory.json $(AZS_TOP)/scripts/gen-inventory
	@mkdir -p $(@D)
	$(AZS_TOP)/scripts/gen-inventory $< $@

$(AZS_KHDR): $(AZS_KSFT_EXTRACT) $(AZS_GENERATED)/azs_inventory.h
	$(AZS_KSFT_SRC)/export-uapi-headers $(KDIR) $(KSRC) $(SRCARCH) $(KHDR_DIR) \
	  $(CC) -std=gnu11 -D_GNU_SOURCE $(AZS_CPPFLAGS) $(addsuffix .c,$(notdir $(TEST_GEN_PROGS))) $(EXTRA_SOURCES)

$(OUTPUT)/%: %.c $(EXTRA_SOURCES) $(AZS_GENERATED)/azs_inventory.h $(AZS_KSFT_EXTRACT) $(AZS_KHDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ $< $(EXTRA_SOURCES) $(LDLIBS)

# As lib.mk's RUN_TESTS: the kselftest runner, from the programs' directory.
run_tests: all
	@cd $(OUTPUT) && BASE_DIR="$(KSFT_DIR)" && . $(KSFT_DIR)/kselftest/runner.sh && \
	  run_many $(notdir $(TEST_GEN_PROGS))

install: all
ifeq ($(INSTALL_PATH),)
	$(error make install needs INSTALL_PATH=DIR (the collection's directory))
endif
	install -d $(INSTALL_PATH)
	install -m 0755 $(TEST_GEN_PROGS) $(INSTALL_PATH)/

# The harness's directory (the top-level Makefile installs its runner).
print_ksft_dir: $(AZS_KSFT_EXTRACT)
	@echo $(KSFT_DIR)

emit_tests:
	@for t in $(notdir $(TEST_GEN_PROGS)); do echo "$(COLLECTION):$$t"; done

clean:
	rm -f $(TEST_GEN_PROGS)
	rm -rf $(AZS_GENERATED) $(if $(AZS_KHDR),$(KHDR_DIR))
