#!/bin/sh
# SPDX-License-Identifier: MIT
# The ARMv7 Secure World firmware (security-monitor/firmware) on qemu's
# virt,secure=on, with a Normal World test program in place of Linux
# (firmware/nwtest): SMCCC/PSCI/SiP answers over SMC, the firewall lock
# latch against forged SMCs, Secure-only flash and RAM aborting Normal World
# accesses. Then the boot bundle's checks: broken, tampered or foreign-signed
# bundles are refused on the Secure UART and nothing enters Normal World.
# Keys: a throwaway set made here (scripts/gen-keys); Mbed TLS: Debian's
# source in the third-party CACHE (fetch-mbedtls).
# Usage: secure_world_fw_test.sh SOURCE_DIR BUILD_DIR CACHE
set -u
src=$1
out=$2/secure-world-fw
fwsrc=$src/security-monitor/firmware
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

mkdir -p "$out"
out=$(cd "$out" && pwd) # make -C runs elsewhere
if ! mbedtls=$("$fwsrc/fetch-mbedtls" "${3:-$src/build/third-party}"); then
	fail "Mbed TLS source (apt-get source mbedtls)" "fetch-mbedtls failed"
	exit 1
fi
"$src/scripts/gen-keys" "$tmp/keys" "$tmp/rot_keys.h" 2> /dev/null
if ! make -s -C "$fwsrc" O="$out" MBEDTLS_DIR="$mbedtls" AZS_KEYS_DIR="$tmp/keys" AZS_KEY_STORE= \
	all nwtest > "$tmp/make.log" 2>&1; then
	sed 's/^/# /' "$tmp/make.log"
	fail "the firmware and the Normal World test program build" "make failed"
	exit 1
fi
pass "the firmware and the Normal World test program build (-Wall -Wextra -Werror, freestanding)"
printf 'initramfs' > "$tmp/initrd"
"$fwsrc/make-bios" "$out/azs-secmon-fw.bin" "$out/azs-secmon-nwtest.bin" "$tmp/initrd" \
	"console=ttyAMA0" "$tmp/keys/platform.key.pem" "$tmp/bios.img" || { fail "make-bios builds the Secure flash image" "failed"; exit 1; }
pass "make-bios builds the Secure flash image (firmware + signed bundle with our DTB)"

boot() { # boot IMAGE LOG: qemu until the firmware or the program powers off
	timeout 120 qemu-system-arm -M virt,secure=on -cpu cortex-a7 -accel tcg -smp 1 -m 512 \
		-nographic -nic none -no-user-config -chardev stdio,id=con,mux=on \
		-serial chardev:con -serial chardev:con -mon chardev=con \
		-drive "if=pflash,unit=0,format=raw,file=$1" \
		< /dev/null 2>&1 | tr -d '\r' > "$2"
}

boot "$tmp/bios.img" "$tmp/nw.log"
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tmp/nw.log")
oks=$(grep -c '^ok ' "$tmp/nw.log")
if [ -n "$plan" ] && [ "$oks" -eq "$plan" ] && ! grep -q '^not ok' "$tmp/nw.log"; then
	pass "the Normal World program's $plan checks pass"
else
	sed 's/^/# /' "$tmp/nw.log"
	fail "the Normal World program's checks pass" "plan '${plan}', $oks ok"
fi
grep '^ok \|^not ok ' "$tmp/nw.log" | sed 's/^/#   /'
if grep -q 'azs-secmon: boot chain: bundle verified with the platform key' "$tmp/nw.log" &&
	grep -q 'azs-secmon: entering Normal World' "$tmp/nw.log" &&
	grep -q '^azs-secmon: system off' "$tmp/nw.log" && ! grep -q 'SYSTEM_OFF returned' "$tmp/nw.log"; then
	pass "the firmware verified the bundle, entered Normal World and powered off on PSCI SYSTEM_OFF"
else
	fail "the firmware verified the bundle, entered Normal World and powered off on PSCI SYSTEM_OFF" "see the log above"
fi

# refused IMAGE WHY-PATTERN DESC: the firmware names the rule and stops.
refused() {
	boot "$1" "$tmp/r.log"
	if grep -q "azs-secmon: boot chain: .*$2.*; not booting" "$tmp/r.log" &&
		! grep -q 'entering Normal World\|TAP version' "$tmp/r.log" &&
		grep -q '^azs-secmon: system off' "$tmp/r.log"; then
		pass "$3"
	else
		sed 's/^/# /' "$tmp/r.log"
		fail "$3" "not refused as expected"
	fi
}
# patch OFFSET HEXBYTES: a copy of the image with bytes replaced.
patch() {
	cp "$tmp/bios.img" "$tmp/bad.img"
	printf "$2" | dd of="$tmp/bad.img" bs=1 seek=$(($1)) conv=notrunc status=none
}
B=0x100000
patch $B 'X'
refused "$tmp/bad.img" "boot bundle missing" "a bundle without its magic is refused"
patch $((B + 8)) '\004'
refused "$tmp/bad.img" "image count" "a bundle with 4 images is refused"
patch $((B + 16 + 12)) '\000\000\000\016'
refused "$tmp/bad.img" "load address lies outside Normal World RAM" \
	"a kernel loading into Secure RAM (0x0e000000) is refused"
patch $((B + 16 + 16 + 12)) '\000\000\000\102'
refused "$tmp/bad.img" "images overlap" "a DTB loading over the kernel is refused"
patch $((B + 16 + 8)) '\377\377\377\377'
refused "$tmp/bad.img" "outside the Secure flash" "a kernel size past the flash is refused"
patch $((B + 16 + 16)) '\001'
refused "$tmp/bad.img" "unknown or repeated" "a repeated image kind is refused"
# Tampered content: one byte of each image, past the header (koff 4096).
koff=$((B + 4096))
ksize=$(od -An -tu4 -j $((B + 24)) -N 4 "$tmp/bios.img" | tr -d ' ')
doff=$(od -An -tu4 -j $((B + 36)) -N 4 "$tmp/bios.img" | tr -d ' ')
ioff=$(od -An -tu4 -j $((B + 52)) -N 4 "$tmp/bios.img" | tr -d ' ')
patch $((koff + ksize / 2)) 'Z'
refused "$tmp/bad.img" "signature does not verify" "a kernel changed after signing is refused"
patch $((B + doff + 8)) 'Z'
refused "$tmp/bad.img" "signature does not verify" "a DTB changed after signing is refused"
patch $((B + ioff)) 'Z'
refused "$tmp/bad.img" "signature does not verify" "an initramfs changed after signing is refused"
patch $((B + 64)) '\000'
refused "$tmp/bad.img" "not signed" "a bundle without a signature is refused"
# Signed, but with another key than the platform root of trust.
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/other.pem" 2> /dev/null
"$fwsrc/make-bios" "$out/azs-secmon-fw.bin" "$out/azs-secmon-nwtest.bin" "$tmp/initrd" \
	"console=ttyAMA0" "$tmp/other.pem" "$tmp/other.img"
refused "$tmp/other.img" "signature does not verify" "a bundle signed with another key is refused"
echo "1..$n"
exit $bad
