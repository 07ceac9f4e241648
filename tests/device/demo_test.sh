#!/bin/sh
# SPDX-License-Identifier: MIT
# The make run demo (device/run --mode run, one boot), judged on its console:
# the blink app's output, and LED1 red seen in both states (the demo samples
# the LED's transitions; a once-a-second poll saw one phase only, "off off
# off"), more often after button A is pressed (the rate changes).
# Usage: tests/device/demo_test.sh TOP BUILD/ARCH-DIR ARCH
top=$1
build=$2
arch=$3
out=$build/tests/demo
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
result() { # OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; bad=1; fi
}

echo "TAP version 13"
# A private runtime base: the demo's socket is published there, never where
# someone's make run published theirs.
AZS_RUNTIME_DIR=$tmp/rt "$top/device/run" --arch "$arch" --build "$build" --mode run \
	--flash "$tmp/flash.img" --fresh-flash --timeout 240 > "$out/console.log" 2>&1 < /dev/null
result $? "the demo boots, runs and powers off"
grep -q '^\[Blink\] ' "$out/console.log"
result $? "the blink app's output is shown"
grep -q 'board: led1_red on ' "$out/console.log" && grep -q 'board: led1_red off ' "$out/console.log"
result $? "LED1 red is shown on and off"
before=$(sed -n '/board: pressing button A/q;/board: led1_red /p' "$out/console.log" | wc -l)
after=$(sed -n '/board: pressing button A/,$p' "$out/console.log" | grep -c 'board: led1_red ')
echo "# transitions: $before before the press, $after after"
[ "$before" -ge 4 ] && [ "$after" -gt "$before" ]
result $? "button A makes it blink faster (more transitions in the second half)"
echo "1..$n"
exit $bad
