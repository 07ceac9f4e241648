# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 9
# Random and malformed ioctl calls to every device node of the platform and
# the simulated board (tests/faults/ioctl_fuzz.c), as root and as an app's
# uid, in a boot where the firewall is locked (as in suite firewall_lock).
# Afterwards: no kernel warning, BUG or oops; the firewall table exactly as
# before and still locked. 500000 calls per identity (about 25000 a node;
# a run takes about a minute under software emulation); 100000 on ARMv7,
# whose emulated calls take twice as long (the same handlers; CI's time,
# docs/testing.md).
. /etc/azs/lib.sh
fuzz=/usr/lib/azs-tests/azs-ioctl-fuzz
calls=500000
[ "$(cat /etc/azs/arch)" != armv7 ] || calls=100000
app_uid=1000 # owns the locked configuration's peripherals (board_util.h)

# The whole table as azs-fwctl shows it: status, then every resource.
fw_table() {
	azs-fwctl status
	for i in $(seq 0 79); do azs-fwctl query gpio "$i" 2>&1; done
	for k in uart i2c spi; do
		for i in 0 1 2 3 4; do azs-fwctl query "$k" "$i" 2>&1; done
	done
	for i in 0 1 2; do azs-fwctl query pwm "$i" 2>&1; done
	azs-fwctl query adc 0 2>&1
}
locked() {
	azs-fwctl status | grep -q '^locked 1 ' &&
		[ "$(cat /sys/kernel/azsphere_secmon/locked)" = 1 ]
}
kernel_clean() {
	! dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Call Trace|UBSAN|refcount_t|list_(add|del) corruption'
}
# fuzz NAME ARGS...: one run, its figures as TAP comments, its status kept.
fuzz_run() {
	name=$1
	shift
	$fuzz run --calls "$calls" --timeout 900 "$@" > "/tmp/fuzz.$name" 2>&1
	echo $? > "/tmp/fuzz.$name.rc"
	sed 's/^\([^#]\)/# \1/' "/tmp/fuzz.$name"
	[ "$(cat "/tmp/fuzz.$name.rc")" = 0 ]
}
ran_all() { grep -q "^# [0-9]* calls in" "/tmp/fuzz.$1" && ! grep -q "^# only " "/tmp/fuzz.$1"; }

echo "TAP version 13"
echo "1..9"
azs_check "the firewall is configured and locked" $fuzz lock
azs_check "the firewall reports itself locked" locked
fw_table > /tmp/fw.before
start=$(azs_uptime)
fuzz_run root
azs_check "$calls calls as root: the table unchanged, the lock held, the security state only forward" \
	test "$(cat /tmp/fuzz.root.rc)" = 0
azs_check "... every one of the $calls calls was made" ran_all root
fuzz_run app --uid $app_uid
azs_check "$calls calls as uid $app_uid: the table and the security state unchanged, the lock held" \
	test "$(cat /tmp/fuzz.app.rc)" = 0
azs_check "... every one of the $calls calls was made" ran_all app
echo "# fuzzing took $(awk -v a="$start" -v b="$(azs_uptime)" 'BEGIN { printf "%.0f", b - a }') s"
fw_table > /tmp/fw.after
azs_check "azs-fwctl shows the same table before and after" cmp /tmp/fw.before /tmp/fw.after
azs_check "the firewall is still locked" locked
azs_check "no kernel warning, BUG or oops in dmesg" kernel_clean
