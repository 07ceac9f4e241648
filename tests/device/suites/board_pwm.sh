# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 17
# The board's PWM controllers: sysfs PWM interface, firewall, control files.
. /etc/azs/lib.sh
azs_kselftest board_pwm
azs_check_dmesg
