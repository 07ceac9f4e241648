#!/bin/sh
# SPDX-License-Identifier: MIT
# ctest host.bench_table: make bench's table maker (tests/bench/run
# --table-only) and its choice of architectures (the Makefile's bench target),
# without booting anything:
#   - a console log of each architecture (x86-64, ARMv7; the device's CRs and
#     other lines in it) makes that architecture's table: its heading names
#     the architecture, the clock and the repetitions; ratios of the mins and
#     of the medians; a target judged on the min, met or not
#   - the full suite names what it did not measure ("not measured"), on ARMv7
#     too; a row ARMv7 cannot measure says so and why; a partial suite
#     (--suite) prints only the rows it measured
#   - the raw values (BUILD/bench/values.txt) are the log's, without CRs
#   - a log without measurements, an unknown clock: an error naming it
#   - plain make bench runs x86-64 and names an architecture that is not set
#     up with the command that sets it up; DEVICE_ARCH=A runs A alone
# Usage: bench_table_test.sh TOP
set -u
top=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
run=$top/tests/bench/run
has() { # has FILE TEXT: FILE has a line with TEXT (fixed string)
	grep -qF -- "$2" "$1"
}
check() { # check DESCRIPTION COMMAND...
	d=$1
	shift
	if "$@"; then pass "$d"; else fail "$d"; fi
}

# A console log as the device prints it (CRLF), 3 repetitions.
console() { # console FILE ARCH: the rows both architectures measure
	{
		echo "azs: device ready at 14.49 s (boot 1 of this flash)"
		echo "TAP version 13"
		echo "bench start-appmand-small 30 20 10"
		echo "bench start-fork 5 5 10"
		echo "bench start-bwrap 20 100 40"
		echo "bench syscall-bare 100 100 100"
		echo "bench syscall-filter 300 300 400"
		echo "bench rss-idle 1572864 1572864 1572864"
		echo "bench boot-0 1000000 2000000 3000000"
		echo "bench boot-16 161000000 162000000 163000000"
		echo "ok 1 something"
	} | sed 's/$/\r/' > "$1"
}

# x86-64, icount clock.
console "$tmp/x86.log" x86_64
"$run" --arch x86_64 --build "$tmp/x86" --clock icount --table-only "$tmp/x86.log" > "$tmp/x86.out" 2>&1
rc=$?
check "x86-64: a table from a console log (exit 0)" test "$rc" -eq 0
check "x86-64: the heading names the architecture, the clock and its CPU, the repetitions" \
	grep -qE '^x86_64 device \(icount clock, -cpu max,-erms\), [0-9-]+; min and median of 3 repetitions' "$tmp/x86.out"
check "x86-64: ratio of the mins and of the medians; a target met on the min" \
	has "$tmp/x86.out" "| App start (request to main), 53 KB-class package / fork+exec | 2.00x | 4.00x | <= 4x | yes |"
check "x86-64: a target missed on the min" \
	has "$tmp/x86.out" "| getppid under the app filter / bare | 3.00x | 3.00x | <= 1.05x | **no** |"
check "x86-64: an absolute row in its unit" has "$tmp/x86.out" "| Daemon RSS, idle | 1.50 MiB | 1.50 MiB | <= 1.5 MiB | yes |"
check "x86-64: a per-app difference" \
	has "$tmp/x86.out" "| Boot cost per installed app (0 to 16) | 10.0 ms | 10.0 ms | <= 20 ms | yes |"
check "x86-64: the full suite names a row it did not measure" \
	has "$tmp/x86.out" "| App start / crun run, comparable config | n/a | n/a |  | not measured |"
check "x86-64: the table is also BUILD/bench/table.md" cmp -s "$tmp/x86.out" "$tmp/x86/bench/table.md"
check "x86-64: the raw values are the log's bench lines, without CRs" \
	sh -c '[ "$(wc -l < "$1")" -eq 8 ] && ! grep -q "$(printf "\r")" "$1" && grep -qx "bench start-fork 5 5 10" "$1"' \
	_ "$tmp/x86/bench/values.txt"

# ARMv7: the same rows, its own heading.
console "$tmp/arm.log" armv7
"$run" --arch armv7 --build "$tmp/arm" --clock icount --table-only "$tmp/arm.log" > "$tmp/arm.out" 2>&1
rc=$?
check "ARMv7: a table from a console log (exit 0)" test "$rc" -eq 0
check "ARMv7: the heading names ARMv7 (its CPU as the tests')" grep -qE '^armv7 device \(icount clock\), ' "$tmp/arm.out"
check "ARMv7: ratios as on x86-64" \
	has "$tmp/arm.out" "| App start / bwrap + the same filter | 0.50x | 0.50x | <= 0.25x | **no** |"
check "ARMv7: the full suite names a row it did not measure" \
	has "$tmp/arm.out" "| Install / one verification, 8 MiB | n/a | n/a | <= 1.3x | not measured |"

# A partial suite: only what it measured.
"$run" --arch armv7 --build "$tmp/part" --suite bench_start --table-only "$tmp/arm.log" > "$tmp/part.out" 2>&1
check "a partial suite prints the rows it measured" \
	has "$tmp/part.out" "| App start (request to main), 53 KB-class package / fork+exec | 2.00x | 4.00x | <= 4x | yes |"
check "a partial suite leaves out the rows it did not measure" sh -c '! grep -q "not measured" "$1"' _ "$tmp/part.out"

# Errors.
printf 'azs: device ready\r\nok 1 x\r\n' > "$tmp/none.log"
"$run" --arch armv7 --build "$tmp/none" --table-only "$tmp/none.log" > "$tmp/none.out" 2>&1
rc=$?
check "a log without measurements fails, saying so" sh -c '[ "$1" -eq 1 ] && grep -q "bench: no measurements" "$2"' _ "$rc" "$tmp/none.out"
"$run" --arch armv7 --build "$tmp/clk" --clock cycles --table-only "$tmp/arm.log" > "$tmp/clk.out" 2>&1
rc=$?
check "an unknown clock is refused, naming --clock" sh -c '[ "$1" -eq 2 ] && grep -q -- "--clock wall or icount" "$2"' _ "$rc" "$tmp/clk.out"
check "... before anything is written" test ! -e "$tmp/clk"

# The Makefile's choice of architectures (BENCH_RUN instead of a real run).
make -s -C "$top" bench BENCH_ARCHS="x86_64 azs-none" BENCH_RUN="echo azs-run" > "$tmp/make.out" 2>&1
rc=$?
check "plain make bench runs x86-64" has "$tmp/make.out" "azs-run DEVICE_ARCH=x86_64"
check "plain make bench names an architecture that is not set up and the command that sets it up" \
	sh -c '[ "$1" -eq 0 ] && grep -qF "azs-none: not set up, skipped: '"'"'make setup DEVICE_ARCH=azs-none'"'"'" "$2" &&
		! grep -q "DEVICE_ARCH=azs-none$" "$2"' _ "$rc" "$tmp/make.out"
make -s -C "$top" bench DEVICE_ARCH=armv7 BENCH_RUN="echo azs-run" > "$tmp/one.out" 2>&1
check "make bench DEVICE_ARCH=armv7 runs ARMv7 alone" \
	sh -c '[ "$(grep -c azs-run "$1")" -eq 1 ] && grep -qx "azs-run DEVICE_ARCH=armv7" "$1"' _ "$tmp/one.out"

echo "1..$n"
exit $bad
