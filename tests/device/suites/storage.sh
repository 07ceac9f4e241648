# SPDX-License-Identifier: MIT
# azs-boots: 2
# azs-tests: 19
# The mutable-storage sample: it counts its starts in its mutable file
# (Storage_OpenMutableFile). Sideloaded from its SDK-signed package (the
# host side, storage.host, enables development), started and stopped by the
# application manager, then started by it again after a real reboot: every
# start adds exactly one, and the file on the flash holds the count.
. /etc/azs/lib.sh
app=e5c1a7b2-90d4-4f3e-8a6b-7c8d9e0f1a56
file=/mnt/flash/azsphere/storage/$app/mutable
mark=/mnt/flash/storage-suite
phase=$(( $(cat $mark 2>/dev/null || echo 0) + 1 ))
echo $phase > $mark
sync

state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
has_dev_capability() { azs-secctl capabilities | grep -qx 11; }
# The counts the app logged, in order, on one line.
counts() { azs-appctl logs $app | sed -n 's/.*Mutable storage: start count \([0-9]*\).*/\1/p' | tr '\n' ' '; }
counts_are() { [ "$(counts)" = "$1" ]; }
stored() { [ "$(cat $file)" = "$1" ]; }
restart() { azs-appctl stop $app > /dev/null && azs_wait_for 10 state_is $app stopped &&
	azs-appctl start $app > /dev/null && azs_wait_for 10 state_is $app running; }

echo "TAP version 13"
echo "# boot $phase"
azs_check "the application manager starts" azs_start_appmand
if [ "$phase" -eq 1 ]; then
	azs_start_gatewayd
	azs_check "the host enables development" azs_wait_for 120 has_dev_capability
	azs_check "mutable-storage installs from its SDK-signed package" \
		sh -c "azs-appctl install /usr/share/azsphere/samples/mutable-storage.imagepackage | grep -q '\"ok\":true'"
	azs_check "its first start counts 1" azs_wait_for 10 counts_are "1 "
	azs_check "... kept in its mutable file on the flash" stored 1
	azs_check "a stop and a start" restart
	azs_check "... counted once: 2" azs_wait_for 10 counts_are "1 2 "
	restart
	azs_check "another: 3" azs_wait_for 10 counts_are "1 2 3 "
	restart
	azs_check "another: 4" azs_wait_for 10 counts_are "1 2 3 4 "
	azs_check "... the file holds 4" stored 4
	echo "# log: $(counts)"
	azs_check_dmesg
	# What a power cut inside an atomic write leaves (common/azs/atomic_write.h):
	# the next start removes it; a like-named file of the app's storage stays.
	head -c 4096 /dev/zero > /mnt/flash/azsphere/apps/$app/.package.99.0.tmp
	echo x > /mnt/flash/azsphere/.uidmap.99.0.tmp
	echo keep > /mnt/flash/azsphere/storage/$app/.mine.1.0.tmp
	sync
	azs_reboot
fi

# Boot 2: the application manager starts the app again by itself.
azs_check "after a reboot the app is started again" azs_wait_for 15 state_is $app running
azs_check "... and counts 5" azs_wait_for 10 counts_are "5 "
azs_check "interrupted writes' leftovers are removed at start" \
	sh -c "! ls -a /mnt/flash/azsphere/apps/$app /mnt/flash/azsphere | grep -q '^\.[a-z]*\.99\.0\.tmp$'"
azs_check "... not the app's own files" grep -qx keep /mnt/flash/azsphere/storage/$app/.mine.1.0.tmp
restart
azs_check "a start after the reboot: 6" azs_wait_for 10 counts_are "5 6 "
azs_check "... the file holds 6" stored 6
echo "# log: $(counts)"
azs-appctl list | sed 's/^/# /'
azs-appctl logs $app | tail -n 20 | sed 's/^/# [app] /'
tail -n 20 /tmp/appmand.log | sed 's/^/# [appmand] /'
echo "1..$azs_tap_n"
azs_check_dmesg
