# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 6
# The start rows of the benchmark alone (docs/performance.md; not part of make
# check, in the bench image only: device/build-image --bench): app start,
# fork+exec and bwrap as in bench.sh, the parts of a start measured alone
# (azs-bench start-parts) and getppid under the filter, in a few minutes
# instead of make bench's run:
#   tests/bench/run --suite bench_start   (its table has the start rows only)
. /etc/azs/lib.sh
. "${AZS_SUITES_DIR:-/usr/lib/azs-tests/suites}/bench.lib"
pol=/etc/azs/policy/seccomp-app.json
reps=9
echo "TAP version 13"
m "the application manager starts" azs_start_appmand
m "install of the small package" azs-appctl install $b/bench01.azsp
m "app start, small package" tagged small azs-bench start-appmand "$reps" 22222222-3333-4444-8555-000000000101
m "fork+exec and bwrap of the same app" sh -c "azs-bench start-fork $reps $b/images/bench01 && azs-bench start-bwrap $reps $b/images/bench01 $pol"
m "parts of a start" azs-bench start-parts "$reps" $pol
m "getppid bare and under the app filter" azs-bench syscall "$reps" 200000 $pol
