#!/bin/sh
# SPDX-License-Identifier: MIT
# ctest host.prerequisites: every tool and header the build and the tests use
# is on this machine (scripts/prerequisites --check over
# scripts/packages.list, the list scripts/bootstrap installs), and the check
# itself names the missing package when a tool, a header or a cross header
# is absent.
# Usage: prerequisites_test.sh TOP ARCH
set -u
top=$1
arch=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

echo "# this machine (scripts/packages.list, $arch):"
"$top/scripts/prerequisites" --arch "$arch" --check > "$tmp/real"
real=$?
sed 's/^/# /' "$tmp/real"
. "$top/device/arch/$arch.conf"

cat > "$tmp/list" <<'LIST'
azs-present                  cmd:sh header:stdio.h
azs-tool-package             cmd:azs-no-such-tool
azs-header-package           header:azs/no-such-header.h
azs-cross-header-package     header@cc:azs/no-such-header.h
$AZS_QEMU_PKG                cmd:$AZS_QEMU file:/azs/no/such/file
[azs-no-such-arch] azs-other-arch-package cmd:azs-no-such-tool
LIST
echo "[$arch] download:azs-fetched-package fetched:azs/no/such/file" >> "$tmp/list"
out=$("$top/scripts/prerequisites" --arch "$arch" --list "$tmp/list" --check)
rc=$?
pkgs=$("$top/scripts/prerequisites" --arch "$arch" --list "$tmp/list" --packages)
downloads=$("$top/scripts/prerequisites" --arch "$arch" --list "$tmp/list" --downloads)

echo "TAP version 13"
echo "1..10"
check() { # N DESCRIPTION CONDITION...
	num=$1 desc=$2
	shift 2
	if "$@"; then echo "ok $num $desc"; else echo "not ok $num $desc"; bad=1; fi
}
has() { echo "$out" | grep -qF -- "$1"; }
check 1 "every package the project needs is present (see above)" test "$real" -eq 0
check 2 "a list with something missing fails the check" test "$rc" -eq 1
check 3 "what is present passes" has "ok 1 azs-present"
check 4 "a missing tool names its package" \
	has "not ok 2 azs-tool-package: no program azs-no-such-tool: install the Debian package azs-tool-package"
check 5 "a missing header names its package" \
	has "not ok 3 azs-header-package: no header <azs/no-such-header.h> for cc: install the Debian package azs-header-package"
check 6 "a missing header of a given compiler names its package" \
	has "not ok 4 azs-cross-header-package: no header <azs/no-such-header.h> for cc"
check 7 "the device architecture's settings are expanded" has "not ok 5 $AZS_QEMU_PKG: no /azs/no/such/file"
check 8 "a row of another device architecture is neither checked nor installed" \
	sh -c '! echo "$1" | grep -q azs-other-arch-package && ! echo "$2" | grep -q azs-other-arch-package' _ "$out" "$pkgs"
check 9 "a download: row is fetched (scripts/fetch-debs), not installed with apt" \
	sh -c 'test "$1" = azs-fetched-package && ! echo "$2" | grep -q azs-fetched-package' _ "$downloads" "$pkgs"
check 10 "a missing fetched file names its package and where it was looked for" \
	has "not ok 6 azs-fetched-package: no azs/no/such/file in build/$arch/debian/root (scripts/fetch-debs)"
[ $bad -eq 0 ] || echo "$out" | sed 's/^/#   /'
exit $bad
