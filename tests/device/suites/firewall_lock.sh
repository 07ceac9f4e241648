# SPDX-License-Identifier: MIT
# azs-boots: 1
# The one-way firewall lock, in a boot of its own.
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c firewall_lock
azs_check_dmesg
