#!/bin/sh
# SPDX-License-Identifier: MIT
# An RTApp end to end on the host: the blink-rt sample, built with the SDK's
# RT core toolchain and packed as a signed RealTimeCapable image package,
# runs on azs-iocore (one emulated Cortex-M4F) for a few seconds: its debug
# UART prints, LED1 red's pin (GPIO8) toggles at the sample's half second.
# Then the attacks: the same image on a core that does not own GPIO block 2
# is stopped by a firewall bus fault naming the block; corrupted images are
# refused before anything runs. And the SDK keeps the kinds apart: the RT
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
check "$([ "$ons" -ge 2 ] && [ "$ons" -le 4 ]; echo $?)" "LED lit $ons times in 3 s (2..4: GPT3 keeps real time)"
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
