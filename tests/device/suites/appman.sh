# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 89
# The application manager: install, start, stop, remove, logs, restart with
# backoff, crash loops, stopping leaves no process, conflicts, updates while
# unlocked, and a daemon killed with SIGKILL losing nothing. A client that
# connects and sends nothing stalls neither other clients nor supervision;
# a daemon that can't read the firewall's lock state refuses to serve.
. /etc/azs/lib.sh
img=/usr/lib/azs-tests/images
ticker=11111111-2222-4333-8444-000000000001
crasher=11111111-2222-4333-8444-000000000002
stubborn=11111111-2222-4333-8444-000000000003
spawner=11111111-2222-4333-8444-000000000004
counter=11111111-2222-4333-8444-000000000005
led=11111111-2222-4333-8444-000000000010
cg=/sys/fs/cgroup/azsphere
ctl=/usr/lib/azs-tests/ctl-client
sock=/run/azsphere/appman.sock

state_is() { [ "$(azs_app_field "$1" state)" = "$2" ]; }
running() { state_is "$1" running; }
procs_at_least() { [ "$(wc -l < "$cg/$1/cgroup.procs")" -ge "$2" ]; }
no_procs() { [ ! -s "$cg/$1/cgroup.procs" ]; }
uid_everywhere() {
	pid=$(azs_app_field "$1" pid)
	uid=$(azs_app_field "$1" uid)
	# The sandbox's pid 1 and the app under it: every uid slot is the app's.
	for p in $pid $(cat "$cg/$1/cgroup.procs"); do
		grep '^Uid:' "/proc/$p/status"
	done | grep -v "Uid:	$uid	$uid	$uid	$uid" | grep -q . && return 1
	return 0
}
logs_have() { azs-appctl logs "$1" | grep -q "$2"; }
owner_of() { azs-fwctl query gpio "$1" | sed -n 's/.*owner \([a-z0-9]*\).*/\1/p'; }

echo "TAP version 13"
azs_check "the application manager starts" azs_start_appmand
azs_check "installing an app starts it" azs-appctl install $img/ticker
azs_check "it is running" azs_wait_for 5 running $ticker
azs_check "its output reaches its log" azs_wait_for 5 logs_have $ticker "ticker v1 tick 2"
# Its filter came from the image's precompiled file (no libseccomp compile
# at the first start); the filters themselves are checked by the sandbox suite
# and the host test, and the denial checks below run under this one.
azs_check "the app filters were the image's precompiled ones" \
	grep -qx "appmand: seccomp filters of every grant set from /etc/azs/policy/seccomp-app.bpf" /tmp/appmand.log
azs_check "it runs as its own uid in every slot" uid_everywhere $ticker
netns_of() { readlink "/proc/$(azs_app_field "$1" pid)/ns/net"; }
mntns_of() { readlink "/proc/$(azs_app_field "$1" pid)/ns/mnt"; }
ipcns_of() { readlink "/proc/$(azs_app_field "$1" pid)/ns/ipc"; }
ticker_ns=$(netns_of $ticker)
ticker_mnt=$(mntns_of $ticker)
ticker_ipc=$(ipcns_of $ticker)
ticker_cg=$(stat -c %i $cg/$ticker)
# Left in its /tmp by this run: the next run must not see it. Root's file
# (no app can make one) in the sticky /tmp: its pid 1, the app's user,
# cannot remove it, so its sandbox is not kept (docs/sandbox.md, "A pid 1
# kept per app"): the next start makes a fresh one.
touch "/proc/$(azs_app_field $ticker pid)/root/tmp/left-by-the-last-run"
azs_check "stop stops it" azs-appctl stop $ticker
azs_check "stopping leaves no process (its pid 1 could not empty /tmp: not kept)" no_procs $ticker
azs_check "start starts it again" azs-appctl start $ticker
azs_check "it is running again" azs_wait_for 5 running $ticker
# An app without a network link keeps its network namespace from one run to
# the next (made once, not made and torn down at every start: docs/performance.md).
azs_check "restarted, it is in the network namespace kept from its last run" \
	test "$(netns_of $ticker)" = "$ticker_ns"
azs_check "... which is not the device's" test "$ticker_ns" != "$(readlink /proc/self/ns/net)"
azs_check "... and has only lo in it" \
	test "$(awk 'NR > 2 { print $1 }' "/proc/$(azs_app_field $ticker pid)/net/dev")" = "lo:"
# Its root too (the mount namespace its first sandbox built), with a new
# /proc and a new, empty /tmp over the old ones.
pids_in_proc() { ls "/proc/$(azs_app_field $ticker pid)/root/proc" | grep -E '^[0-9]+$' | sort -n | tr '\n' ' '; }
mounts_at() { awk -v m="$1" '$5 == m' "/proc/$(azs_app_field $ticker pid)/mountinfo" | wc -l; }
azs_check "restarted, its root is the one kept from its last run" test "$(mntns_of $ticker)" = "$ticker_mnt"
azs_check "... with this run's /proc (its pid 1 and the app)" test "$(pids_in_proc)" = "1 2 "
azs_check "... a new, empty /tmp" test -z "$(ls -A "/proc/$(azs_app_field $ticker pid)/root/tmp")"
azs_check "... one /proc and one /tmp mounted, not stacked" test "$(mounts_at /proc) $(mounts_at /tmp)" = "1 1"
# And its IPC namespace (its filter allows no IPC object: it is empty).
azs_check "restarted, it is in the IPC namespace kept from its last run" \
	test "$(ipcns_of $ticker)" = "$ticker_ipc"
azs_check "... which is not the device's" test "$ticker_ipc" != "$(readlink /proc/self/ns/ipc)"
# Its cgroup too, empty between the runs (no mkdir and limits at a restart).
azs_check "restarted, it is in the cgroup kept from its last run" test "$(stat -c %i $cg/$ticker)" = "$ticker_cg"
# 256 KiB + the sandbox's fixed kernel memory (docs/sandbox.md, Memory)
azs_check "its memory is limited to 256 KiB by default" test "$(cat $cg/$ticker/memory.max)" = $((262144 + 131072))
# The wanted state is written only when it changes (each write is a file
# and a directory fsync): a start of a running app leaves the file as it is.
state_ino() { stat -c %i /mnt/flash/azsphere/apps/$ticker/state; }
ino=$(state_ino)
azs-appctl start $ticker > /dev/null
azs_check "a start of a running app does not rewrite its state file" test "$(state_ino)" = "$ino"
azs-appctl stop $ticker > /dev/null
azs_check "a stop rewrites it" sh -c "test \"\$(stat -c %i /mnt/flash/azsphere/apps/$ticker/state)\" != $ino && grep -qx stopped /mnt/flash/azsphere/apps/$ticker/state"
azs_check "start starts it once more" azs-appctl start $ticker

# A pid 1 kept per app (docs/sandbox.md): a stop ends the app, its pid 1
# stays idle in the app's namespaces and cgroup, and the next start runs the
# app again under it (no clone3, no mounts, no filter to load).
pidns_of() { readlink "/proc/$(azs_app_field "$1" pid)/ns/pid"; }
azs_wait_for 5 running $ticker
t_pid=$(azs_app_field $ticker pid)
t_pidns=$(pidns_of $ticker)
t_uid=$(azs_app_field $ticker uid)
# Left in /tmp by the app's user (a file and a directory with a file): pid 1 empties it.
mkdir "/proc/$t_pid/root/tmp/dir"
touch "/proc/$t_pid/root/tmp/file" "/proc/$t_pid/root/tmp/dir/file"
chown -R "$t_uid:$t_uid" "/proc/$t_pid/root/tmp/file" "/proc/$t_pid/root/tmp/dir"
azs-appctl stop $ticker > /dev/null
azs_check "stopped, nothing of the app is left but its pid 1" \
	test "$(cat $cg/$ticker/cgroup.procs)" = "$t_pid"
azs_check "... whose /tmp is empty" test -z "$(ls -A /proc/$t_pid/root/tmp)"
azs_check "... and the app is stopped" state_is $ticker stopped
# What an idle kept pid 1 costs (docs/performance.md): its pages and the group's charge.
echo "# idle kept pid 1: $(grep -E '^(Rss|Pss|Private_Dirty|Private_Clean):' /proc/$t_pid/smaps_rollup | tr -s ' ' | tr '\n' ' ')memory.current $(cat $cg/$ticker/memory.current) memory.stat: $(grep -E '^(anon|file|kernel|kernel_stack|pagetables|percpu|sock|vmalloc|shmem|slab) ' $cg/$ticker/memory.stat | tr '\n' ' ')"
azs-appctl start $ticker > /dev/null
azs_check "started again, it runs under the kept pid 1" test "$(azs_app_field $ticker pid)" = "$t_pid"
azs_check "... in the kept pid namespace" test "$(pidns_of $ticker)" = "$t_pidns"
azs_check "... which shows pid 1 and this run's app only" \
	sh -c "set -- \$(ls /proc/$t_pid/root/proc | grep -E '^[0-9]+\$' | sort -n); [ \$# = 2 ] && [ \$1 = 1 ] && [ \$2 -gt 2 ]"
azs_check "... its output reaches its log" azs_wait_for 5 sh -c "azs-appctl logs $ticker | tail -n 3 | grep -q 'ticker v1 tick'"
azs_check "... which says the sandbox was kept" logs_have $ticker "its sandbox kept"
azs_check "... and no call of its pid 1 (or its app) was denied" sh -c "! azs-appctl logs $ticker | grep -q 'seccomp: denied'"
# Its pid 1 killed while idle: the daemon drops it, the next start is a fresh sandbox.
azs-appctl stop $ticker > /dev/null
kill -9 $t_pid
azs_check "a kept pid 1 killed while idle is dropped" \
	azs_wait_for 5 logs_have $ticker "its kept sandbox ended or spoke while idle: dropped"
azs-appctl start $ticker > /dev/null
azs_check "... the next start makes a fresh sandbox that runs" azs_wait_for 5 running $ticker
azs_check "... under another pid 1" test "$(azs_app_field $ticker pid)" != "$t_pid"
azs_check "... in another pid namespace" test "$(pidns_of $ticker)" != "$t_pidns"

azs-appctl install $img/stubborn > /dev/null
azs_wait_for 5 running $stubborn
azs_check "another app's network namespace is another" test "$(netns_of $stubborn)" != "$ticker_ns"
azs_check "another app's IPC namespace is another" test "$(ipcns_of $stubborn)" != "$ticker_ipc"
start=$(cut -d. -f1 /proc/uptime)
azs_check "an app ignoring SIGTERM is stopped" azs-appctl stop $stubborn
end=$(cut -d. -f1 /proc/uptime)
azs_check "... with SIGKILL after the 2 s grace" test $((end - start)) -ge 2
# (The grace over, its pid 1 killed the app: only pid 1 stays, kept.)
azs_check "... leaving no process but its pid 1" test "$(wc -l < $cg/$stubborn/cgroup.procs)" = 1

azs-appctl install $img/crasher > /dev/null
azs_check "a crashing app is restarted with backoff" azs_wait_for 10 logs_have $crasher "restarting in 1000 ms"
azs_check "a crash loop marks it failed" azs_wait_for 30 state_is $crasher failed
azs_check "the log says why" logs_have $crasher "crash loop"
azs_check "its exit status is reported after a restart under its kept pid 1" \
	sh -c "azs-appctl logs $crasher | grep -A 3 'its sandbox kept' | grep -q 'exited with status 3'"

# A client that connects and stays silent: the daemon's one event loop must
# not wait for it (before: a blocking recv stalled every app and client).
starts_of() { grep -c "^\[$1\] appmand: started" /tmp/appmand.log; }
more_starts() { [ "$(starts_of "$1")" -ge "$2" ]; }
azs-appctl start $crasher > /dev/null # crashes again, restarted with backoff
crasher_starts=$(starts_of crasher)
rm -f /tmp/silent.err
$ctl $sock 20 > /tmp/silent.out 2> /tmp/silent.err &
silent=$!
azs_wait_for 5 grep -q connected /tmp/silent.err
azs_check "with a silent client connected, another client is answered at once" \
	timeout 3 azs-appctl list
azs_check "... and a crashing app is still restarted" \
	azs_wait_for 4 more_starts crasher $((crasher_starts + 2))
azs_check "... the silent client is closed after the 5 s deadline" \
	azs_wait_for 10 sh -c "! kill -0 $silent"
azs_check "... not before it" \
	sh -c "n=\$(sed -n 's/^closed after \([0-9]*\) ms$/\1/p' /tmp/silent.out); [ -n \"\$n\" ] && [ \$n -ge 4500 ] && [ \$n -le 9000 ]"
cat /tmp/silent.out | sed 's/^/# silent client: /'
azs_check "a request that is not JSON is answered with an error at once" \
	sh -c "$ctl $sock 3 '{\"op\":' | grep -q 'not one JSON object'"

azs_check "an app with a GPIO installs" azs-appctl install $img/led-v1
azs_wait_for 5 running $led
led_cg=$(stat -c %i $cg/$led)
azs_check "its GPIO is assigned to its uid" test "$(owner_of 8)" = "$(azs_app_field $led uid)"
azs_check "another app wanting the same GPIO is refused" sh -c "! azs-appctl install $img/thief | grep -q '\"ok\":true'"
azs_check "... naming the conflict" sh -c "azs-appctl install $img/thief | grep -q 'GPIO 8'"
# Stopped, its pid 1 is kept; an update drops it (the new version gets a fresh sandbox).
azs-appctl stop $led > /dev/null
led_p1=$(cat $cg/$led/cgroup.procs)
azs_check "stopped, the app with a GPIO keeps its pid 1" test -n "$led_p1"
azs_check "unlocked, an update to other peripherals applies at once" azs-appctl install $img/led-v2
azs_check "... GPIO 9 is now the app's" test "$(owner_of 9)" = "$(azs_app_field $led uid)"
azs_check "... and the new version runs" azs_wait_for 5 logs_have $led "led v2 tick"
azs_check "... in a new cgroup, not the one kept for the old version" \
	test "$(stat -c %i $cg/$led)" != "$led_cg"
azs_check "... under a new pid 1, the old version's gone" \
	sh -c "test '$(azs_app_field $led pid)' != '$led_p1' && ! kill -0 $led_p1"
azs-appctl stop $led > /dev/null
led_p1=$(cat $cg/$led/cgroup.procs)
azs_check "removing an app releases its GPIOs" azs-appctl remove $led
azs_check "... and ends its kept pid 1" sh -c "[ -n '$led_p1' ] && ! kill -0 $led_p1"
azs_check "... and removes its cgroup" test ! -e $cg/$led
azs_check "... GPIO 8 is free" test "$(owner_of 8)" = none

azs_check "an app with MutableStorage installs" azs-appctl install $img/counter
azs_check "its storage starts empty" azs_wait_for 10 logs_have $counter "count 1"
azs-appctl stop $counter > /dev/null
azs-appctl start $counter > /dev/null
azs_check "its storage survives a restart" azs_wait_for 10 logs_have $counter "count 2"
# The second and third runs enforce the Landlock ruleset the first one made
# in the kept root, with their own /proc and /tmp added (docs/sandbox.md).
landlock_runs() { azs-appctl logs $counter | grep -c 'landlock: / EACCES, /tmp write ok, /tmp exec EACCES'; }
azs-appctl stop $counter > /dev/null
azs-appctl start $counter > /dev/null
azs_wait_for 10 logs_have $counter "count 3"
azs_check "Landlock holds in each run with the kept ruleset: / unlisted, this run's /tmp writable" \
	test "$(landlock_runs)" = 3
azs_check "its mutable file is in its storage" test -f /mnt/flash/azsphere/storage/$counter/mutable
azs_check "the storage belongs to the app's uid alone" \
	test "$(stat -c '%u %a' /mnt/flash/azsphere/storage/$counter)" = "$(azs_app_field $counter uid) 700"

azs-appctl install $img/led-v1 > /dev/null
# The daemon dies without warning, and comes back (with more memory per app).
before=$(azs-fwctl status)
# Only the daemon. Its sandboxes die with it (their pid 1 has PDEATHSIG):
# no app is ever left running unsupervised.
daemon=$(cat /tmp/appmand.pid)
kill -9 "$daemon"
azs_wait_for 10 sh -c "! kill -0 $daemon"
azs_check "its apps die with it" azs_wait_for 10 sh -c "! test -s $cg/$ticker/cgroup.procs"
azs_check "after SIGKILL the daemon starts again" azs_start_appmand --memory-max 16777216
azs_check "installed apps are still there and run" azs_wait_for 5 running $ticker
azs_check "the cgroups left behind were cleaned up" grep -q "cleaned up the sandbox of $ticker" /tmp/appmand.log
azs_check "the app with a GPIO runs again" azs_wait_for 5 running $led
azs_check "nothing is assigned twice" test "$(azs-fwctl status)" = "$before"
azs_check "the stopped app stays stopped" state_is $stubborn stopped
azs_check "the memory limit is configurable" test "$(cat $cg/$ticker/memory.max)" = $((16777216 + 131072))
azs_check "the counter's storage survived the daemon" azs_wait_for 10 logs_have $counter "count 4"
azs-appctl remove $counter > /dev/null
azs_check "removing the app deletes its storage" test ! -e /mnt/flash/azsphere/storage/$counter

azs-appctl install $img/spawner > /dev/null
azs_wait_for 5 running $spawner
azs_check "a daemonised grandchild is in the app's cgroup" azs_wait_for 5 procs_at_least $spawner 3
azs-appctl stop $spawner > /dev/null
azs_check "stopping ends the grandchild too" no_procs $spawner

# Fail closed: the firewall device unreadable (/dev/null bound over it in a
# mount namespace of the daemon's own). It must not run apps unlocked and
# unknown: nothing starts, every request is refused naming why, the console
# says so.
daemon=$(cat /tmp/appmand.pid)
kill "$daemon"
azs_wait_for 10 sh -c "! kill -0 $daemon"
fsock=/run/azs-fault/appman.sock
unshare -m --propagation private sh -c \
	"mount --bind /dev/null /dev/azsphere-firewall && exec /usr/sbin/azs-appmand --socket $fsock" \
	>> /tmp/appmand-fault.log 2>&1 &
fault=$!
no_app_procs() { ! cat $cg/*/cgroup.procs 2> /dev/null | grep -q .; }
azs_check "with the firewall unreadable the daemon still answers" azs_wait_for 10 test -S $fsock
sleep 1
azs_check "... refusing every request, naming why" \
	sh -c "$ctl $fsock 5 '{\"op\":\"list\"}' | grep 'refuses to serve: cannot read the peripheral firewall'"
azs_check "... an install too" \
	sh -c "$ctl $fsock 5 '{\"op\":\"install\",\"image\":\"$img/quiet\"}' | grep '\"ok\":false.*refuses to serve'"
azs_check "... and no app runs" no_app_procs
azs_check "... the console says so" sh -c "dmesg | grep -q 'azs-appmand: the application manager refuses to serve'"
sed 's/^/# fault daemon: /' /tmp/appmand-fault.log | tail -n 5
kill "$fault"
azs_wait_for 10 sh -c "! kill -0 $fault"
echo "1..$azs_tap_n"
sed 's/^/# appmand: /' /tmp/appmand.log | grep -v tick | tail -n 40
azs_check_dmesg
