# SPDX-License-Identifier: MIT
# TAP results for the host shell tests (sourced): pass TEXT, fail TEXT [WHY];
# the script ends with  echo "1..$n"; exit $bad
n=0
bad=0

pass() {
	n=$((n + 1))
	echo "ok $n $1"
}

fail() {
	n=$((n + 1))
	echo "not ok $n $1${2:+ # $2}"
	bad=1
}
