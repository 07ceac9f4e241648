# SPDX-License-Identifier: MIT
# azs-boots: 5
# azs-tests: 23
# Seed 002's update rule, all six cases, with real reboots. The device is
# made DeviceComplete without appDevelopment, so the application manager
# locks the peripheral configuration at start; then:
#   (a) a new app with peripherals, (b) an update to other peripherals and
#   (c) the removal of an app with peripherals each reboot the device, which
#   comes back with the new configuration applied and locked again;
#   (d) a new app without peripherals, (e) removing it, and (f) an update
#   with the same peripherals apply at once, without a reboot.
. /etc/azs/lib.sh
img=/usr/lib/azs-tests/images
led=11111111-2222-4333-8444-000000000010
button=11111111-2222-4333-8444-000000000011
quiet=11111111-2222-4333-8444-000000000012
state=/mnt/flash/update-test
mkdir -p $state
boot=$(( $(cat $state/boot 2>/dev/null || echo 0) + 1 ))
echo $boot > $state/boot
sync

running() { [ "$(azs_app_field "$1" state)" = running ]; }
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
	echo "1..$azs_tap_n"
	azs_check_dmesg
	;;
esac
