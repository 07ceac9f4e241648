# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 8
# The boot rows of the benchmark alone (docs/performance.md; not part of make
# check, in the bench image only: device/build-image --bench): azs-appmand
# from its exec until it answers and every installed app reached main(), with
# 16, 8, 1 and no small packages installed, as in bench.sh, in a few minutes
# instead of make bench's run:
#   tests/bench/run --suite bench_boot   (its table has the boot rows only)
. /etc/azs/lib.sh
. "${AZS_SUITES_DIR:-/usr/lib/azs-tests/suites}/bench.lib"
reps=9
echo "TAP version 13"
m "the application manager starts" azs_start_appmand
m "the 16 small packages installed" install_range 1 16
boot_rows
