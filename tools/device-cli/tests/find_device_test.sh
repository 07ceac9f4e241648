#!/bin/sh
# SPDX-License-Identifier: MIT
# The device CLI finds the running device from any folder (ctest
# host.device_cli_find): --device PATH anywhere on the line, else
# $AZS_DEVICE_SOCKET, else the socket device/run publishes as
# BASE/device.sock (BASE: $AZS_RUNTIME_DIR here, so that no real device of
# this machine answers), and a clear error when there is none. Stand-in
# devices answer show-attached with their own name.
# Usage: find_device_test.sh AZSPHERE
set -u
cli=$1
n=0
bad=0
tmp=$(mktemp -d /tmp/azs-cli-XXXXXX)
pids=
cleanup() {
	for p in $pids; do kill "$p" 2> /dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT

result() { # OK DESCRIPTION DETAIL
	n=$((n + 1))
	if [ "$1" -eq 1 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		echo "$3" | sed 's/^/#   /'
		bad=1
	fi
}

# A stand-in device at PATH answering every request (the CLI's hello, then
# its request, on one connection) with deviceIdentifier NAME.
fake_device() { # PATH NAME
	python3 - "$1" "$2" <<'EOF' &
import json, os, socket, sys
path, name = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path)
s.listen(4)
s.settimeout(60)
while True:
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    buf = b""
    c.settimeout(10)
    try:
        while True:
            chunk = c.recv(4096)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                try:
                    req = json.loads(line)
                    c.sendall((json.dumps({"id": req["id"], "deviceIdentifier": name}) + "\n").encode())
                except (ValueError, KeyError):
                    pass
    except (socket.timeout, OSError):
        pass
    c.close()
EOF
	pids="$pids $!"
	i=0
	while [ ! -S "$1" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

base=$tmp/base
mkdir -p "$base" "$tmp/run1" "$tmp/other" "$tmp/elsewhere"
export AZS_RUNTIME_DIR=$base
unset AZS_DEVICE_SOCKET
cd "$tmp/elsewhere" || exit 1

echo "TAP version 13"
out=$("$cli" device show-attached 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "no running device found" &&
	echo "$out" | grep -qF "$base/device.sock" && echo "$out" | grep -q "make run"
result $((! $?)) "no device running: exit 1, naming where it looked and how to start one" "exit $rc: $out"

fake_device "$tmp/run1/channel.sock" published
ln -s "$tmp/run1/channel.sock" "$base/device.sock"
out=$("$cli" --output json device show-attached 2>&1)
echo "$out" | grep -q '"deviceId": "published"'
result $((! $?)) "from another folder, the published device answers" "$out"

fake_device "$tmp/other/channel.sock" other
out=$(AZS_DEVICE_SOCKET=$tmp/other/channel.sock "$cli" device show-attached 2>&1)
echo "$out" | grep -q '^other '
result $((! $?)) "\$AZS_DEVICE_SOCKET comes before the published device" "$out"

out=$(AZS_DEVICE_SOCKET=$tmp/nowhere "$cli" device show-attached --device "$tmp/other/channel.sock" 2>&1)
echo "$out" | grep -q '^other '
result $((! $?)) "--device PATH after the command comes before \$AZS_DEVICE_SOCKET" "$out"

out=$("$cli" device --device "$tmp/other/channel.sock" show-attached 2>&1)
echo "$out" | grep -q '^other '
result $((! $?)) "--device PATH in the middle of the command" "$out"

out=$("$cli" device show-attached --device 2>&1)
rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q -- "--device: expected one argument"
result $((! $?)) "--device without its value is a usage error" "exit $rc: $out"

out=$("$cli" device show-attached --device "$tmp/nowhere" 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -qF "no device at $tmp/nowhere"
result $((! $?)) "a --device where nothing runs is named in the error" "exit $rc: $out"

# device/run was killed: its link is left, pointing at nothing.
rm -f "$base/device.sock"
ln -s "$tmp/gone/channel.sock" "$base/device.sock"
out=$("$cli" device show-attached 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "no running device found"
result $((! $?)) "a link left by a device that is gone is not a running device" "exit $rc: $out"

echo "1..$n"
exit $bad
