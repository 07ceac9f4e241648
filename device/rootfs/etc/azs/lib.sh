# SPDX-License-Identifier: MIT
# Shell helpers shared by the device's init and its test suites.

azs_uptime() {
	cut -d' ' -f1 /proc/uptime
}

azs_log() {
	echo "azs: $*"
}

azs_fail() {
	echo "azs: FATAL: $*"
	# busybox init acts on a poweroff request only once its sysinit step
	# (rcS) is over, so a failing rcS would hang: run the shutdown step
	# (the flash survives) and power off right here. Nothing else runs.
	/etc/azs/shutdown
	poweroff -f
	sleep 600
}

# Wait up to ~5 s for a virtio disk with the given serial; print /dev/vdX.
azs_find_disk() {
	i=0
	while [ $i -lt 50 ]; do
		for d in /sys/block/vd*; do
			[ -e "$d/serial" ] || continue
			if [ "$(cat "$d/serial")" = "$1" ]; then
				echo "/dev/${d##*/}"
				return 0
			fi
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# The flash: a secure region (owned by the security monitor) and the
# Normal World data region (ext4), two views of one raw image.
azs_attach_flash() {
	secure=$(azs_find_disk azs-secure) || return 1
	data=$(azs_find_disk azs-data) || return 1
	ln -sf "$secure" /dev/azs-secure-flash
	# Not noexec: the application manager keeps app images here (apps' own
	# writable storage is mounted noexec inside their sandboxes).
	# prjquota: apps' mutable storage is limited by project quotas.
	mount -t ext4 -o nosuid,nodev,prjquota "$data" /mnt/flash 2> /dev/null || {
		azs_log "warning: the flash has no project quotas (an old image?): apps' storage limits are unavailable"
		mount -t ext4 -o nosuid,nodev "$data" /mnt/flash
	}
}

azs_attach_channel() {
	for p in /sys/class/virtio-ports/*; do
		[ -e "$p/name" ] || continue
		if [ "$(cat "$p/name")" = com.azsphere.channel.0 ]; then
			ln -sf "/dev/${p##*/}" /dev/azs-channel
			return 0
		fi
	done
	return 1
}

# The smallest sample: it needs no peripherals and exits by itself.
azs_run_samples() {
	app=/apps/hello-world/bin/app
	[ -x $app ] || return 0
	azs_log "starting sample app hello-world"
	$app 2>&1 | sed "s/^/[hello-world] /"
	azs_log "sample app hello-world exited"
}

# The demo: the application manager installs the demo apps (built against
# musl, manifests resolved through the RDB hardware definitions) and runs
# them in their sandboxes. For SECONDS seconds (0: leave them running)
# show their log and the board, pressing button A halfway.
azs_demo() {
	board=/sys/kernel/debug/azsphere-board/gpio
	azs_start_appmand || {
		azs_log "the application manager did not start"
		return 1
	}
	# The device CLI's peer on the host channel.
	azs_start_gatewayd
	for app in /usr/share/azsphere/demo/*; do
		[ -d "$app" ] || continue
		azs_log "installing the ${app##*/} app: $(azs-appctl install "$app")"
	done
	[ "$1" -gt 0 ] || return 0
	tail -n +1 -f /tmp/appmand.log &
	tailpid=$!
	# LED1 red blinks every 500 ms: sample it every 50 ms and show each
	# transition (a once-a-second poll sees the same phase every time). No
	# forks in the loop: the shell reads the board and the clock itself.
	read -r t0 _ < /proc/uptime
	t0=${t0%.*}
	last=
	pressed=0
	n=0
	while :; do
		read -r now _ < /proc/uptime
		now=${now%.*}
		[ $((now - t0)) -lt "$1" ] || break
		while read -r led state; do
			[ "$led" = led1_red ] && cur=$state
		done < $board/leds
		if [ "$cur" != "$last" ]; then
			n=$((n + 1))
			azs_log "board: led1_red $cur (transition $n at ${now}s)"
			last=$cur
		fi
		if [ $pressed -eq 0 ] && [ $((now - t0)) -ge $(($1 / 2)) ]; then
			azs_log "board: pressing button A"
			echo press > $board/button_a
			sleep 0.3
			echo release > $board/button_a
			pressed=1
		fi
		sleep 0.05
	done
	kill $tailpid
}

# Value of azs.KEY= on the kernel command line, or DEFAULT.
azs_cmdline() {
	v=$2
	for arg in $(cat /proc/cmdline); do
		case "$arg" in
		azs.$1=*) v=${arg#azs.$1=} ;;
		esac
	done
	echo "$v"
}

# Reboot from a test suite: never returns, so nothing after it runs in this
# boot.
azs_reboot() {
	reboot
	sleep 600
}

# Run kselftest collections: azs_kselftest COLLECTION... runs
# run_kselftest.sh -c COLLECTION ... Its TAP (a "not ok" per failed test or
# program) goes to the console for the judge; the runner itself exits 0 when
# tests fail, but non-zero when it could not run them (e.g. "No such
# collection"): that prints a failure marker, which fails the suite.
azs_kselftest() {
	set -- $(printf -- '-c %s ' "$@")
	"${AZS_KSELFTEST_DIR:-/usr/lib/kselftests}/run_kselftest.sh" "$@"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "azs-suite: FAILED: run_kselftest.sh $* exited with status $rc"
	fi
	return $rc
}

# TAP line: no kernel warning, BUG or oops was logged in this boot.
azs_check_dmesg() {
	bad=$(dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Call Trace' | head -n 5)
	if [ -z "$bad" ]; then
		echo "ok 1 dmesg has no WARN/BUG/Oops"
	else
		echo "not ok 1 dmesg has no WARN/BUG/Oops"
		echo "$bad" | sed 's/^/# /'
	fi
}

# TAP from shell: azs_check DESCRIPTION COMMAND... runs the command and prints
# "ok N" or "not ok N" (with the command's output as comments).
azs_tap_n=0
azs_check() {
	desc=$1
	shift
	azs_tap_n=$((azs_tap_n + 1))
	if "$@" > /tmp/azs_check.out 2>&1; then
		echo "ok $azs_tap_n $desc"
	else
		echo "not ok $azs_tap_n $desc"
		sed 's/^/# /' /tmp/azs_check.out | head -n 20
	fi
}

# azs_running NAME: a process NAME runs (an ended one, a zombie until init
# reaps it, does not count: busybox's init reaps up to a second later).
azs_running() {
	for p in $(pidof "$1"); do
		st=$(sed -n 's/.*) \(.\) .*/\1/p' "/proc/$p/stat" 2> /dev/null)
		case "$st" in
		Z | X | '') ;;
		*) return 0 ;;
		esac
	done
	return 1
}

# azs_channel_receive DIR: the host's "NAME HEX" lines on the test channel
# (/dev/azs-channel) into DIR/NAME.hex (NAME: [a-z0-9]+, others ignored),
# until its END line (DIR/.end) or about a minute. The port reads as
# end-of-file while the host is not connected: it is read again until then.
azs_channel_receive() {
	tries=0
	while [ ! -f "$1/.end" ] && [ $tries -lt 300 ]; do
		while read -r name hex; do
			if [ "$name" = END ]; then
				: > "$1/.end"
				break
			fi
			case "$name" in *[!a-z0-9]*|'') continue ;; esac
			echo "$hex" > "$1/$name.hex"
		done < /dev/azs-channel
		[ -f "$1/.end" ] || sleep 0.2
		tries=$((tries + 1))
	done
}

# azs_wait_for SECONDS COMMAND...: true once the command succeeds.
azs_wait_for() {
	limit=$(($1 * 10))
	shift
	i=0
	while [ $i -lt $limit ]; do
		"$@" > /dev/null 2>&1 && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

azs_mount_cgroup2() {
	grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts ||
		mount -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
}

# Start the application manager in the background; its console goes to
# /tmp/appmand.log, its pid to /tmp/appmand.pid (its sandboxes' pid 1 are
# forks with the same name). True once its control socket is up and
# answers: the socket comes first, the answer once the installed apps are
# started (and the configuration locked, if it must be).
azs_start_appmand() {
	azs_mount_cgroup2
	# Its runtime directory: packaged apps started at boot are mounted
	# under /run/azsphere/images before the control socket exists.
	mkdir -p -m 0700 /run/azsphere
	rm -f /run/azsphere/appman.sock
	# Verified against the signed platform list, run from the checked bytes.
	azs-verified-loader exec /usr/sbin/azs-appmand "$@" >> /tmp/appmand.log 2>&1 &
	echo $! > /tmp/appmand.pid
	azs_wait_for 10 test -S /run/azsphere/appman.sock || return 1
	azs-appctl list > /dev/null 2>&1 # any answer, a refusal's too
	test -S /run/azsphere/appman.sock
}

# The device CLI's peer on the host channel, in the background: verified
# against the signed platform list and run from the checked bytes.
azs_start_gatewayd() {
	azs-verified-loader exec /usr/sbin/azs-gatewayd 2>> /tmp/gatewayd.log &
}

# Field of an installed app in "azs-appctl list": azs_app_field CID FIELD.
azs_app_field() {
	azs-appctl list | tr '{' '\n' | grep "\"cid\":\"$1\"" |
		sed -n "s/.*\"$2\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"
}

# Test host N for network tests: a network namespace of its own (held by a
# sleeping process) at 10.77.N.2/24, linked to the device (10.77.N.1) by a
# veth pair, with a default route back and busybox httpd on port 80 serving
# "test host N". azs_on_test_host N COMMAND... runs a command in it.
azs_test_host() {
	n=$1
	unshare -n sleep 100000 &
	pid=$!
	echo "$pid" > /tmp/test-host-$n.pid
	azs_wait_for 5 test -e /proc/$pid/ns/net || return 1
	sleep 0.2
	# busybox names the peer veth0 whatever is asked: rename it.
	ip link add name th$n type veth || return 1
	ip link set veth0 name th${n}p || return 1
	ip link set th${n}p netns "$pid" || return 1
	ip addr add 10.77.$n.1/24 dev th$n && ip link set th$n up || return 1
	mkdir -p /tmp/www$n && echo "test host $n" > /tmp/www$n/index.html
	nsenter -t "$pid" -n sh -c "ip link set lo up && ip addr add 10.77.$n.2/24 dev th${n}p &&
		ip link set th${n}p up && ip route add default via 10.77.$n.1 &&
		httpd -p 80 -h /tmp/www$n"
}
azs_on_test_host() {
	n=$1
	shift
	nsenter -t "$(cat /tmp/test-host-$n.pid)" -n "$@"
}
