#!/bin/sh
# SPDX-License-Identifier: MIT
# The device test judge (tests/lib/tap-summary.awk) must fail a run for any
# "not ok", nested or not, a missing end marker or a wrong boot count.
set -u
awk_file=$1
n=0
bad=0

# check NAME EXPECTED_EXIT EXPECTED_SUMMARY_OR_EMPTY BOOTS <<log
check() {
	name=$1 want=$2 summary=$3 boots=$4
	n=$((n + 1))
	out=$(awk -v suite=s -v boots="$boots" -f "$awk_file")
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "not ok $n $name # exit $got, want $want"; echo "$out" | sed 's/^/#   /'
		bad=1
	elif [ -n "$summary" ] && ! echo "$out" | grep -qx "s: $summary"; then
		echo "not ok $n $name # summary"; echo "$out" | sed 's/^/#   /'
		bad=1
	else
		echo "ok $n $name"
	fi
}

echo "TAP version 13"
echo "1..7"
check all_pass 0 "2 passed, 0 failed, 0 skipped" 1 <<'LOG'
azs: init started at 1.0 s (mode test)
azs-suite: begin s
TAP version 13
1..1
# selftests: secmon: status_test
# TAP version 13
# 1..2
# ok 1 global.a
# ok 2 global.b
ok 1 selftests: secmon: status_test
azs-suite: end s
LOG
check nested_failure_fails 1 "1 passed, 1 failed, 0 skipped" 1 <<'LOG'
azs: init started at 1.0 s (mode test)
# ok 1 global.a
# not ok 2 global.b
ok 1 selftests: secmon: status_test
azs-suite: end s
LOG
check runner_timeout_fails 1 "" 1 <<'LOG'
azs: init started at 1.0 s (mode test)
# ok 1 global.a
not ok 1 selftests: secmon: status_test # TIMEOUT 45 seconds
azs-suite: end s
LOG
check missing_end_marker_fails 1 "" 1 <<'LOG'
azs: init started at 1.0 s (mode test)
ok 1 reboot
LOG
check wrong_boot_count_fails 1 "" 2 <<'LOG'
azs: init started at 1.0 s (mode test)
ok 1 reboot
azs-suite: end s
LOG
check skip_is_counted 0 "1 passed, 0 failed, 1 skipped" 1 <<'LOG'
azs: init started at 1.0 s (mode test)
ok 1 a
ok 2 b # SKIP not here
azs-suite: end s
LOG
check no_results_fails 1 "" 1 <<'LOG'
azs: init started at 1.0 s (mode test)
azs-suite: end s
LOG
exit $bad
