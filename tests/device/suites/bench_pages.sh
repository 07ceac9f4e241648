# SPDX-License-Identifier: MIT
# azs-boots: 1
# azs-tests: 2
# Which pages of its binary an idle azs-appmand has touched (tests/bench/hot-text,
# which remakes containerd-lite/src/appmand-hot.ld; not part of make check): the
# kernel's fault-around off, so a page is present only if the daemon used it.
# Prints "PRESENT PERMS ADDRESS" per present page of each mapping of the binary.
. /etc/azs/lib.sh
echo "TAP version 13"
fab=/sys/kernel/debug/fault_around_bytes
[ -e $fab ] || mount -t debugfs none /sys/kernel/debug
if echo 4096 > $fab && [ "$(cat $fab)" = 4096 ]; then
	echo "ok 1 fault-around off"
else
	echo "not ok 1 fault-around off (needs debugfs's fault_around_bytes)"
fi
if ! azs_start_appmand; then
	echo "not ok 2 the application manager starts"
	exit 0
fi
sleep 1
pid=$(cat /tmp/appmand.pid)
grep -E "^(Rss|Pss)" /proc/$pid/smaps_rollup | sed 's/^/# /'
grep azs-appmand /proc/$pid/maps | while read -r range perm _; do
	s=${range%-*}
	e=${range#*-}
	sp=$((0x$s / 4096))
	np=$(((0x$e - 0x$s) / 4096))
	# pagemap: 8 bytes a page, bit 63 = present.
	dd if=/proc/$pid/pagemap bs=8 skip=$sp count=$np 2> /dev/null | od -An -v -tx8 |
		awk -v s=$sp -v p="$perm" '{ for (i = 1; i <= NF; i++) {
			if (substr($i, 1, 1) ~ /[89a-f]/) printf "PRESENT %s %x\n", p, (s + k) * 4096; k++ } }'
done
echo "ok 2 the pages of an idle azs-appmand"
