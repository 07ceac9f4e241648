# SPDX-License-Identifier: MIT
# azs-boots: 2
# azs-tests: 4
# The device itself: the flash survives a real reboot, the host channel
# carries bytes both ways, the sample app runs.
. /etc/azs/lib.sh
state=/mnt/flash/foundation-test
if [ ! -f "$state" ]; then
	echo "TAP version 13"
	echo "1..4"
	echo "before-reboot $(cat /proc/sys/kernel/random/boot_id)" > "$state"
	if [ -s "$state" ]; then echo "ok 1 flash is writable"; else echo "not ok 1 flash is writable"; fi
	azs_reboot
fi

old_boot=$(sed -n 's/^before-reboot //p' "$state")
new_boot=$(cat /proc/sys/kernel/random/boot_id)
if [ -n "$old_boot" ] && [ "$old_boot" != "$new_boot" ]; then
	echo "ok 2 flash content survives a real reboot"
else
	echo "not ok 2 flash content survives a real reboot # boot ids '$old_boot' '$new_boot'"
fi

# Host channel: the host side (foundation.host) sends a line and waits for
# our answer, which carries this boot's id.
if [ -e /dev/azs-channel ] && read -r line < /dev/azs-channel && [ "$line" = "ping from host" ]; then
	echo "pong $new_boot" > /dev/azs-channel
	echo "ok 3 host channel carries a line from the host"
else
	echo "not ok 3 host channel carries a line from the host # got '${line:-}'"
fi

out=$(/apps/hello-world/bin/app)
case "$out" in
"Hello from an Azure Sphere app"*) echo "ok 4 sample app runs" ;;
*) echo "not ok 4 sample app runs # output '$out'" ;;
esac
echo "boot_id $new_boot"
