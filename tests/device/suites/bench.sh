# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 21
# The benchmark (make bench; docs/performance.md), in the bench image only
# (device/build-image --bench): not part of make check. Each measurement
# prints "bench KEY V1 V2 ..." lines (tests/bench/azs-bench.c), REPS values
# each; the host side (tests/bench/run) makes the table. A check here says
# only that the measurement ran; the targets are judged in the table.
. /etc/azs/lib.sh
. "${AZS_SUITES_DIR:-/usr/lib/azs-tests/suites}/bench.lib"
pol=/etc/azs/policy/seccomp-app.json
reps=9 # at least 7 (issue 15)
big=22222222-3333-4444-8555-000000000200
# The daemon's memory once its apps are all running (they print main()).
memory_series() {
	memory_at apps1 1 && install_range 2 4 && memory_at apps4 4 &&
		install_range 5 8 && memory_at apps8 8 && install_range 9 16 && memory_at apps16 16
}
memory_at() { # memory_at KEY N
	for i in $(seq 1 "$2"); do
		azs_wait_for 30 sh -c "azs-appctl logs $(cid "$(printf %02d "$i")") | grep -q azs-bench-main" ||
			return 1
	done
	sleep 1
	azs-bench memory "$1" "$(daemon)"
}

echo "TAP version 13"
echo "# bench: $reps repetitions; packages: $(ls -l $b/bench01.azsp $b/benchbig.azsp | awk '{printf "%s %s B; ", $9, $5}')"
m "the application manager starts" azs_start_appmand
m "daemon memory, idle" azs-bench memory idle "$(daemon)"
m "verification of the small package, and its SHA-256" tagged small azs-bench verify "$reps" $b/bench01.azsp
m "verification of the 8 MiB package, and its SHA-256" tagged big azs-bench verify "$reps" $b/benchbig.azsp
m "install of the small package" tagged small azs-bench install "$reps" $b/bench01.azsp "$(cid 01)"
m "install of the 8 MiB package" tagged big azs-bench install "$reps" $b/benchbig.azsp $big
m "app start, small package" tagged small azs-bench start-appmand "$reps" "$(cid 01)"
m "app start, 8 MiB package" tagged big azs-bench start-appmand "$reps" $big
m "the 8 MiB package removed" azs-appctl remove $big
m "fork+exec of the same app" azs-bench start-fork "$reps" $b/images/bench01
m "bwrap with the same filter" azs-bench start-bwrap "$reps" $b/images/bench01 $pol
# crun: the same image read-only, the same namespaces, the policy's allowlist.
mkdir -p /tmp/crun-bundle /run/crun
cat > /tmp/crun-bundle/config.json <<JSON
{
  "ociVersion": "1.0.2",
  "process": {"terminal": false, "user": {"uid": 2001, "gid": 2001}, "args": ["/bin/app", "exit"],
    "cwd": "/", "noNewPrivileges": true,
    "capabilities": {"bounding": [], "effective": [], "permitted": [], "inheritable": [], "ambient": []}},
  "root": {"path": "$b/images/bench01", "readonly": true},
  "hostname": "bench",
  "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]}],
  "linux": {
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"},
      {"type": "mount"}, {"type": "cgroup"}],
    "resources": {"memory": {"limit": 268435456}, "pids": {"limit": 16}},
    "seccomp": $(azs-bench oci-seccomp $pol)
  }
}
JSON
m "crun run with a comparable config" azs-bench start-crun "$reps" /tmp/crun-bundle
m "getppid bare and under the app filter" azs-bench syscall "$reps" 200000 $pol
# Peripheral calls, applibs and the raw system call on the same fd: the
# peripheral app (tests/bench/benchperiph.c) installed and started as an app,
# its "bench periph-..." lines read from its log; removed before the memory
# series.
m "peripheral calls, applibs and the raw call" periph_calls

# The daemon's memory at 1, 4, 8, 16 running apps.
m "daemon memory at 1, 4, 8 and 16 apps" memory_series

# Boot: the daemon from exec to answering with every installed app at main()
# (boot_rows: bench.lib).
boot_rows
