# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 21
# The one-way firewall lock, in a boot of its own: lock_test configures and
# locks, then the board's classes are checked under the locked configuration
# (board_locked: its tests SKIP on an unlocked firewall, and no SKIP is
# expected here, so the lock is checked first and must hold).
. /etc/azs/lib.sh
azs_kselftest firewall_lock
echo "TAP version 13"
echo "1..1"
azs_check "the firewall is locked before board_locked" sh -c "azs-fwctl status | grep -q '^locked 1'"
azs_kselftest board_locked
azs_check_dmesg
