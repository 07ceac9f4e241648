# SPDX-License-Identifier: MIT
# azs-boots: 1
# The simulated board's ADC class: kselftest collection board_adc.
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c board_adc
azs_check_dmesg
