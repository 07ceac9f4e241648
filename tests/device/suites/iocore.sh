# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 93
# The I/O cores in the device (docs/iocore.md). The initiator device's
# kselftests (collection iocore: who may open and bind it, every field
# validated, the bound core's firewall check, pins driven on the board).
# azs-iocore runs the blink-rt
# sample (built with the SDK's RT core toolchain) on an emulated Cortex-M4F,
# every peripheral access checked against the device's firewall with the
# core as the initiator, through /dev/azsphere-iocore (the platform's
# initiator device: root's, bound to one core). GPIO block 2 assigned to IO0:
# the app prints on its debug UART and LED1 red blinks on the board. The
# same image on IO1, or on IO0 once the block is the HL core's, stops with a
# firewall bus fault naming the block and core and never drives the pin.
# Then the application manager runs blink-rt on IO0 itself: sandboxed (its
# uid, no capabilities, seccomp, an empty root but its mailbox directory, a
# memory limit of its own), its UART in its log, stop/start, a fault (its
# block moved to IO1 under it) logged and restarted per the restart policy
# (on IO1 now: the core its peripherals allow), the lock holding the cores'
# assignments, remove; an app's sandbox has no way to the initiator device.
# Before that, periph-rt on IO0 with the ADC, ISU2 (I2C), ISU0 (UART) and
# PWM controller 2: its debug UART's values are the board's (ADC channels,
# the sensor's WHO_AM_I, a change of a channel's voltage while it runs), its
# line reaches ISU0's far end and the far end's line reaches it, the board's
# PWM channel has its setting; with
# the ADC on IO1, or ISU2 no core's, it stops at that block with a firewall
# bus fault naming it, and nothing reaches the board.
. /etc/azs/lib.sh
elf=/usr/share/azsphere/rt/blink-rt.elf
out=/tmp/iocore.out
ev=/tmp/iocore.ev
leds=/sys/kernel/debug/azsphere-board/gpio/leds

# LED1 red's state on the board in $cur, read by the shell (no fork).
led_read() {
	while read -r name state; do
		[ "$name" = led1_red ] && cur=$state
	done < $leds
}

# Centiseconds since boot in $cs (no fork: /proc/uptime has two decimals).
uptime_cs() {
	read -r up _ < /proc/uptime
	cs=$((${up%.*} * 100 + 1${up#*.} - 100)) # "1" + "05": no octal
}

# led_changes SECONDS [PID]: LED1 red's transitions on the board in that
# time (by the clock: the sampling itself takes time in the emulated device),
# or until PID has ended if that comes first.
led_changes() {
	n=0
	uptime_cs
	end=$((cs + $1 * 100))
	led_read
	last=$cur
	while uptime_cs && [ $cs -lt $end ] && { [ -z "${2-}" ] || kill -0 "$2" 2> /dev/null; }; do
		sleep 0.05
		led_read
		if [ "$cur" != "$last" ]; then
			n=$((n + 1))
			last=$cur
		fi
	done
	echo "# LED1 red: $n transitions in $1 s" >&2
	echo $n
}

# CORE: 3 s of blink-rt, the board watched from the core's start to its end
# (the emulator's start-up can take seconds on a loaded machine: a window
# counted from the fork missed blinks); exit status in $rc.
run_core() {
	azs-iocore --core "$1" --image $elf --seconds 3 > $out 2> $ev &
	pid=$!
	i=0
	while [ $i -lt 400 ] && kill -0 $pid 2> /dev/null && ! grep -q ': started' $ev; do
		sleep 0.05
		i=$((i + 1))
	done
	changes=$(led_changes 20 $pid)
	wait $pid
	rc=$?
	echo "# $1: exit $rc, $(grep -c 'led1_red on' $out) 'on' lines, $changes LED changes"
	sed 's/^/# /' $ev | tail -n 2
}

block_core() { azs-fwctl query gpio 8 | sed -n 's/.*block-core \([a-z0-9]*\).*/\1/p'; }

azs_kselftest iocore
echo "TAP version 13"
azs_check "the RT sample's image and package are in the device" \
	test -f $elf -a -f /usr/share/azsphere/samples/blink-rt.imagepackage
azs_check "the initiator device is root's alone (0600)" \
	sh -c "ls -l /dev/azsphere-iocore | grep -q '^crw------- .* root '"
azs_check "LED1 red's pin (GPIO8) assigned to IO0" azs-fwctl assign gpio 8 io0
azs_check "... its block (2) is IO0's" test "$(block_core)" = io0

run_core IO0
azs_check "blink-rt runs 3 s on IO0 and stops cleanly" test $rc = 0
azs_check "its debug UART says it started" grep -q '^blink-rt: start$' $out
azs_check "it blinks: 2..4 lit phases in 3 s" \
	sh -c "n=\$(grep -c '^blink-rt: led1_red on$' $out); [ \$n -ge 2 ] && [ \$n -le 4 ]"
azs_check "IO0 drove GPIO8 low and high" sh -c "grep -q 'IO0: gpio 8 low' $ev && grep -q 'IO0: gpio 8 high' $ev"
azs_check "the board's LED1 red went on and off (3..9 changes)" \
	sh -c "[ $changes -ge 3 ] && [ $changes -le 9 ]"

run_core IO1
azs_check "on IO1 (not the block's core) it faults: exit 3" test $rc = 3
azs_check "... the firewall bus fault names block 2 and IO1" \
	grep -q 'bus fault: firewall: gpio-block block 2 at 0x38030000 is not assigned to IO1' $ev
azs_check "... and GPIO8 was never driven, the board's LED unchanged" \
	sh -c "! grep -q 'gpio 8' $ev && [ $changes = 0 ]"

azs_check "GPIO8 released and given to the HL core (uid 0)" \
	sh -c "azs-fwctl release gpio 8 && azs-fwctl assign gpio 8 hl 0"
run_core IO0
azs_check "on IO0 once the block is the HL core's: exit 3" test $rc = 3
azs_check "... the fault names IO0" grep -q 'is not assigned to IO0' $ev
azs_check "... the board's LED unchanged, the HL core still owns the pin" \
	sh -c "[ $changes = 0 ] && [ \"\$(azs-fwctl query gpio 8 | cut -d' ' -f2)\" = hl ]"
azs-fwctl release gpio 8

# The ADC, PWM and ISU blocks as the core's (periph-rt): each access goes to
# the board's own models through the initiator device, after the firewall.
pelf=/usr/share/azsphere/rt/periph-rt.elf
bd=/sys/kernel/debug/azsphere-board
sample_of() { echo $((($1 * 4095 + 1250) / 2500)); } # the board's 12-bit sample of MV
board_quiet() { # nothing reached ISU2's bus, ISU0's far end or a PWM channel
	[ -z "$(cat $bd/i2c/isu2/log)" ] && [ -z "$(cat $bd/uart/isu0/tx)" ] && ! grep -q ': pwm ' $ev
}
periph_fault() { # CORE: periph-rt until it stops; exit status in $rc
	echo clear > $bd/i2c/isu2/log
	cat $bd/uart/isu0/tx > /dev/null
	azs-iocore --core "$1" --image $pelf --seconds 5 > $out 2> $ev
	rc=$?
	echo "# periph-rt on $1: exit $rc"
	sed 's/^/# /' $ev | tail -n 2
}
azs_check "periph-rt's image is in the device" test -f $pelf
azs_check "the ADC, ISU2 (I2C), ISU0 (UART) and PWM controller 2 assigned to IO0" \
	sh -c "azs-fwctl assign adc 0 io0 && azs-fwctl assign i2c 2 io0 && azs-fwctl assign uart 0 io0 && azs-fwctl assign pwm 2 io0"
echo 1250 > $bd/adc/ch0
echo 2500 > $bd/adc/ch1
echo clear > $bd/i2c/isu2/log
cat $bd/uart/isu0/tx > /dev/null
azs-iocore --core IO0 --image $pelf --seconds 8 > $out 2> $ev &
pid=$!
azs_wait_for 6 grep -q 'pwm2 ch0' $out
echo 500 > $bd/adc/ch0
azs_wait_for 6 grep -q "adc0 $(sample_of 500)" $out
printf 'ping from the far end\n' > $bd/uart/isu0/rx
azs_wait_for 6 grep -q 'isu0 rx' $out
wait $pid
rc=$?
tx=$(cat $bd/uart/isu0/tx)
sed 's/^/# uart: /' $out
sed 's/^/# /' $ev | tail -n 3
azs_check "periph-rt runs on IO0 and stops cleanly" test $rc = 0
azs_check "its ADC values are the board's (channel 0 at 1250 mV, 1 at 2500 mV)" \
	sh -c "grep -qx 'periph-rt: adc0 $(sample_of 1250)' $out && grep -qx 'periph-rt: adc1 $(sample_of 2500)' $out"
azs_check "... channel 0 set to 500 mV on the board meanwhile: the app reads the new sample" \
	grep -qx "periph-rt: adc0 $(sample_of 500)" $out
azs_check "the sensor's WHO_AM_I over ISU2's I2C is the board's (0x69), on the bus's log" \
	sh -c "grep -qx 'periph-rt: who_am_i 0x69' $out && grep -qx 'addr 0x6a w 1 r 1 ok' $bd/i2c/isu2/log"
azs_check "its line reached ISU0's UART far end on the board" test "$tx" = "hello from periph-rt"
azs_check "... and the far end's line (uart/isu0/rx) reached the app" \
	grep -qx 'periph-rt: isu0 rx ping from the far end' $out
azs_check "the board's PWM controller 2 channel 0 has its setting" \
	test "$(cat $bd/pwm/ctl2/ch0)" = "enabled 1 period 1000000 duty 250000 polarity normal"
azs_check "... LED1 red 75 % lit (active low), the event names the setting" \
	sh -c "grep -qx 'led1_red 75' $bd/pwm/leds && grep -q 'IO0: pwm 2 channel 0: period 1000000 duty 250000 polarity normal enabled' $ev"
azs_check "the ADC moved to IO1" sh -c "azs-fwctl release adc 0 && azs-fwctl assign adc 0 io1"
periph_fault IO0
azs_check "... periph-rt on IO0 faults at its first ADC read: exit 3" test $rc = 3
azs_check "... the firewall bus fault names the ADC block and IO0" \
	grep -q 'bus fault: firewall: adc block 0 at 0x38000000 is not assigned to IO0' $ev
azs_check "... nothing reached the board (no I2C transfer, no UART byte, no PWM setting)" board_quiet
azs_check "the ADC back on IO0, ISU2 released (no core's)" \
	sh -c "azs-fwctl release adc 0 && azs-fwctl assign adc 0 io0 && azs-fwctl release i2c 2"
periph_fault IO0
azs_check "... periph-rt reads the ADC, then faults at ISU2: exit 3" \
	sh -c "[ $rc = 3 ] && grep -q 'periph-rt: adc1' $out"
azs_check "... the firewall bus fault names ISU2's block and IO0" \
	grep -q 'bus fault: firewall: isu block 2 at 0x38090000 is not assigned to IO0' $ev
azs_check "... nothing reached the board" board_quiet
for r in "adc 0" "uart 0" "pwm 2"; do azs-fwctl release $r; done
echo 0 > $bd/adc/ch0
echo 0 > $bd/adc/ch1

# The application manager runs it.
rt=7a3e8c51-2f4b-4d8e-9c61-b0d2e4f6a801
state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
logs_have() { azs-appctl logs $rt | grep -q "$1"; }
pin_core() { azs-fwctl query gpio 8 | cut -d' ' -f2; }
blinks() { [ "$(led_changes "$1")" -ge 2 ]; }
proc_is() { grep -q "^$1" /proc/$p/status; }
core_uid_is_apps() {
	u=$(azs_app_field $rt uid)
	grep -q azs-iocore /proc/$p/cmdline && [ "$u" != 0 ] &&
		grep -q "^Uid:	$u	$u	$u	$u\$" /proc/$p/status
}
core_sandboxed() {
	proc_is 'CapEff:	0*$' && proc_is 'CapBnd:	0*$' && proc_is 'NoNewPrivs:	1' &&
		proc_is 'Seccomp:	2'
}
core_root() { (cd /proc/$p/root && find . | sort | tr '\n' ' '); }
core_cgroup() {
	[ "$(cat /sys/fs/cgroup/azsphere/$rt/memory.max)" = 33554432 ] &&
		grep -qx "$p" /sys/fs/cgroup/azsphere/$rt/cgroup.procs
}
core_fds() { ls -l /proc/$p/fd | grep -q azsphere-iocore && ! ls -l /proc/$p/fd | grep -q azsphere-firewall; }
stopped_still() { ! kill -0 $p 2>/dev/null && [ "$(led_changes 2)" = 0 ]; }
restart_logged() { logs_have 'the core stopped on a fault' && logs_have 'restarting in'; }
last_start_on() { [ "$(azs-appctl logs $rt | grep 'started on' | tail -n 1 | grep -c "$1")" = 1 ]; }
removed() { azs-appctl remove $rt && ! azs-appctl list | grep -q $rt && ! kill -0 $p 2>/dev/null; }

azs_check "the application manager starts" azs_start_appmand
azs_check "blink-rt's package root installs" azs-appctl install /usr/share/azsphere/approots/blink-rt
azs_check "... it runs" azs_wait_for 10 state_is $rt running
azs-appctl logs $rt | head -n 12 | sed 's/^/# log: /'
azs_check "... on IO0, whose block its pin's is (the manager's assignment)" \
	sh -c "azs-appctl logs $rt | grep -q 'started on IO0' && [ \"\$(azs-fwctl query gpio 8 | cut -d' ' -f2)\" = io0 ]"
# Watched once the core blinks (its first lit phase in the log): "running"
# comes before the emulator has started on a loaded machine.
azs_wait_for 20 logs_have 'led1_red on$' || true
ons=$(azs-appctl logs $rt | grep -c 'led1_red on$')
changes=$(led_changes 3)
echo "# its log: $(($(azs-appctl logs $rt | grep -c 'led1_red on$') - ons)) 'on' lines meanwhile"
azs_check "the board's LED1 red blinks (3..9 changes in 3 s)" \
	sh -c "[ $changes -ge 3 ] && [ $changes -le 9 ]"
azs_check "its debug UART's lines are in its log" \
	sh -c "azs-appctl logs $rt | grep -q '^blink-rt: start\$' && azs-appctl logs $rt | grep -q '^blink-rt: led1_red on\$'"
p=$(azs_app_field $rt pid)
echo "# azs-iocore pid $p: $(grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/$p/status | tr '\t\n' '  ')"
echo "# its root: $(core_root)"
azs_check "its core process is azs-iocore as the app's uid, not root" core_uid_is_apps
azs_check "... no capabilities (effective, bounding), no_new_privs, seccomp filter" core_sandboxed
azs_check "... its filesystem is only its mailbox directory and socket (no /dev, no image path)" \
	test "$(core_root)" = ". ./run ./run/azs ./run/azs/iocore ./run/azs/iocore/$rt.mbox "
azs_check "... its own cgroup's memory.max is 32 MiB" core_cgroup
azs_check "... it holds the initiator device the platform bound, not the firewall's" core_fds

azs_check "stop: it stops" sh -c "azs-appctl stop $rt > /dev/null"
azs_check "... state stopped" state_is $rt stopped
azs_check "... the core process is gone, the LED stays as it was" stopped_still
azs_check "... it ended cleanly on the manager's SIGTERM (its own 'stopped' event)" \
	logs_have 'azs-iocore IO0: stopped$'
azs_check "start: it runs again" sh -c "azs-appctl start $rt > /dev/null"
azs_wait_for 10 state_is $rt running
azs_check "... state running, LED1 red blinking" blinks 2
p=$(azs_app_field $rt pid)

# A fault: its pin's block taken from IO0 under it (given to IO1).
azs_check "its block moved to IO1 while it runs" \
	sh -c "azs-fwctl release gpio 8 && azs-fwctl assign gpio 8 io1"
azs_check "... a bus fault on IO0 in its log" azs_wait_for 10 logs_have 'bus fault: .*IO0'
azs_check "... the fault is said and a restart scheduled (restart policy)" restart_logged
azs_check "... it restarts on IO1, the core its peripherals allow" azs_wait_for 15 logs_have 'started on IO1'
azs_wait_for 5 state_is $rt running
azs_check "... and blinks there" blinks 2
azs_check "... its restarts are counted" test "$(azs_app_field $rt restarts)" -ge 1
p=$(azs_app_field $rt pid)

# Nothing but the platform reaches the initiator device.
azs_check "an unprivileged uid cannot open the initiator device" \
	sh -c "! setpriv --reuid 1000 --regid 1000 --clear-groups sh -c 'exec 3<>/dev/azsphere-iocore'"
azs_check "... nor root of a user namespace, as an app's sandbox is (EPERM: no CAP_SYS_ADMIN)" \
	sh -c "! unshare -U -r sh -c 'exec 3<>/dev/azsphere-iocore'"

# The lock covers the I/O cores' assignments.
azs_check "the firewall locks" sh -c "azs-fwctl lock && azs-fwctl status | grep -q '^locked 1'"
azs_check "... no block moves to an I/O core after it" sh -c "! azs-fwctl assign gpio 9 io0 && ! azs-fwctl assign adc 0 io1"
azs_check "... nor away from one" sh -c "! azs-fwctl release gpio 8"
azs_check "... GPIO8's block is still IO1's" test "$(block_core)" = io1
azs_check "... blink-rt still runs and blinks" blinks 2
azs_check "... stop and start after the lock" \
	sh -c "azs-appctl stop $rt > /dev/null && azs-appctl start $rt > /dev/null"
azs_wait_for 10 state_is $rt running
azs_check "... it runs on IO1 again" last_start_on IO1
# The update rule holds for RT apps as for HL apps (azure-sphere-spec.md 2.3:
# once locked, an update that needs a different mapping reboots the device,
# PeripheralConfigRequiresReboot; one with the same peripherals applies at
# once). The manager, restarted after the lock, knows it is locked; it runs
# as pid 2 of a pid namespace whose init notes a reboot request instead of
# rebooting (as device.appman_update (g)). Its pids are that namespace's:
# the core process is found through the app's cgroup.
core_pid() { tail -n 1 /sys/fs/cgroup/azsphere/$rt/cgroup.procs 2> /dev/null; }
restarted() { q=$(core_pid); [ -n "$q" ] && [ "$q" != "$p1" ]; }
update_same() {
	azs-appctl install /usr/share/azsphere/approots/blink-rt > /tmp/upd1 &&
		grep -q '"update":true' /tmp/upd1 && ! grep -q reboot /tmp/upd1
}
update_other() {
	azs-appctl install /tmp/blink-rt-v2 > /tmp/upd2 2>&1
	echo "rc $?"
	cat /tmp/upd2 /tmp/blink-rt-v2/app_manifest.json
	tail -n 5 /tmp/appmand.log
	azs-appctl logs $rt | tail -n 5
	grep -q '"reboot":true' /tmp/upd2
}
on_io1_blinking() { last_start_on IO1 && blinks 2; }
block_core_of() { azs-fwctl query gpio "$1" | sed -n 's/.*block-core \([a-z0-9]*\).*/\1/p'; }
daemon=$(cat /tmp/appmand.pid)
kill "$daemon"
azs_wait_for 10 sh -c "! kill -0 $daemon"
rm -f /tmp/reboot-requested /run/azsphere/appman.sock
unshare -p -f sh -c 'trap "echo requested > /tmp/reboot-requested" TERM
	/usr/sbin/azs-appmand >> /tmp/appmand.log 2>&1 &
	while kill -0 $! 2> /dev/null; do wait $!; done' &
azs_check "update rule: the manager runs again after the lock" \
	azs_wait_for 10 test -S /run/azsphere/appman.sock
azs_wait_for 15 state_is $rt running
azs_check "... blink-rt runs again, on IO1" last_start_on IO1
p1=$(core_pid)
azs_check "an RT update with the same peripherals applies at once (an update, no reboot)" update_same
azs_wait_for 15 restarted
azs_wait_for 15 state_is $rt running
azs_check "... the app restarts (a new core process)" restarted
azs_check "... on IO1, and blinks" on_io1_blinking
azs_check "... no reboot was asked for" test ! -f /tmp/reboot-requested
rm -rf /tmp/blink-rt-v2
cp -a /usr/share/azsphere/approots/blink-rt /tmp/blink-rt-v2
cat > /tmp/blink-rt-v2/app_manifest.json << 'EOF'
{
  "SchemaVersion": 1,
  "Name": "BlinkRT",
  "ComponentId": "7a3e8c51-2f4b-4d8e-9c61-b0d2e4f6a801",
  "EntryPoint": "/bin/app",
  "CmdArgs": [],
  "Capabilities": { "Gpio": [ 8, 12 ] },
  "ApplicationType": "RealTimeCapable"
}
EOF
azs_check "an RT update that needs another mapping (GPIO 12's block too) asks for a reboot" update_other
azs_check "... which init was asked for" azs_wait_for 5 test -f /tmp/reboot-requested
azs_check "... its log says why: PeripheralConfigRequiresReboot" \
	logs_have 'update changes the locked peripheral configuration: rebooting (PeripheralConfigRequiresReboot)'
azs_check "... the firewall did not change before the reboot (GPIO12's block is not IO1's)" \
	test "$(block_core_of 12)" != io1
azs_check "... the running version goes on until then (blinking on IO1)" blinks 2
p=$(core_pid)
azs_check "remove: blink-rt is gone and so is its core process" removed
azs_check "... and its cgroup" test ! -d /sys/fs/cgroup/azsphere/$rt
echo "1..$azs_tap_n"
azs_check_dmesg
