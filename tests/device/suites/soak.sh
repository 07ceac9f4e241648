# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 7
# Soak: start/stop/crash cycles of a production-signed app (its package
# mounted from a loop device, a GPIO from the firewall) through the
# application manager (tests/faults/soak.c), then no leaked descriptors,
# memory, cgroups, loop devices, mounts, app processes or firewall
# assignments. 1000 cycles here; 300 on ARMv7, whose emulated cycle takes
# twice as long (the same code paths; CI's time, docs/testing.md). Suite
# soak_long runs 10000 (make soak).
. /etc/azs/lib.sh
default_cycles=1000
[ "$(cat /etc/azs/arch)" != armv7 ] || default_cycles=300
cycles=${AZS_SOAK_CYCLES:-$default_cycles}
pkg=11111111-2222-4333-8444-000000000020
state_is() { [ "$(azs_app_field $pkg state)" = "$1" ]; }
start_runs() { azs-appctl start $pkg && azs_wait_for 10 state_is running; }
kernel_clean() {
	! dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Call Trace|refcount_t'
}

echo "TAP version 13"
echo "1..7"
azs_check "the application manager starts" azs_start_appmand
azs_check "a production-signed app installs" \
	azs-appctl install /usr/lib/azs-tests/packages/pkgticker-prod.azsp
azs_check "it runs" azs_wait_for 10 state_is running
azs_check "it stops" azs-appctl stop $pkg
/usr/lib/azs-tests/azs-soak --cid $pkg --cycles "$cycles" 2>&1
echo $? > /tmp/soak.rc
azs_check "$cycles start/stop/crash cycles, and nothing leaked" test "$(cat /tmp/soak.rc)" = 0
azs_check "the app still starts and runs" start_runs
azs_check "no kernel warning, BUG or oops in dmesg" kernel_clean
