#!/bin/sh
# SPDX-License-Identifier: MIT
# The hardware definitions in manifests/mt3620 (the chip, the public boards
# and their modules): each loads with azs-hardware-definition, its committed
# header (inc/hw) is current and regenerates byte for byte, every name of a
# board resolves to an MT3620 peripheral (the headers compile to integer
# constants: values exist only in mt3620.h), the RDB has its 73 entries; then
# test-header's and generate-header's refusals. Prints TAP.
set -u
tool=$1 defs=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 bad=0
check() {
	n=$((n + 1))
	if eval "$2" > "$work/out" 2>&1; then echo "ok $n $1"; else echo "not ok $n $1"; sed 's/^/# /' "$work/out" | tail -n 20; bad=1; fi
}
echo "TAP version 13"
boards="mt3620_rdb seeed_mt3620_mdb avnet_mt3620_sk avnet_mt3620_sk_rev2 usi_mt3620_bt_evb"
modules="ailink_wfm620rsc1 avnet_aesms_mt3620 usi_mt3620_bt_combo"
for b in mt3620 $modules $boards; do
	check "$b.json loads and generate-header writes its headers" \
		"'$tool' generate-header --hardware-definition-file '$defs/$b.json' --output '$work/gen' && test -s '$work/gen/inc/hw/$b.h'"
	check "$b.h: the committed header is current (test-header)" \
		"'$tool' test-header --hardware-definition-file '$defs/$b.json'"
	check "$b.h regenerates byte for byte" "cmp '$defs/inc/hw/$b.h' '$work/gen/inc/hw/$b.h'"
done
check "no header in inc/hw without its definition" \
	"for h in '$defs'/inc/hw/*.h; do s=\$(basename \"\$h\" .h); test -f '$defs'/\$s.json || { echo \"\$h\"; exit 1; }; done"

# Every name a board or module defines is an integer constant of the chip's.
for b in $modules $boards; do
	{
		echo "#include <hw/$b.h>"
		echo "static const int values[] = {"
		sed -n 's/^#define \([A-Z0-9_]*\) .*/\1,/p' "$defs/inc/hw/$b.h"
		echo "};"
		echo "int main(void) { return (int)(sizeof(values) / sizeof(values[0])) > 0 ? 0 : 1; }"
	} > "$work/$b.c"
	check "every name of $b resolves to an MT3620 peripheral" \
		"test \$(grep -c , '$work/$b.c') -ge 15 && cc -std=c11 -Wall -Werror -I '$defs/inc' -c '$work/$b.c' -o '$work/$b.o'"
done
check "the RDB defines 73 peripherals" \
	"test \$(grep -c '^#define MT3620_RDB_' '$defs/inc/hw/mt3620_rdb.h') -eq 73"
check "the RDB has GPIO names for its four headers and PWM controllers 0 and 1" \
	"for h in 1 2 3 4; do grep -q \"^#define MT3620_RDB_HEADER\${h}_PIN[0-9]*_GPIO MT3620_GPIO\" '$defs/inc/hw/mt3620_rdb.h' || exit 1; done && grep -q '^#define MT3620_RDB_PWM_CONTROLLER0 MT3620_PWM_CONTROLLER0' '$defs/inc/hw/mt3620_rdb.h' && grep -q '^#define MT3620_RDB_PWM_CONTROLLER1 MT3620_PWM_CONTROLLER1' '$defs/inc/hw/mt3620_rdb.h'"
cat > "$work/app.c" <<'C'
#include <hw/mt3620_rdb.h>
_Static_assert(MT3620_RDB_LED1_RED == 8, "LED1 red is GPIO 8");
_Static_assert(MT3620_RDB_BUTTON_A == 12, "button A is GPIO 12");
_Static_assert(MT3620_RDB_BUTTON_B == 13, "button B is GPIO 13");
_Static_assert(MT3620_RDB_HEADER2_PIN4_GPIO == 4, "header 2 pin 4 is GPIO 4");
_Static_assert(MT3620_RDB_HEADER2_ISU0_UART == 4, "ISU0 as UART is UART_Id 4");
_Static_assert(MT3620_RDB_PWM_CONTROLLER1 == 1, "PWM controller 1");
int main(void) { return 0; }
C
check "an app using the RDB's names compiles and the values are right" \
	"cc -std=c11 -Werror -I '$defs/inc' -c '$work/app.c' -o '$work/app.o'"

# Refusals.
mkdir -p "$work/stale/inc/hw"
cp "$defs/mt3620.json" "$defs/mt3620_rdb.json" "$work/stale/"
cp "$defs/inc/hw/mt3620_rdb.h" "$work/stale/inc/hw/"
sed -i 's/"MT3620_GPIO8", "Comment"/"MT3620_GPIO0", "Comment"/' "$work/stale/mt3620_rdb.json"
check "test-header refuses a header its definition has moved on from, naming it" \
	"! '$tool' test-header --hardware-definition-file '$work/stale/mt3620_rdb.json' && '$tool' test-header --hardware-definition-file '$work/stale/mt3620_rdb.json' 2>&1 | grep -q 'inc/hw/mt3620_rdb.h is not the header of'"
rm "$work/stale/inc/hw/mt3620_rdb.h"
check "test-header refuses a missing header" \
	"! '$tool' test-header --hardware-definition-file '$work/stale/mt3620_rdb.json'"
check "... and writes nothing" "test ! -e '$work/stale/inc/hw/mt3620_rdb.h'"
check "generate-header without --output writes next to the definition" \
	"'$tool' generate-header --hardware-definition-file '$work/stale/mt3620_rdb.json' && grep -q 'MT3620_RDB_LED1_RED MT3620_GPIO0' '$work/stale/inc/hw/mt3620_rdb.h' && '$tool' test-header --hardware-definition-file '$work/stale/mt3620_rdb.json'"
mkdir "$work/unknown"
cp "$defs/mt3620.json" "$work/unknown/"
sed 's/"MT3620_GPIO12", "Comment"/"MT3620_GPIO24", "Comment"/' "$defs/mt3620_rdb.json" > "$work/unknown/mt3620_rdb.json"
check "a mapping to a name the chip lacks is refused, naming the entry" \
	"'$tool' generate-header --hardware-definition-file '$work/unknown/mt3620_rdb.json' --output '$work/o' 2> '$work/err'; test \$? -eq 1 && cat '$work/err' && grep -q 'mt3620_rdb.json:Peripherals\\[18\\].Mapping: unknown peripheral MT3620_GPIO24' '$work/err'"
check "a missing file is refused" "! '$tool' generate-header --hardware-definition-file '$work/none.json' --output '$work/out2'"
check "bad arguments are refused with status 2" "'$tool' generate-header --output '$work/out3'; test \$? -eq 2"
check "an unknown verb is refused with status 2" "'$tool' make-header --hardware-definition-file '$defs/mt3620.json'; test \$? -eq 2"
echo "1..$n"
exit $bad
