# SPDX-License-Identifier: MIT
# azs-boots: 2
# azs-tests: 10
# azsphere device recover, driven from the host (recover.host):
#   boot 1  the host gives the device appDevelopment, an app, a Wi-Fi
#           network and a certificate; recovery images that are tampered
#           with, unsigned or signed but not a recovery image are refused and
#           change nothing; the signed recovery image is accepted and the
#           device reboots, re-flashing its data region on the way
#   boot 2  the data region is factory-fresh (none of boot 1's Normal World
#           state is left), the security monitor's region is as it was
# The data region is wiped, so the boot is told by the security monitor's
# state, which recovery keeps: no capabilities in boot 1, appDevelopment in
# boot 2 (the host drops it again at the end).
. /etc/azs/lib.sh
pkg=11111111-2222-4333-8444-000000000020
has_dev() { azs-secctl capabilities | grep -qx 11; }
if has_dev; then boot=2; else boot=1; fi
marker=/mnt/flash/recover-test-marker

echo "TAP version 13"
echo "# recover suite, boot $boot"
azs_check "boot $boot: the application manager starts" azs_start_appmand
case $boot in
1)
	echo "azs-device-id: $(cat /sys/kernel/azsphere_secmon/device_id)"
	azs_check "a fresh device has no capabilities" test -z "$(azs-secctl capabilities)"
	echo "Normal World state of boot 1" > $marker && sync
	azs_check "the data region holds a marker of boot 1" test -f $marker
	azs_start_gatewayd
	echo "1..$azs_tap_n"
	# The host recovers the device: it reboots from here.
	sleep 400
	echo "not ok 99 boot 1: the host did not recover the device"
	;;
2)
	azs_check "after the recovery: boot 1's marker on the data region is gone" test ! -e $marker
	azs_check "... the data region was formatted anew (boot count 1)" \
		test "$(cat /mnt/flash/boot-count)" = 1
	azs_check "... no app is installed" sh -c "! azs-appctl list | grep -q '\"cid\"'"
	azs_check "... the security monitor kept appDevelopment" has_dev
	azs_start_gatewayd
	# The host checks the rest over the channel, then drops appDevelopment.
	azs_check "the host finished its checks" azs_wait_for 300 sh -c "! azs-secctl capabilities | grep -qx 11"
	echo "1..$azs_tap_n"
	azs_check_dmesg
	;;
esac
