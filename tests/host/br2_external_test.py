#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""ctest host.br2_external: the Buildroot br2-external tree (br2-external/)
follows the Buildroot manual's conventions, and every option it sets exists
in this project's build. Buildroot itself cannot run here (it downloads its
sources), so this is the tree's own check.

Usage: br2_external_test.py TOP BUILD

Structure: external.desc (name, desc), Config.in sourcing every package's
Config.in that exists, external.mk including package/*/*.mk; each package
has its Config.in(.host) and NAME.mk, the .mk's 80-'#' header naming it,
only variables prefixed with the package's name, the infrastructures in
order (kernel-module before generic-package); Config.in help indented tab +
2 spaces, at most 62 characters; every BR2_PACKAGE_(HOST_)AZSPHERE* symbol
used is defined; the defconfig's files exist.
Options: every -DNAME= a .mk passes to CMake is a cache variable of this
build; every AZS_DEVICE_ARCH value a device/arch/*.conf; every make
variable passed to Kbuild a 'NAME ?=' of the Kbuilds, and to the top
Makefile a 'NAME ?=' there, with targets that exist; the platform package's
CMake options configure this tree (cmake -S TOP with them succeeds).
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

top, build = sys.argv[1], sys.argv[2]
ext = os.path.join(top, "br2-external")
results = []


def check(desc, problems):
    results.append((desc, problems))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def expand(s):
    return s.replace("$BR2_EXTERNAL_AZSPHERE_PATH", ext).replace("$(BR2_EXTERNAL_AZSPHERE_PATH)", ext)


# ---- structure ----
p = []
desc = {}
try:
    for line in read(os.path.join(ext, "external.desc")).splitlines():
        k, _, v = line.partition(": ")
        desc[k] = v
except OSError as e:
    p.append(str(e))
if not re.fullmatch(r"[A-Za-z0-9_]+", desc.get("name", "")):
    p.append("external.desc: 'name: <[A-Za-z0-9_]+>' missing or malformed")
if desc.get("name") != "AZSPHERE":
    p.append("external.desc: name is %r, the files use BR2_EXTERNAL_AZSPHERE_PATH" % desc.get("name"))
if not desc.get("desc") or "\n" in desc["desc"]:
    p.append("external.desc: no one-line desc")
check("external.desc: name AZSPHERE, one-line desc", p)

p = []
config_in = read(os.path.join(ext, "Config.in"))
sourced = re.findall(r'^source "([^"]+)"$', config_in, re.M)
for s in sourced:
    if not s.startswith("$BR2_EXTERNAL_AZSPHERE_PATH/"):
        p.append("Config.in sources %s, not under $BR2_EXTERNAL_AZSPHERE_PATH" % s)
    elif not os.path.isfile(expand(s)):
        p.append("Config.in sources %s, which does not exist" % s)
packages = sorted(os.path.basename(d) for d in glob.glob(os.path.join(ext, "package", "*")) if os.path.isdir(d))
if not packages:
    p.append("no packages")
for pkg in packages:
    cfgs = [c for c in ("Config.in", "Config.in.host") if os.path.isfile(os.path.join(ext, "package", pkg, c))]
    if not cfgs:
        p.append("package/%s has no Config.in or Config.in.host" % pkg)
    for c in cfgs:
        if '$BR2_EXTERNAL_AZSPHERE_PATH/package/%s/%s' % (pkg, c) not in sourced:
            p.append("Config.in does not source package/%s/%s" % (pkg, c))
check("Config.in sources every package's Config.in(.host), and only files that exist", p)

p = []
want = "include $(sort $(wildcard $(BR2_EXTERNAL_AZSPHERE_PATH)/package/*/*.mk))"
if want not in read(os.path.join(ext, "external.mk")).splitlines():
    p.append("external.mk does not include every package's .mk: want %r" % want)
check("external.mk includes package/*/*.mk", p)

mk_text = {}
p = []
for pkg in packages:
    mk = os.path.join(ext, "package", pkg, pkg + ".mk")
    if not os.path.isfile(mk):
        p.append("package/%s/%s.mk missing" % (pkg, pkg))
        continue
    text = read(mk)
    mk_text[pkg] = text
    head = text.splitlines()[:5]
    if head != ["#" * 80, "#", "# " + pkg, "#", "#" * 80]:
        p.append("%s.mk: no 80-'#' header naming the package" % pkg)
    prefix = pkg.upper().replace("-", "_") + "_"
    for var in re.findall(r"^(?:define\s+(\w+)|(\w+)\s*[?:+]?=)", text, re.M):
        var = var[0] or var[1]
        if not (var.startswith(prefix) or var.startswith("HOST_" + prefix)):
            p.append("%s.mk: variable %s is not prefixed with %s" % (pkg, var, prefix))
    infras = re.findall(r"^\$\(eval \$\(([a-z-]+)\)\)$", text, re.M)
    if not infras:
        p.append("%s.mk: no $(eval $(<infra>))" % pkg)
    if "kernel-module" in infras and infras[-1] == "kernel-module":
        p.append("%s.mk: kernel-module must be followed by another infrastructure" % pkg)
    for v in ("VERSION", "SITE", "SITE_METHOD", "LICENSE", "LICENSE_FILES"):
        if not re.search(r"^%s%s = " % (prefix, v), text, re.M):
            p.append("%s.mk: no %s%s" % (pkg, prefix, v))
    m = re.search(r"^%sLICENSE_FILES = (.*)$" % prefix, text, re.M)
    for f in (m.group(1).split() if m else []):
        if not os.path.isfile(os.path.join(top, f)):
            p.append("%s.mk: license file %s is not in the tree" % (pkg, f))
check("each package: NAME.mk with its header, prefixed variables, version/site/licence, infrastructures", p)

want_infra = {"azsphere-modules": ["kernel-module", "generic-package"],
              "azsphere-platform": ["cmake-package"],
              "azsphere-sdk": ["host-generic-package"]}
p = []
for pkg, infra in want_infra.items():
    got = re.findall(r"^\$\(eval \$\(([a-z-]+)\)\)$", mk_text.get(pkg, ""), re.M)
    if got != infra:
        p.append("%s.mk: infrastructures %s, want %s" % (pkg, got, infra))
check("modules: kernel-module + generic-package; userspace: cmake-package; SDK: host package", p)

p = []
defined = set()
used = set()
cfg_files = [c for c in glob.glob(os.path.join(ext, "package", "*", "Config.in*"))]
for c in cfg_files:
    text = read(c)
    defined |= set(re.findall(r"^config (BR2_\w+)$", text, re.M))
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("\t  ") and len(line[3:]) > 62:
            p.append("%s:%d: help line over 62 characters" % (os.path.relpath(c, top), i + 1))
        if line.strip() == "help":
            j = i + 1
            while j < len(lines) and lines[j] != "" and not lines[j].startswith(("config", "comment", "endif", "if ")):
                if not lines[j].startswith("\t  "):
                    p.append("%s:%d: help text not indented tab + 2 spaces" % (os.path.relpath(c, top), j + 1))
                j += 1
    used |= set(re.findall(r"\b(BR2_PACKAGE_(?:HOST_)?AZSPHERE\w*)", text))
for text in mk_text.values():
    used |= set(re.findall(r"\b(BR2_PACKAGE_(?:HOST_)?AZSPHERE\w*)", text))
defconfigs = sorted(glob.glob(os.path.join(ext, "configs", "*_defconfig")))
for d in defconfigs:
    used |= set(re.findall(r"^(BR2_PACKAGE_(?:HOST_)?AZSPHERE\w*)=", read(d), re.M))
for s in sorted(used - defined):
    p.append("%s is used but no Config.in defines it" % s)
for pkg in packages:
    sym = "BR2_PACKAGE_%s%s" % ("HOST_" if want_infra.get(pkg, [""])[0].startswith("host-") else "",
                                pkg.upper().replace("-", "_"))
    if sym not in defined:
        p.append("package %s: no config %s" % (pkg, sym))
check("Config.in: help text conventions; every AZSPHERE symbol used is defined", p)

p = []
if not defconfigs:
    p.append("no configs/*_defconfig")
for d in defconfigs:
    text = read(d)
    for need in ("BR2_arm=y", "BR2_cortex_a7=y", "BR2_DOWNLOAD_FORCE_CHECK_HASHES=y", "BR2_LINUX_KERNEL=y",
                 "BR2_PACKAGE_AZSPHERE_PLATFORM=y", "BR2_PACKAGE_AZSPHERE_MODULES=y"):
        if need not in text.splitlines():
            p.append("%s: no %s" % (os.path.basename(d), need))
    for ref in re.findall(r"\$\(BR2_EXTERNAL_AZSPHERE_PATH\)/([^\" ]+)", text):
        path = os.path.normpath(os.path.join(ext, ref))
        if not ref.startswith("../") and not os.path.exists(path):
            p.append("%s: %s does not exist" % (os.path.basename(d), ref))
        if ref.endswith(".sh") and not os.access(path, os.X_OK):
            p.append("%s: %s is not executable" % (os.path.basename(d), ref))
check("the QEMU ARMv7 (Cortex-A7) defconfig: its board files exist", p)

# ---- options ----
def cmake_defs(body):
    """-DNAME=VALUE words, VALUE up to a blank outside make's $(...)."""
    for m in re.finditer(r"-D([A-Za-z0-9_]+)=", body):
        depth, i = 0, m.end()
        while i < len(body) and (depth or not body[i].isspace()):
            depth += {"(": 1, ")": -1}.get(body[i], 0)
            i += 1
        yield m.group(1), body[m.end():i]


cache = {}
for line in read(os.path.join(build, "cmake", "CMakeCache.txt")).splitlines():
    m = re.match(r"^([A-Za-z0-9_]+):[A-Z]+=", line)
    if m:
        cache[m.group(1)] = True
arches = {os.path.basename(c)[:-5] for c in glob.glob(os.path.join(top, "device", "arch", "*.conf"))}
p = []
cmake_opts = []
for pkg, text in mk_text.items():
    body = re.sub(r"\\\n", " ", text)
    for name, value in cmake_defs(body):
        cmake_opts.append((name, value))
        if name not in cache:
            p.append("%s.mk passes -D%s, which is not a cache variable of this build" % (pkg, name))
    for var, a, b in re.findall(r"^(\w+DEVICE_ARCH) = \$\(if \$\(BR2_arm\),(\w+),(\w+)\)$", text, re.M):
        for arch in (a, b):
            if arch not in arches:
                p.append("%s.mk: %s may be %s, not a device/arch/*.conf" % (pkg, var, arch))
    if "DEVICE_ARCH" in text and not re.search(r"DEVICE_ARCH = \$\(if", text):
        p.append("%s.mk: DEVICE_ARCH set in a way this check does not know" % pkg)
if not cmake_opts:
    p.append("no CMake options found in the .mk files")
check("every CMake option the .mk files pass is a cache variable of this build; DEVICE_ARCH values exist", p)

p = []
kbuild = "".join(read(k) for k in glob.glob(os.path.join(top, "**", "Kbuild"), recursive=True))
top_mk = read(os.path.join(top, "Makefile"))
targets = set(re.findall(r"^([a-z][a-z0-9-]*):", top_mk, re.M))
make_vars = set(re.findall(r"^([A-Z_]+) \?=", top_mk, re.M))
n = 0
for pkg, text in mk_text.items():
    body = re.sub(r"\\\n", " ", text)
    m = re.search(r"_MODULE_MAKE_OPTS = (.*)$", body, re.M)
    for var in re.findall(r"\b([A-Z_]+)=", m.group(1) if m else ""):
        n += 1
        if not re.search(r"^%s \?=" % var, kbuild, re.M):
            p.append("%s.mk passes %s= to Kbuild, which no Kbuild reads ('%s ?=')" % (pkg, var, var))
    for call in re.findall(r"\$\(MAKE\) -C \$\(@D\) (.*)$", body, re.M):
        for word in call.split():
            if "=" in word:
                var = word.split("=")[0]
                n += 1
                if var not in make_vars:
                    p.append("%s.mk passes %s= to the top Makefile, which has no '%s ?='" % (pkg, var, var))
            elif not word.startswith("$"):
                n += 1
                if word not in targets:
                    p.append("%s.mk runs make %s, which the top Makefile has no target for" % (pkg, word))
if n == 0:
    p.append("no make variables or targets found in the .mk files")
check("every make variable and target the .mk files use exists (Kbuild 'NAME ?=', top Makefile)", p)

# The platform package's options configure this tree (Buildroot's own
# variables replaced by this machine's: the harness the build extracted).
p = []
with tempfile.TemporaryDirectory() as tmp:
    args = []
    for name, value in cmake_opts:
        value = value.replace("$(LINUX_DIR)/tools/testing/selftests", os.path.join(build, "cmake", "kselftest-harness"))
        value = re.sub(r"\$\(if \$\(BR2_\w+\),(\w+),(\w+)\)", r"\1", value)
        value = re.sub(r"\$\(\w+_DEVICE_ARCH\)", "x86_64", value)
        if "$" in value:
            p.append("-D%s=%s: a Buildroot variable this check does not know" % (name, value))
        args.append("-D%s=%s" % (name, value))
    r = subprocess.run(["cmake", "-S", top, "-B", tmp] + args, capture_output=True, text=True)
    if r.returncode != 0:
        p.append("cmake %s failed:\n%s" % (" ".join(args), (r.stdout + r.stderr)[-1500:]))
    else:
        cached = read(os.path.join(tmp, "CMakeCache.txt"))
        if "AZS_PLATFORM_ONLY:BOOL=ON" not in cached:
            p.append("AZS_PLATFORM_ONLY=ON did not reach the cache")
        if os.path.exists(os.path.join(tmp, "tools")) or os.path.exists(os.path.join(tmp, "sdk")):
            p.append("the platform-only configure still configures the host tools or the SDK")
check("the platform package's CMake options configure this tree (platform only)", p)

bad = 0
for i, (d, probs) in enumerate(results, 1):
    if probs:
        bad = 1
        print("not ok %d %s" % (i, d))
        for x in probs:
            print("# " + x.replace("\n", "\n# "))
    else:
        print("ok %d %s" % (i, d))
print("1..%d" % len(results))
sys.exit(bad)
