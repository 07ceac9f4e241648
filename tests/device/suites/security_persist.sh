# SPDX-License-Identifier: MIT
# azs-boots: 3
# azs-tests: 13
# Manufacturing state and device capabilities across real reboots. The host
# side (security_persist.host) signs capability files for this device's ID
# and sends them over the host channel in the first boot; they are kept on
# the flash for the later boots.
. /etc/azs/lib.sh
state=/mnt/flash/security-persist
mkdir -p "$state/caps"
phase=$(( $(cat "$state/phase" 2>/dev/null || echo 0) + 1 ))
echo "$phase" > "$state/phase"
sync

if [ "$phase" -eq 1 ]; then
	echo "azs-device-id: $(cat /sys/kernel/azsphere_secmon/device_id)"
	azs_channel_receive "$state/caps"
	echo "received: $(ls "$state/caps" | tr '\n' ' ')"
fi

AZS_PHASE=$phase AZS_CAPS_DIR=$state/caps AZS_STATE_DIR=$state \
	/usr/lib/kselftests/security_persist/persist_test
if [ "$phase" -lt 3 ]; then
	azs_reboot
fi
azs_check_dmesg
