# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 2
# The peripheral-call rows of the benchmark alone (docs/performance.md; not
# part of make check, in the bench image only: device/build-image --bench):
# the peripheral app installed and started as in bench.sh, in a minute or two
# instead of make bench's run:
#   tests/bench/run --suite bench_periph   (its table has those rows only)
. /etc/azs/lib.sh
b=/usr/lib/azs-bench
periph=22222222-3333-4444-8555-000000000300
n=0
m() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" > /tmp/bench.out 2> /tmp/bench.err; then
		grep '^bench ' /tmp/bench.out
		echo "ok $n $desc"
	else
		grep '^bench ' /tmp/bench.out
		echo "not ok $n $desc"
		sed 's/^/# /' /tmp/bench.err | head -n 20
	fi
}
# As bench.sh's.
periph_calls() {
	azs-appctl install $b/benchperiph.azsp > /dev/null || return 1
	azs_wait_for 300 sh -c "azs-appctl logs $periph | grep -qE 'bench-periph-(done|failed)'"
	azs-appctl logs $periph | tr -d '\r' > /tmp/periph.log
	azs-appctl remove $periph > /dev/null || return 1
	sed -n 's/.*\(bench periph-[a-z0-9-]* [0-9 ]*\)$/\1/p' /tmp/periph.log
	grep -q bench-periph-done /tmp/periph.log || { tail -n 20 /tmp/periph.log >&2; return 1; }
}

echo "TAP version 13"
m "the application manager starts" azs_start_appmand
m "peripheral calls, applibs and the raw call" periph_calls
