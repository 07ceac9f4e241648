#!/bin/sh
# SPDX-License-Identifier: MIT
# An RTApp end to end on the host: the blink-rt sample, built with the SDK's
# RT core toolchain and packed as a signed RealTimeCapable image package,
# runs on azs-iocore (one emulated Cortex-M4F) for a few seconds: its debug
# UART prints, LED1 red's pin (GPIO8) toggles at the sample's half second.
# Then the attacks: the same image on a core that does not own GPIO block 2
# is stopped by a firewall bus fault naming the block; corrupted images are
# refused before anything runs. periph-rt's ADC, I2C, UART and PWM registers
# decode to their actions; without its ISU it faults naming it. The mailbox:
# echo-rt answers through its shared buffers; a malformed ring faults the
# core. The exception model (irq-test-rt): priorities, nesting, SysTick, SVC,
# faults to a HardFault handler, an exception without a handler and a bad
# EXC_RETURN stopping the core, named; an idle core in WFI leaves the host's
# CPU alone. And the SDK keeps the kinds apart: the RT
# core toolchain refuses to pack a high-level manifest.
# Usage: iocore_run_test.sh DEVICE_ROOT SDK_DIR KEYS_DIR
set -u
root=$1
sdk=$(cd "$2" && pwd)
keys=$3
iocore=$root/usr/sbin/azs-iocore
elf=$root/usr/share/azsphere/rt/blink-rt.elf
pkg=$root/usr/share/azsphere/samples/blink-rt.imagepackage
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0

check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; bad=1; fi
}

has() { grep -q -- "$2" "$1"; echo $?; }

for f in "$iocore" "$elf" "$pkg"; do
	[ -f "$f" ] || { echo "not ok: $f missing (make all)"; exit 1; }
done

# The package: SDK-signed, RealTimeCapable, its /bin/app the ELF.
"$sdk/Tools/image-package" show --image-package "$pkg" --keys "$keys" > "$tmp/show" 2>&1
check "$(has "$tmp/show" '"ApplicationType":"RealTimeCapable"')" "package manifest is RealTimeCapable"
check "$(has "$tmp/show" '^Signature: *verified with the sdk key')" "package verifies as SDK-signed"
file -b "$elf" > "$tmp/file"
check "$(has "$tmp/file" 'ELF 32-bit LSB executable, ARM, EABI5')" "the app is a 32-bit ARM EABI5 executable"

# Runs on IO0 owning GPIO block 2.
"$iocore" --core IO0 --image "$elf" --seconds 3 --firewall-assume gpio2 > "$tmp/uart" 2> "$tmp/events"
check $? "azs-iocore runs blink-rt for 3 s and stops with 0"
check "$(has "$tmp/uart" '^blink-rt: start$')" "debug UART: start line"
ons=$(grep -c '^blink-rt: led1_red on$' "$tmp/uart")
lows=$(grep -c '^azs-iocore IO0: gpio 8 low$' "$tmp/events")
# 3 s at 0.5 s per transition: 3 lit phases (timing slack: 2..4).
check "$([ "$ons" -ge 2 ] && [ "$ons" -le 4 ]; echo $?)" "LED lit $ons times in 3 s (2..4: GPT0's interrupt keeps real time)"
check "$([ "$lows" = "$ons" ]; echo $?)" "each 'on' line drove GPIO8 low ($lows)"
check "$(has "$tmp/events" 'gpio 8 high')" "GPIO8 driven high (LED off)"

# Slices cut at every poll (--slice-us 1): the core resumes exactly where it
# stopped, so the UART's lines come out whole and in order and GPT3 keeps
# time (Unicorn's own timeout resumed from a stale PC: lost or doubled bytes).
"$iocore" --core IO0 --image "$elf" --seconds 2 --slice-us 1 --firewall-assume gpio2 > "$tmp/uart1" 2> /dev/null
check $? "tiny slices: azs-iocore stops with 0"
awk 'NR == 1 { ok = $0 == "blink-rt: start"; next }
     { want = NR % 2 == 0 ? "on" : "off"; if ($0 != "blink-rt: led1_red " want) ok = 0 }
     END { exit !(ok && NR >= 3 && NR <= 5) }' "$tmp/uart1"
check $? "tiny slices: start, then on/off alternating, 1..2 lit phases in 2 s ($(wc -l < "$tmp/uart1") lines)"
"$iocore" --core IO0 --image "$elf" --slice-us 0 --firewall-assume gpio2 > /dev/null 2> "$tmp/events0"
check "$([ $? = 2 ] && grep -q -- "--slice-us '0': 1..1000000" "$tmp/events0"; echo $?)" "--slice-us 0 refused, naming the range"

# Attack: the block is not this core's.
"$iocore" --core IO1 --image "$elf" --seconds 3 --firewall-assume gpio1,isu0 > "$tmp/uart2" 2> "$tmp/events2"
check "$([ $? = 3 ]; echo $?)" "a block not assigned to the core: exit 3 (faulted)"
check "$(has "$tmp/events2" 'bus fault: firewall: gpio-block block 2 at 0x38030000 is not assigned to IO1')" \
	"the fault names the block and the core"
check "$(has "$tmp/uart2" 'led1_red' | grep -q 1; echo $?)" "no transition after the fault"
check "$(has "$tmp/events2" 'gpio 8' | grep -q 1; echo $?)" "GPIO8 never driven"

# periph-rt's registers without a board (--firewall-assume: the ADC reads 0,
# no I2C device answers, PWM settings and UART bytes are reported).
pelf=$root/usr/share/azsphere/rt/periph-rt.elf
"$iocore" --core IO0 --image "$pelf" --seconds 2 --firewall-assume adc,isu0,isu2,gpio2 \
	> "$tmp/uartp" 2> "$tmp/eventsp"
check $? "periph-rt runs 2 s on IO0 with the ADC, ISU0, ISU2 and GPIO/PWM block 2"
check "$(grep -qx 'periph-rt: adc0 0' "$tmp/uartp" && grep -qx 'periph-rt: adc1 0' "$tmp/uartp"; echo $?)" \
	"periph-rt: ADC channels 0 and 1 read through CH_DATA"
check "$(has "$tmp/uartp" '^periph-rt: who_am_i nack$')" "periph-rt: the I2C transfer ends with NACK in STATUS"
check "$(has "$tmp/eventsp" 'IO0: pwm 2 channel 0: period 1000000 duty 250000 polarity normal enabled$')" \
	"periph-rt: PWM controller 2 channel 0 set as written (CTRL applies PERIOD and DUTY)"
check "$([ "$(grep -c 'IO0: isu 0 uart: 0x' "$tmp/eventsp")" = 21 ] && grep -q 'isu 0 uart: 0x68$' "$tmp/eventsp"; echo $?)" \
	"periph-rt: its 21-byte line went out on ISU0's THR byte by byte"
"$iocore" --core IO0 --image "$pelf" --seconds 2 --firewall-assume adc,isu0,gpio2 \
	> "$tmp/uartq" 2> "$tmp/eventsq"
check "$([ $? = 3 ]; echo $?)" "periph-rt without ISU2: exit 3 (faulted)"
check "$(has "$tmp/eventsq" 'bus fault: firewall: isu block 2 at 0x38090000 is not assigned to IO0')" \
	"the fault names ISU2's block and the core"
check "$(grep -q 'IO0: pwm \|IO0: isu 0 uart' "$tmp/eventsq"; [ $? = 1 ]; echo $?)" "nothing after the fault (no UART byte, no PWM setting)"

# Attack: corrupted images are refused before anything runs.
cp "$elf" "$tmp/bad.elf"
printf '\003' | dd of="$tmp/bad.elf" bs=1 seek=18 conv=notrunc 2>/dev/null # e_machine 3 (x86)
"$iocore" --core IO0 --image "$tmp/bad.elf" --firewall-assume gpio2 > /dev/null 2> "$tmp/events3"
check "$([ $? = 2 ]; echo $?)" "an x86 e_machine: exit 2"
check "$(has "$tmp/events3" 'e_machine 3')" "the refusal names e_machine"
head -c 100 "$elf" > "$tmp/short.elf"
"$iocore" --core IO0 --image "$tmp/short.elf" --firewall-assume gpio2 > /dev/null 2> "$tmp/events4"
check "$([ $? = 2 ]; echo $?)" "a truncated image: exit 2"
"$iocore" --core IO2 --image "$elf" > /dev/null 2> "$tmp/events5"
check "$([ $? = 2 ]; echo $?)" "--core IO2 refused"

# The mailbox (docs/iocore.md): echo-rt answers upper-cased through the shared
# buffers, to the HL app the connection's hello names; an oversized message
# and a connection without a hello are refused; mbox-garble-rt's malformed
# ring faults the core, naming it.
echo_elf=$root/usr/share/azsphere/rt/echo-rt.elf
"$iocore" --core IO0 --image "$echo_elf" --seconds 4 --firewall-assume adc \
	--mailbox "$tmp/mbox/echo.mbox" > "$tmp/uart6" 2> "$tmp/events6" &
core=$!
i=0
while [ ! -S "$tmp/mbox/echo.mbox" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
python3 - "$tmp/mbox/echo.mbox" > "$tmp/client" 2>&1 <<'PY'
import socket, struct, sys, uuid
hl = uuid.UUID("4f8d2c6a-1b3e-4a5f-8c7d-9e0f1a2b3c4d").bytes_le  # GUID byte order
bad = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
bad.connect(sys.argv[1])
bad.send(b"not a hello")
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect(sys.argv[1])
s.settimeout(5)
s.send(struct.pack("<II", 0x43495A41, 1) + hl)
s.send(b"x" * 1025)
for m in (b"hello mailbox", b"a" * 1024):
    s.send(m)
    r = s.recv(2000)
    print("reply %d %s" % (len(r), r[:13].decode()))
PY
wait $core
check $? "echo-rt with --mailbox runs and stops with 0"
check "$(has "$tmp/client" '^reply 13 HELLO MAILBOX$')" "a message comes back upper-cased"
check "$(has "$tmp/client" '^reply 1024 AAAAAAAAAAAAA$')" "so does one of the maximum, 1024 bytes"
check "$(has "$tmp/uart6" '^echo-rt: echoed 13 bytes to 4f8d2c6a$')" "echo-rt saw the sender's component ID"
check "$(has "$tmp/events6" 'mailbox: refused a message of 1025 bytes from 4f8d2c6a-1b3e-4a5f-8c7d-9e0f1a2b3c4d: over the 1024-byte maximum')" \
	"1025 bytes refused, naming the maximum"
check "$(has "$tmp/events6" 'mailbox: refused a connection: the first message is not a 24-byte hello')" \
	"a connection without a hello refused"
check "$([ ! -e "$tmp/mbox/echo.mbox" ]; echo $?)" "the socket is removed at the end"
"$iocore" --core IO0 --image "$root/usr/share/azsphere/rt/mbox-garble-rt.elf" --seconds 5 \
	--firewall-assume adc --mailbox "$tmp/mbox/garble.mbox" > "$tmp/uart7" 2> "$tmp/events7"
check "$([ $? = 3 ]; echo $?)" "a malformed outbound ring: exit 3 (faulted)"
check "$(has "$tmp/events7" 'stopped: mailbox fault: outbound buffer: message of 65535 bytes at 0x0: over the 1044-byte maximum')" \
	"the fault names the buffer and the length"
"$iocore" --core IO0 --image "$echo_elf" --seconds 1 --firewall-assume adc > /dev/null 2> "$tmp/events8"
check "$([ $? = 3 ] && grep -q 'bus fault: read of 4 bytes at 0x21050000 (unmapped)' "$tmp/events8"; echo $?)" \
	"without --mailbox the mailbox is a bus fault"

# An idle core sleeps: echo-rt waits for the mailbox interrupt in WFI, so
# the host thread sleeps too (a polling loop used 5..7% of a CPU here).
"$iocore" --core IO0 --image "$echo_elf" --seconds 4 --firewall-assume adc \
	--mailbox "$tmp/mbox/idle.mbox" > /dev/null 2>&1 &
core=$!
sleep 1
t0=$(awk '{ print $14 + $15 }' "/proc/$core/stat")
sleep 2
t1=$(awk '{ print $14 + $15 }' "/proc/$core/stat")
wait $core
hz=$(getconf CLK_TCK)
check "$([ $((t1 - t0)) -le $((hz * 2 / 50)) ]; echo $?)" \
	"an idle core in WFI: $((t1 - t0)) CPU ticks in 2 s (at most 2% of $hz/s)"

# The exception model, case by case (samples/rt/irq-test-rt: it sleeps until a
# mailbox message names the case). run_case CASE: its UART in $tmp/CASE.uart,
# its events in $tmp/CASE.events, its exit status in $tmp/CASE.rc. The core
# runs until SIGTERM (a clean stop, 0) or a fault (3): a client's start may
# take seconds on a loaded machine.
irq_elf=$root/usr/share/azsphere/rt/irq-test-rt.elf
run_case() {
	"$iocore" --core IO0 --image "$irq_elf" --seconds 30 --firewall-assume adc \
		--mailbox "$tmp/mbox/$1.mbox" > "$tmp/$1.uart" 2> "$tmp/$1.events" &
	core=$!
	python3 - "$tmp/mbox/$1.mbox" "$1" <<'PY'
import socket, struct, sys, time, uuid
hl = uuid.UUID("4f8d2c6a-1b3e-4a5f-8c7d-9e0f1a2b3c4d").bytes_le
for _ in range(200):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        s.connect(sys.argv[1])
        break
    except OSError:
        time.sleep(0.05)
s.send(struct.pack("<II", 0x43495A41, 1) + hl)
s.send(sys.argv[2].encode())
time.sleep(1.5)
PY
	kill -TERM $core 2> /dev/null
	wait $core
	echo $? > "$tmp/$1.rc"
}
for c in order nest systick svc psp hardfault busfault nohandler badret udf; do run_case $c; done
check "$(has "$tmp/order.uart" '^order: 21 22 20$')" \
	"pending IRQs are taken by priority, then by number, once unmasked (order: 21 22 20)"
check "$(has "$tmp/nest.uart" '^nest: 20 21 >20 23$')" \
	"a higher-priority IRQ preempts a handler at once, a lower one waits for its return"
ticks=$(sed -n 's/^systick: \([0-9]*\) ticks in 200 ms$/\1/p' "$tmp/systick.uart")
check "$([ -n "$ticks" ] && [ "$ticks" -ge 20 ] && [ "$ticks" -le 210 ]; echo $?)" \
	"SysTick at 1 ms: ${ticks:-no} ticks in a 200 ms GPT0 sleep (20..210: missed ticks are not queued)"
check "$(grep -q '^svc: 7$' "$tmp/svc.uart" && grep -q '^svc: back$' "$tmp/svc.uart"; echo $?)" \
	"SVC 7 reaches SVC_Handler (its number from the stacked PC) and returns"
check "$(grep -q '^psp: 21$' "$tmp/psp.uart" && grep -q '^psp: control 2 sp kept$' "$tmp/psp.uart"; echo $?)" \
	"thread mode on PSP: the IRQ's frame there, its handler on MSP, back on PSP with SP restored"
check "$([ "$(cat "$tmp/hardfault.rc")" = 0 ] && grep -q '^hardfault: cfsr 0x00010000 hfsr 0x40000000' "$tmp/hardfault.uart"; echo $?)" \
	"an undefined instruction escalates to the app's HardFault handler (UNDEFINSTR, FORCED); the core runs on"
check "$(has "$tmp/busfault.uart" '^hardfault: cfsr 0x00008200 hfsr 0x40000000 bfar 0x30000000$')" \
	"an unmapped read reaches the HardFault handler with PRECISERR and BFAR"
check "$([ "$(cat "$tmp/nohandler.rc")" = 3 ] && grep -q 'stopped: no handler for IRQ 30 (exception 46' "$tmp/nohandler.events"; echo $?)" \
	"an IRQ without a handler stops the core, naming it (exit 3)"
check "$([ "$(cat "$tmp/badret.rc")" = 3 ] && grep -q 'stopped: bad EXC_RETURN 0xfffffff5 from the IRQ 24 handler' "$tmp/badret.events"; echo $?)" \
	"a bad EXC_RETURN stops the core, naming the value and the handler"
check "$([ "$(cat "$tmp/udf.rc")" = 3 ] && grep -q 'stopped: usage fault: undefined instruction 0xde01 at pc 0x[0-9a-f]*; no handler for HardFault' "$tmp/udf.events"; echo $?)" \
	"a fault with no HardFault handler (VTOR moved to a table without one) stops the core, naming both"

# The RT toolchain packs RealTimeCapable apps only (configure fails, naming why).
cp -r "$(dirname "$0")/../../samples/rt" "$tmp/rt"
sed -i 's/"RealTimeCapable"/"Default"/' "$tmp/rt/blink-rt/app_manifest.json"
cmake -S "$tmp/rt" -B "$tmp/rt-build" \
	-DCMAKE_TOOLCHAIN_FILE="$sdk/CMakeFiles/AzureSphereRTCoreToolchain.cmake" > "$tmp/cfg" 2>&1
check "$([ $? != 0 ]; echo $?)" "RT toolchain + a Default manifest: configure fails"
# (CMake wraps its messages: join the lines first.)
tr -s '\n ' '  ' < "$tmp/cfg" > "$tmp/cfg1"
check "$(has "$tmp/cfg1" "ApplicationType 'Default': the RT core toolchain")" "the refusal names ApplicationType"

echo "1..$n"
exit $bad
