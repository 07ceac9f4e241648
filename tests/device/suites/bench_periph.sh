# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 2
# The peripheral-call rows of the benchmark alone (docs/performance.md; not
# part of make check, in the bench image only: device/build-image --bench):
# the peripheral app installed and started as in bench.sh, in a minute or two
# instead of make bench's run:
#   tests/bench/run --suite bench_periph   (its table has those rows only)
. /etc/azs/lib.sh
. "${AZS_SUITES_DIR:-/usr/lib/azs-tests/suites}/bench.lib"

echo "TAP version 13"
m "the application manager starts" azs_start_appmand
m "peripheral calls, applibs and the raw call" periph_calls
