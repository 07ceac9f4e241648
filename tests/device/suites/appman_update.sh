# SPDX-License-Identifier: MIT
# azs-boots: 5
# azs-tests: 41
# Seed 002's update rule, all six cases, with real reboots. The device is
# made DeviceComplete without appDevelopment, so the application manager
# locks the peripheral configuration at start; then:
#   (a) a new app with peripherals, (b) an update to other peripherals and
#   (c) the removal of an app with peripherals each reboot the device, which
#   comes back with the new configuration applied and locked again;
#   (d) a new app without peripherals, (e) removing it, and (f) an update
#   with the same peripherals apply at once, without a reboot.
# Fail closed (boot 1): a daemon that must lock but can't (no CAP_SYS_ADMIN
# in the initial user namespace) refuses to serve, naming why.
# (g) (boot 5) a removal deferred to a reboot stops the app first: the
# daemon runs under a pid namespace whose init only notes the reboot request;
# the app is gone at once and the daemon goes on serving and supervising.
. /etc/azs/lib.sh
img=/usr/lib/azs-tests/images
ctl=/usr/lib/azs-tests/ctl-client
cg=/sys/fs/cgroup/azsphere
led=11111111-2222-4333-8444-000000000010
button=11111111-2222-4333-8444-000000000011
quiet=11111111-2222-4333-8444-000000000012
state=/mnt/flash/update-test
mkdir -p $state
boot=$(( $(cat $state/boot 2>/dev/null || echo 0) + 1 ))
echo $boot > $state/boot
sync

running() { [ "$(azs_app_field "$1" state)" = running ]; }
stopped() { [ "$(azs_app_field "$1" state)" = stopped ]; }
owner_of() { azs-fwctl query gpio "$1" | sed -n 's/.*owner \([a-z0-9]*\).*/\1/p'; }
locked() { azs-fwctl status | grep -q '^locked 1'; }
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
# Ask for a change that must reboot the device; never returns if it does.
expect_reboot() {
	out=$(azs-appctl "$@")
	echo "# $out"
	case "$out" in
	*'"reboot":true'*) sleep 60 ;;
	esac
	echo "not ok 99 $* should have rebooted the device"
}

azs_start_appmand
case $boot in
1)
	azs_check "a fresh device is not locked" sh -c "! locked"
	azs_check "install the LED app (unlocked: at once)" azs-appctl install $img/led-v1
	azs_check "make the device DeviceComplete" azs-secctl mfg-state DeviceComplete
	# A daemon that must lock now but can't: root of a user namespace of
	# its own, it lacks CAP_SYS_ADMIN where the firewall checks it.
	daemon=$(cat /tmp/appmand.pid)
	kill "$daemon"
	azs_wait_for 10 sh -c "! kill -0 $daemon"
	fsock=/run/azs-fault/appman.sock
	unshare -U -r sh -c "exec /usr/sbin/azs-appmand --socket $fsock" >> /tmp/appmand-fault.log 2>&1 &
	fault=$!
	azs_check "a daemon that can't lock still answers" azs_wait_for 10 test -S $fsock
	sleep 1
	azs_check "... refusing to serve, naming why" \
		sh -c "$ctl $fsock 5 '{\"op\":\"list\"}' | grep -q 'refuses to serve: FailedToLockPeripheralConfig'"
	azs_check "... and the console says so" \
		sh -c "dmesg | grep -q 'azs-appmand: the application manager refuses to serve: FailedToLockPeripheralConfig'"
	azs_check "... the configuration is not locked (the next boot locks it)" sh -c "! locked"
	sed 's/^/# fault daemon: /' /tmp/appmand-fault.log | tail -n 5
	kill "$fault"
	echo "1..$azs_tap_n"
	azs_reboot
	;;
2)
	azs_check "DeviceComplete without appDevelopment: locked at start" locked
	azs_check "the LED app runs" azs_wait_for 5 running $led
	echo "1..$azs_tap_n"
	echo "# (a) a new app with peripherals"
	expect_reboot install $img/button
	;;
3)
	azs_check "(a) after the reboot the new app runs" azs_wait_for 5 running $button
	azs_check "(a) its GPIO 12 is assigned to it" test "$(owner_of 12)" = "$(azs_app_field $button uid)"
	azs_check "(a) locked again" locked
	echo "1..$azs_tap_n"
	echo "# (b) an update to a different set of peripherals"
	expect_reboot install $img/led-v2
	;;
4)
	azs_check "(b) the update runs after the reboot" azs_wait_for 5 logs_have $led "led v2 tick"
	azs_check "(b) GPIO 9 is now the LED app's" test "$(owner_of 9)" = "$(azs_app_field $led uid)"
	azs_check "(b) locked again" locked
	echo "1..$azs_tap_n"
	azs-appctl list | sed 's/^/# /'
	sed 's/^/# appmand: /' /tmp/appmand.log | tail -n 8
	echo "# (c) removing an app that uses peripherals"
	expect_reboot remove $button
	;;
5)
	azs_check "(c) the removed app is gone" sh -c "! azs-appctl list | grep -q $button"
	azs_check "(c) its GPIO is released" test "$(owner_of 12)" = none
	azs_check "(c) locked again" locked
	reboots_before=$(cat $state/boot)
	azs_check "(d) a new app without peripherals installs at once" sh -c "azs-appctl install $img/quiet | grep -v reboot"
	azs_check "(d) ... and runs" azs_wait_for 5 running $quiet
	azs_check "(e) removing it happens at once" sh -c "azs-appctl remove $quiet | grep -v reboot"
	azs_check "(e) ... it is gone" sh -c "! azs-appctl list | grep -q $quiet"
	azs_check "(f) an update with the same peripherals happens at once" sh -c "azs-appctl install $img/led-v2b | grep -v reboot"
	azs_check "(f) ... the app restarts with the new version" azs_wait_for 5 logs_have $led "led v2b tick"
	azs_check "(f) ... its GPIOs did not move" test "$(owner_of 8)" = "$(azs_app_field $led uid)"
	azs_check "no reboot happened for (d)-(f)" test "$(cat $state/boot)" = "$reboots_before"

	# (g) The daemon again, as pid 2 of a pid namespace: its init (this
	# shell's child) notes the reboot request instead of rebooting.
	daemon=$(cat /tmp/appmand.pid)
	kill "$daemon"
	azs_wait_for 10 sh -c "! kill -0 $daemon"
	rm -f /tmp/reboot-requested
	unshare -p -f sh -c 'trap "echo requested > /tmp/reboot-requested" TERM
		/usr/sbin/azs-appmand >> /tmp/appmand.log 2>&1 &
		while kill -0 $! 2> /dev/null; do wait $!; done' &
	azs_check "(g) the daemon runs again (in a pid namespace)" azs_wait_for 10 test -S /run/azsphere/appman.sock
	azs_check "(g) the LED app runs (its GPIOs, locked, are already its own)" azs_wait_for 10 running $led
	azs-appctl list | sed 's/^/# /'
	azs_check "(g) removing it (locked, releases peripherals) asks for a reboot" \
		sh -c "azs-appctl remove $led | grep -q '\"reboot\":true'"
	azs_check "(g) ... which init was asked for" azs_wait_for 5 test -f /tmp/reboot-requested
	azs_check "(g) the removed app was stopped first: no process is left" \
		sh -c "! cat $cg/$led/cgroup.procs 2> /dev/null | grep -q ."
	azs_check "(g) ... and it is gone" sh -c "! azs-appctl list | grep -q $led"
	azs_check "(g) the daemon still serves: an app without peripherals installs" \
		sh -c "azs-appctl install $img/quiet | grep -q '\"ok\":true'"
	azs_check "(g) ... runs" azs_wait_for 5 running $quiet
	azs_check "(g) ... stops" azs-appctl stop $quiet
	azs_check "(g) ... stopped" stopped $quiet
	azs_check "(g) ... and starts again" azs-appctl start $quiet
	azs_check "(g) ... running" azs_wait_for 5 running $quiet
	# Its kept namespaces are its own, though the daemon's pids are not
	# this /proc's (the daemon is in a pid namespace under it).
	qpid=$(cat $cg/$quiet/cgroup.procs 2> /dev/null | tail -n 1)
	azs_check "(g) ... in a network namespace of its own, not the device's" sh -c \
		"[ -n '$qpid' ] && [ \"\$(readlink /proc/$qpid/ns/net)\" != \"\$(readlink /proc/1/ns/net)\" ]"
	azs_check "(g) ... and a mount namespace of its own" sh -c \
		"[ -n '$qpid' ] && [ \"\$(readlink /proc/$qpid/ns/mnt)\" != \"\$(readlink /proc/1/ns/mnt)\" ]"
	echo "1..$azs_tap_n"
	azs_check_dmesg
	;;
esac
