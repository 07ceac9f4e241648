# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 4
# The security monitor's flash record, before a corruption (phase 1, blank
# flash) and after its signed recovery (phase 2). tests/device/secure-record
# boots this suite on one flash, corrupting the record in between.
. /etc/azs/lib.sh
state=/mnt/flash/secure-record
mkdir -p "$state"
phase=$(( $(cat "$state/phase" 2>/dev/null || echo 0) + 1 ))
echo "$phase" > "$state/phase"
sync
echo "azs-device-id: $(cat /sys/kernel/azsphere_secmon/device_id)"
dmesg | sed -n 's/^\[[^]]*\] \(azs_secmon: .*\)$/# \1/p'
AZS_PHASE=$phase AZS_STATE_DIR=$state /usr/lib/kselftests/security_persist/record_test
azs_check_dmesg
