# SPDX-License-Identifier: MIT
# The sample apps (samples/), built as an app developer builds them: a
# separate CMake project configured with the staged SDK's toolchain file,
# each sample a signed image package. Installed into the device root:
#   /usr/share/azsphere/samples/<name>.imagepackage  the SDK-signed packages
#   /apps/<name>/bin/app                             the executables (run directly by tests)
#   /usr/share/azsphere/demo/blink/                  blink's package root, for `make run`
include(ExternalProject)

# azs_sample_project(TARGET SOURCE BINARY TOOLCHAIN): the CMake project in
# samples/SOURCE, configured in BINARY (under the build directory) with the
# staged SDK's TOOLCHAIN file, installed into the device root, rebuilt on
# every build (its own dependencies decide what is redone).
function(azs_sample_project target source binary toolchain)
  ExternalProject_Add(${target}
    SOURCE_DIR ${CMAKE_SOURCE_DIR}/${source}
    BINARY_DIR ${CMAKE_BINARY_DIR}/${binary}
    CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${AZS_SDK_DIR}/CMakeFiles/${toolchain}
               -DCMAKE_BUILD_TYPE=MinSizeRel
               -DCMAKE_INSTALL_PREFIX=${AZS_DEVICE_ROOT}
               -DAZS_SAMPLES_STRICT=ON
    DEPENDS azs_sdk
    BUILD_ALWAYS ON
    STEP_TARGETS build)
endfunction()

azs_sample_project(azs_samples samples samples AzureSphereToolchain.cmake)

# The real-time samples (samples/rt/), against the SDK's RT core toolchain
# (Debian's gcc-arm-none-eabi): their packages and ELF images into the
# device root (/usr/share/azsphere/samples, /usr/share/azsphere/rt).
azs_sample_project(azs_rt_samples samples/rt samples-rt AzureSphereRTCoreToolchain.cmake)
