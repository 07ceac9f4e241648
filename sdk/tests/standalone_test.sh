#!/bin/sh
# SPDX-License-Identifier: MIT
# The SDK outside the main tree: copy the standalone app project
# (sdk/tests/standalone) to a temporary directory, configure it from a clean
# build directory with only the staged SDK's toolchain file, build it, and
# check what it produced: a signed image package with the resolved manifest,
# the executable and the resource file; then the configure and build errors
# for bad arguments. Prints TAP.
# Usage: standalone_test.sh SDK_DIR KEYS_DIR (KEYS_DIR: the project's public keys)
set -u
sdk=$1 keys=$2
src=$(cd "$(dirname "$0")/standalone" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 bad=0
check() {
	n=$((n + 1))
	if eval "$2" > "$work/out" 2>&1; then echo "ok $n $1"; else echo "not ok $n $1"; sed 's/^/# /' "$work/out" | tail -n 30; bad=1; fi
}
toolchain="$sdk/CMakeFiles/AzureSphereToolchain.cmake"
# configure NAME [cmake args]: a fresh copy of the project in $work/NAME, built in $work/NAME-build.
fresh() { rm -rf "$work/$1" "$work/$1-build"; cp -r "$src" "$work/$1"; }
configure() { d=$1; shift; cmake -S "$work/$d" -B "$work/$d-build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" "$@"; }

echo "TAP version 13"
fresh app
b=$work/app-build
pkg=$b/StandaloneApp.imagepackage
check "the project configures against the staged SDK from a clean build directory" "configure app"
check "... and builds" "cmake --build '$b'"
check "it produced an image package" "test -s '$pkg'"
"$sdk/Tools/image-package" show --image-package "$pkg" --keys "$keys" > "$work/show" 2>&1
show_rc=$?
check "image-package show verifies it: signed with the SDK key" "test $show_rc -eq 0 && grep -q 'Signer role: *sdk' '$work/show' && grep -q 'verified with the sdk key' '$work/show'"
check "its manifest names the app" "grep -q '\"Name\":\"StandaloneApp\"' '$work/show'"
check "its \$NAMEs are resolved through my_board.json and the SDK's mt3620_rdb.json (GPIO 15, 13)" \
	"tr -d ' \n' < '$work/show' | grep -q '\"Gpio\":\[15,13\]' && ! grep -q '\\\$' '$work/show'"
check "the hardware-definition headers were generated" \
	"grep -q '#define MY_BOARD_STATUS_LED MT3620_RDB_LED2_RED' '$b/StandaloneApp-hw/inc/hw/my_board.h' && test -f '$b/StandaloneApp-hw/inc/hw/mt3620.h'"
off=$(sed -n 's/^Payload: *bytes \([0-9]*\)\.\..*/\1/p' "$work/show")
check "the payload holds bin/app, app_manifest.json and the resource file" \
	"unsquashfs -o '$off' -lc '$pkg' > '$work/files' && grep -qx 'squashfs-root/bin/app' '$work/files' && grep -qx 'squashfs-root/app_manifest.json' '$work/files' && grep -qx 'squashfs-root/data/greeting.txt' '$work/files'"
app=$b/approotStandaloneApp/bin/app
check "the app is a static executable without glibc (musl sysroot)" \
	"! readelf -l '$app' | grep -q INTERP && ! strings '$app' | grep -q GLIBC_"
# An ARMv7 SDK's app (static) runs on the build host in qemu's user mode.
run=
if readelf -h "$app" 2> /dev/null | grep -q 'Machine: *ARM$'; then run=qemu-arm; fi
check "it runs: the header's ids and the packed resource file" \
	"$run '$app' 2>&1 | grep -q 'status LED 15, button 13' && $run '$app' 2>&1 | grep -q 'resource: Hello from the image package'"

fresh fp
sed -i 's/^project(StandaloneApp C)$/&\nfind_package(AzureSphere 0.1 REQUIRED)\nfind_package(azsphere REQUIRED)/' "$work/fp/CMakeLists.txt"
check "find_package(AzureSphere) and find_package(azsphere) find the SDK" "grep -q find_package '$work/fp/CMakeLists.txt' && configure fp"

# Bad arguments stop the configure, naming what is wrong.
fails_with() { ! "$@" > "$work/err" 2>&1 && cat "$work/err" && tr -s " \n" "  " < "$work/err" | grep -qF -- "$expect"; }
fresh bad1
sed -i 's/"my_board.json"/"nope.json"/' "$work/bad1/CMakeLists.txt"
expect="TARGET_DEFINITION 'nope.json' is in none of the TARGET_DIRECTORY"
check "a TARGET_DEFINITION that is nowhere is refused at configure" "fails_with configure bad1"
fresh bad2
sed -i 's|"data/greeting.txt"|"../greeting.txt"|' "$work/bad2/CMakeLists.txt"
expect="RESOURCE_FILES '../greeting.txt'"
check "a RESOURCE_FILES path with .. is refused" "fails_with configure bad2"
fresh bad3
expect="AZURE_SPHERE_TARGET_API_SET '99'"
check "an API set the SDK does not have is refused" "fails_with configure bad3 -DAZURE_SPHERE_TARGET_API_SET=99"
fresh bad4
sed -i 's/TARGET_API_SET "1"/TARGET_API_SET "16"/' "$work/bad4/CMakeLists.txt"
expect="azsphere_configure_api: TARGET_API_SET '16'"
check "azsphere_configure_api with another API set is refused" "fails_with configure bad4"
fresh bad5
sed -i 's/"\$MY_BOARD_BUTTON"/"$NO_SUCH_PIN"/' "$work/bad5/app_manifest.json"
expect='Capabilities.Gpio[1]: $NO_SUCH_PIN: unknown hardware definition name'
check "a \$NAME the hardware definition lacks fails the build, naming it" \
	"configure bad5 && fails_with cmake --build '$work/bad5-build'"
check "... and leaves no package" "test ! -e '$work/bad5-build/StandaloneApp.imagepackage'"

# The public boards: the SDK ships each definition and its header, and an app
# written as the public samples are (sample_appliance.json importing the
# board) builds against every one of them.
hw=$sdk/HardwareDefinitions
defs=$(cd "$(dirname "$0")/../../manifests/mt3620" && pwd)
check "the SDK ships each public board's definition and header, as committed" \
	"for b in mt3620 mt3620_rdb seeed_mt3620_mdb ailink_wfm620rsc1 avnet_mt3620_sk avnet_mt3620_sk_rev2 avnet_aesms_mt3620 usi_mt3620_bt_evb usi_mt3620_bt_combo; do cmp '$hw/'\$b.json '$defs/'\$b.json && cmp '$hw/inc/hw/'\$b.h '$defs/inc/hw/'\$b.h || exit 1; done"
check "test-header finds the SDK's mt3620.json for a board by default" \
	"mkdir -p '$work/own' && cp '$defs/mt3620_rdb.json' '$work/own/' && '$sdk/Tools/azs-hardware-definition' generate-header --hardware-definition-file '$work/own/mt3620_rdb.json' && '$sdk/Tools/azs-hardware-definition' test-header --hardware-definition-file '$work/own/mt3620_rdb.json' && test -f '$work/own/inc/hw/mt3620.h'"
asrc=$(cd "$(dirname "$0")/appliance" && pwd)
for board in mt3620_rdb seeed_mt3620_mdb avnet_mt3620_sk avnet_mt3620_sk_rev2 usi_mt3620_bt_evb; do
	rm -rf "$work/appliance" "$work/appliance-build"
	cp -r "$asrc" "$work/appliance"
	check "a public-sample-style app builds for $board (sample_appliance.json)" \
		"configure appliance -DAPPLIANCE_BOARD=$board && cmake --build '$work/appliance-build' && test -s '$work/appliance-build/ApplianceApp.imagepackage'"
	"$sdk/Tools/image-package" show --image-package "$work/appliance-build/ApplianceApp.imagepackage" --keys "$keys" > "$work/ashow-$board" 2>&1
	check "... its manifest has no \$NAME left" "test -s '$work/ashow-$board' && grep -q '\"Gpio\"' '$work/ashow-$board' && ! grep -q '\\\$' '$work/ashow-$board'"
done
check "on the RDB, SAMPLE_NRF52_RESET is MT3620_RDB_HEADER2_PIN4_GPIO (GPIO 4)" \
	"tr -d ' \n' < '$work/ashow-mt3620_rdb' | grep -q '\"Gpio\":\[12,8,4\]' && tr -d ' \n' < '$work/ashow-mt3620_rdb' | grep -q '\"Adc\":\[\"ADC-CONTROLLER-0\"\]'"
echo "1..$n"
exit $bad
