#!/bin/sh
# SPDX-License-Identifier: MIT
# Buildroot post-build script: the platform's part of the boot chain
# (docs/boot-chain.md), as device/build-image makes it for the project's
# own device, with the key directory of BR2_PACKAGE_AZSPHERE_MODULES_KEYS_DIR:
#   - the platform modules signed with the platform key (the kernel's
#     scripts/sign-file; azs-verified-loader checks them in memory)
#   - /etc/azs/rot-platform.pub.pem, the root-of-trust platform key
#   - /etc/azs/platform.digests: the SHA-256 of the application manager's
#     programs and configuration, signed with the platform key
# Buildroot runs it with TARGET_DIR as $1 and BUILD_DIR, HOST_DIR, BR2_CONFIG.
set -eu
target=$1
conf() { sed -n "s/^$1=\"\\(.*\\)\"\$/\\1/p" "$BR2_CONFIG"; }
ext=$(cd "$(dirname "$0")/../../.." && pwd)
keys=$(conf BR2_PACKAGE_AZSPHERE_MODULES_KEYS_DIR | sed "s|\$(BR2_EXTERNAL_AZSPHERE_PATH)|$ext|")
[ -f "$keys/platform.key.pem" ] || { echo "post-build: $keys/platform.key.pem missing (BR2_PACKAGE_AZSPHERE_MODULES_KEYS_DIR)" >&2; exit 1; }
sign_file=$(ls "$BUILD_DIR"/linux-*/scripts/sign-file 2> /dev/null | head -n 1)
[ -x "$sign_file" ] || { echo "post-build: the kernel's scripts/sign-file not built (CONFIG_MODULE_SIG)" >&2; exit 1; }
openssl=$HOST_DIR/bin/openssl
[ -x "$openssl" ] || openssl=openssl
cert="$BUILD_DIR/azsphere-platform.x509.pem"
"$openssl" req -new -x509 -sha256 -key "$keys/platform.key.pem" -subj "/CN=azsphere-linux platform key" \
	-days 36500 -out "$cert" 2> /dev/null
sign() { "$sign_file" sha256 "$keys/platform.key.pem" "$cert" "$1"; }

find "$target/lib/modules" -name 'azs_*.ko' | while read -r ko; do
	sign "$ko"
done
install -m 0644 "$keys/platform.pub.pem" "$target/etc/azs/rot-platform.pub.pem"
cd "$target"
find usr/sbin usr/bin -name 'azs-*' -type f | cat - "$ext/../device/platform.files" |
	grep -v '^#' | sort -u | while read -r f; do
	[ -f "$f" ] || { echo "post-build: platform file /$f missing" >&2; exit 1; }
	echo "$(sha256sum < "$f" | cut -d' ' -f1)  /$f"
done > etc/azs/platform.digests
sign etc/azs/platform.digests
