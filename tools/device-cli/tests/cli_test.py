#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# azs-host-tests: 22
# The azsphere CLI's own behaviour against a stand-in gateway
# (fake_device.py): help, suggestions, options anywhere, the output formats,
# --query, and the handshake (the stand-in loses the first lines, as a device
# still booting does).
import json, os, subprocess, sys, tempfile, time

cli = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
tmp = tempfile.mkdtemp(prefix="azs-cli-")
sock = os.path.join(tmp, "s")
fake = subprocess.Popen([sys.executable, os.path.join(here, "fake_device.py"), sock, "2"],
                        stdout=subprocess.PIPE, text=True)
fake.stdout.readline()
env = dict(os.environ, AZS_DEVICE_SOCKET=sock)
n, failed = 0, False
PKG = "11111111-2222-4333-8444-000000000020"


def run(*args):
    r = subprocess.run([cli, *args], env=env, capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout, r.stderr


def check(desc, ok, detail=""):
    global n, failed
    n += 1
    print(("ok %d %s" if ok else "not ok %d %s") % (n, desc))
    if not ok:
        failed = True
        for line in str(detail).splitlines():
            print("#   " + line)


try:
    t = time.time()
    rc, out, err = run("device", "app", "show-status", "-o", "json")
    check("the first call gets through although the first lines are lost (hello handshake)",
          rc == 0 and json.loads(out)[0]["componentId"] == PKG, out + err)
    check("... after a retry a second later, not a failure", time.time() - t < 10, time.time() - t)
    rc, out, err = run("device", "app", "start", "--help")
    check("per-verb --help: stdout, exit 0", rc == 0 and "--component-id -i" in out and not err, out + err)
    rc, out, err = run("--help")
    check("azsphere --help lists the groups", rc == 0 and "image-package" in out and "device" in out, out + err)
    rc, out, err = run("device", "ap", "show-status")
    check("an unknown verb: did you mean, exit 2",
          rc == 2 and "Did you mean 'azsphere device app'" in err and not out, out + err)
    rc, out, err = run("device", "app", "show-stauts")
    check("... deeper too", rc == 2 and "azsphere device app show-status" in err, out + err)
    rc, out, err = run("device", "app", "show-status", "--component-idd", PKG)
    check("an unknown option: did you mean, exit 2", rc == 2 and "Did you mean '--component-id'" in err, out + err)
    rc, out, err = run("device", "app", "show-status", "-o", "xml")
    check("an unknown output format is refused, naming the choices", rc == 2 and "'yaml'" in err, out + err)
    rc, out, err = run("device", "app", "show-status", "-i", "not-a-guid")
    check("a malformed component ID is refused before anything is sent", rc == 2 and "not a component ID" in err, out + err)
    rc, out, err = run("device", "app", "show-status", "--output", "json")
    check("--output after the verb", rc == 0 and json.loads(out)[1]["state"] == "failed", out + err)
    rc, out, err = run("-o", "json", "device", "app", "show-status", "-i", PKG)
    check("-o before the group; -i filters", rc == 0 and len(json.loads(out)) == 1, out + err)
    rc, out, err = run("device", "app", "show-status", "-i", "11111111-2222-4333-8444-000000000099")
    check("a component ID that isn't installed is an error, not the whole list", rc == 1 and "no application" in err and not out, out + err)
    rc, out, err = run("device", "app", "show-status")
    check("table: headers as az names them, one row per app",
          rc == 0 and out.splitlines()[0].startswith("ComponentId") and set(out.splitlines()[1]) <= {"-", " "} and len(out.splitlines()) == 4, out + err)
    rc, out, err = run("device", "app", "show-status", "-o", "tsv")
    check("tsv: tab-separated values", rc == 0 and out.splitlines()[0].split("\t")[:3] == [PKG, "pkgticker", "running"], out + err)
    rc, out, err = run("device", "app", "show-status", "-o", "yaml")
    check("yaml", rc == 0 and "- componentId: " + PKG in out and "name: sdk ticker" in out, out + err)
    rc, out, err = run("device", "app", "show-status", "-o", "jsonc")
    check("jsonc: coloured JSON", rc == 0 and "\033[" in out and PKG in out, out + err)
    rc, out, err = run("device", "app", "show-status", "-o", "none")
    check("none: nothing", rc == 0 and out == "", out + err)
    rc, out, err = run("device", "app", "show-status", "--query", "[?state=='failed'].componentId", "-o", "json")
    check("--query filter and projection", rc == 0 and json.loads(out) == ["11111111-2222-4333-8444-000000000021"], out + err)
    rc, out, err = run("device", "app", "show-status", "--query", "[].{Id:componentId,R:restarts}", "-o", "json")
    check("--query multiselect", rc == 0 and json.loads(out)[1] == {"Id": "11111111-2222-4333-8444-000000000021", "R": 3}, out + err)
    rc, out, err = run("device", "app", "show-status", "--query", "[?state=failed]")
    check("a malformed --query is refused, saying where", rc == 2 and "--query" in err and "position" in err, out + err)
    rc, out, err = run("device", "capability", "show-attached", "-o", "json")
    check("capabilities by name in JSON", rc == 0 and json.loads(out)["deviceCapabilities"] == ["EnableAppDevelopment"], out + err)
    rc, out, err = run("device", "wifi", "list")
    check("an op the gateway lacks: a clear error", rc == 1 and "does not support 'azsphere device wifi list'" in err, out + err)
finally:
    fake.kill()
    fake.wait()
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
print("1..%d" % n)
sys.exit(1 if failed else 0)
