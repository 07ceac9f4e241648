#!/bin/sh
# SPDX-License-Identifier: MIT
# azs-security-service's command line, with a key store made by its init
# verb: a good request makes a 256-byte file whose key id is gen-keys' id of
# the store's capability key (the id the security monitor is built with) and
# whose signature the openssl command verifies; every bad request exits
# non-zero, names the argument at fault and writes nothing.
# Usage: cli_test.sh AZS_SECURITY_SERVICE GEN_KEYS
set -u
tool=$1
gen_keys=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/azs-ss-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
keys=$tmp/keys
outdir=$tmp/out
mkdir "$outdir" "$tmp/empty"
n=0
bad=0

ok() { n=$((n + 1)); echo "ok $n $1"; }
fail() {
	n=$((n + 1)); echo "not ok $n $1 # $2"
	[ -f "$tmp/stderr" ] && sed 's/^/#   /' "$tmp/stderr"
	bad=1
}

"$tool" init --key-store "$keys" 2>/dev/null || { echo "Bail out! init failed"; exit 1; }
"$gen_keys" "$tmp/sdk" "$tmp/rot_keys.h" "$keys" 2>/dev/null || { echo "Bail out! gen-keys failed"; exit 1; }
# The id gen-keys wrote for ROLE, as 16 hex digits.
key_id() {
	role=$(echo "$1" | tr '[:lower:]' '[:upper:]')
	grep -A1 "AZS_KEY_ROLE_$role," "$tmp/rot_keys.h" | sed -n 's/.*\.id = {\(.*\)}.*/\1/p' |
		sed 's/0x//g; s/[ ,]//g'
}
list() { find "$1" -mindepth 1 -printf '%f\n' | sort | tr '\n' ' ' | sed 's/ $//'; }
hex() { od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -d ' \n'; }

dev=$(printf 'azs test device' | sha512sum | cut -c1-128)
# The good request's arguments, one word each (--opt=value).
k="--key-store=$keys"
d="--device-id=$dev"
c="--capability=appDevelopment"
s="--sequence=5"
good() { "$tool" issue-capability "$k" "$d" "$c" --capability 13 "$s" "$@"; }

# --- A good request --------------------------------------------------------
echo "TAP version 13"
if good --out "$outdir/good.cap" 2>"$tmp/stderr"; then
	size=$(wc -c <"$outdir/good.cap")
	if [ "$size" -eq 256 ]; then ok "issue: 256-byte file"; else fail "issue: 256-byte file" "size $size"; fi
else
	fail "issue: 256-byte file" "exit $?"
fi

want=$(key_id capability)
got=$(hex "$outdir/good.cap" 152 8)
if [ -n "$want" ] && [ "$got" = "$want" ]; then ok "issue: key id is gen-keys' capability id"
else fail "issue: key id is gen-keys' capability id" "got '$got', want '$want'"; fi

got=$(hex "$outdir/good.cap" 16 8)
if [ "$got" = 0500000000000000 ]; then ok "issue: sequence 5, little-endian"
else fail "issue: sequence 5, little-endian" "got $got"; fi

got=$(hex "$outdir/good.cap" 24 64)
if [ "$got" = "$dev" ]; then ok "issue: device id"; else fail "issue: device id" "got $got"; fi

# The openssl command verifies the raw r || s once it is DER again.
head -c 192 "$outdir/good.cap" >"$tmp/signed"
cat >"$tmp/sig.conf" <<CONF
asn1 = SEQUENCE:sig
[sig]
r = INTEGER:0x$(hex "$outdir/good.cap" 192 32)
s = INTEGER:0x$(hex "$outdir/good.cap" 224 32)
CONF
if openssl asn1parse -genconf "$tmp/sig.conf" -out "$tmp/sig.der" -noout >/dev/null 2>&1 &&
	openssl dgst -sha256 -verify "$keys/capability.pub.pem" -signature "$tmp/sig.der" \
		"$tmp/signed" >"$tmp/stderr" 2>&1; then
	ok "issue: signature verifies with openssl dgst"
else
	fail "issue: signature verifies with openssl dgst" "openssl said no"
fi

if "$tool" show-capability "$outdir/good.cap" >"$tmp/show" 2>"$tmp/stderr" &&
	grep -q '^sequence: *5$' "$tmp/show" &&
	grep -q '^capabilities: *appDevelopment (11), fieldServicing (13)$' "$tmp/show" &&
	grep -q "^key id: *$want\$" "$tmp/show" &&
	grep -q "^device id: *$dev\$" "$tmp/show" &&
	grep -q '^magic: *0x5cfd5cfd$' "$tmp/show" &&
	grep -q '^structure: *ok' "$tmp/show"; then
	ok "show: fields of a good file"
else
	cp "$tmp/show" "$tmp/stderr" 2>/dev/null; fail "show: fields of a good file" "output"
fi

# A flipped magic byte: show says why, and exits 1.
cp "$outdir/good.cap" "$tmp/bad.cap"
printf '\000' | dd of="$tmp/bad.cap" bs=1 seek=0 conv=notrunc 2>/dev/null
"$tool" show-capability "$tmp/bad.cap" >"$tmp/show" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 1 ] && grep -q '^structure: *invalid: wrong magic' "$tmp/show"; then
	ok "show: a broken file is reported"
else
	fail "show: a broken file is reported" "exit $rc"
fi

# --key-role production: a good signature by the wrong key (an unknown signer).
if good --key-role production --out "$outdir/sdk.cap" 2>"$tmp/stderr" &&
	[ "$(hex "$outdir/sdk.cap" 152 8)" = "$(key_id production)" ] &&
	[ "$(key_id production)" != "$want" ]; then
	ok "issue --key-role production: signed by the production key"
else
	fail "issue --key-role production: signed by the production key" "key id $(hex "$outdir/sdk.cap" 152 8 2>/dev/null)"
fi

if "$tool" --help >"$tmp/show" 2>&1 && grep -q 'issue-capability' "$tmp/show" &&
	grep -q 'show-capability' "$tmp/show"; then
	ok "--help prints the usage"
else
	fail "--help prints the usage" "output"
fi

# --- Bad requests: exit status, the argument named, nothing written --------
# refuse NAME STATUS PATTERN ARGS...: issue-capability ARGS (with --out
# $outdir/x.cap appended) must exit STATUS, say PATTERN and leave $outdir as it was.
refuse() {
	name=$1 want_rc=$2 pattern=$3
	shift 3
	before=$(list "$outdir")
	"$tool" issue-capability "$@" --out "$outdir/x.cap" >/dev/null 2>"$tmp/stderr"
	rc=$?
	after=$(list "$outdir")
	if [ $rc -ne "$want_rc" ]; then
		fail "$name" "exit $rc, want $want_rc"
	elif ! grep -q -- "$pattern" "$tmp/stderr"; then
		fail "$name" "message does not name $pattern"
	elif [ -e "$outdir/x.cap" ] || [ "$before" != "$after" ]; then
		fail "$name" "output written"
	else
		ok "$name"
	fi
}
refuse "device id: 127 digits" 2 --device-id "$k" "$c" "$s" --device-id "${dev#?}"
refuse "device id: 129 digits" 2 --device-id "$k" "$c" "$s" --device-id "${dev}0"
refuse "device id: not hex" 2 --device-id "$k" "$c" "$s" --device-id "$(echo "$dev" | sed 's/^./g/')"
refuse "device id: empty" 2 --device-id "$k" "$c" "$s" --device-id ""
refuse "device id: given twice" 2 --device-id "$k" "$c" "$s" "$d" "$d"
refuse "device id: missing" 2 --device-id "$k" "$c" "$s"
refuse "capability: unknown name" 2 --capability "$k" "$d" "$s" --capability appDevelopmint
refuse "capability: unknown number 5" 2 --capability "$k" "$d" "$s" --capability 5
refuse "capability: 0" 2 --capability "$k" "$d" "$s" --capability 0
refuse "capability: 14" 2 --capability "$k" "$d" "$s" --capability 14
refuse "capability: duplicate name" 2 --capability "$k" "$d" "$s" "$c" "$c"
refuse "capability: duplicate by number" 2 --capability "$k" "$d" "$s" "$c" --capability 11
refuse "capability: missing" 2 --capability "$k" "$d" "$s"
refuse "sequence: 0" 2 --sequence "$k" "$d" "$c" --sequence 0
refuse "sequence: not a number" 2 --sequence "$k" "$d" "$c" --sequence five
refuse "sequence: negative" 2 --sequence "$k" "$d" "$c" --sequence -1
refuse "sequence: trailing junk" 2 --sequence "$k" "$d" "$c" --sequence 5x
refuse "sequence: 2^64" 2 --sequence "$k" "$d" "$c" --sequence 18446744073709551616
refuse "sequence: missing" 2 --sequence "$k" "$d" "$c"
refuse "key-role: not a name" 2 --key-role "$k" "$d" "$c" "$s" --key-role ../sdk
refuse "key-role: not a key of the store" 2 --key-role "$k" "$d" "$c" "$s" --key-role sdk
refuse "option: unknown" 2 --frobnicate "$k" "$d" "$c" "$s" --frobnicate
refuse "option: needs a value" 2 --sequence "$k" "$d" "$c" --sequence
chmod 700 "$tmp/empty"
refuse "key store: no key in the directory" 1 "has no capability key" --key-store "$tmp/empty" "$d" "$c" "$s"
refuse "key store: no such directory" 1 "does not exist" --key-store "$tmp/nowhere" "$d" "$c" "$s"
# A copy of the store, damaged in one way at a time.
bad_store() { rm -rf "$tmp/bad"; cp -a "$keys" "$tmp/bad"; }
bad_store; chmod 755 "$tmp/bad"
refuse "key store: mode 0755 is refused" 1 "must be 0700" --key-store "$tmp/bad" "$d" "$c" "$s"
bad_store; chmod 644 "$tmp/bad/capability.key.pem"
refuse "key store: a private key of mode 0644 is refused" 1 "must be 0600" --key-store "$tmp/bad" "$d" "$c" "$s"
bad_store; rm "$tmp/bad/production.key.pem"
refuse "key store: a missing key is refused" 1 "has no production key" --key-store "$tmp/bad" "$d" "$c" "$s"
bad_store; echo "not a key" >"$tmp/bad/capability.key.pem"
refuse "key store: not a PEM key" 1 "no usable PEM private key" --key-store "$tmp/bad" "$d" "$c" "$s"
bad_store; cp "$tmp/bad/production.pub.pem" "$tmp/bad/capability.pub.pem"
refuse "key store: a public half that does not match" 1 "not the public half" --key-store "$tmp/bad" "$d" "$c" "$s"
rm -rf "$tmp/bad"

# The store from the environment when --key-store is not given.
if AZS_SECURITY_SERVICE_KEY_STORE=$keys "$tool" issue-capability "$d" "$c" "$s" --out "$tmp/env.cap" 2>"$tmp/stderr" &&
	[ "$(hex "$tmp/env.cap" 152 8)" = "$want" ]; then
	ok "key store: \$AZS_SECURITY_SERVICE_KEY_STORE is the default"
else
	fail "key store: \$AZS_SECURITY_SERVICE_KEY_STORE is the default" "exit or key id"
fi
if AZS_SECURITY_SERVICE_KEY_STORE=$tmp/nowhere "$tool" issue-capability "$d" "$c" "$s" --out "$tmp/env2.cap" 2>"$tmp/stderr"; then
	fail "key store: ... and an unusable one is refused" "accepted"
elif grep -q "$tmp/nowhere" "$tmp/stderr" && [ ! -e "$tmp/env2.cap" ]; then
	ok "key store: ... and an unusable one is refused"
else
	fail "key store: ... and an unusable one is refused" "message"
fi

# init: a new store is 0700 with 0600 private keys; keys are never replaced.
"$tool" init --key-store "$tmp/new/store" 2>"$tmp/stderr"
rc=$?
modes=$(stat -c '%a' "$tmp/new/store" "$tmp/new/store/capability.key.pem" "$tmp/new/store/production.key.pem" 2>/dev/null | tr '\n' ' ')
if [ $rc -eq 0 ] && [ "$modes" = "700 600 600 " ]; then ok "init: store 0700, private keys 0600"
else fail "init: store 0700, private keys 0600" "exit $rc, modes $modes"; fi
sum=$(cat "$tmp/new/store"/*.pem | sha256sum)
"$tool" init --key-store "$tmp/new/store" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 1 ] && grep -q "initialised already" "$tmp/stderr" && [ "$(cat "$tmp/new/store"/*.pem | sha256sum)" = "$sum" ]; then
	ok "init: an initialised store is refused, its keys kept"
else
	fail "init: an initialised store is refused, its keys kept" "exit $rc"
fi
if "$tool" init --exist-ok --key-store "$tmp/new/store" 2>"$tmp/stderr" &&
	[ "$(cat "$tmp/new/store"/*.pem | sha256sum)" = "$sum" ]; then
	ok "init --exist-ok: fine, nothing changed"
else
	fail "init --exist-ok: fine, nothing changed" "exit or changed"
fi
rm "$tmp/new/store/capability.pub.pem"
"$tool" init --exist-ok --key-store "$tmp/new/store" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 1 ] && grep -q "only some of its keys" "$tmp/stderr" && [ ! -e "$tmp/new/store/capability.pub.pem" ]; then
	ok "init: a store with a key missing is refused, nothing made"
else
	fail "init: a store with a key missing is refused, nothing made" "exit $rc"
fi
mkdir -m 755 "$tmp/open"
"$tool" init --key-store "$tmp/open" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 1 ] && grep -q "must be 0700" "$tmp/stderr" && [ -z "$(ls "$tmp/open")" ]; then
	ok "init: a directory others can read is refused"
else
	fail "init: a directory others can read is refused" "exit $rc"
fi

# --out: missing, or in a directory that does not exist.
good 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 2 ] && grep -q -- --out "$tmp/stderr"; then ok "out: missing"
else fail "out: missing" "exit $rc"; fi
good --out "$tmp/nowhere/x.cap" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 1 ] && grep -q -- --out "$tmp/stderr" && [ ! -e "$tmp/nowhere" ]; then
	ok "out: directory does not exist"
else
	fail "out: directory does not exist" "exit $rc"
fi

# A failed request leaves an existing output file as it was.
cp "$outdir/good.cap" "$tmp/good.copy"
"$tool" issue-capability "$k" "$d" "$c" --sequence 0 --out "$outdir/good.cap" 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 2 ] && cmp -s "$outdir/good.cap" "$tmp/good.copy"; then
	ok "a failed request leaves the old file untouched"
else
	fail "a failed request leaves the old file untouched" "exit $rc"
fi
# --- issue-device-certificate ------------------------------------------------
dc="$outdir/device.pem"
# The simpler verbs take "--opt value" (not --opt=value).
k2="--key-store $keys"
d2="--device-id $dev"
check() { if "$@"; then ok "$label"; else fail "$label" "${why:-}"; fi; }
label="device certificate: issued"
"$tool" issue-device-certificate $k2 $d2 --out "$dc" 2>"$tmp/stderr"
check [ $? -eq 0 ]
label="device certificate: the file is 0600, the CA key 0600, the CA cert 0644"
check [ "$(stat -c %a "$dc") $(stat -c %a "$keys/device-ca.key.pem") $(stat -c %a "$keys/device-ca.cert.pem")" = "600 600 644" ]
label="device certificate: chains to the store's device CA"
check openssl verify -CAfile "$keys/device-ca.cert.pem" "$dc" > /dev/null 2>&1
label="device certificate: subject CN is the device ID"
why=$(openssl x509 -in "$dc" -noout -subject -nameopt RFC2253 2>&1)
check [ "$why" = "subject=CN=$dev" ]
label="device certificate: clientAuth only, not a CA"
why=$(openssl x509 -in "$dc" -noout -ext extendedKeyUsage,basicConstraints 2>&1)
check sh -c 'echo "$1" | grep -q "TLS Web Client Authentication" && echo "$1" | grep -q "CA:FALSE" && ! echo "$1" | grep -q "Server Authentication"' _ "$why"
label="device certificate: its key is the certificate's"
check sh -c 'c=$(openssl x509 -in "$1" -noout -pubkey) && [ -n "$c" ] && [ "$c" = "$(openssl pkey -in "$1" -pubout)" ]' _ "$dc"
label="device certificate: --days 7 is 7 days from now"
"$tool" issue-device-certificate $k2 $d2 --days 7 --out "$outdir/d7.pem" 2>"$tmp/stderr"
check sh -c 'openssl x509 -in "$1" -noout -checkend $((7 * 86400 - 60)) > /dev/null && ! openssl x509 -in "$1" -noout -checkend $((7 * 86400 + 60)) > /dev/null' _ "$outdir/d7.pem"
ca_before=$(openssl x509 -in "$keys/device-ca.cert.pem" -noout -fingerprint)
label="device certificate: a second one has the same CA and a new key"
check sh -c '[ "$(openssl x509 -in "$1/device-ca.cert.pem" -noout -fingerprint)" = "$2" ] && [ "$(openssl pkey -in "$3" -pubout)" != "$(openssl pkey -in "$4" -pubout)" ] && openssl verify -CAfile "$1/device-ca.cert.pem" "$4" > /dev/null' _ "$keys" "$ca_before" "$dc" "$outdir/d7.pem"
rm -f "$outdir/d7.pem"
for bad_args in "--device-id 12 --out $outdir/x.pem" "$d2 --days 0 --out $outdir/x.pem" \
	"$d2 --days 399 --out $outdir/x.pem" "$d2 --days 7x --out $outdir/x.pem" "$d2" \
	"$d2 --out $outdir/x.pem --out $outdir/y.pem"; do
	label="device certificate: refused, nothing written: $(echo "$bad_args" | sed "s|$outdir/||g; s|$dev|ID|")"
	# shellcheck disable=SC2086
	"$tool" issue-device-certificate $k2 $bad_args 2>"$tmp/stderr"
	rc=$?
	why="exit $rc"
	check sh -c '[ "$1" -eq 2 ] && [ ! -e "$2" ] && [ -s "$3" ]' _ "$rc" "$outdir/x.pem" "$tmp/stderr"
done
chmod 0644 "$keys/device-ca.key.pem"
label="device certificate: a device CA key open to others is refused"
"$tool" issue-device-certificate $k2 $d2 --out "$outdir/x.pem" 2>"$tmp/stderr"
rc=$?
why="exit $rc"
check sh -c '[ "$1" -eq 1 ] && [ ! -e "$2" ] && grep -q device-ca.key.pem "$3"' _ "$rc" "$outdir/x.pem" "$tmp/stderr"
chmod 0600 "$keys/device-ca.key.pem"
rm -f "$dc"
# No temporary files were left behind either.
left=$(list "$outdir")
if [ "$left" = "good.cap sdk.cap" ]; then ok "no temporary files left"
else fail "no temporary files left" "found: $left"; fi

echo "1..$n"
exit $bad
