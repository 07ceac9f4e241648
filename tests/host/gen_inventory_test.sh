#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/gen-inventory: the real inventory generates a header that compiles
# and matches the JSON; broken copies of it (made here with python3) are
# refused with a non-zero exit, a message naming the rule and no output.
# Usage: gen_inventory_test.sh SOURCE_DIR [CC]
set -u
src=$1
cc=${2:-cc}
gen=$src/scripts/gen-inventory
inv=$src/manifests/mt3620/inventory.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# mutate NAME PYTHON: write $tmp/NAME.json, the inventory after running
# PYTHON with inv (the whole file) and blocks (inv["Blocks"]) in scope.
mutate() {
	python3 - "$inv" "$tmp/$1.json" "$2" <<'EOF'
import json
import sys

with open(sys.argv[1]) as f:
    inv = json.load(f)
blocks = inv["Blocks"]
exec(sys.argv[3])
with open(sys.argv[2], "w") as f:
    json.dump(inv, f, indent=1)
EOF
}

# inv_eval EXPR: a Python expression over the real inventory, printed.
inv_eval() {
	python3 -c 'import json,sys; inv = json.load(open(sys.argv[1])); blocks = inv["Blocks"]; print(eval(sys.argv[2]))' \
		"$inv" "$1"
}

# refused NAME PYTHON WANT...: the mutated copy fails, its message contains
# every WANT, and no header is written.
refused() {
	name=$1 code=$2
	shift 2
	if ! mutate "$name" "$code"; then
		fail "$name" "could not make the broken copy"
		return
	fi
	if cmp -s "$inv" "$tmp/$name.json" ||
	   python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
		   "$inv" "$tmp/$name.json"; then
		fail "$name" "the broken copy is the same inventory"
		return
	fi
	out=$tmp/$name.h
	err=$("$gen" "$tmp/$name.json" "$out" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" -eq 0 ]; then
		fail "$name" "exit 0"
		return
	fi
	for want; do
		if ! printf '%s\n' "$err" | grep -qF -- "$want"; then
			fail "$name" "message lacks '$want': $err"
			return
		fi
	done
	if [ -e "$out" ] || [ -e "$out.tmp" ]; then
		fail "$name" "wrote $out despite failing"
		return
	fi
	pass "$name"
}

echo "TAP version 13"

# ---- The real inventory -------------------------------------------------
out=$tmp/real.h
if err=$("$gen" "$inv" "$out" 2>&1) && [ -s "$out" ]; then
	pass real_inventory_generates
else
	fail real_inventory_generates "$err"
fi

# The header's counts and names are the JSON's.
if python3 - "$inv" "$out" <<'EOF'
import json
import re
import sys

inv = json.load(open(sys.argv[1]))
h = open(sys.argv[2]).read()
blocks = inv["Blocks"]
pins = [p for b in blocks for p in b["Pins"]]
want = {"AZS_INV_NUM_BLOCKS": len(blocks), "AZS_INV_MAX_GPIO": max(pins),
        "AZS_INV_NUM_GPIOS": len(pins)}
for name, value in want.items():
    m = re.search(r"#define %s (\d+)" % name, h)
    if not m or int(m.group(1)) != value:
        sys.exit("%s: want %d, got %s" % (name, value, m and m.group(1)))
for i, b in enumerate(blocks):
    row = '[%d] = { .name = "%s", .first_pin = %d, .num_pins = %d,' % (
        i, b["Name"], b["Pins"][0], len(b["Pins"]))
    if row not in h:
        sys.exit("no row: " + row)
EOF
then
	pass real_inventory_matches_the_json
else
	fail real_inventory_matches_the_json "see above"
fi

# The header compiles against the kernel headers it includes.
cat >"$tmp/use.c" <<'EOF'
#include "azs_inventory.h"
int main(void)
{
	if (azs_inv_blocks[AZS_INV_NUM_BLOCKS - 1].num_pins == 0)
		return 1;
	return azs_inv_function_cores[AZS_FW_KIND_GPIO] ? 0 : 1;
}
EOF
cp "$out" "$tmp/azs_inventory.h"
if err=$("$cc" -std=gnu11 -Wall -Wextra -Werror -I"$tmp" -I"$src/kernel/include" \
	-o "$tmp/use" "$tmp/use.c" 2>&1) && "$tmp/use"; then
	pass real_inventory_header_compiles
else
	fail real_inventory_header_compiles "$err"
fi

# The control for what follows: a copy rewritten by python3 is accepted.
if mutate roundtrip "pass" && "$gen" "$tmp/roundtrip.json" "$tmp/roundtrip.h" &&
   cmp -s "$out" "$tmp/roundtrip.h"; then
	pass rewritten_copy_is_accepted_unchanged
else
	fail rewritten_copy_is_accepted_unchanged "python3 rewrite changed the result"
fi

# ---- Broken copies --------------------------------------------------------
refused duplicate_block_name \
	'blocks[1]["Name"] = blocks[0]["Name"]' \
	"Blocks[1]" "duplicate block name"
refused pin_in_two_blocks \
	'blocks[1]["Pins"] = list(blocks[0]["Pins"])' \
	"Blocks[1]" "pin $(inv_eval 'blocks[0]["Pins"][0]') already in block $(inv_eval 'blocks[0]["Name"]')"
refused pin_in_two_blocks_far_apart \
	'blocks[-1]["Pins"] = [blocks[0]["Pins"][-1]]' \
	"pin $(inv_eval 'blocks[0]["Pins"][-1]') already in block $(inv_eval 'blocks[0]["Name"]')"
refused non_contiguous_pins \
	'del blocks[0]["Pins"][1]' \
	"Blocks[0]" "contiguous"
refused descending_pins \
	'blocks[0]["Pins"].reverse()' \
	"Blocks[0]" "contiguous"
refused unknown_function \
	'blocks[0]["Functions"].append("Can")' \
	"Blocks[0]" "unknown function 'Can'"
refused missing_gpio_function \
	'blocks[0]["Functions"].remove("Gpio")' \
	"Blocks[0]" "including Gpio"
refused duplicate_controller \
	'isus = [b for b in blocks if "Uart" in b["Functions"]]; isus[1]["Controller"] = isus[0]["Controller"]' \
	"Uart controller" "already in block"
refused unknown_core \
	'inv["Functions"]["Uart"]["Cores"].append("IO2")' \
	"Functions.Uart" "unknown core 'IO2'"
refused unknown_top_level_core \
	'inv["Cores"].append("IO2")' \
	"Cores must be exactly"
refused pin_out_of_range \
	'blocks[-1]["Pins"] = [256]' \
	"out of range"
refused controller_on_gpio_only_block \
	'[b for b in blocks if b["Functions"] == ["Gpio"]][0]["Controller"] = 9' \
	"Controller given for a GPIO-only block"
refused missing_controller \
	'del [b for b in blocks if "Uart" in b["Functions"]][0]["Controller"]' \
	"needs Controller"
refused functions_table_missing_a_kind \
	'del inv["Functions"]["I2s"]' \
	"Functions must list exactly"

# Not JSON at all.
printf '{ "Blocks": [ \n' >"$tmp/not_json.json"
if err=$("$gen" "$tmp/not_json.json" "$tmp/not_json.h" 2>&1); then
	fail invalid_json "exit 0"
elif ! printf '%s\n' "$err" | grep -qF "not_json.json"; then
	fail invalid_json "message lacks the file name: $err"
elif [ -e "$tmp/not_json.h" ]; then
	fail invalid_json "wrote output"
else
	pass invalid_json
fi

# Wrong usage.
if err=$("$gen" "$inv" 2>&1); then
	fail usage "exit 0"
elif ! printf '%s\n' "$err" | grep -qF "usage"; then
	fail usage "message: $err"
else
	pass usage
fi

echo "1..$n"
exit $bad
