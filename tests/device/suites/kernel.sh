# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 69
# The kernel modules' kselftests that share one boot (no one-way state), and
# the uAPI layouts as this architecture's compiler lays them out.
. /etc/azs/lib.sh
azs_kselftest secmon firewall security uapi
azs_check_dmesg
