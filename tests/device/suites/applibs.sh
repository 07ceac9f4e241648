# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 15
# applibs on the simulated board: each peripheral API as an app (uid 1000)
# with and without its resources, and the sample apps end to end.
. /etc/azs/lib.sh
azs_kselftest applibs
azs_check_dmesg
