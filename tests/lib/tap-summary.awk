# SPDX-License-Identifier: MIT
# Count TAP results in a device console log and decide pass/fail.
# Usage: awk -v suite=NAME -v boots=N -f tap-summary.awk console.log
# - every "ok"/"not ok" line counts, also when nested ("# ok 3 ...") inside
#   the kselftest runner's output; the runner's own per-program line
#   ("ok 1 selftests: ...") is not counted but a "not ok" there still fails
#   (a crash or timeout of a program);
# - the suite must end ("azs-suite: end NAME") after exactly N boots.
# run_kselftest.sh exits 0 even when tests fail, so this is the judge.
{
	sub(/\r$/, "")
}
/azs: init started at / { nboots++ }
/^azs-suite: end / { if ($3 == suite) ended = 1 }
/^(# )*(not )?ok [0-9]+/ {
	line = $0
	sub(/^(# )*/, "", line)
	failed_line = (line ~ /^not ok/)
	outer = (line ~ /^(not )?ok [0-9]+ selftests: /)
	if (failed_line) {
		bad = 1
		print "FAILED: " $0
	}
	if (outer)
		next
	if (line ~ /# SKIP/)
		skipped++
	else if (failed_line)
		failed++
	else
		passed++
}
END {
	if (!ended) {
		print "FAILED: suite '" suite "' did not reach its end marker"
		bad = 1
	}
	if (nboots != boots) {
		print "FAILED: expected " boots " boot(s), saw " nboots + 0
		bad = 1
	}
	if (passed + failed == 0) {
		print "FAILED: no test result lines"
		bad = 1
	}
	printf "%s: %d passed, %d failed, %d skipped\n", suite, passed, failed, skipped
	exit bad ? 1 : 0
}
