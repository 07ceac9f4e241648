#!/bin/sh
# SPDX-License-Identifier: MIT
# The device test judge's own tests (ctest host.judge): each way a broken
# suite could pass is a console log here that tests/lib/tap-summary.awk must
# judge FAILED, for the stated reason; good logs must pass. Then the device
# side end to end on the host: tests/device/run-suite-in-device with a suite
# that dies half-way, and lib.sh's azs_kselftest with the real kselftest
# runner (run_kselftest.sh) asked for a collection that is not there.
# Usage: judge_test.sh TOP HARNESS_DIR (build/A/cmake/kselftest-harness)
set -u
top=$1
harness=$2
here=$top/tests/lib/tests
judge=$top/tests/lib/tap-summary.awk
n=0
bad=0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

result() { # OK DESCRIPTION OUTPUT
	n=$((n + 1))
	if [ "$1" -eq 1 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		echo "$3" | sed 's/^/#   /'
		bad=1
	fi
}

# judge LOG VERDICT TESTS BOOTS SKIPS SIDE REASON: run the judge on LOG (a
# file); VERDICT pass or fail; REASON an extended regex its output must match.
judge() {
	log=$1 want=$2 tests=$3 boots=$4 skips=$5 side=$6 reason=$7
	out=$(awk -v suite=s -v tests="$tests" -v boots="$boots" -v skips="$skips" -v side="$side" \
		-f "$judge" "$log" 2>&1)
	rc=$?
	case "$want" in
	pass) [ $rc -eq 0 ] && ok=1 || ok=0 ;;
	fail) [ $rc -eq 1 ] && ok=1 || ok=0 ;;
	esac
	echo "$out" | grep -Eq -- "$reason" || ok=0
	result $ok "$(basename "$log" .log): judged $want ($reason)" "exit $rc: $out"
}

echo "TAP version 13"
L=$here/logs
# Good logs pass, with the counts they really have.
judge $L/good-kselftest.log pass 4 1 0 device '^s: 4 passed, 0 failed, 0 skipped$'
judge $L/good-multiboot.log pass 4 2 0 device '^s: 4 passed, 0 failed, 0 skipped$'
judge $L/good-expected-skip.log pass 3 1 1 device '^s: 2 passed, 0 failed, 1 skipped$'
judge $L/host-good.log pass 2 '' '' host '^s: 2 passed, 0 failed, 0 skipped$'
# The holes of issue 19, and the older rules.
judge $L/missing-collection.log fail 1 1 0 device "FAILED: the kselftest runner: No such collection 'board_locked'"
judge $L/missing-collection-marker.log fail 1 1 0 device 'azs-suite: FAILED: run_kselftest.sh -c board_locked exited with status 1'
judge $L/missing-collection.log fail 14 1 0 device 'FAILED: 1 result\(s\), the device side.s plan is 14'
judge $L/died-after-2-of-5.log fail 5 1 0 device 'FAILED: 2 result\(s\), the device side.s plan is 5'
judge $L/died-after-2-of-5-status.log fail 5 1 0 device 'FAILED: the suite script exited with status 2'
judge $L/nonzero-exit.log fail 5 1 0 device 'FAILED: the suite script exited with status 1'
judge $L/unexpected-skip.log fail 3 1 0 device 'FAILED: 2 SKIP\(s\), the suite expects 0'
judge $L/unexpected-skip.log fail 3 1 1 device 'FAILED: 2 SKIP\(s\), the suite expects 1'
judge $L/good-kselftest.log fail 4 1 1 device 'FAILED: 0 SKIP\(s\), the suite expects 1'
judge $L/wrong-boots.log fail 2 2 0 device 'FAILED: expected 2 boot\(s\), saw 1'
judge $L/good-multiboot.log fail 4 1 0 device 'FAILED: expected 1 boot\(s\), saw 2'
judge $L/no-end-marker.log fail 2 1 0 device "FAILED: suite 's' did not reach its end marker"
judge $L/nested-not-ok.log fail 2 1 0 device 'FAILED: # not ok 2 global.b'
judge $L/runner-timeout.log fail 2 1 0 device 'FAILED: not ok 1 selftests: secmon: status_test # TIMEOUT'
judge $L/unnumbered-not-ok.log fail 2 1 0 device 'FAILED: not ok - the device did not reboot'
judge $L/second-end-marker.log fail 2 1 0 device 'FAILED: malformed end marker'
judge $L/too-many-results.log fail 2 1 0 device 'FAILED: 3 result\(s\), the device side.s plan is 2'
judge $L/good-kselftest.log fail '' 1 0 device 'declares no plan'
judge $L/good-kselftest.log fail 0 1 0 device 'declares no plan'
judge $L/host-short.log fail 26 '' '' host 'FAILED: 2 result\(s\), the host side.s plan is 26'
judge $L/host-good.log fail '' '' '' host 'declares no plan.*azs-host-tests'

# The device side, run on the host: a suite script that dies after 2 of 5.
mkdir -p "$tmp/suites"
cat > "$tmp/suites/s.sh" <<'EOF'
echo "ok 1 a"
echo "ok 2 b"
exit 3
echo "ok 3 c"
EOF
{
	echo "azs: init started at 1.0 s (mode test)"
	AZS_SUITES_DIR=$tmp/suites sh "$top/tests/device/run-suite-in-device" s
} > "$tmp/died.log"
judge "$tmp/died.log" fail 5 1 0 device 'azs-suite: FAILED: s.sh exited with status 3'
judge "$tmp/died.log" fail 2 1 0 device 'FAILED: the suite script exited with status 3'
# ... and one that isn't in the image.
{
	echo "azs: init started at 1.0 s (mode test)"
	AZS_SUITES_DIR=$tmp/suites sh "$top/tests/device/run-suite-in-device" nosuch
} > "$tmp/nosuch.log"
out=$(awk -v suite=nosuch -v tests=1 -f "$judge" "$tmp/nosuch.log")
rc=$?
echo "$out" | grep -q "suite 'nosuch' is not in this device image" && [ $rc -eq 1 ]
result $((! $?)) "a suite missing from the image is judged FAILED" "exit $rc: $out"
# A good suite through the same path passes.
printf 'echo "ok 1 a"\necho "ok 2 b"\n' > "$tmp/suites/good.sh"
{
	echo "azs: init started at 1.0 s (mode test)"
	AZS_SUITES_DIR=$tmp/suites sh "$top/tests/device/run-suite-in-device" good
} > "$tmp/good.log"
out=$(awk -v suite=good -v tests=2 -f "$judge" "$tmp/good.log")
result $((! $?)) "a good suite through run-suite-in-device passes" "$out"

# lib.sh's azs_kselftest with the real runner, on a kselftest tree made here:
# collection "present" has one program printing two results.
ks=$tmp/kselftests
mkdir -p "$ks/present"
cp "$harness/run_kselftest.sh" "$ks/"
cp -a "$harness/kselftest" "$ks/"
printf '#!/bin/sh\necho "TAP version 13"\necho "1..2"\necho "ok 1 one"\necho "ok 2 two"\n' \
	> "$ks/present/prog"
chmod +x "$ks/present/prog"
echo "present:prog" > "$ks/kselftest-list.txt"
cat > "$tmp/suites/ks.sh" <<EOF
. "$top/device/rootfs/etc/azs/lib.sh"
AZS_KSELFTEST_DIR=$ks
azs_kselftest \$1
echo "ok 1 dmesg has no WARN/BUG/Oops"
EOF
run_ks() { # COLLECTION: the console of a suite running azs_kselftest COLLECTION
	echo "azs: init started at 1.0 s (mode test)"
	echo "azs-suite: begin s"
	sh "$tmp/suites/ks.sh" "$1" 2>&1
	echo "azs-suite: end s status 0"
}
# (Through a pipe, as to the device's console: the runner reopens
# /dev/stdout, which on a regular file would write over our own output.)
run_ks present | cat > "$tmp/present.log"
judge "$tmp/present.log" pass 3 1 0 device '^s: 3 passed, 0 failed, 0 skipped$'
run_ks absent | cat > "$tmp/absent.log"
judge "$tmp/absent.log" fail 1 1 0 device 'azs-suite: FAILED: run_kselftest.sh -c absent exited with status 1'

# Every suite in the tree declares its plan (a suite without one would only
# fail when it boots): a positive # azs-tests, numeric boots and skips, and a
# host side that prints TAP declares # azs-host-tests.
for f in "$top"/tests/device/suites/*.sh; do
	name=$(basename "$f" .sh)
	why=
	t=$(sed -n 's/^# azs-tests: *//p' "$f")
	# A suite whose boots a host driver runs and judges names that driver
	# (run-suite refuses it: it has no plan of its own).
	drv=$(echo "$t" | sed -n 's/^driver \(tests\/device\/[a-z0-9_-]*\).*/\1/p')
	if [ -n "$drv" ]; then
		[ -x "$top/$drv" ] || why="its driver $drv is not an executable in the tree"
	else
		echo "$t" | grep -Eqx '[1-9][0-9]*' || why="no '# azs-tests: N' (got '$t')"
	fi
	for h in boots expect-skip; do
		v=$(sed -n "s/^# azs-$h: *//p" "$f")
		[ -z "$v" ] || echo "$v" | grep -Eqx '[0-9]+' || why="$why '# azs-$h: $v' is not one number"
	done
	if [ -f "${f%.sh}.host" ] && grep -q '"ok %d\|ok %d' "${f%.sh}.host" &&
		! grep -Eq '^# azs-host-tests: [1-9][0-9]*$' "${f%.sh}.host"; then
		why="$why its host side prints TAP but has no '# azs-host-tests: N'"
	fi
	[ -z "$why" ]
	result $((! $?)) "suite $name declares its plan" "$why"
done

echo "1..$n"
exit $bad
