# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 12
# The simulated board's ADC class: kselftest collection board_adc.
. /etc/azs/lib.sh
azs_kselftest board_adc
azs_check_dmesg
