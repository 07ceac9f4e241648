# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 19
# Signed image packages on the device: the application manager verifies a
# package against the root-of-trust keys it reads from the security monitor,
# keeps exactly the verified bytes and runs the app from its read-only file
# system. A device without appDevelopment (a fresh one) trusts production-
# signed packages only; a tampered package is refused. The app runs from the
# sealed copy verified at install (or boot): stopped and started again it
# runs from those bytes even if the flash copy was damaged meanwhile; the
# flash copy is verified again at the daemon's next start, and refused.
. /etc/azs/lib.sh
pkgs=/usr/lib/azs-tests/packages
pkg=11111111-2222-4333-8444-000000000020
sdk=11111111-2222-4333-8444-000000000021

state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
refused_with() { out=$(azs-appctl install "$1"); echo "$out"; case "$out" in *'"ok":false'*"$2"*) return 0 ;; esac; return 1; }
mounted_squashfs() { grep -q " /run/azsphere/images/$pkg squashfs ro," /proc/mounts; }
absent() { ! azs-appctl list | grep -q "$1"; }

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
azs_check "a fresh device has no capabilities" test -z "$(azs-secctl capabilities)"
azs_check "a tampered package is refused" refused_with $pkgs/pkgticker-tampered.azsp signature
azs_check "... and nothing is installed" absent $pkg
azs_check "an SDK-signed package is refused without appDevelopment" refused_with $pkgs/sdkticker-sdk.azsp appDevelopment
azs_check "... and nothing is installed" absent $sdk
azs_check "a production-signed package installs" azs-appctl install $pkgs/pkgticker-prod.azsp
azs_check "its app runs" azs_wait_for 10 state_is $pkg running
azs_check "from its package's squashfs, read-only" mounted_squashfs
azs_check "its output is the packaged app's" azs_wait_for 10 logs_have $pkg "pkg v1 tick"
azs_check "the verified package is kept on the flash" cmp $pkgs/pkgticker-prod.azsp /mnt/flash/azsphere/apps/$pkg/package

# Damage the stored package while the app is stopped: a start runs the sealed
# copy that was verified, not the flash.
azs_check "the app stops" azs-appctl stop $pkg
printf 'Z' | dd of=/mnt/flash/azsphere/apps/$pkg/package bs=1 seek=9000 conv=notrunc 2> /dev/null
azs_check "with the flash copy damaged, it starts again from its sealed, verified copy" \
	azs-appctl start $pkg
azs_check "... and runs" azs_wait_for 10 state_is $pkg running
azs_check "... from the same read-only mount" mounted_squashfs

# Restart the manager: the stored package is verified again.
daemon=$(cat /tmp/appmand.pid)
kill "$daemon"
azs_wait_for 10 sh -c "! kill -0 $daemon"
azs_check "after a restart" azs_start_appmand
azs_check "a package damaged on the flash is not started" absent $pkg
azs_check "... and the manager says why" grep -q "installed package $pkg refused" /tmp/appmand.log
echo "1..$azs_tap_n"
azs_check_dmesg
