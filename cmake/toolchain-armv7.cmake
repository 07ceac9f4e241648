# SPDX-License-Identifier: MIT
# Cross-compiling the device's userspace for ARMv7 (Debian armhf) on the
# build host: Debian's arm-linux-gnueabihf gcc, and the armhf -dev packages
# installed beside the host's (multiarch: /usr/lib/arm-linux-gnueabihf,
# /usr/include/arm-linux-gnueabihf; scripts/packages.list). The host tools
# (image-package, the Security Service, ...) come from a native build
# (AZS_HOST_TOOLS, the top Makefile's BUILD/host/cmake).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)
# Cortex-A7: ARMv7-A with NEON-VFPv4, hard float (Debian armhf's baseline
# is ARMv7-A + VFPv3-D16; the device's CPU has more, the binaries need no more).
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# Emulated runs of armhf programs on the host (none needed by the build).
find_program(AZS_QEMU_ARM qemu-arm)
if(AZS_QEMU_ARM)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${AZS_QEMU_ARM} -L /usr/arm-linux-gnueabihf)
endif()
# pkg-config (FindOpenSSL asks it) must describe the armhf libraries.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/arm-linux-gnueabihf/pkgconfig:/usr/share/pkgconfig)
