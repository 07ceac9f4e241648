#!/bin/sh
# SPDX-License-Identifier: MIT
# azs-security-service production-sign: an SDK-signed package from
# image-package becomes a production-signed one that verifies with the
# production key, with every byte but the signer fields and signature kept;
# packages that don't verify with the SDK key are refused, and nothing is written.
# Usage: production_sign_test.sh AZS_SECURITY_SERVICE IMAGE_PACKAGE GEN_KEYS TEST_APP
set -u
ss=$1 ip=$2 gen_keys=$3 app=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/azs-ss-ps.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); echo "not ok $n $1 # $2"; sed 's/^/#   /' "$tmp/stderr" 2>/dev/null; bad=1; }
echo "TAP version 13"
"$gen_keys" "$tmp/keys" "$tmp/keys/rot.h" 2>/dev/null || { echo "Bail out! gen-keys"; exit 1; }
# The Security Service's own store, trusting the SDK key of tmp/keys.
"$ss" init --key-store "$tmp/store" 2>/dev/null || { echo "Bail out! init"; exit 1; }
if "$ss" production-sign --key-store "$tmp/store" --in /dev/null --out "$tmp/x.pkg" 2>"$tmp/stderr"; then
	fail "production-sign: refused while the store trusts no SDK key" "accepted"
elif grep -q "trusts no SDK key" "$tmp/stderr"; then
	ok "production-sign: refused while the store trusts no SDK key"
else
	fail "production-sign: refused while the store trusts no SDK key" "message"
fi
"$ss" trust-sdk-key --key-store "$tmp/store" --public-key "$tmp/keys/sdk.pub.pem" 2>/dev/null ||
	{ echo "Bail out! trust-sdk-key"; exit 1; }
mkdir -p "$tmp/app/bin" && cp "$app" "$tmp/app/bin/app"
printf '%s' '{"SchemaVersion": 1, "Name": "Prod", "ComponentId": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "EntryPoint": "/bin/app", "CmdArgs": [], "Capabilities": {}, "ApplicationType": "Default"}' >"$tmp/app/app_manifest.json"
"$ip" pack-application --input "$tmp/app" --destination "$tmp/sdk.pkg" --keys "$tmp/keys" >/dev/null 2>"$tmp/stderr" ||
	{ echo "Bail out! pack"; exit 1; }

if "$ss" production-sign --key-store "$tmp/store" --in "$tmp/sdk.pkg" --out "$tmp/prod.pkg" 2>"$tmp/stderr" &&
	"$ip" show --image-package "$tmp/prod.pkg" --keys "$tmp/store" 2>"$tmp/stderr" |
	grep -q 'verified with the production key'; then
	ok "production-sign: verifies with the production key"
else
	fail "production-sign: verifies with the production key" "exit or show"
fi
size() { wc -c <"$1"; }
if [ "$(size "$tmp/sdk.pkg")" -eq "$(size "$tmp/prod.pkg")" ] &&
	cmp -s -n 98 "$tmp/sdk.pkg" "$tmp/prod.pkg"; then
	ok "production-sign: header and identity unchanged"
else
	fail "production-sign: header and identity unchanged" "differs"
fi
# Payload and manifest unchanged: everything from byte 112 to the signature.
end=$(($(size "$tmp/sdk.pkg") - 64 - 112))
if [ "$(tail -c +113 "$tmp/sdk.pkg" | head -c $end | sha256sum)" = "$(tail -c +113 "$tmp/prod.pkg" | head -c $end | sha256sum)" ]; then
	ok "production-sign: manifest and payload unchanged"
else
	fail "production-sign: manifest and payload unchanged" "differs"
fi
# A production-signed package is not an SDK one; a damaged one doesn't verify.
if ! "$ss" production-sign --key-store "$tmp/store" --in "$tmp/prod.pkg" --out "$tmp/again.pkg" 2>"$tmp/stderr" &&
	[ ! -e "$tmp/again.pkg" ] && grep -q 'signer_key_id' "$tmp/stderr"; then
	ok "production-sign: refuses a package not SDK-signed"
else
	fail "production-sign: refuses a package not SDK-signed" "accepted"
fi
cp "$tmp/sdk.pkg" "$tmp/bad.pkg"
printf 'X' | dd of="$tmp/bad.pkg" bs=1 seek=5000 conv=notrunc 2>/dev/null
if ! "$ss" production-sign --key-store "$tmp/store" --in "$tmp/bad.pkg" --out "$tmp/x.pkg" 2>"$tmp/stderr" &&
	[ ! -e "$tmp/x.pkg" ]; then
	ok "production-sign: refuses a damaged package"
else
	fail "production-sign: refuses a damaged package" "accepted"
fi
if ! "$ss" production-sign --key-store "$tmp/store" --in "$tmp/sdk.pkg" 2>"$tmp/stderr" &&
	grep -q 'missing --out' "$tmp/stderr"; then
	ok "production-sign: missing --out"
else
	fail "production-sign: missing --out" "accepted"
fi
# An SDK-signed package by another SDK key than the one the store trusts.
"$gen_keys" "$tmp/other" "$tmp/other/rot.h" 2>/dev/null || { echo "Bail out! gen-keys"; exit 1; }
"$ip" pack-application --input "$tmp/app" --destination "$tmp/other.pkg" --keys "$tmp/other" >/dev/null 2>&1 ||
	{ echo "Bail out! pack"; exit 1; }
if ! "$ss" production-sign --key-store "$tmp/store" --in "$tmp/other.pkg" --out "$tmp/x.pkg" 2>"$tmp/stderr" &&
	[ ! -e "$tmp/x.pkg" ] && grep -q 'not a trusted key' "$tmp/stderr"; then
	ok "production-sign: refuses a package signed by an SDK key the store does not trust"
else
	fail "production-sign: refuses a package signed by an SDK key the store does not trust" "accepted"
fi
echo "1..$n"
exit $bad
