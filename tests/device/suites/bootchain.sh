# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 11
# The untouched image booted through the whole chain (the tampered images are
# tests/device/bootchain's): after boot no module enters the kernel, not even
# a correctly signed one, and programs run only from verified bytes.
# (The modules tried are loaded already: without the latch the kernel would
# answer EEXIST; EPERM is the latch's answer, checked before anything else.)
. /etc/azs/lib.sh
abi=$(uname -r)
ko=/lib/modules/$abi/extra

echo "TAP version 13"
echo "1..11"
azs_check "kernel.modules_disabled is 1" test "$(cat /proc/sys/kernel/modules_disabled)" = 1
azs_check "kernel.modules_disabled cannot be reset to 0" \
	sh -c '! echo 0 > /proc/sys/kernel/modules_disabled && test "$(cat /proc/sys/kernel/modules_disabled)" = 1'
azs_check "kernel.kexec_load_disabled is 1" test "$(cat /proc/sys/kernel/kexec_load_disabled)" = 1
refused_eperm() {
	out=$("$@" 2>&1) && { echo "accepted: $out"; return 1; }
	echo "$out"
	echo "$out" | grep -q "Operation not permitted"
}
azs_check "a platform-signed module is refused with EPERM (verified loader)" \
	refused_eperm azs-verified-loader module "$ko/azs_board.ko"
azs_check "a platform-signed module is refused with EPERM (insmod)" \
	refused_eperm insmod "$ko/azs_firewall.ko"
debian_ko=$(find "/lib/modules/$abi/kernel" -name '*.ko' | head -n 1)
azs_check "a Debian module is refused with EPERM (insmod $debian_ko)" refused_eperm insmod "$debian_ko"
azs_check "the security monitor holds the platform key (role 4)" \
	grep -Eq '^4 [0-9a-f]{16} 04[0-9a-f]{128}$' /sys/kernel/azsphere_secmon/rot_keys
azs_check "a program outside the signed platform list is not run" \
	sh -c 'azs-verified-loader exec /bin/busybox true 2>&1 | grep "not in the signed platform list"'
# A platform program changed after boot: refused at exec.
cp /usr/bin/azs-appctl /tmp/azs-appctl.orig
printf 'x' >> /usr/bin/azs-appctl
azs_check "a platform program changed after boot is refused at exec" \
	sh -c 'azs-verified-loader exec /usr/bin/azs-appctl list 2>&1 | grep "SHA-256 does not match"'
cp /tmp/azs-appctl.orig /usr/bin/azs-appctl
azs_start_appmand || echo "# the application manager did not start"
azs_check "the application manager runs from its verified, sealed copy" \
	sh -c 'readlink /proc/$(cat /tmp/appmand.pid)/exe | grep -q "^/memfd:azs-appmand"'
azs_check_dmesg | sed 's/^ok 1/ok 11/; s/^not ok 1/not ok 11/'
