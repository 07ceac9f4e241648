# SPDX-License-Identifier: MIT
# The Azure Sphere SDK's toolchain file for real-time capable apps (RTApps):
# bare-metal Cortex-M4F code for the MT3620's I/O cores (IO0, IO1), built with
# Debian's gcc-arm-none-eabi (newlib for the C library, no applibs). Use it as
#   cmake -S APP -B BUILD -DCMAKE_TOOLCHAIN_FILE=<sdk>/CMakeFiles/AzureSphereRTCoreToolchain.cmake
# after which the app's CMakeLists.txt has the SDK's functions, as for
# high-level apps (azsphere_target_add_image_package; the app's manifest says
# "ApplicationType": "RealTimeCapable"). The app is linked with the SDK's
# linker script for the I/O core's memory map (docs/sdk.md, Real-time apps):
#   FLASH   0x10000000, 1 MiB   vector table, code, read-only data (the flash window)
#   TCM     0x00100000, 192 KiB data, bss, stack
#   SYSRAM  0x22000000, 64 KiB  sections the app places in .sysram
# The loader (azs-iocore) loads the ELF's segments at their addresses: no
# copy-down at start. The app brings its own vector table, the ELF's entry
# point: ExceptionVectorTable in section .vector_table, word 0 the initial
# stack pointer (StackTop, the top of TCM), word 1 the reset handler.
include_guard(GLOBAL)

get_filename_component(AZURE_SPHERE_SDK_PATH "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(AZURE_SPHERE_RTCORE ON)
set(AZURE_SPHERE_RTCORE_LINKER_SCRIPT "${AZURE_SPHERE_SDK_PATH}/RTCore/mt3620-m4.ld")
if(NOT EXISTS "${AZURE_SPHERE_RTCORE_LINKER_SCRIPT}")
  message(FATAL_ERROR "Azure Sphere SDK at ${AZURE_SPHERE_SDK_PATH}: no ${AZURE_SPHERE_RTCORE_LINKER_SCRIPT} "
                      "(is the SDK staged? run make)")
endif()

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
find_program(AZURE_SPHERE_RTCORE_GCC NAMES arm-none-eabi-gcc)
if(NOT AZURE_SPHERE_RTCORE_GCC)
  message(FATAL_ERROR "arm-none-eabi-gcc not found: real-time apps need Debian's gcc-arm-none-eabi "
                      "and libnewlib-arm-none-eabi (scripts/bootstrap)")
endif()
set(CMAKE_C_COMPILER "${AZURE_SPHERE_RTCORE_GCC}")
set(CMAKE_ASM_COMPILER "${AZURE_SPHERE_RTCORE_GCC}")
# try_compile links no program (there is no startup code before the app's).
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Cortex-M4F: Thumb-2, the single-precision FPU, hard-float calling convention.
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles -specs=nano.specs -specs=nosys.specs -Wl,--gc-sections -T \"${AZURE_SPHERE_RTCORE_LINKER_SCRIPT}\"")
set(CMAKE_EXECUTABLE_SUFFIX "")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(AzureSphere_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE PATH "The Azure Sphere SDK's CMake package")
set(azsphere_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE PATH "The Azure Sphere SDK's CMake package")

include("${CMAKE_CURRENT_LIST_DIR}/AzureSphereFunctions.cmake")
