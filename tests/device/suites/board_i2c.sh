# SPDX-License-Identifier: MIT
# azs-boots: 1
# The simulated board's I2C masters and the sensor on them.
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c board_i2c
azs_check_dmesg
