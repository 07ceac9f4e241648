# SPDX-License-Identifier: MIT
# azs-boots: 1
# The kernel modules' kselftests that share one boot (no one-way state).
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c secmon -c firewall -c security
azs_check_dmesg
