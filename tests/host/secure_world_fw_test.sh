#!/bin/sh
# SPDX-License-Identifier: MIT
# The ARMv7 Secure World firmware (security-monitor/firmware) on qemu's
# virt,secure=on, with a Normal World test program in place of Linux
# (firmware/nwtest): SMCCC/PSCI/SiP answers over SMC, the firewall lock
# latch against forged SMCs, Secure-only flash and RAM aborting Normal World
# accesses, and the flash-backed state in the Secure flash's NV region over
# several boots of one flash file: every call on a fresh device, persistence,
# records rewritten on the host (bit flip, forged, rolled back, erased)
# refused without a write, signed recovery. Then the boot bundle's checks:
# broken, tampered or foreign-signed bundles are refused on the Secure UART
# and nothing enters Normal World.
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
# The bundle tests below patch copies of bios.img; the flash-backed state
# is tested on dev.img, the same factory-fresh device.
cp "$tmp/bios.img" "$tmp/dev.img"
head -c 1048576 /dev/zero > "$tmp/small.img"
if ! "$fwsrc/make-bios" "$out/azs-secmon-fw.bin" "$out/azs-secmon-nwtest.bin" "$tmp/initrd" \
	"console=ttyAMA0" "$tmp/keys/platform.key.pem" "$tmp/small.img" 2> "$tmp/small.err" &&
	grep -q 'is not a 67108864-byte Secure flash image' "$tmp/small.err" &&
	[ "$(stat -c %s "$tmp/small.img")" -eq 1048576 ]; then
	pass "make-bios refuses to replace a file that is not a Secure flash image (and leaves it)"
else
	fail "make-bios refuses to replace a file that is not a Secure flash image" "$(cat "$tmp/small.err")"
fi

boot() { # boot FLASH LOG: qemu until the firmware or the program powers off
	timeout 120 qemu-system-arm -M virt,secure=on -cpu cortex-a7 -accel tcg -smp 1 -m 512 \
		-nographic -nic none -no-user-config -chardev stdio,id=con,mux=on \
		-serial chardev:con -serial chardev:con -mon chardev=con \
		-drive "if=pflash,unit=0,format=raw,file=$1" \
		< /dev/null 2>&1 | tr -d '\r' > "$2"
}

# The host's side of the NV tests (python3: the blob, capability files
# signed as the Security Service does, records rewritten in the flash file).
NV=$((0x3f00000)) SECTOR=$((0x40000))
cat > "$tmp/nv.py" << 'PY'
import hashlib, struct, subprocess, sys
NV, SECTOR = 0x3f00000, 0x40000
SLOT = lambda i: NV + (1 + i) * SECTOR

def rd(path, off, n):
    with open(path, "rb") as f:
        f.seek(off)
        return f.read(n)

def wr(path, off, data):
    with open(path, "r+b") as f:
        f.seek(off)
        f.write(data)

def key_id(key):
    der = subprocess.run(["openssl", "ec", "-in", key, "-pubout", "-outform", "DER"],
                         capture_output=True, check=True).stdout
    return hashlib.sha256(der[-65:]).digest()[:8]

def sign(key, msg):
    der = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=msg,
                         capture_output=True, check=True).stdout
    i = 3 if der[1] & 0x80 else 2
    out = b""
    for _ in range(2):
        n = der[i + 1]
        out += int.from_bytes(der[i + 2:i + 2 + n], "big").to_bytes(32, "big")
        i += 2 + n
    return out

def capfile(key, seq, dev, caps):
    vals = bytes(caps) + bytes(64 - len(caps))
    body = struct.pack("<IIIIQ", 0x5CFD5CFD, 1, 256, 0, seq) + dev + vals + key_id(key) + bytes(32)
    return body + sign(key, body)

def crc(b):
    import zlib
    return zlib.crc32(b) & 0xffffffff

cmd, img = sys.argv[1], sys.argv[2]
if cmd == "device-id":          # the factory record's device ID
    print(rd(img, NV + 48, 64).hex())
elif cmd == "blob":             # blob IMG OUT PHASE STATE(6 words) KEYDIR
    out, phase = sys.argv[3], int(sys.argv[4])
    st = [int(x) for x in sys.argv[5].split()]
    keys = sys.argv[6]
    dev = rd(img, NV + 48, 64)
    other = bytes(b ^ 0x5a for b in dev)
    cap, sdk = keys + "/capability.key.pem", keys + "/sdk.key.pem"
    files = [capfile(cap, 1, dev, [11]), capfile(cap, 2, dev, [3, 13])]
    bad = bytearray(capfile(cap, 3, dev, [11])); bad[200] ^= 1
    files += [bytes(bad), capfile(cap, 3, other, [11]), capfile(sdk, 3, dev, [11])]
    hdr = struct.pack("<9I", 0x3154574E, phase, st[0], st[1], st[2], st[3], st[4], st[5], len(files))
    data = hdr + bytes(64 - len(hdr)) + dev + b"".join(files)
    open(out, "wb").write(data)
elif cmd == "slot":             # the slot in force (the one not erased), or -1
    live = [i for i in (0, 1) if rd(img, SLOT(i), 512) != b"\xff" * 512]
    print(live[0] if len(live) == 1 else -1)
elif cmd == "nvsum":            # SHA-256 of the NV region
    print(hashlib.sha256(rd(img, NV, 0x100000)).hexdigest())
elif cmd == "flip":             # flip a bit of slot N's record
    i = int(sys.argv[3]); off = SLOT(i) + 96
    wr(img, off, bytes([rd(img, off, 1)[0] ^ 0x01]))
elif cmd == "forge":            # slot N's counter set to 0, CRC made right (MAC kept)
    i = int(sys.argv[3]); rec = bytearray(rd(img, SLOT(i), 512))
    rec[96:104] = bytes(8)
    rec[508:512] = struct.pack("<I", crc(bytes(rec[:508])))
    wr(img, SLOT(i), bytes(rec))
elif cmd == "copy-slot":        # copy-slot IMG FROM-IMG FROM-SLOT TO-SLOT: 8 KiB with its MAC
    src, a, b = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    wr(img, SLOT(b), rd(src, SLOT(a), 8192))
elif cmd == "flip-factory":     # flip a bit of the factory record's secret
    wr(img, NV + 20, bytes([rd(img, NV + 20, 1)[0] ^ 0x01]))
elif cmd == "erase-slots":
    for i in (0, 1):
        wr(img, SLOT(i), b"\xff" * SECTOR)
elif cmd == "mailbox":          # mailbox IMG RECORD: put a recovery record in the mailbox
    wr(img, NV + 3 * SECTOR, open(sys.argv[3], "rb").read())
elif cmd == "mailbox-erased":
    print("yes" if rd(img, NV + 3 * SECTOR, 256) == b"\xff" * 256 else "no")
PY
nv() { python3 "$tmp/nv.py" "$@"; }
# bundle FLASH PHASE "STATE": the Normal World program's bundle, with a blob
# for PHASE expecting STATE (mfg caps seq_lo seq_hi ctr_lo ctr_hi), into FLASH
# (its NV region kept).
bundle() {
	nv blob "$1" "$tmp/blob" "$2" "$3" "$tmp/keys" &&
		"$fwsrc/make-bios" "$out/azs-secmon-fw.bin" "$out/azs-secmon-nwtest.bin" "$tmp/blob" \
			"console=ttyAMA0" "$tmp/keys/platform.key.pem" "$1"
}
# nwboot FLASH LOG DESC: boot; the program's checks must all pass.
nwboot() {
	boot "$1" "$2"
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$2")
	oks=$(grep -c '^ok ' "$2")
	if [ -n "$plan" ] && [ "$oks" -eq "$plan" ] && ! grep -q '^not ok' "$2" &&
		grep -q '^azs-secmon: system off' "$2"; then
		pass "$3: the Normal World program's $plan checks pass"
	else
		sed 's/^/# /' "$2"
		fail "$3: the Normal World program's checks pass" "plan '${plan}', $oks ok"
	fi
	grep '^ok \|^not ok ' "$2" | sed 's/^/#   /'
}
state() { sed -n 's/^# nv-state //p' "$1"; }

# 1. A factory-fresh device: every call (and the firewall, the fuzz).
bundle "$tmp/dev.img" 1 "0 0 0 0 0 0" > /dev/null
nwboot "$tmp/dev.img" "$tmp/nw.log" "a factory-fresh Secure flash"
if grep -q 'azs-secmon: boot chain: bundle verified with the platform key' "$tmp/nw.log" &&
	grep -q 'azs-secmon: NV: factory-fresh: provisioned with the factory device ID' "$tmp/nw.log" &&
	grep -q 'azs-secmon: entering Normal World' "$tmp/nw.log" &&
	grep -q '^azs-secmon: system off' "$tmp/nw.log" && ! grep -q 'SYSTEM_OFF returned' "$tmp/nw.log"; then
	pass "the firmware verified the bundle, provisioned the NV region, entered Normal World and powered off on PSCI SYSTEM_OFF"
else
	fail "the firmware verified the bundle, provisioned the NV region, entered Normal World and powered off on PSCI SYSTEM_OFF" "see the log above"
fi
cp "$tmp/dev.img" "$tmp/p1.img"
slot1=$(nv slot "$tmp/p1.img")

# 2. The same flash file in a new qemu: the state persisted.
bundle "$tmp/dev.img" 2 "$(state "$tmp/nw.log")" > /dev/null
nwboot "$tmp/dev.img" "$tmp/nw2.log" "a second boot of the same flash file"
slot2=$(nv slot "$tmp/dev.img")
if [ "$slot1" -ge 0 ] && [ "$slot2" -ge 0 ] && [ "$slot1" != "$slot2" ] &&
	grep -q "azs-secmon: NV: record in slot" "$tmp/nw2.log"; then
	pass "one write later the record moved to the other slot and the older one is erased (slot $slot1 -> $slot2)"
else
	fail "one write later the record moved to the other slot and the older one is erased" "slots '$slot1' '$slot2'"
fi

# 3. Records rewritten on the host: refused, nothing written, never reprovisioned.
cp "$tmp/dev.img" "$tmp/base3.img"
bundle "$tmp/base3.img" 3 "0 0 0 0 0 0" > /dev/null
# tampered NAME DESC: boot the copy NAME.img prepared by the caller.
tampered() {
	sum=$(nv nvsum "$tmp/$1.img")
	nwboot "$tmp/$1.img" "$tmp/$1.log" "$2"
	if grep -q 'azs-secmon: NV: FATAL: the secure flash record is corrupt .*refusing to serve' "$tmp/$1.log" &&
		! grep -q 'azs-secmon: NV: factory-fresh' "$tmp/$1.log" &&
		[ "$(nv nvsum "$tmp/$1.img")" = "$sum" ]; then
		pass "$2: refused on the Secure UART, the NV region unchanged (no write, no new identity)"
	else
		sed 's/^/# /' "$tmp/$1.log"
		fail "$2: refused on the Secure UART, the NV region unchanged" "see the log"
	fi
}
cp "$tmp/base3.img" "$tmp/flip.img"
nv flip "$tmp/flip.img" "$slot2"
tampered flip "a bit flipped in the record"
cp "$tmp/base3.img" "$tmp/forge.img"
nv forge "$tmp/forge.img" "$slot2"
tampered forge "a record forged on the host (counter 0, CRC right, no key for the MAC)"
cp "$tmp/base3.img" "$tmp/rollback.img"
nv copy-slot "$tmp/rollback.img" "$tmp/p1.img" "$slot1" "$slot2"
tampered rollback "the first boot's record (with its MAC) written over the newer one"
cp "$tmp/base3.img" "$tmp/erased.img"
nv erase-slots "$tmp/erased.img"
tampered erased "both record slots erased on a provisioned device"

cp "$tmp/base3.img" "$tmp/factory.img"
nv flip-factory "$tmp/factory.img"
sum=$(nv nvsum "$tmp/factory.img")
nwboot "$tmp/factory.img" "$tmp/factory.log" "a factory record changed on the host"
if grep -q 'azs-secmon: NV: FATAL: the factory record (secret, device ID) is missing or corrupt' "$tmp/factory.log" &&
	[ "$(nv nvsum "$tmp/factory.img")" = "$sum" ]; then
	pass "a factory record changed on the host: nothing served (no secret, no MAC), nothing written"
else
	sed 's/^/# /' "$tmp/factory.log"
	fail "a factory record changed on the host: nothing served, nothing written" "see the log"
fi

# 4. Recovery: a record signed with the platform key for the digest the
# firmware printed; one signed with another key is refused.
digest=$(sed -n 's/.*recovery record signed with the platform key for region digest \([0-9a-f]*\).*/\1/p' "$tmp/flip.log" | head -n 1)
devid=$(nv device-id "$tmp/dev.img")
recovery() { # recovery KEY OUT
	"$src/scripts/secmon-recovery-record" --key "$1" --region-digest "$digest" \
		--device-id "$devid" --mfg-state DeviceComplete --caps-present $((1 << 11)) \
		--caps-sequence 7 --update-counter 4096 --out "$2"
}
cp "$tmp/flip.img" "$tmp/badrec.img"
if recovery "$tmp/keys/sdk.key.pem" "$tmp/sdk.rec" && nv mailbox "$tmp/badrec.img" "$tmp/sdk.rec"; then
	sum=$(nv nvsum "$tmp/badrec.img")
	nwboot "$tmp/badrec.img" "$tmp/badrec.log" "a recovery record signed with the sdk key"
	if grep -q 'the recovery record is refused: not signed by the platform key' "$tmp/badrec.log" &&
		[ "$(nv nvsum "$tmp/badrec.img")" = "$sum" ]; then
		pass "a recovery record signed with the sdk key is refused by name; nothing written"
	else
		sed 's/^/# /' "$tmp/badrec.log"
		fail "a recovery record signed with the sdk key is refused by name; nothing written" "see the log"
	fi
else
	fail "a recovery record signed with the sdk key is refused" "secmon-recovery-record failed"
fi
cp "$tmp/flip.img" "$tmp/rec.img"
if [ -n "$digest" ] && recovery "$tmp/keys/platform.key.pem" "$tmp/platform.rec" &&
	nv mailbox "$tmp/rec.img" "$tmp/platform.rec" &&
	bundle "$tmp/rec.img" 4 "2 $((1 << 11)) 7 0 4096 0" > /dev/null; then
	nwboot "$tmp/rec.img" "$tmp/rec.log" "a recovery record signed with the platform key"
	if grep -q 'azs-secmon: NV: the secure flash record was corrupt and is recovered from a signed recovery record' "$tmp/rec.log" &&
		[ "$(nv mailbox-erased "$tmp/rec.img")" = yes ]; then
		pass "the platform-signed recovery record for the printed digest is applied and the mailbox erased"
	else
		sed 's/^/# /' "$tmp/rec.log"
		fail "the platform-signed recovery record is applied and the mailbox erased" "see the log"
	fi
else
	fail "the platform-signed recovery record is applied" "no digest printed, or secmon-recovery-record failed"
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
