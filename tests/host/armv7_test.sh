#!/bin/sh
# SPDX-License-Identifier: MIT
# ARMv7 (MT3620's 32-bit core): the platform's portable C, built with
# Debian's arm-linux-gnueabihf cross compiler and the project's warnings as
# errors, and the pure-logic unit tests built for armhf and run under
# qemu-arm (user mode): the uAPI layouts, the runtime channel's decoder, the
# network plan, the I/O cores' map and image checks and the firewall/monitor cores behave the same on the target
# ABI as on the build host. TAP output.
# Usage: armv7_test.sh SOURCE_DIR BUILD_DIR HARNESS_DIR
set -u
top=$1
build=$2
harness=$3
cc=arm-linux-gnueabihf-gcc
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
not_ok() {
	n=$((n + 1))
	failed=1
	echo "not ok $n $1"
	sed 's/^/#   /' "$out/log" | head -n 20
}

echo "TAP version 13"
for tool in $cc qemu-arm; do
	command -v $tool > /dev/null || { echo "Bail out! $tool missing (scripts/bootstrap installs it)"; exit 1; }
done
cd "$top" || exit 1
flags="-std=gnu11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes
	-fno-common"
inc="-Ikernel/include -Ikernel/include/uapi -Ikernel/core -Isecurity-monitor/include
	-Isecurity-monitor/core -Icontainerd-lite/lib -Icontainerd-lite/sandbox -Ilibapplibs/src
	-Iinclude -Icommon/include
	-Ilibapplibs/include -I$build/generated"

# Every portable source compiles cleanly for armhf. (Build-host headers come
# last, for the libraries' arch-independent ones: json-c, libseccomp, libcap.)
for f in kernel/core/*.c security-monitor/core/*.c common/*.c containerd-lite/lib/*.c \
	containerd-lite/sandbox/*.c libapplibs/src/*.c boot/modsig.c boot/digest_list.c; do
	# shellcheck disable=SC2086
	if $cc $flags -Wmissing-prototypes $inc -idirafter /usr/include -c -o /dev/null "$f" > "$out/log" 2>&1 &&
		[ ! -s "$out/log" ]; then
		ok "compiles for armv7: $f"
	else
		not_ok "compiles for armv7: $f"
	fi
done

# The pure unit tests, built for armhf and run there.
core="kernel/core/fw_table.c security-monitor/core/capfile.c security-monitor/core/crc32.c
	security-monitor/core/fw_regs.c security-monitor/core/mfg_state.c security-monitor/core/nv_record.c
	security-monitor/core/smc_buf.c"
run_test() { # NAME SOURCES...
	name=$1
	shift
	# shellcheck disable=SC2086
	if ! $cc -static $flags -Wno-missing-prototypes -isystem "$harness" $inc -o "$out/$name" "$@" \
		> "$out/log" 2>&1; then
		not_ok "$name builds for armv7"
		return
	fi
	if qemu-arm "$out/$name" > "$out/log" 2>&1 && grep -q '^# PASSED' "$out/log"; then
		ok "$name passes on armv7 ($(grep '^# PASSED' "$out/log" | sed 's/# PASSED: //'))"
	else
		not_ok "$name passes on armv7"
	fi
}
# shellcheck disable=SC2086
for t in uapi_layout fw_table fw_regs mfg_state nv_record capfile smc_buf; do
	run_test $t tests/host/${t}_test.c $core
done
run_test rt_decode tests/host/rt_decode_test.c containerd-lite/lib/rt_decode.c
run_test net_plan tests/host/net_plan_test.c containerd-lite/lib/net_plan.c containerd-lite/lib/net_rules.c
run_test iocore tests/host/iocore_test.c containerd-lite/iocore/iocore_map.c containerd-lite/iocore/rt_elf.c \
	containerd-lite/iocore/iocore_periph.c \
	-Icontainerd-lite/iocore
# common/: the atomic write with its failures injected (-Wl,--wrap, common/CMakeLists.txt).
run_test common common/tests/common_test.c common/atomic_write.c -Wl,--wrap=write -Wl,--wrap=fsync \
	-Wl,--wrap=renameat -Wl,--wrap=close -Wl,--wrap=unlinkat -Wl,--wrap=pwrite -pthread
echo "1..$n"
exit $failed
