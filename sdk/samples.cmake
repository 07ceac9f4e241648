# SPDX-License-Identifier: MIT
# The sample apps (samples/), built as an app developer builds them: a
# separate CMake project configured with the staged SDK's toolchain file,
# each sample a signed image package. Installed into the device root:
#   /usr/share/azsphere/samples/<name>.imagepackage  the SDK-signed packages
#   /apps/<name>/bin/app                             the executables (run directly by tests)
#   /usr/share/azsphere/demo/blink/                  blink's package root, for `make run`
include(ExternalProject)
ExternalProject_Add(azs_samples
  SOURCE_DIR ${CMAKE_SOURCE_DIR}/samples
  BINARY_DIR ${CMAKE_BINARY_DIR}/samples
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${AZS_SDK_DIR}/CMakeFiles/AzureSphereToolchain.cmake
             -DCMAKE_BUILD_TYPE=MinSizeRel
             -DCMAKE_INSTALL_PREFIX=${AZS_DEVICE_ROOT}
             -DAZS_SAMPLES_STRICT=ON
  DEPENDS azs_sdk
  BUILD_ALWAYS ON
  STEP_TARGETS build)

# The real-time samples (samples/rt/), against the SDK's RT core toolchain
# (Debian's gcc-arm-none-eabi): their packages and ELF images into the
# device root (/usr/share/azsphere/samples, /usr/share/azsphere/rt).
ExternalProject_Add(azs_rt_samples
  SOURCE_DIR ${CMAKE_SOURCE_DIR}/samples/rt
  BINARY_DIR ${CMAKE_BINARY_DIR}/samples-rt
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${AZS_SDK_DIR}/CMakeFiles/AzureSphereRTCoreToolchain.cmake
             -DCMAKE_BUILD_TYPE=MinSizeRel
             -DCMAKE_INSTALL_PREFIX=${AZS_DEVICE_ROOT}
             -DAZS_SAMPLES_STRICT=ON
  DEPENDS azs_sdk
  BUILD_ALWAYS ON
  STEP_TARGETS build)
