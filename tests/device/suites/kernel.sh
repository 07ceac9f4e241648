# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 33
# The kernel modules' kselftests that share one boot (no one-way state).
. /etc/azs/lib.sh
azs_kselftest secmon firewall security
azs_check_dmesg
