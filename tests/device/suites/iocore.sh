# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 20
# The I/O cores in the device (docs/iocore.md): azs-iocore runs the blink-rt
# sample (built with the SDK's RT core toolchain) on an emulated Cortex-M4F,
# every GPIO access checked against the device's firewall with the core as
# the initiator. GPIO block 2 assigned to IO0: the app prints on its debug
# UART and drives GPIO8. The same image on IO1, or on IO0 once the block is
# the HL core's, stops with a firewall bus fault naming the block and core.
# The application manager assigns an installed RT app's pins to IO0 but
# does not run RT apps yet: it marks the app failed, saying so, and never
# runs its image in a high-level sandbox; azs-iocore runs it on that block.
. /etc/azs/lib.sh
elf=/usr/share/azsphere/rt/blink-rt.elf
out=/tmp/iocore.out
ev=/tmp/iocore.ev

run_core() { # CORE: 3 s of blink-rt; its exit status in $rc
	azs-iocore --core "$1" --image $elf --seconds 3 > $out 2> $ev
	rc=$?
	echo "# $1: exit $rc, $(grep -c 'led1_red on' $out) 'on' lines"
	sed 's/^/# /' $ev | tail -n 2
}

block_core() { azs-fwctl query gpio 8 | sed -n 's/.*block-core \([a-z0-9]*\).*/\1/p'; }

echo "TAP version 13"
azs_check "the RT sample's image and package are in the device" \
	test -f $elf -a -f /usr/share/azsphere/samples/blink-rt.imagepackage
azs_check "LED1 red's pin (GPIO8) assigned to IO0" azs-fwctl assign gpio 8 io0
azs_check "... its block (2) is IO0's" test "$(block_core)" = io0

run_core IO0
azs_check "blink-rt runs 3 s on IO0 and stops cleanly" test $rc = 0
azs_check "its debug UART says it started" grep -q '^blink-rt: start$' $out
azs_check "it blinks: 2..4 lit phases in 3 s" \
	sh -c "n=\$(grep -c '^blink-rt: led1_red on$' $out); [ \$n -ge 2 ] && [ \$n -le 4 ]"
azs_check "IO0 drove GPIO8 low and high" sh -c "grep -q 'IO0: gpio 8 low' $ev && grep -q 'IO0: gpio 8 high' $ev"

run_core IO1
azs_check "on IO1 (not the block's core) it faults: exit 3" test $rc = 3
azs_check "... the firewall bus fault names block 2 and IO1" \
	grep -q 'bus fault: firewall: gpio-block block 2 at 0x38030000 is not assigned to IO1' $ev
azs_check "... and GPIO8 was never driven" sh -c "! grep -q 'gpio 8' $ev"

azs_check "GPIO8 released and given to the HL core (uid 0)" \
	sh -c "azs-fwctl release gpio 8 && azs-fwctl assign gpio 8 hl 0"
run_core IO0
azs_check "on IO0 once the block is the HL core's: exit 3" test $rc = 3
azs_check "... the fault names IO0" grep -q 'is not assigned to IO0' $ev
azs_check "the HL core still owns the pin" test "$(block_core)" = hl
azs-fwctl release gpio 8

rt=7a3e8c51-2f4b-4d8e-9c61-b0d2e4f6a801
state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
azs_check "the application manager starts" azs_start_appmand
azs_check "blink-rt's package root installs" azs-appctl install /usr/share/azsphere/approots/blink-rt
azs_check "... it is marked failed, not run on the A7" azs_wait_for 10 state_is $rt failed
azs_check "... saying RT apps are not run yet" sh -c "azs-appctl logs $rt | grep -q 'real-time app: not started'"
azs_check "its pin's block is IO0's (the manager's assignment)" test "$(block_core)" = io0
echo "1..$azs_tap_n"
azs_check_dmesg
