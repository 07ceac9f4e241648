#!/bin/sh
# SPDX-License-Identifier: MIT
# ctest host.kselftest_make: the kselftest collections build outside the
# CMake build with their own Makefiles (tests/kselftest/lib.mk), as the
# kernel's selftests do:
#   - make KDIR=<the device kernel's headers> builds firewall and secmon with
#     the uAPI headers they use exported from that tree (its own
#     headers_install.sh), statically linked
#   - make install INSTALL_PATH= gives the kselftest install layout, whose
#     run_kselftest.sh lists and runs them
#   - make run_tests runs them with the kselftest runner; on this host (no
#     azsphere modules) each program skips, naming the module
#   - every collection's Makefile lists the programs the CMake build makes
#   - a KDIR that is not a kernel tree is refused, naming it
# Usage: kselftest_make_test.sh TOP BUILD ARCH
set -u
top=$1
build=$2
arch=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; bad=1; [ -z "${3:-}" ] || sed 's/^/# /' "$3" | tail -n 20; fi
}
abi=$("$top/scripts/kernel-abi" "$arch") || exit 1
kdir=/usr/src/linux-headers-$abi
mk() { make --no-print-directory -C "$top/tests/kselftest" TARGETS="firewall secmon" KDIR="$kdir" \
	KSFT_DIR="$build/cmake/kselftest-harness" OUTPUT="$tmp/out" "$@"; }

mk > "$tmp/build.log" 2>&1
result $? "make KDIR=$kdir builds the firewall and secmon collections" "$tmp/build.log"
grep -q "^export-uapi-headers: [1-9][0-9]* headers from $kdir in $tmp/out/firewall/khdr\$" "$tmp/build.log" &&
	grep -q -- "-isystem $tmp/out/firewall/khdr .*-o $tmp/out/firewall/firewall_test firewall_test.c" "$tmp/build.log" &&
	! grep -qw '__user' "$tmp/out/firewall/khdr/linux/capability.h" &&
	grep -q 'struct __user_cap_header_struct' "$tmp/out/firewall/khdr/linux/capability.h"
result $? "the compile uses KDIR's uAPI headers, exported by the tree's headers_install.sh" "$tmp/build.log"
file "$tmp/out/firewall/firewall_test" "$tmp/out/secmon/status_test" > "$tmp/file.log" 2>&1
[ "$(grep -c 'statically linked' "$tmp/file.log")" -eq 2 ]
result $? "the programs are statically linked" "$tmp/file.log"

mk install INSTALL_PATH="$tmp/inst" > "$tmp/install.log" 2>&1
result $? "make install INSTALL_PATH=" "$tmp/install.log"
{ [ -x "$tmp/inst/firewall/firewall_test" ] && [ -x "$tmp/inst/secmon/status_test" ] &&
	[ -x "$tmp/inst/run_kselftest.sh" ] && [ -x "$tmp/inst/kselftest/runner.sh" ] &&
	[ "$(cat "$tmp/inst/kselftest-list.txt")" = "$(printf 'firewall:firewall_test\nsecmon:status_test')" ] &&
	[ "$("$tmp/inst/run_kselftest.sh" -l | tr '\n' ' ')" = "firewall:firewall_test secmon:status_test " ]; } \
	> "$tmp/layout.log" 2>&1
result $? "the kselftest install layout: COLLECTION/PROG, kselftest-list.txt, run_kselftest.sh -l" "$tmp/layout.log"

if ls -d /sys/module/azs_* > /dev/null 2>&1; then
	echo "ok $((n + 1)) make run_tests skips without our modules # SKIP azsphere modules loaded on this host"
	n=$((n + 1))
else
	mk run_tests > "$tmp/run.log" 2>&1
	rc=$?
	[ $rc -eq 0 ] &&
		grep -q '^ok 1 selftests: .*firewall_test # SKIP$' "$tmp/run.log" &&
		grep -q '^ok 1 selftests: .*status_test # SKIP$' "$tmp/run.log" &&
		grep -q '^# 1\.\.0 # SKIP firewall_test: kernel module azs_firewall is not loaded' "$tmp/run.log" &&
		grep -q '^# 1\.\.0 # SKIP status_test: kernel module azs_secmon is not loaded' "$tmp/run.log"
	result $? "make run_tests: each program skips (KSFT_SKIP), naming the module" "$tmp/run.log"
fi

# Every collection of the CMake build has a Makefile with the same programs.
for c in "$top"/tests/kselftest/*/CMakeLists.txt; do
	c=$(basename "$(dirname "$c")")
	make --no-print-directory -s -C "$top/tests/kselftest/$c" KDIR="$kdir" OUTPUT="$tmp/emit/$c" emit_tests ||
		echo "$c: no kselftest Makefile"
done 2>&1 | sort > "$tmp/emit.list"
sort "$build/cmake/device-root/usr/lib/kselftests/kselftest-list.txt" > "$tmp/cmake.list"
diff "$tmp/cmake.list" "$tmp/emit.list" > "$tmp/emit.diff" && [ -s "$tmp/cmake.list" ]
result $? "every collection's Makefile lists the programs the CMake build makes ($(wc -l < "$tmp/cmake.list"))" "$tmp/emit.diff"

make --no-print-directory -C "$top/tests/kselftest/secmon" KDIR="$tmp/no-such-kernel" OUTPUT="$tmp/bad" > "$tmp/bad.log" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q "KDIR=$tmp/no-such-kernel is not a kernel tree" "$tmp/bad.log" && ! [ -e "$tmp/bad" ]
result $? "a KDIR that is not a kernel tree is refused, naming it" "$tmp/bad.log"

echo "1..$n"
exit $bad
