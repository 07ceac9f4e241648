# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 21
# A kernel and modules given on the command line (tests/device/user-kernel:
# device/run --kernel IMAGE --modules DIR --overlay DIR): the device runs
# the kernel release the modules were installed for, its platform modules
# are those of DIR (make install-modules' layout), and a kselftest
# collection built with its own Makefile against the kernel's headers
# (KDIR=, outside the CMake build) runs from its kselftest install (the
# firewall collection: 18 tests).
. /etc/azs/lib.sh
want=$(cat /etc/azs/user-kernel.release 2>/dev/null)
azs_check "the device runs the kernel release of --modules ($want)" \
	sh -c "[ -n '$want' ] && [ \"\$(uname -r)\" = '$want' ] && [ \"\$(cat /etc/azs/kernel-abi)\" = '$want' ]"
azs_check "the platform modules are loaded, from /lib/modules/$want/extra" \
	sh -c "for m in azs_secmon azs_firewall azs_security azs_board; do
		[ -d /sys/module/\$m ] && [ -f /lib/modules/$want/extra/\$m.ko ] || { echo \$m; exit 1; }
	done"
AZS_KSELFTEST_DIR=/usr/lib/kselftests-kdir azs_kselftest firewall
azs_check_dmesg
