# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: driver tests/device/faults (its boots print their own plans; the driver judges them)
# Power cuts at every write step (the device side of tests/device/faults,
# which drives several boots on copies of one flash and kills the emulator;
# docs/testing.md). Each boot does what the host's first line on the channel
# says:
#   record        set up (apps, stores), then run each operation once with
#                 its write steps traced (azs-fault): "azs-fault: step OP K
#                 ..." lines, the state before ("azs-fault: snapshot OP",
#                 then the host copies the flash and answers "go") and after
#   cut OP K      run OP from this flash, held at write step K ("azs-fault:
#                 reached OP step K ..."): the host kills the emulator there;
#                 K = done: once the operation is acknowledged
#   check OP      boot on a cut flash: the application manager starts, every
#                 app it lists runs (its own version), the state is printed
#                 ("azs-fault: state ..."; the host compares it with the
#                 states before and after OP), leftovers are named, and the
#                 operation, done again if it had not completed, completes
# Lines "ok"/"not ok" are the device's own checks; the host judges the rest.
. /etc/azs/lib.sh
F=/usr/lib/azs-tests/faults
fault=/usr/lib/azs-tests/azs-fault
keep=/mnt/flash/faults # the suite's own files (the capability file)
flash=/mnt/flash/azsphere
A=11111111-2222-4333-8444-0000000000f1
B=11111111-2222-4333-8444-0000000000f2
CERT=11111111-2222-4333-8444-0000000000f3
WIFI=11111111-2222-4333-8444-0000000000f4
OPS="install update cert wifi remove cloud mfg caps"

n=0
ok_if() { # DESC: the status of the command just run
	rc=$?
	n=$((n + 1))
	if [ $rc -eq 0 ]; then echo "ok $n $1"; else echo "not ok $n $1"; fi
}
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" > /tmp/check.out 2>&1; then
		echo "ok $n $desc"
	else
		echo "not ok $n $desc"
		sed 's/^/# /' /tmp/check.out | head -n 20
	fi
}

# The host's next line on the channel (the port reads as end-of-file until
# the host connects).
exec 3< /dev/azs-channel
next_line() {
	i=0
	while [ $i -lt 1200 ]; do
		if read -r line <&3 && [ -n "$line" ]; then
			echo "$line"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

listed() { azs-appctl list | grep -q "\"cid\":\"$1\""; }
app_state() { azs_app_field "$1" state; }
# The app's own process (not its sandbox's pid 1).
app_process() {
	init=$(azs_app_field "$1" pid)
	grep -vx "$init" "/sys/fs/cgroup/azsphere/$1/cgroup.procs" 2> /dev/null | head -n 1
}
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
ready_to_signal() { logs_have "$1" 'store-on-signal .*: ready' && [ -n "$(app_process "$1")" ]; }
# The app's content on the flash: its package, or its image directory.
app_sum() {
	d=$flash/apps/$1
	if [ -f "$d/package" ]; then
		sha256sum < "$d/package" | cut -c1-12
	else
		cat "$d/image/app_manifest.json" "$d/image/bin/app" 2> /dev/null | sha256sum | cut -c1-12
	fi
}

# The persistent state an operation may change, one "azs-fault: state" line each.
print_state() { # LABEL
	echo "azs-fault: state-begin $1"
	for cid in $(azs-appctl list | tr '{' '\n' | sed -n 's/.*"cid":"\([^"]*\)".*/\1/p' | sort); do
		echo "azs-fault: state app $cid $(app_sum "$cid") uid=$(azs_app_field "$cid" uid)"
	done
	for c in $(ls "$flash/certstore" 2> /dev/null); do
		echo "azs-fault: state cert $c $(sha256sum < "$flash/certstore/$c" | cut -c1-12)"
	done
	if [ -f "$flash/wifi-networks.json" ]; then
		echo "azs-fault: state wifi $(sha256sum < "$flash/wifi-networks.json" | cut -c1-12)"
	fi
	echo "azs-fault: state deployment $(cat "$flash/deployment-applied" 2> /dev/null || echo none)"
	echo "azs-fault: state mfg $(azs-secctl mfg-state)"
	echo "azs-fault: state caps $(azs-secctl capabilities | tr '\n' ' ')"
	echo "azs-fault: state counter $(azs-secctl update-counter)"
	echo "azs-fault: state device-id $(cut -c1-32 /sys/kernel/azsphere_secmon/device_id)"
	echo "azs-fault: state-end $1"
}

# Leftovers of a cut: temporary names and app directories the manager ignores.
print_leftovers() {
	find /mnt/flash -name '.*' -o -name '*.tmp' -o -name '*.new' -o -name '*.old' |
		sed 's/^/azs-fault: leftover /'
	for d in "$flash"/apps/*; do
		[ -d "$d" ] || continue
		listed "${d##*/}" || echo "azs-fault: leftover app directory not installed: ${d#/mnt/flash/}"
	done
}

# Each operation: do it, and wait for its effect.
op_install() { azs-appctl install $F/faultb.azsp; }
op_update() { azs-appctl install $F/faulta-v2.azsp; }
op_cert() {
	azs_wait_for 20 ready_to_signal $CERT && kill -USR1 "$(app_process $CERT)" &&
		azs_wait_for 20 logs_have $CERT 'svc store-cert: ok'
}
op_wifi() {
	azs_wait_for 20 ready_to_signal $WIFI && kill -USR1 "$(app_process $WIFI)" &&
		azs_wait_for 20 logs_have $WIFI 'svc store-wifi: ok'
}
op_remove() { azs-appctl remove $B; }
op_cloud() { azs-appctl cloud-update $F/deployment; }
op_mfg() { $fault run --op mfg "$@" -- azs-secctl mfg-state Module1Complete; }
op_caps() { $fault run --op caps "$@" -- $fault store-caps $keep/caps.hex; }
# Whether the operation's effect is there.
done_install() { listed $B; }
done_update() { cmp -s $flash/apps/$A/package $F/faulta-v2.azsp; }
done_cert() { [ -f $flash/certstore/fault-ca-1.pem ]; }
# The SSID "fault-net", as text or hex.
done_wifi() { grep -qE 'fault-net|6661756c742d6e6574' $flash/wifi-networks.json 2> /dev/null; }
done_remove() { ! listed $B; }
done_cloud() {
	listed $B && cmp -s $flash/apps/$A/package $F/faulta-v1.azsp && ! listed $CERT &&
		! listed $WIFI && [ -f $flash/deployment-applied ]
}
done_mfg() { [ "$(azs-secctl mfg-state)" = Module1Complete ]; }
done_caps() { azs-secctl capabilities | grep -qx 11; }
monitor_op() { [ "$1" = mfg ] || [ "$1" = caps ]; }

# Run OP traced: record its steps, or (STOP = K) stop at step K.
traced() { # OP [K]
	stop=
	[ -z "${2:-}" ] || stop="--stop-at $2"
	if monitor_op "$1"; then
		# shellcheck disable=SC2086
		"op_$1" $stop
		return
	fi
	rm -f /tmp/fault.ready
	# shellcheck disable=SC2086
	$fault trace --pid "$(cat /tmp/appmand.pid)" --op "$1" $stop --ready /tmp/fault.ready &
	tracer=$!
	azs_wait_for 10 test -f /tmp/fault.ready || return 1
	"op_$1"
	rc=$?
	kill -TERM $tracer
	wait $tracer
	return $rc
}

# Every app the manager lists runs, and the test app runs its own version.
apps_run() {
	for cid in $(azs-appctl list | tr '{' '\n' | sed -n 's/.*"cid":"\([^"]*\)".*/\1/p'); do
		azs_wait_for 20 test "$(app_state "$cid")" = running || {
			echo "$cid is $(app_state "$cid")"
			return 1
		}
	done
	if listed $A; then
		v=v1
		cmp -s $flash/apps/$A/package $F/faulta-v2.azsp && v=v2
		azs_wait_for 10 logs_have $A "faulta $v tick" || {
			echo "faulta does not run $v"
			return 1
		}
	fi
}

echo "TAP version 13"
cmd=$(next_line) || cmd="none"
set -- $cmd
echo "azs-fault: command $cmd"
mkdir -p $keep
case "$1" in
record)
	check "the application manager starts" azs_start_appmand
	echo "azs-fault: device-id $(cat /sys/kernel/azsphere_secmon/device_id)"
	# The host answers with this device's capability file.
	caps=$(next_line)
	echo "${caps#caps }" > $keep/caps.hex
	check "app faulta v1 installs" azs-appctl install $F/faulta-v1.azsp
	check "the certificate store's app installs" azs-appctl install $F/images/faultcert
	check "the Wi-Fi store's app installs" azs-appctl install $F/images/faultwifi
	check "the apps run" apps_run
	for op in $OPS; do
		sync
		print_state "before-$op"
		echo "azs-fault: snapshot $op"
		next_line > /dev/null
		traced "$op"
		ok_if "$op: recorded"
		check "$op: done" "done_$op"
		print_state "after-$op"
	done
	sync
	echo "1..$n"
	;;
cut)
	op=$2
	azs_start_appmand
	# Nothing reaches the flash by itself any more: no periodic journal
	# commit, no periodic writeback; only what the programs sync. Without
	# this, whether an unsynced change survives depends on how quickly the
	# host kills the emulator.
	mount -o remount,commit=3600 /mnt/flash
	echo 0 > /proc/sys/vm/dirty_writeback_centisecs
	echo 360000 > /proc/sys/vm/dirty_expire_centisecs
	if [ "$3" = done ]; then
		# No sync here: what the operation acknowledged must be on the
		# flash by itself.
		"op_$op"
		echo "azs-fault: reached $op step done"
	else
		traced "$op" "$3"
		echo "azs-fault: not reached: $op step $3"
	fi
	;;
check)
	op=$2
	check "the application manager starts on the cut flash" azs_start_appmand
	check "every app it lists runs, in its own version" apps_run
	print_state check
	print_leftovers
	if "done_$op"; then
		echo "# $op had completed"
	else
		echo "# $op had not completed: again"
		"op_$op"
		ok_if "$op completes when done again"
	fi
	check "$op: done" "done_$op"
	check "every app runs after it" apps_run
	print_state redo
	echo "1..$n"
	;;
*)
	echo "not ok 1 no command from the host (got '$cmd')"
	echo "1..1"
	;;
esac
