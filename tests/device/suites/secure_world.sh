# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 14
# ARMv7 with the Secure World firmware (device/run --secure-world,
# security-monitor/firmware): Linux runs in Normal World, PSCI and SMCCC 1.1
# answer over SMC from the firmware (qemu's built-in PSCI says SMCCC v1.0),
# and the Secure-only flash and RAM abort a Normal World access, even root's
# through /dev/mem, while Normal World's own flash reads fine. Then a fuzz of
# the firmware's SMC interface from Normal World Linux: the test-only module
# azs_smcfuzz (tests/device/smcfuzz/, which tests/device/secure-world builds
# and adds to the boot chain's platform modules in an overlay) fires random
# function ids and arguments at the locked firmware and checks its state.
. /etc/azs/lib.sh

echo "TAP version 13"
echo "1..14"
azs_check "the device tree's PSCI conduit is SMC (our firmware's node)" \
	sh -c 'test "$(tr -d "\0" < /proc/device-tree/psci/method)" = smc'
azs_check "PSCI 1.1 answers from the firmware" \
	sh -c 'dmesg | grep -q "psci: PSCIv1.1 detected in firmware"'
azs_check "SMCCC 1.1 answers (SMCCC_VERSION through PSCI_FEATURES; qemu's own is 1.0)" \
	sh -c 'dmesg | grep -q "psci: SMC Calling Convention v1.1"'
azs_check "the firewall driver calls the firmware by SMC (UID/revision handshake passed)" \
	sh -c 'dmesg | grep -q "azs_firewall: firewall registers in Secure World (SMC conduit)"'
azs_check "the stand-in reports the firmware's lock latch, not its own" \
	sh -c 'dmesg | grep -q "azs_secmon: security monitor .*; firewall registers in Secure World (SMC)"'
# devmem in a child: a Secure-only address aborts it (SIGBUS), so the
# shell sees it die instead of a value.
readable() { devmem "$1" 32 > /tmp/azs_devmem.out 2>&1 && grep -q '^0x' /tmp/azs_devmem.out; }
azs_check "control: root reads Normal World flash (0x04000000) through /dev/mem" readable 0x04000000
azs_check "root cannot read the Secure flash (0x00000000, the firmware) through /dev/mem" \
	sh -c '! devmem 0x00000000 32'
azs_check "root cannot read the Secure RAM (0x0e000000) through /dev/mem" \
	sh -c '! devmem 0x0e000000 32'
azs_check "root cannot write the Secure RAM (0x0e000040) through /dev/mem" \
	sh -c '! devmem 0x0e000040 32 0x41414141'
fuzz=/sys/module/azs_smcfuzz/parameters
azs_check "the test module azs_smcfuzz was verified and loaded by the boot chain" test -d "$fuzz"
azs_check "the SMC fuzz refuses to run on an unlocked firewall" \
	sh -c "! echo 100 > $fuzz/run 2> /dev/null && grep -q 'not locked' $fuzz/report"
# lock_test (kselftest firewall_lock) configures through azs_firewall, which
# writes the firmware's registers by SMC, and locks.
azs_check "the firewall is configured and locked in Secure World (lock_test)" \
	sh -c '/usr/lib/kselftests/firewall_lock/lock_test > /tmp/azs_lock_test.out 2>&1;
		azs-fwctl status | grep -q "^locked 1 assigned [1-9]"'
azs_check "20000 random SMCs from Normal World Linux leave the firmware's registers and latch intact" \
	sh -c "echo 20000 > $fuzz/run && grep -q '^pass' $fuzz/report"
echo "# azs_smcfuzz: $(cat "$fuzz/report" 2> /dev/null)"
azs_check_dmesg | sed 's/^ok 1/ok 14/; s/^not ok 1/not ok 14/'
