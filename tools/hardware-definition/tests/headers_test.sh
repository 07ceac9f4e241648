#!/bin/sh
# SPDX-License-Identifier: MIT
# Generate the MT3620 and RDB headers, compile a file that uses them the way
# SDK samples do, and check values and refusals. Prints TAP.
set -u
tool=$1 defs=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0 bad=0
check() {
	n=$((n + 1))
	if eval "$2" > "$work/out" 2>&1; then echo "ok $n $1"; else echo "not ok $n $1"; sed 's/^/# /' "$work/out"; bad=1; fi
}
echo "TAP version 13"
check "generate-header writes the RDB's and the chip's headers" \
	"'$tool' generate-header --hardware-definition-file '$defs/mt3620_rdb.json' --output '$work/out1' && test -f '$work/out1/inc/hw/mt3620_rdb.h' && test -f '$work/out1/inc/hw/mt3620.h'"
check "the RDB header includes the chip's" "grep -q '#include \"mt3620.h\"' '$work/out1/inc/hw/mt3620_rdb.h'"
cat > "$work/app.c" <<'C'
#include <hw/mt3620_rdb.h>
_Static_assert(MT3620_RDB_LED1_RED == 8, "LED1 red is GPIO 8");
_Static_assert(MT3620_RDB_BUTTON_A == 12, "button A is GPIO 12");
_Static_assert(MT3620_RDB_BUTTON_B == 13, "button B is GPIO 13");
int main(void) { return 0; }
C
check "an app using the names compiles and the values are right" \
	"cc -std=c11 -Werror -I '$work/out1/inc' -c '$work/app.c' -o '$work/app.o'"
check "a missing file is refused" "! '$tool' generate-header --hardware-definition-file '$work/none.json' --output '$work/out2'"
check "bad arguments are refused with status 2" "'$tool' generate-header --output '$work/out3'; test \$? -eq 2"
echo "1..$n"
exit $bad
