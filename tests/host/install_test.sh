#!/bin/sh
# SPDX-License-Identifier: MIT
# ctest host.install: the install targets lay the platform out as a root
# filesystem wants it (docs/integrating.md), and the device image is made
# from that install.
#   - DESTDIR install with PREFIX=/usr (cmake --install, the command make
#     install-userspace runs; scripts/install-modules, make install-modules'):
#     programs, /etc/azs and its init scripts, share/azsphere data, headers,
#     libapplibs and pkg-config files that compile and link a program,
#     modules under lib/modules/<release>/extra, the kselftests in kselftest
#     install layout; nothing of the SDK or the device's test content
#   - another PREFIX moves everything under it, .pc files included
#   - make install-sdk's component is the SDK alone
#   - make install runs exactly those commands with DESTDIR, PREFIX and KDIR
#   - install-modules refuses modules built for another kernel release
#   - the device image (BUILD/device/rootfs) holds every installed file as
#     installed (modules: as installed plus the platform signature), and the
#     install misses nothing the build stages for the device
#   - an installed kselftest skips, naming the module, where our modules are
#     not loaded (this host)
# Usage: install_test.sh TOP BUILD ARCH
set -u
top=$1
build=$2
arch=$3
cmake_dir="$build/cmake"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
check() {
	desc=$1
	shift
	if "$@" > "$tmp/check.out" 2>&1; then pass "$desc"; else fail "$desc"; sed 's/^/# /' "$tmp/check.out" | head -n 20; fi
}
abi=$("$top/scripts/kernel-abi" "$arch") || { echo "not ok 1 kernel ABI"; exit 1; }
kdir=/usr/src/linux-headers-$abi

# ---- PREFIX=/usr into a DESTDIR ----
d="$tmp/root"
DESTDIR="$d" cmake --install "$cmake_dir" --prefix /usr > "$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; echo "not ok 1 cmake --install"; exit 1; }
"$top/scripts/install-modules" --kdir "$kdir" --destdir "$d" > "$tmp/modules.log" 2>&1 ||
	{ cat "$tmp/modules.log"; echo "not ok 1 install-modules"; exit 1; }

exe() { [ -f "$d/$1" ] && [ -x "$d/$1" ] || { echo "$1: missing or not executable"; return 1; }; }
has() { [ -f "$d/$1" ] && [ -s "$d/$1" ] || { echo "$1: missing or empty"; return 1; }; }
each() { f=$1; shift; for x in "$@"; do $f "$x" || return 1; done; }

check "daemons and tools in usr/sbin, usr/bin; the verified loader in /sbin" \
	each exe usr/sbin/azs-appmand usr/sbin/azs-fwctl usr/sbin/azs-secctl usr/sbin/azs-gatewayd \
	usr/bin/azs-appctl usr/bin/azs-sandbox sbin/azs-verified-loader
check "init scripts and configuration in /etc (prefix /usr)" \
	each exe etc/azs/rcS etc/azs/main etc/azs/shutdown etc/init.d/S50azsphere
check "the platform's module list, shell library and seccomp policy in /etc/azs" \
	each has etc/azs/lib.sh etc/azs/modules.platform etc/azs/policy/seccomp-app.json
check "hardware definitions, inventory and policies under share/azsphere" \
	each has usr/share/azsphere/mt3620/mt3620.json usr/share/azsphere/mt3620/mt3620_rdb.json \
	usr/share/azsphere/mt3620/inventory.json usr/share/azsphere/policy/seccomp-app.json
check "the hardware definitions' headers under share/azsphere" \
	has usr/share/azsphere/mt3620/inc/hw/mt3620_rdb.h
check "uAPI and applibs headers, libapplibs.a" \
	each has usr/include/azsphere/firewall.h usr/include/azsphere/security.h \
	usr/include/applibs/gpio.h usr/lib/libapplibs.a
check "nothing under etc or sbin of the prefix, no multiarch lib" \
	sh -c "! [ -e '$d/usr/etc' ] && ! [ -e '$d/usr/sbin/azs-verified-loader' ] && ! ls -d '$d'/usr/lib/*-linux-* 2>/dev/null"

# The pkg-config files: found in the DESTDIR as a cross build's sysroot,
# they compile and link a program against the platform's headers and library.
pc() { PKG_CONFIG_PATH='' PKG_CONFIG_LIBDIR="$d/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$d" pkg-config "$@"; }
pc_ok() {
	got=$(pc --cflags --libs applibs | sed 's/ *$//')
	[ "$got" = "-I$d/usr/include -L$d/usr/lib -lapplibs" ] || { echo "got '$got'"; return 1; }
	grep -qx 'prefix=/usr' "$d/usr/lib/pkgconfig/azsphere-uapi.pc"
}
check "applibs.pc and azsphere-uapi.pc (prefix /usr) give the DESTDIR's include and lib" pc_ok
cat > "$tmp/pc.c" <<'EOF'
#include <applibs/log.h>
#include <azsphere/firewall.h>

int main(void)
{
	struct azs_fw_status st = {.size = sizeof(st)};

	Log_Debug("status %u\n", (unsigned int)st.size);
	return 0;
}
EOF
# shellcheck disable=SC2046 # pkg-config's words
check "a program compiles and links with pkg-config --cflags --libs applibs" \
	cc -std=gnu11 -Wall -Wextra -Werror -o "$tmp/pc" "$tmp/pc.c" $(pc --cflags --libs applibs)

rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
mods_ok() {
	for m in $(grep -v '^#' "$top/device/modules.platform" | cut -d' ' -f1); do
		ko="$d/lib/modules/$rel/extra/$m.ko"
		[ -f "$ko" ] || { echo "$ko missing"; return 1; }
		[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$rel" ] || { echo "$ko: vermagic not $rel"; return 1; }
	done
}
check "the platform modules in lib/modules/$rel/extra, built for $rel" mods_ok

ksft_ok() {
	k="$d/usr/lib/kselftests"
	each exe usr/lib/kselftests/run_kselftest.sh usr/lib/kselftests/kselftest/runner.sh || return 1
	[ -s "$k/kselftest-list.txt" ] || { echo "kselftest-list.txt missing"; return 1; }
	while IFS=: read -r c t; do
		[ -x "$k/$c/$t" ] || { echo "$c:$t listed but $k/$c/$t missing"; return 1; }
	done < "$k/kselftest-list.txt"
	(cd "$k" && ./run_kselftest.sh -l) | grep -qx 'firewall:firewall_test' || { echo "run_kselftest.sh -l"; return 1; }
	grep -c . "$k/kselftest-list.txt"
}
check "kselftests in kselftest install layout (list, runner, every listed program)" ksft_ok
check "no SDK and no device test content in the default install" \
	sh -c "! [ -e '$d/usr/lib/azsphere-sdk' ] && ! [ -e '$d/usr/lib/azs-tests' ] && ! [ -e '$d/apps' ] &&
	 ! [ -e '$d/usr/share/azsphere/samples' ]"

# ---- another PREFIX ----
o="$tmp/opt"
DESTDIR="$o" cmake --install "$cmake_dir" --prefix /opt/azs > "$tmp/install2.log" 2>&1 || cat "$tmp/install2.log"
check "PREFIX=/opt/azs: everything under it, .pc prefix /opt/azs" \
	sh -c "[ -x '$o/opt/azs/sbin/azs-appmand' ] && [ -x '$o/opt/azs/sbin/azs-verified-loader' ] &&
	 [ -x '$o/opt/azs/etc/azs/rcS' ] && [ -f '$o/opt/azs/lib/kselftests/kselftest-list.txt' ] &&
	 grep -qx 'prefix=/opt/azs' '$o/opt/azs/lib/pkgconfig/applibs.pc' &&
	 [ \"\$(cd '$o' && find . -mindepth 1 -maxdepth 2 | sort | tr '\n' ' ')\" = './opt ./opt/azs ' ]"

# ---- install-sdk ----
s="$tmp/sdk"
DESTDIR="$s" cmake --install "$cmake_dir" --prefix /usr --component sdk > "$tmp/sdk.log" 2>&1 || cat "$tmp/sdk.log"
check "the sdk component: the relocatable SDK in lib/azsphere-sdk and bin/azsphere, nothing else" \
	sh -c "[ -f '$s/usr/lib/azsphere-sdk/CMakeFiles/AzureSphereToolchain.cmake' ] &&
	 [ -x '$s/usr/lib/azsphere-sdk/Tools/image-package' ] &&
	 [ -f '$s/usr/lib/azsphere-sdk/Sysroots/1/usr/lib/libapplibs.a' ] &&
	 [ \"\$(readlink '$s/usr/bin/azsphere')\" = ../lib/azsphere-sdk/Tools/azsphere ] &&
	 [ -x '$s/usr/bin/azsphere' ] && [ \"\$(ls '$s/usr/bin')\" = azsphere ] &&
	 [ \"\$(ls '$s/usr/lib')\" = azsphere-sdk ] && [ \"\$(ls '$s/usr' | tr '\\n' ' ')\" = 'bin lib ' ] && [ \"\$(ls '$s')\" = usr ]"

# ---- make install: the same commands, with the variables passed on ----
# (-o: the builds they depend on are taken as done; a recipe line that runs
# $(MAKE) runs even under -n, so make modules really enters KDIR.)
make -s -n -C "$top" -o modules -o userspace install install-sdk DESTDIR=/azs-dest PREFIX=/azs-prefix \
	KDIR=/azs-kdir BUILD="$build" 2>&1 | sed 's/\\$//' | tr '\n' ' ' | tr -s ' ' > "$tmp/make-n"
check "make install runs install-modules with KDIR and DESTDIR" \
	grep -q "kdir='/azs-kdir' &&.*scripts/install-modules --kdir \$kdir --modules-dir \$m --destdir '/azs-dest'" "$tmp/make-n"
check "make install / install-sdk run cmake --install with DESTDIR and PREFIX" \
	sh -c "grep -q \"DESTDIR='/azs-dest' cmake --install $build/cmake --prefix /azs-prefix DESTDIR\" '$tmp/make-n' &&
	 grep -q \"DESTDIR='/azs-dest' cmake --install $build/cmake --prefix /azs-prefix --component sdk *\$\" '$tmp/make-n'"
make -s -n -C "$top" -o keys modules KDIR="$tmp/no-kdir" BUILD="$build" > "$tmp/make-m" 2>&1
check "make modules builds against KDIR" grep -q "$tmp/no-kdir: No such file or directory" "$tmp/make-m"

# ---- install-modules refuses a kernel tree of another release ----
mkdir -p "$tmp/otherkdir/include/config"
echo "9.9.9-azs-other" > "$tmp/otherkdir/include/config/kernel.release"
if "$top/scripts/install-modules" --kdir "$tmp/otherkdir" --destdir "$tmp/other" > "$tmp/other.log" 2>&1; then
	fail "install-modules refuses modules built for another release"
elif grep -q "built for kernel $rel, KDIR=$tmp/otherkdir is 9.9.9-azs-other" "$tmp/other.log" &&
	! [ -e "$tmp/other/lib/modules/9.9.9-azs-other/extra/azs_secmon.ko" ]; then
	pass "install-modules refuses modules built for another release, naming both, installing nothing"
else
	fail "install-modules refuses modules built for another release, naming both, installing nothing"
	sed 's/^/# /' "$tmp/other.log"
fi

# ---- the device image is made from the install ----
img="$build/device/rootfs"
DESTDIR="$d" cmake --install "$cmake_dir" --prefix /usr --component device-tests > "$tmp/dt.log" 2>&1 || cat "$tmp/dt.log"
image_from_install() {
	[ -d "$img" ] || { echo "$img missing (make image)"; return 1; }
	(cd "$d" && find . -type f) | sort > "$tmp/installed"
	while read -r f; do
		case "$f" in
		./usr/include/*|./usr/lib/pkgconfig/*|./usr/lib/libapplibs.a) continue ;; # not for the device
		./lib/modules/*.ko)
			size=$(stat -c %s "$d/$f")
			cmp -s -n "$size" "$d/$f" "$img/$f" || { echo "$f: not the installed module"; return 1; }
			[ "$(stat -c %s "$img/$f")" -gt "$size" ] || { echo "$f: not signed in the image"; return 1; } ;;
		*) cmp -s "$d/$f" "$img/$f" || { echo "$f: differs from the install or missing in the image"; return 1; } ;;
		esac
	done < "$tmp/installed"
	wc -l < "$tmp/installed"
}
check "the device image holds every installed file, as installed" image_from_install
staged_in_install() {
	(cd "$cmake_dir/device-root" && find . -type f) | sort > "$tmp/staged"
	[ -s "$tmp/staged" ] || { echo "nothing staged in $cmake_dir/device-root"; return 1; }
	missing=$(comm -23 "$tmp/staged" "$tmp/installed")
	[ -z "$missing" ] || { echo "staged for the device but not installed:"; echo "$missing" | head; return 1; }
}
check "the install has every file the build stages for the device" staged_in_install

# ---- an installed kselftest where our modules are absent ----
if ls -d /sys/module/azs_* > /dev/null 2>&1; then
	pass "kselftest skip without our modules # SKIP this host has azsphere modules loaded"
else
	"$d/usr/lib/kselftests/firewall/firewall_test" > "$tmp/skip.out" 2>&1
	rc=$?
	if [ $rc -eq 4 ] && grep -q '^1\.\.0 # SKIP firewall_test: kernel module azs_firewall is not loaded' "$tmp/skip.out" &&
		! grep -q '^ok\|^not ok' "$tmp/skip.out"; then
		pass "an installed kselftest skips (exit 4) naming the absent module"
	else
		fail "an installed kselftest skips (exit 4) naming the absent module (exit $rc)"
		sed 's/^/# /' "$tmp/skip.out" | head
	fi
fi

echo "1..$n"
exit $bad
