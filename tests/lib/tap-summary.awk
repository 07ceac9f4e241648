# SPDX-License-Identifier: MIT
# The judge of a device suite: count the TAP results in a console log (or in
# the log of the suite's host side) and decide pass/fail.
# Usage: awk -v suite=NAME -v tests=N [-v skips=N] [-v boots=N] [-v side=host]
#            -f tap-summary.awk LOG
#   tests  the suite's plan: how many results it must produce, from its
#          "# azs-tests: N" header (host side: "# azs-host-tests: N")
#   skips  how many of them may be SKIPs ("# azs-expect-skip: N", default 0)
#   boots  how many boots the console must show ("# azs-boots: N", default 1)
#   side   "host" for a host side's log: no boots, no end marker
# The suite fails on:
# - any "not ok", also nested ("# not ok 3 ...") inside the kselftest
#   runner's output; the runner's own per-program line ("ok 1 selftests:
#   ...") is not counted as a result but a "not ok" there still fails (a
#   crash, a timeout or an exit status of a program);
# - a number of results (ok, not ok, SKIP) other than the plan: a script
#   that dies half-way, a kselftest program that stops early or a missing
#   collection comes short;
# - more SKIPs than the suite expects (any, by default), or fewer;
# - a failure marker "azs-suite: FAILED ..." (tests/device/run-suite-in-device
#   and azs_kselftest print one for a non-zero exit status), and the kselftest
#   runner's "No such collection" / "No such test";
# - (console) no end marker "azs-suite: end NAME status 0", a non-zero
#   status in it, or a number of boots other than "boots".
BEGIN {
	if (side != "host")
		side = "device"
	if (boots == "")
		boots = 1
	if (skips == "")
		skips = 0
	if (tests !~ /^[1-9][0-9]*$/) {
		print "FAILED: suite '" suite "' (" side " side) declares no plan: its script needs a header line \"# azs-" (side == "host" ? "host-" : "") "tests: N\" (got '" tests "')"
		bad = 1
	}
	if (skips !~ /^[0-9]+$/) {
		print "FAILED: suite '" suite "': '# azs-expect-skip: " skips "' is not a number"
		bad = 1
	}
}
{
	sub(/\r$/, "")
}
/azs: init started at / {
	nboots++
}
/^azs-suite: end / && $3 == suite {
	nends++
	if (NF == 5 && $4 == "status" && $5 ~ /^[0-9]+$/) {
		if ($5 != 0) {
			print "FAILED: the suite script exited with status " $5
			bad = 1
		} else {
			ended = 1
		}
	} else {
		print "FAILED: malformed end marker (want 'azs-suite: end " suite " status N'): " $0
		bad = 1
	}
}
/^azs-suite: FAILED/ {
	print $0
	bad = 1
}
/No such (collection|test) '/ {
	print "FAILED: the kselftest runner: " $0
	bad = 1
}
/^(# )*(not )?ok([ \t]|$)/ {
	line = $0
	sub(/^(# )*/, "", line)
	failed_line = (line ~ /^not ok/)
	outer = (line ~ /^(not )?ok [0-9]+ selftests: /)
	skip = (tolower(line) ~ /# *skip/)
	if (failed_line) {
		bad = 1
		print "FAILED: " $0
	} else if (skip) {
		print "SKIP: " $0
	}
	# A program the runner skipped as a whole (exit status 4) is a SKIP too.
	if (skip && !failed_line)
		skipped++
	if (outer)
		next
	results++
	if (failed_line)
		failed++
	else if (!skip)
		passed++
}
END {
	if (side == "device") {
		if (!ended && !nends) {
			print "FAILED: suite '" suite "' did not reach its end marker"
			bad = 1
		}
		if (nends > 1) {
			print "FAILED: " nends " end markers for suite '" suite "' (only tests/device/run-suite-in-device prints one)"
			bad = 1
		}
		if (nboots != boots) {
			print "FAILED: expected " boots " boot(s), saw " nboots + 0
			bad = 1
		}
	}
	if (tests ~ /^[1-9][0-9]*$/ && results != tests) {
		print "FAILED: " results + 0 " result(s), the " side " side's plan is " tests
		bad = 1
	}
	if (skips ~ /^[0-9]+$/ && skipped + 0 != skips + 0) {
		print "FAILED: " skipped + 0 " SKIP(s), the suite expects " skips + 0 " (# azs-expect-skip)"
		bad = 1
	}
	printf "%s: %d passed, %d failed, %d skipped\n", suite, passed, failed, skipped
	exit bad ? 1 : 0
}
