# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 7
# The long soak (make soak, not in make check): suite soak with 10000 cycles.
AZS_SOAK_CYCLES=10000 sh /usr/lib/azs-tests/suites/soak.sh
