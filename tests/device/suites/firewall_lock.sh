# SPDX-License-Identifier: MIT
# azs-boots: 1
# The one-way firewall lock, in a boot of its own: lock_test configures and
# locks, then the board's classes are checked under the locked configuration.
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c firewall_lock
if grep -q '^board_locked:' /usr/lib/kselftests/kselftest-list.txt; then
	/usr/lib/kselftests/run_kselftest.sh -c board_locked
fi
azs_check_dmesg
