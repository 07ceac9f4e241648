#!/bin/sh
# SPDX-License-Identifier: MIT
# image-package's command line, with keys made by scripts/gen-keys: a good
# pack-application makes a package that show verifies with the same keys and
# not with other keys; every bad request exits non-zero, names the argument or
# field at fault and writes no output file.
# Usage: cli_test.sh IMAGE_PACKAGE GEN_KEYS HWDEF_DIR TEST_APP
set -u
tool=$1
gen_keys=$2
hwdefs=$3
app=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/azs-ip-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
fail() {
	n=$((n + 1)); echo "not ok $n $1 # $2"
	[ -f "$tmp/stderr" ] && sed 's/^/#   /' "$tmp/stderr"
	bad=1
}

echo "TAP version 13"
"$gen_keys" "$tmp/keys" "$tmp/keys/rot.h" 2>/dev/null || { echo "Bail out! gen-keys failed"; exit 1; }
"$gen_keys" "$tmp/other" "$tmp/other/rot.h" 2>/dev/null || { echo "Bail out! gen-keys failed"; exit 1; }
mkdir -p "$tmp/app/bin" "$tmp/out"
cp "$app" "$tmp/app/bin/app"
cat >"$tmp/app/app_manifest.json" <<'JSON'
{"SchemaVersion": 1, "Name": "CliTest", "ComponentId": "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
 "EntryPoint": "/bin/app", "CmdArgs": [], "Capabilities": {"Gpio": ["$MT3620_RDB_LED1_RED"]},
 "ApplicationType": "Default"}
JSON
hw="--hardware-definitions=$hwdefs"
tg="--target-definition-filename=mt3620_rdb.json"
good() { "$tool" pack-application --input "$tmp/app" --keys "$tmp/keys" "$hw" "$tg" "$@"; }
# As good, with INPUT and KEYS given first.
with() { i=$1 k=$2; shift 2; "$tool" pack-application --input "$i" --keys "$k" "$hw" "$@"; }

if good --destination "$tmp/out/good.pkg" >"$tmp/stdout" 2>"$tmp/stderr"; then
	ok "pack-application: exit 0"
else
	fail "pack-application: exit 0" "exit $?"
fi
if "$tool" show --image-package "$tmp/out/good.pkg" --keys "$tmp/keys" >"$tmp/stdout" 2>"$tmp/stderr" &&
	grep -q '^Signature: *verified with the sdk key' "$tmp/stdout" &&
	grep -q '^Component id: *1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' "$tmp/stdout" &&
	grep -q '"Gpio":\[' "$tmp/stdout" && ! grep -q 'MT3620_RDB' "$tmp/stdout"; then
	ok "show --keys: verified with the sdk key, manifest resolved"
else
	fail "show --keys: verified with the sdk key, manifest resolved" "$(cat "$tmp/stdout")"
fi
if "$tool" show --image-package "$tmp/out/good.pkg" >"$tmp/stdout" 2>"$tmp/stderr"; then
	ok "show without keys: exit 0"
else
	fail "show without keys: exit 0" "exit $?"
fi
if ! "$tool" show --image-package "$tmp/out/good.pkg" --keys "$tmp/other" >"$tmp/stdout" 2>"$tmp/stderr" &&
	grep -q 'signer_key_id' "$tmp/stderr"; then
	ok "show --keys OTHER: not verified, names the signer key id"
else
	fail "show --keys OTHER: not verified, names the signer key id" "accepted"
fi
if unsquashfs -l -o 4096 "$tmp/out/good.pkg" 2>/dev/null | grep -q 'squashfs-root/bin/app$'; then
	ok "payload: a squashfs with /bin/app"
else
	fail "payload: a squashfs with /bin/app" "unsquashfs"
fi

# expect_fail NAME PATTERN COMMAND...: exit non-zero, PATTERN on stderr, no output file.
expect_fail() {
	name=$1 pattern=$2
	shift 2
	rm -f "$tmp/out/bad.pkg"
	if "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
		fail "$name" "exit 0"
	elif ! grep -q -- "$pattern" "$tmp/stderr"; then
		fail "$name" "stderr lacks '$pattern'"
	elif [ -n "$(find "$tmp/out" -name '*bad.pkg*')" ]; then
		fail "$name" "an output file was left"
	else
		ok "$name"
	fi
}
d="--destination=$tmp/out/bad.pkg"
expect_fail "no command" "Usage" "$tool"
expect_fail "unknown command" "unknown command 'frobnicate'" "$tool" frobnicate
expect_fail "missing --input" "missing --input" "$tool" pack-application "$d" --keys "$tmp/keys"
expect_fail "missing --destination" "missing --destination" "$tool" pack-application --input "$tmp/app" --keys "$tmp/keys"
expect_fail "missing --keys" "missing --keys" "$tool" pack-application --input "$tmp/app" "$d"
expect_fail "unknown option" "unknown option '--frob'" good "$d" --frob
expect_fail "show-only option to pack" "option --image-package does not apply" good "$d" --image-package x
expect_fail "--input twice" "--input given twice" good "$d" --input "$tmp/app"
expect_fail "bad --key-role" "--key-role capability: must be sdk or production" good "$d" --key-role capability
expect_fail "--key-role without its key" "production.key.pem" with "$tmp/app" "$tmp/out" "$tg" "$d" --key-role production
expect_fail "target without hardware definitions" "--target-definition-filename needs" \
	"$tool" pack-application --input "$tmp/app" --keys "$tmp/keys" "$d" "$tg"
expect_fail "unknown target definition" "--target-definition-filename nope.json" with "$tmp/app" "$tmp/keys" "$d" --target-definition-filename nope.json
expect_fail "\$NAME without hardware definitions" 'Capabilities.Gpio\[0\]' \
	"$tool" pack-application --input "$tmp/app" --keys "$tmp/keys" "$d"
expect_fail "--input not a directory" "--input" with "$tmp/nowhere" "$tmp/keys" "$tg" "$d"
expect_fail "show: missing --image-package" "missing --image-package" "$tool" show
expect_fail "show: not a package" "header.magic" "$tool" show --image-package "$tmp/app/app_manifest.json"

# Broken inputs: an entry point missing or not executable, a bad manifest, a device file.
cp -a "$tmp/app" "$tmp/app2"
chmod 0644 "$tmp/app2/bin/app"
expect_fail "EntryPoint not executable" "EntryPoint /bin/app: not a regular executable" with "$tmp/app2" "$tmp/keys" "$tg" "$d"
rm "$tmp/app2/bin/app"
expect_fail "EntryPoint missing" "EntryPoint /bin/app: no such file" with "$tmp/app2" "$tmp/keys" "$tg" "$d"
cp "$app" "$tmp/app2/bin/app"
mkfifo "$tmp/app2/fifo"
expect_fail "a FIFO in the input" "/fifo: only directories" with "$tmp/app2" "$tmp/keys" "$tg" "$d"
rm "$tmp/app2/fifo"
sed -i 's/"CmdArgs"/"Cmdargs"/' "$tmp/app2/app_manifest.json"
expect_fail "manifest refused" "app_manifest.json" with "$tmp/app2" "$tmp/keys" "$tg" "$d"

# A truncated package is refused by show.
head -c 5000 "$tmp/out/good.pkg" >"$tmp/trunc.pkg"
expect_fail "show: truncated package" "truncated" "$tool" show --image-package "$tmp/trunc.pkg"

echo "1..$n"
exit $bad
