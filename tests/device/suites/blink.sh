# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 13
# The blink sample end to end, as the platform runs it: installed by the
# application manager from its image (built against musl, manifest resolved
# through the RDB hardware definitions), in its sandbox under the 256 KiB
# memory limit, with LED1 red and button A assigned to it by the firewall.
# The simulated board shows the LED toggling, and a button press changes
# the rate.
. /etc/azs/lib.sh
blink=1689d8b2-c835-2e27-27ad-e894d6d15fa9
board=/sys/kernel/debug/azsphere-board/gpio
cg=/sys/fs/cgroup/azsphere/$blink

state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
owner() { azs-fwctl query gpio "$1" | sed -n 's/.*owner \([a-z0-9]*\).*/\1/p'; }
# Count LED1 red changes over SECONDS seconds, sampling every 50 ms.
toggles() {
	n=0 last= i=0
	while [ $i -lt $(($1 * 20)) ]; do
		now=$(grep led1_red $board/leds)
		[ -n "$last" ] && [ "$now" != "$last" ] && n=$((n + 1))
		last=$now
		sleep 0.05
		i=$((i + 1))
	done
	echo $n
}

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
azs_check "blink installs" azs-appctl install /usr/share/azsphere/demo/blink
azs_check "it runs" azs_wait_for 10 state_is $blink running
# 256 KiB + the sandbox's fixed kernel memory (docs/sandbox.md, Memory)
azs_check "under the 256 KiB memory limit" test "$(cat $cg/memory.max)" = $((262144 + 131072))
azs_check "LED1 red (GPIO 8) is assigned to it" test "$(owner 8)" = "$(azs_app_field $blink uid)"
azs_check "button A (GPIO 12) is assigned to it" test "$(owner 12)" = "$(azs_app_field $blink uid)"
azs_check "it starts at 500 ms" azs_wait_for 10 logs_have $blink "Blink interval: 500 ms"
slow=$(toggles 4)
echo "# LED1 red changed $slow times in 4 s at 500 ms"
azs_check "LED1 red blinks on the board" test "$slow" -ge 3
echo press > $board/button_a
sleep 0.3
echo release > $board/button_a
azs_check "a press of button A changes the rate" azs_wait_for 5 logs_have $blink "Blink interval: 250 ms"
fast=$(toggles 4)
echo "# LED1 red changed $fast times in 4 s at 250 ms"
azs_check "... and the LED blinks faster" test "$fast" -gt "$slow"
azs_check "it is still running" state_is $blink running
azs_check "... and was never OOM-killed" grep -q '^oom_kill 0' $cg/memory.events
echo "1..$azs_tap_n"
azs_check_dmesg
