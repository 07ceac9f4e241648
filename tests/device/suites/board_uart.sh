# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 24
# The simulated board's UART class: kselftest collection board_uart.
. /etc/azs/lib.sh
azs_kselftest board_uart
azs_check_dmesg
