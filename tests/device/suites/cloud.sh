# SPDX-License-Identifier: MIT
# azs-boots: 4
# azs-tests: 19
# Cloud updates and device restarts, driven from the host (cloud.host) over
# the host channel: the Security Service's deployments delivered with
# "azs-security-service deployment deliver", the device CLI for the rest.
#   boot 1  a deployment installs one app and leaves an identical one alone;
#           tampered deployments (an SDK-signed member, a flipped bit) are
#           refused with nothing changed; a deployment without an app removes
#           it; with appDevelopment a cloud update is refused, nothing
#           changes; "azsphere device restart" reboots the device
#   boot 2  the apps and capability survived; enable-cloud-test, the device
#           is made DeviceComplete and restarted again
#   boot 3  locked (DeviceComplete, no appDevelopment): a deployment that adds
#           an app with a GPIO reboots the device to apply it
#   boot 4  that app runs, owns its GPIO, and the configuration is locked
#           again; the same deployment delivered again changes nothing
. /etc/azs/lib.sh
pkg=11111111-2222-4333-8444-000000000020
sdk=11111111-2222-4333-8444-000000000021
state=/mnt/flash/cloud-test
mkdir -p $state
boot=$(($(cat $state/boot 2> /dev/null || echo 0) + 1))
echo $boot > $state/boot
sync

running() { [ "$(azs_app_field "$1" state)" = running ]; }
installed() { azs-appctl list | grep -q "\"cid\":\"$1\""; }
not_installed() { azs-appctl list | grep -q '"ok":true' && ! installed "$1"; }
same_pid() { [ "$1" -gt 0 ] && [ "$(azs_app_field $pkg pid)" = "$1" ]; }
locked() { azs-fwctl status | grep -q '^locked 1'; }
owner_of() { azs-fwctl query gpio "$1" | sed -n 's/.*owner \([a-z0-9]*\).*/\1/p'; }
# The host restarts the device (or a cloud update does): wait for it.
await_reboot() {
	echo "1..$azs_tap_n"
	sleep 400
	echo "not ok 99 boot $boot: the host did not restart the device"
}

echo "TAP version 13"
echo "# cloud suite, boot $boot"
azs_check "boot $boot: the application manager starts" azs_start_appmand
# As the boot found them: the host changes them as soon as the gateway answers.
caps_at_boot=$(azs-secctl capabilities | tr '\n' ' ')
azs_start_gatewayd
case $boot in
1)
	azs_check "a fresh device has no capabilities" test -z "$(azs-secctl capabilities)"
	await_reboot
	;;
2)
	azs_check "after the restart: the cloud-deployed app is installed" installed $sdk
	azs_check "... and runs from its package" azs_wait_for 10 running $sdk
	azs_check "... the app the cloud removed is not" not_installed $pkg
	azs_check "... and appDevelopment was still there at boot" \
		sh -c "echo ' $caps_at_boot' | grep -q ' 11 '"
	await_reboot
	;;
3)
	azs_check "DeviceComplete without appDevelopment: locked at start" locked
	azs_check "no capabilities" test -z "$(azs-secctl capabilities)"
	await_reboot
	;;
4)
	azs_check "the deployment's app with a GPIO runs after the reboot" azs_wait_for 10 running $pkg
	azs_check "its GPIO 13 is assigned to it" test "$(owner_of 13)" = "$(azs_app_field $pkg uid)"
	azs_check "the other app of the deployment runs" azs_wait_for 10 running $sdk
	azs_check "locked again" locked
	pid=$(azs_app_field $pkg pid)
	# The host's last step delivers the same deployment again.
	azs_check "the same deployment again is applied" \
		azs_wait_for 120 grep -q "cloud update: deployment .* applied" /tmp/appmand.log
	azs_check "... without a reboot" sh -c "! grep -q rebooting /tmp/appmand.log"
	azs_check "... and without restarting the unchanged app" same_pid "$pid"
	echo "1..$azs_tap_n"
	azs_check_dmesg
	;;
esac
