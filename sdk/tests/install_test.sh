#!/bin/sh
# SPDX-License-Identifier: MIT
# The installed SDK: cmake --install puts azsphere on PATH (PREFIX/bin), and
# from any folder it packs an app signed with the SDK's key (no --keys) and
# shows it verified.
# Usage: install_test.sh CMAKE_BINARY_DIR APP_DIR
build=$1
app=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
result() { # STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; bad=1; fi
}
echo "TAP version 13"
cmake --install "$build" --prefix "$tmp/prefix" --component sdk > "$tmp/log" 2>&1
result $? "cmake --install --component sdk"
PATH=$tmp/prefix/bin:$PATH
export PATH
cd "$tmp" || exit 1
[ "$(command -v azsphere)" = "$tmp/prefix/bin/azsphere" ] && azsphere --help > /dev/null
result $? "azsphere is on PATH and runs"
azsphere image-package pack-application --package-directory "$app" --destination "$tmp/app.azsp" > /dev/null
result $? "pack-application from another folder, without --keys"
azsphere image-package show -p "$tmp/app.azsp" --keys "$tmp/prefix/lib/azsphere-sdk/Keys" 2>&1 |
	grep -q "^Signature: *verified with the sdk key"
result $? "the package verifies with the SDK's key"
echo "1..$n"
exit $bad
