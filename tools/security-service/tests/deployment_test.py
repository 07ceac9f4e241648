#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Deployments (docs/deployment.md): "deployment create" writes the packages
# and a manifest whose fields, hashes and signature are checked here
# independently (struct, hashlib, the openssl command); "deployment verify"
# (the device's own check, azs_deployment_open_dir) accepts it and refuses
# every tampered variant: a bit flip anywhere in the manifest, a damaged,
# swapped, missing or extra package, the wrong key, and a manifest correctly
# signed by the production key that lists an SDK-signed package.
# Usage: deployment_test.py AZS_SECURITY_SERVICE IMAGE_PACKAGE GEN_KEYS TEST_APP
import hashlib, json, os, shutil, struct, subprocess, sys, tempfile

ss, ip, gen_keys, app = sys.argv[1:5]
tmp = tempfile.mkdtemp(prefix="azs-deploy-test.")
n = 0
failed = False
A = "2a3b4c5d-6e7f-4a8b-9c0d-0000000000a1"
B = "2a3b4c5d-6e7f-4a8b-9c0d-0000000000b2"


def check(desc, cond, detail=""):
    global n, failed
    n += 1
    print(("ok %d %s" if cond else "not ok %d %s") % (n, desc))
    if not cond:
        failed = True
        for line in str(detail).splitlines():
            print("#   " + line)


def run(*args):
    r = subprocess.run(list(args), capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr


def must(*args):
    rc, out, err = run(*args)
    if rc:
        print("Bail out! %s: %s" % (" ".join(args), err.strip()))
        sys.exit(1)
    return out


def path(*p):
    return os.path.join(tmp, *p)


def key_id(pub_pem):
    der = subprocess.run(["openssl", "ec", "-pubin", "-in", pub_pem, "-outform", "DER"],
                         capture_output=True, check=True).stdout
    return hashlib.sha256(der[-65:]).digest()[:8]


def raw_signature(key_pem, data):
    """ECDSA P-256 over SHA-256 by the openssl command, as raw r || s."""
    with open(path("tosign"), "wb") as f:
        f.write(data)
    der = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key_pem, path("tosign")],
                         capture_output=True, check=True).stdout
    assert der[0] == 0x30
    i = 2 if der[1] < 0x80 else 3
    out = b""
    for _ in range(2):
        assert der[i] == 0x02
        ln = der[i + 1]
        out += der[i + 2:i + 2 + ln].lstrip(b"\0").rjust(32, b"\0")
        i += 2 + ln
    return out


def write_manifest(dirname, entries, key_pem, pub_pem, sequence=7, drop=None):
    """A deployment manifest written independently of the C code."""
    doc = {"SchemaVersion": 1, "DeploymentId": "0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3",
           "Sequence": sequence, "Packages": entries}
    if drop:
        del doc[drop]
    body = json.dumps(doc).encode()
    total = 32 + len(body) + 64
    head = struct.pack("<8sHHIIHH8s", b"AZSDPL\r\n", 1, 32, 0, total, 2, 0, key_id(pub_pem))
    with open(os.path.join(dirname, "deployment.azsd"), "wb") as f:
        f.write(head + body + raw_signature(key_pem, head + body))


def entry(cid, pkg):
    data = open(pkg, "rb").read()
    return {"ComponentId": cid, "Name": "x", "Size": len(data),
            "Sha256": hashlib.sha256(data).hexdigest()}


def verify(dirname, store=None):
    return run(ss, "deployment", "verify", "--key-store", store or path("store"),
               "--deployment", dirname)


print("TAP version 13")
must(gen_keys, path("sdk"), path("sdk", "rot.h"))
for s in ("store", "other"):
    must(ss, "init", "--key-store", path(s))
    must(ss, "trust-sdk-key", "--key-store", path(s), "--public-key", path("sdk", "sdk.pub.pem"))
pkgs = {}
for name, cid in (("A", A), ("B", B)):
    d = path("app" + name)
    os.makedirs(os.path.join(d, "bin"))
    shutil.copy(app, os.path.join(d, "bin", "app"))
    with open(os.path.join(d, "app_manifest.json"), "w") as f:
        json.dump({"SchemaVersion": 1, "Name": "App" + name, "ComponentId": cid,
                   "EntryPoint": "/bin/app", "CmdArgs": [], "Capabilities": {},
                   "ApplicationType": "Default"}, f)
    must(ip, "pack-application", "--input", d, "--destination", path(name + ".sdk.azsp"),
         "--keys", path("sdk"))
    must(ss, "production-sign", "--key-store", path("store"), "--in", path(name + ".sdk.azsp"),
         "--out", path(name + ".prod.azsp"))
    pkgs[name] = path(name + ".prod.azsp")

# --- create, and what it wrote -------------------------------------------------------------
dep = path("dep")
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", dep,
                   "--package", pkgs["A"], "--package", pkgs["B"])
check("create: a deployment of two production-signed packages", rc == 0, err)
files = sorted(os.listdir(dep)) if os.path.isdir(dep) else []
check("create: the manifest and the packages, named by ComponentId",
      files == sorted(["deployment.azsd", A + ".azsp", B + ".azsp"]), files)
data = open(os.path.join(dep, "deployment.azsd"), "rb").read() if files else b"\0" * 200
magic, ver, hsize, flags, total, role, res, kid = struct.unpack("<8sHHIIHH8s", data[:32])
check("manifest header: magic, version 1, 32 bytes, no flags, its own size",
      (magic, ver, hsize, flags, total, res) == (b"AZSDPL\r\n", 1, 32, 0, len(data), 0))
check("manifest header: signed by the store's production key (role 2, its key id)",
      role == 2 and kid == key_id(path("store", "production.pub.pem")))
try:
    body = json.loads(data[32:-64])
except ValueError as e:
    body = {"Packages": []}
listed = {p["ComponentId"]: p for p in body.get("Packages", [])}
good = set(listed) == {A, B}
for cid, name in ((A, "A"), (B, "B")):
    blob = open(pkgs[name], "rb").read()
    good = good and listed.get(cid, {}).get("Sha256") == hashlib.sha256(blob).hexdigest() \
        and listed[cid]["Size"] == len(blob) and open(os.path.join(dep, cid + ".azsp"), "rb").read() == blob
check("manifest JSON: each package's ComponentId, size and SHA-256", good, body)
check("manifest JSON: the store's first deployment has sequence 1", body.get("Sequence") == 1, body)
check("the store records the sequence it signed",
      open(path("store", "deployment-sequence")).read() == "1\n")
r, s_ = data[-64:-32].hex(), data[-32:].hex()
with open(path("sig.conf"), "w") as f:
    f.write("asn1 = SEQUENCE:sig\n[sig]\nr = INTEGER:0x%s\ns = INTEGER:0x%s\n" % (r, s_))
with open(path("signed"), "wb") as f:
    f.write(data[:-64])
rc1 = subprocess.run(["openssl", "asn1parse", "-genconf", path("sig.conf"), "-out", path("sig.der"),
                      "-noout"], capture_output=True).returncode
rc2 = subprocess.run(["openssl", "dgst", "-sha256", "-verify", path("store", "production.pub.pem"),
                      "-signature", path("sig.der"), path("signed")], capture_output=True).returncode
check("manifest signature verifies with the openssl command", rc1 == 0 and rc2 == 0)
rc, out, err = verify(dep)
check("verify: the deployment verifies", rc == 0 and "verified, 2" in out, out + err)


# --- tampered deployments -------------------------------------------------------------------
def tampered(desc, mutate, want, store=None):
    t = path("t")
    shutil.rmtree(t, ignore_errors=True)
    shutil.copytree(dep, t)
    mutate(t)
    rc, out, err = verify(t, store)
    check(desc, rc == 1 and want in err, "exit %d: %s" % (rc, err))


def flip(name, offset, bit=0):
    def m(t):
        p = os.path.join(t, name)
        b = bytearray(open(p, "rb").read())
        b[offset if offset >= 0 else len(b) + offset] ^= 1 << bit
        open(p, "wb").write(b)
    return m


M = "deployment.azsd"
tampered("bit flip in the manifest's magic", flip(M, 0), "magic")
tampered("bit flip in the manifest's total size", flip(M, 16), "total_size")
tampered("bit flip in the manifest's signer role", flip(M, 20), "signer_role")
tampered("bit flip in the manifest's key id", flip(M, 24), "not the production key")
sha_at = data.find(listed.get(A, {}).get("Sha256", "zz").encode())


def other_digit(t):
    p = os.path.join(t, M)
    b = bytearray(open(p, "rb").read())
    b[sha_at + 1] = ord("0") if b[sha_at + 1] != ord("0") else ord("1")
    open(p, "wb").write(b)


tampered("a package's hash changed in the manifest (one hex digit)", other_digit,
         "does not verify")
tampered("bit flip in the manifest's JSON: the signature is checked before it is parsed",
         flip(M, 32, 1), "does not verify")
tampered("bit flip in the manifest's signature (r)", flip(M, -64, 7), "signature")
tampered("bit flip in the manifest's signature (s)", flip(M, -1), "signature")
accepted = []
for off in range(len(data)):
    t = path("flip")
    shutil.rmtree(t, ignore_errors=True)
    shutil.copytree(dep, t)
    flip(M, off, off % 8)(t)
    if verify(t)[0] != 1:
        accepted.append(off)
check("every byte of the manifest: a bit flip there is refused (%d bytes)" % len(data),
      not accepted, "accepted after a flip at bytes %s" % accepted[:10])
tampered("a missing package", lambda t: os.unlink(os.path.join(t, B + ".azsp")), "is missing")
tampered("an extra file", lambda t: shutil.copy(pkgs["A"], os.path.join(t, "extra.azsp")),
         "not part of the signed deployment")
tampered("a package swapped for another production-signed one",
         lambda t: shutil.copy(pkgs["B"], os.path.join(t, A + ".azsp")), A + ".azsp")
tampered("bit flip in a package's payload", flip(A + ".azsp", 9000), A + ".azsp")
tampered("the same deployment checked with another Security Service's key", lambda t: None,
         "not the production key", store=path("other"))
tampered("a manifest signed with another Security Service's production key",
         lambda t: write_manifest(t, [entry(A, pkgs["A"]), entry(B, pkgs["B"])],
                                  path("other", "production.key.pem"),
                                  path("other", "production.pub.pem")),
         "not the production key")


def with_sdk_member(t):
    shutil.copy(path("A.sdk.azsp"), os.path.join(t, A + ".azsp"))
    write_manifest(t, [entry(A, path("A.sdk.azsp")), entry(B, pkgs["B"])],
                   path("store", "production.key.pem"), path("store", "production.pub.pem"))


# The independent writer is right: its manifest of the two good packages verifies.
t = path("rewritten")
shutil.copytree(dep, t)
write_manifest(t, [entry(A, pkgs["A"]), entry(B, pkgs["B"])], path("store", "production.key.pem"),
               path("store", "production.pub.pem"))
rc, out, err = verify(t)
check("a manifest written by this test and signed with the production key verifies", rc == 0, err)
tampered("a production-signed manifest listing an SDK-signed package: the whole deployment",
         with_sdk_member, "SDK-signed")
good_entries = [entry(A, pkgs["A"]), entry(B, pkgs["B"])]
prod = (path("store", "production.key.pem"), path("store", "production.pub.pem"))
tampered("a signed manifest without a Sequence",
         lambda t: write_manifest(t, good_entries, *prod, drop="Sequence"),
         "Sequence: missing required key")
tampered("a signed manifest with Sequence 0",
         lambda t: write_manifest(t, good_entries, *prod, sequence=0), "Sequence: must be between 1")
tampered("a signed manifest with a negative Sequence",
         lambda t: write_manifest(t, good_entries, *prod, sequence=-3), "Sequence: must be between 1")
tampered("a signed manifest with a Sequence beyond 2^53",
         lambda t: write_manifest(t, good_entries, *prod, sequence=2**53 + 1), "Sequence")
tampered("a signed manifest with a text Sequence",
         lambda t: write_manifest(t, good_entries, *prod, sequence="9"), "Sequence")

# --- create refuses -------------------------------------------------------------------------
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", path("d1"),
                   "--package", pkgs["A"], "--package", path("B.sdk.azsp"))
check("create: an SDK-signed package is refused, nothing written",
      rc == 1 and "SDK-signed" in err and not os.path.exists(path("d1")), err)
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", path("d2"),
                   "--package", pkgs["A"], "--package", pkgs["A"])
check("create: the same component twice is refused",
      rc == 1 and "both component" in err and not os.path.exists(path("d2")), err)
rc, out, err = run(ss, "deployment", "create", "--key-store", path("other"), "--output", path("d3"),
                   "--package", pkgs["A"])
check("create: a package another Security Service signed is refused",
      rc == 1 and "not a trusted key" in err and not os.path.exists(path("d3")), err)
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", dep,
                   "--package", pkgs["A"])
check("create: a directory that is not empty is refused, left as it was",
      rc == 1 and "not empty" in err and sorted(os.listdir(dep)) == files, err)
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", path("d4"))
check("create: no --package is a usage error", rc == 2 and "--package" in err, err)

# --- sequence numbers: always growing -------------------------------------------------------
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", path("d5"),
                   "--package", pkgs["A"])
body5 = json.loads(open(path("d5", "deployment.azsd"), "rb").read()[32:-64]) if rc == 0 else {}
check("create: the next deployment gets the next sequence", body5.get("Sequence") == 2, err)
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", path("d6"),
                   "--sequence", "2", "--package", pkgs["A"])
check("create: --sequence not above what the store signed is refused, nothing written",
      rc == 1 and "not newer" in err and not os.path.exists(path("d6")), err)
rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output", path("d7"),
                   "--sequence", "40", "--package", pkgs["A"])
check("create: a higher --sequence is used and recorded",
      rc == 0 and "sequence 40" in out and open(path("store", "deployment-sequence")).read() == "40\n",
      out + err)
for bad in ("0", "-1", "x", "9007199254740993"):
    rc, out, err = run(ss, "deployment", "create", "--key-store", path("store"), "--output",
                       path("d8"), "--sequence", bad, "--package", pkgs["A"])
    check("create: --sequence %s is refused" % bad, rc == 1 and "--sequence" in err, err)

shutil.rmtree(tmp)
print("1..%d" % n)
sys.exit(1 if failed else 0)
