#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# A stand-in for the device's azs-gatewayd on a unix socket, for the CLI's
# host tests: it ignores the first DROP lines (a device still booting loses
# them), then answers "hello" and a few ops with fixed device state.
import json, os, socket, sys

path, drop = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0
APPS = [{"cid": "11111111-2222-4333-8444-000000000020", "name": "pkgticker", "state": "running",
         "uid": 1001, "pid": 42, "restarts": 0, "peripherals": 1},
        {"cid": "11111111-2222-4333-8444-000000000021", "name": "sdk ticker", "state": "failed",
         "uid": 1002, "pid": 0, "restarts": 3, "peripherals": 0, "why": "exit 1"}]
ANSWERS = {
    "hello": {"hello": "fake"},
    "show-attached": {"deviceIdentifier": "ab" * 64, "manufacturingState": "Blank", "bootId": "b1"},
    "capabilities": {"device_capabilities": [11], "sequence": 1},
    "app-status": {"ok": True, "apps": APPS, "locked": False},
}
try:
    os.unlink(path)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(path)
s.listen(4)
print("ready", flush=True)
seen = 0
while True:
    c, _ = s.accept()
    buf = b""
    with c:
        while True:
            data = c.recv(65536)
            if not data:
                break
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                seen += 1
                if seen <= drop:
                    continue
                req = json.loads(line)
                ans = dict(ANSWERS.get(req.get("op"), {"error": "unknown op", "errno": 95}))
                ans["id"] = req.get("id")
                c.sendall((json.dumps(ans) + "\n").encode())
