# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 129
# The per-app sandbox (docs/sandbox.md). The attacker app attacks it from
# inside and prints its own TAP (nested here as "# ok ..."); this script
# checks from outside: the host's view of the app, its log, its cgroup and
# its limits.
. /etc/azs/lib.sh
apps=/usr/lib/azs-tests/apps
n=0
t() { # t OK|FAIL DESCRIPTION [DETAIL]
	n=$((n + 1))
	if [ "$1" = OK ]; then echo "ok $n $2"; else echo "not ok $n $2 # ${3:-}"; fi
}
run() { # run LOG ARGS...: azs-sandbox for the attacker as uid 2001
	log=$1
	shift
	azs-sandbox --root $apps/attacker --uid 2001 --gid 2001 "$@" > "$log" 2>&1
}

grep -q cgroup2 /proc/mounts || mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup
mkdir -p /mnt/flash/azs-storage/attacker

echo "TAP version 13"
# 1. The attacks, from inside.
run /tmp/attacker.log --storage /mnt/flash/azs-storage/attacker:64 --memory 16M --pids 16 \
	--timeout 120 -- /bin/app
rc=$?
sed -n 's/^\[attacker\] \(\(not \)\{0,1\}ok [0-9]\)/# \1/p' /tmp/attacker.log
grep -v '^\[attacker\] \(not \)\{0,1\}ok [0-9]' /tmp/attacker.log | sed 's/^/# /'
grep -q '^\[attacker\] seccomp: denied ioctl (nr [0-9]*)$' /tmp/attacker.log &&
	t OK "TIOCSTI is denied by the filter and logged" ||
	t FAIL "TIOCSTI is denied by the filter and logged"
[ $rc -eq 0 ] && t OK "attacker: every attack failed" || t FAIL "attacker: every attack failed" "status $rc"
grep -q '^\[attacker\] seccomp: denied ptrace (nr [0-9]*)$' /tmp/attacker.log &&
	t OK "a seccomp denial is in the app's log, naming the syscall" ||
	t FAIL "a seccomp denial is in the app's log, naming the syscall"
grep -q '^\[attacker\] seccomp: denied socket (nr [0-9]*)$' /tmp/attacker.log &&
	t OK "a refused socket family (netlink, packet, inet without a network) is logged" ||
	t FAIL "a refused socket family (netlink, packet, inet without a network) is logged"
grep -q '^\[attacker\] seccomp: denied mprotect (nr [0-9]*)$' /tmp/attacker.log &&
	t OK "writable and executable memory at once is refused and logged" ||
	t FAIL "writable and executable memory at once is refused and logged"
# (32-bit ARM: musl sets the clock with the time64 call, clock_settime64.)
grep -q '^\[attacker\] seccomp: denied clock_settime\(64\)\{0,1\} (nr [0-9]*)$' /tmp/attacker.log &&
	t OK "setting the clock without SystemTime is refused (EPERM, not a kill) and logged" ||
	t FAIL "setting the clock without SystemTime is refused (EPERM, not a kill) and logged"
grep -q '^\[attacker\] seccomp: denied unknown syscall (nr 1000)$' /tmp/attacker.log &&
	t OK "an unknown syscall number is logged as such" ||
	t FAIL "an unknown syscall number is logged as such"
grep -q 'attacker: 0 processes left in its cgroup' /tmp/attacker.log &&
	t OK "no process is left after the app ended" || t FAIL "no process is left after the app ended"

# 1b. What grants allow (inet sockets, setting the clock) and what they still don't.
run /tmp/granted.log --grant network --grant system-time --memory 16M --timeout 60 -- /bin/app granted
rc=$?
sed -n 's/^\[attacker\] \(\(not \)\{0,1\}ok [0-9]\)/# granted: \1/p' /tmp/granted.log
grep -v '^\[attacker\] \(not \)\{0,1\}ok [0-9]' /tmp/granted.log | sed 's/^/# /'
[ $rc -eq 0 ] && t OK "granted: network and SystemTime allow inet sockets and the clock, nothing more" ||
	t FAIL "granted: network and SystemTime allow inet sockets and the clock, nothing more" "status $rc"
# 1c. The supervisor's side: a sysfs tree granted by path cannot lead out of /sys.
azs-sandbox --root $apps/attacker --uid 2001 --gid 2001 \
	--sysfs /sys/class/../../etc:/sys/class/x -- /bin/app sleep 1 > /tmp/sysfs.log 2>&1
rc=$?
[ $rc -eq 1 ] && grep -q 'leads out of /sys' /tmp/sysfs.log &&
	t OK "a sysfs path that climbs out of /sys is refused" ||
	t FAIL "a sysfs path that climbs out of /sys is refused" "status $rc: $(tr '\n' ' ' < /tmp/sysfs.log)"
azs-sandbox --root $apps/attacker --uid 2001 --gid 2001 \
	--sysfs /sys/class/net/lo:/sys/class/net/lo -- /bin/app ls /sys/class/net/lo > /tmp/sysfs.log 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q '^\[attacker\] ifindex$' /tmp/sysfs.log &&
	t OK "a sysfs path through a symlink inside /sys is granted" ||
	t FAIL "a sysfs path through a symlink inside /sys is granted" "status $rc: $(tr '\n' ' ' < /tmp/sysfs.log)"

# 2. The host's view of a running app.
azs-sandbox --root $apps/attacker --uid 2001 --gid 2001 --memory 16M --timeout 60 \
	-- /bin/app sleep 30 > /tmp/sleeper.log 2>&1 &
launcher=$!
cg=/sys/fs/cgroup/azsphere/attacker
i=0
while [ $i -lt 50 ] && [ "$(cat $cg/cgroup.procs 2>/dev/null | wc -l)" -lt 2 ]; do
	sleep 0.1
	i=$((i + 1))
done
pids=$(cat $cg/cgroup.procs 2>/dev/null)
bad=""
for p in $pids; do
	for k in Uid Gid; do
		v=$(sed -n "s/^$k:[[:space:]]*//p" /proc/$p/status | tr -s '\t ' ' ')
		[ "$v" = "2001 2001 2001 2001" ] || bad="$bad $p:$k=$v"
	done
	grep -q '^CapEff:[[:space:]]*0000000000000000$' /proc/$p/status || bad="$bad $p:caps"
done
[ -n "$pids" ] && [ $(echo $pids | wc -w) -eq 2 ] && [ -z "$bad" ] &&
	t OK "host view: the reaper and the app run as 2001 in every slot, no capabilities" ||
	t FAIL "host view: the reaper and the app run as 2001 in every slot, no capabilities" "pids '$pids'$bad"
kill -TERM $launcher
wait $launcher
rc=$?
[ ! -e $cg ] && ! grep -qs . $cg/cgroup.procs &&
	t OK "after stop the app's cgroup is gone (no process left)" ||
	t FAIL "after stop the app's cgroup is gone (no process left)" "$(cat $cg/cgroup.procs 2>/dev/null)"
grep -q 'attacker: 0 processes left in its cgroup' /tmp/sleeper.log && [ $rc -eq 143 ] &&
	t OK "SIGTERM reaches the app through its pid 1 (status 143)" ||
	t FAIL "SIGTERM reaches the app through its pid 1 (status 143)" "status $rc: $(tail -n 3 /tmp/sleeper.log | tr '\n' ' ')"
left=$(for d in /proc/[0-9]*; do sed -n 's/^Uid:[[:space:]]*2001[[:space:]].*/x/p' $d/status 2>/dev/null; done | wc -l)
[ "$left" -eq 0 ] && t OK "no process of uid 2001 is left on the device" ||
	t FAIL "no process of uid 2001 is left on the device" "$left left"

# 3. Limits.
run /tmp/forkbomb.log --memory 16M --pids 8 --timeout 60 -- /bin/app forkbomb
rc=$?
[ $rc -eq 0 ] && grep -q 'fork failed after [0-9]* children: Resource temporarily unavailable' /tmp/forkbomb.log &&
	t OK "a fork bomb hits pids.max" || t FAIL "a fork bomb hits pids.max" "status $rc: $(grep -v '^\[' /tmp/forkbomb.log | tr '\n' ' ')"
# 4. Bad arguments.
azs-sandbox --root $apps/attacker --uid 0 --gid 2001 -- /bin/app > /tmp/bad.log 2>&1
rc=$?
[ $rc -eq 2 ] && grep -q 'never runs as 0' /tmp/bad.log && t OK "uid 0 is refused (exit 2)" ||
	t FAIL "uid 0 is refused (exit 2)" "status $rc"
# Last: the deliberate OOM kill dumps a stack trace into the kernel log, so
# the kernel log is judged before it, and only an OOM report may follow.
azs_check_dmesg
before=$(dmesg | wc -l)
run /tmp/memhog.log --memory 8M --timeout 60 -- /bin/app memhog
rc=$?
grep -q 'attacker: killed by the OOM killer (memory.max 8388608 bytes)' /tmp/memhog.log && [ $rc -eq 137 ] &&
	t OK "a memory hog is OOM-killed under memory.max and reported" ||
	t FAIL "a memory hog is OOM-killed under memory.max and reported" "status $rc: $(tr '\n' ' ' < /tmp/memhog.log)"

new=$(dmesg | tail -n +$((before + 1)))
echo "$new" | grep -q 'invoked oom-killer' && ! echo "$new" | grep -qE 'WARNING:|BUG:|Oops|general protection' &&
	t OK "the kernel logged the OOM kill and nothing worse" ||
	t FAIL "the kernel logged the OOM kill and nothing worse" "$(echo "$new" | grep -E 'WARNING:|BUG:|Oops|oom' | head -n 3 | tr '\n' ' ')"
echo "1..$n"
