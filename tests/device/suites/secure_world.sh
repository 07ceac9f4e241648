# SPDX-License-Identifier: MIT
# azs-boots: 3
# azs-tests: 32
# ARMv7 with the Secure World firmware (security-monitor/firmware): checks
# that only a real Secure World passes (docs/security-monitor.md, "ARMv7: a
# real Secure World"; with AZS_SECURE_WORLD=0 many of them fail, as they
# must). Three boots on one flash:
# 1. Linux runs in Normal World: PSCI and SMCCC 1.1 answer over SMC from the
#    firmware (qemu's built-in PSCI says SMCCC v1.0); the firewall and the
#    security drivers call the firmware by SMC; the stand-in module holds
#    none of the flash-backed state and the Normal World secure region stays
#    unwritten; the Secure-only flash (the firmware, the NV region of the
#    records) and RAM abort a Normal World access, even root's through
#    /dev/mem, while Normal World's own flash reads fine.
# 1-3. persist_test through /dev/azsphere-security, the real ioctl path into
#    Secure World: capability files signed on the host (secure_world.host,
#    the same as security_persist.host) for another device, by an unknown
#    signer, changed after signing, or replayed are refused with their
#    reason; the manufacturing state is one-way; the anti-rollback counter
#    refuses a lower value and keeps its value across the reboots.
# 3. The SMC interface from Normal World Linux: the test-only module
#    azs_smcfuzz (tests/device/smcfuzz/, which tests/device/secure-world
#    builds and adds to the boot chain's platform modules in an overlay)
#    asks PSCI SYSTEM_RESET2 with bad reset types (refused, nothing changed)
#    and fires random function ids and arguments at the locked firmware,
#    flash-backed calls included, and checks its state.
. /etc/azs/lib.sh
state=/mnt/flash/secure-world
mkdir -p "$state/caps"
phase=$(( $(cat "$state/phase" 2>/dev/null || echo 0) + 1 ))
echo "$phase" > "$state/phase"
sync
# The records' NV region in the Secure flash (security-monitor/firmware:
# the flash's last MiB, docs/security-monitor.md).
nv=0x03f00000

if [ "$phase" -eq 1 ]; then
	echo "azs-device-id: $(cat /sys/kernel/azsphere_secmon/device_id)"
	azs_channel_receive "$state/caps"
	echo "received: $(ls "$state/caps" | tr '\n' ' ')"

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
	azs_check "the security driver calls the firmware by SMC for the flash-backed state (revision 1.1 or later)" \
		sh -c 'dmesg | grep -q "azs_security: flash-backed state in Secure World (SMC conduit)"'
	azs_check "the stand-in holds none of it: the firmware's lock latch and state, no Normal World record" \
		sh -c 'dmesg | grep -q "azs_secmon: security monitor .*; firewall registers in Secure World (SMC); flash-backed state in Secure World (SMC), the Normal World flash region unused" &&
			test "$(cat /sys/kernel/azsphere_secmon/flash_generation)" = secure-world'
	# The stand-in's record slots and mailbox (8 KiB + 256 bytes): as the
	# factory image left them (zero), nothing security-relevant in them.
	azs_check "the Normal World secure region holds no record (never written)" \
		sh -c 'test -z "$(head -c 8448 /dev/azs-secure-flash | tr -d "\0")"'
	# devmem in a child: a Secure-only address aborts it (SIGBUS), so the
	# shell sees it die instead of a value.
	readable() { devmem "$1" 32 > /tmp/azs_devmem.out 2>&1 && grep -q '^0x' /tmp/azs_devmem.out; }
	azs_check "control: root reads Normal World flash (0x04000000) through /dev/mem" readable 0x04000000
	azs_check "root cannot read the Secure flash (0x00000000, the firmware) through /dev/mem" \
		sh -c '! devmem 0x00000000 32'
	azs_check "root cannot read the Secure flash's NV region (the records, $nv) through /dev/mem" \
		sh -c "! devmem $nv 32 && ! devmem $((nv + 0x40000)) 32"
	azs_check "root cannot write the Secure flash's NV region ($nv: a CFI erase command) through /dev/mem" \
		sh -c "! devmem $nv 32 0x00200020"
	azs_check "root cannot read the Secure RAM (0x0e000000) through /dev/mem" \
		sh -c '! devmem 0x0e000000 32'
	azs_check "root cannot write the Secure RAM (0x0e000040) through /dev/mem" \
		sh -c '! devmem 0x0e000040 32 0x41414141'
	azs_check "the device ID in sysfs is the firmware's (DEVICE_ID_READ), 64 bytes, not all zero" \
		sh -c 'id=$(cat /sys/kernel/azsphere_secmon/device_id) &&
			echo "$id" | grep -Eq "^[0-9a-f]{128}$" && echo "$id" | grep -q "[1-9a-f]"'
fi

# Capability files, manufacturing state and the anti-rollback counter
# through the ioctls (4 results a boot).
AZS_PHASE=$phase AZS_CAPS_DIR=$state/caps AZS_STATE_DIR=$state \
	/usr/lib/kselftests/security_persist/persist_test
if [ "$phase" -lt 3 ]; then
	azs_reboot
fi

fuzz=/sys/module/azs_smcfuzz/parameters
echo "TAP version 13"
echo "1..6"
azs_tap_n=0
azs_check "the test module azs_smcfuzz was verified and loaded by the boot chain" test -d "$fuzz"
azs_check "PSCI SYSTEM_RESET2 with bad reset types is refused (INVALID_PARAMETERS), nothing changed" \
	sh -c "echo 1 > $fuzz/reset_bad && grep -q '^pass' $fuzz/report"
echo "# azs_smcfuzz: $(cat "$fuzz/report" 2> /dev/null)"
azs_check "the SMC fuzz refuses to run on an unlocked firewall" \
	sh -c "! echo 100 > $fuzz/run 2> /dev/null && grep -q 'not locked' $fuzz/report"
# lock_test (kselftest firewall_lock) configures through azs_firewall, which
# writes the firmware's registers by SMC, and locks.
azs_check "the firewall is configured and locked in Secure World (lock_test)" \
	sh -c '/usr/lib/kselftests/firewall_lock/lock_test > /tmp/azs_lock_test.out 2>&1;
		azs-fwctl status | grep -q "^locked 1 assigned [1-9]"'
azs_check "20000 random SMCs from Normal World Linux (flash-backed calls too) leave the firmware's state intact but for its one-way rules" \
	sh -c "echo 20000 > $fuzz/run && grep -q '^pass.*device ID kept' $fuzz/report"
echo "# azs_smcfuzz: $(cat "$fuzz/report" 2> /dev/null)"
azs_check_dmesg | sed 's/^ok 1/ok 6/; s/^not ok 1/not ok 6/'
