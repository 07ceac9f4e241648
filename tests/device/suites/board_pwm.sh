# SPDX-License-Identifier: MIT
# azs-boots: 1
# The board's PWM controllers: sysfs PWM interface, firewall, control files.
. /etc/azs/lib.sh
/usr/lib/kselftests/run_kselftest.sh -c board_pwm
azs_check_dmesg
