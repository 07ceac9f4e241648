# SPDX-License-Identifier: MIT
# azs-boots: 1
# The simulated board's UART class: kselftest collection board_uart.
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c board_uart
azs_check_dmesg
