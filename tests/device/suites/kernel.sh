# SPDX-License-Identifier: MIT
# azs-boots: 1
# The kernel modules' kselftests that share one boot (no one-way state).
/usr/lib/kselftests/run_kselftest.sh -c secmon
