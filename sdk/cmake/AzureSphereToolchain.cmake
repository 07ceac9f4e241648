# SPDX-License-Identifier: MIT
# The Azure Sphere SDK's toolchain file: high-level apps for the device,
# built with the host's gcc against the SDK's musl sysroot (static binaries),
# linked with applibs. Use it as
#   cmake -S APP -B BUILD -DCMAKE_TOOLCHAIN_FILE=<sdk>/CMakeFiles/AzureSphereToolchain.cmake
#         [-DAZURE_SPHERE_TARGET_API_SET=latest-lts]
# after which the app's CMakeLists.txt has the SDK's functions
# (azsphere_target_add_image_package, azsphere_target_hardware_definition,
# azsphere_configure_tools, azsphere_configure_api; see docs/sdk.md).
include_guard(GLOBAL)

get_filename_component(AZURE_SPHERE_SDK_PATH "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

set(AZURE_SPHERE_TARGET_API_SET "latest-lts" CACHE STRING
    "The applibs API set (sysroot) apps are built against: a number under Sysroots/, latest-lts or latest")
# try_compile projects read this file again and need the same choice.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES AZURE_SPHERE_TARGET_API_SET)

# The API sets this SDK has: the numbered directories under Sysroots/.
file(GLOB _azs_sets RELATIVE "${AZURE_SPHERE_SDK_PATH}/Sysroots" "${AZURE_SPHERE_SDK_PATH}/Sysroots/*")
set(AZURE_SPHERE_API_SETS "")
foreach(_azs_s IN LISTS _azs_sets)
  if(_azs_s MATCHES "^[0-9]+$" AND IS_DIRECTORY "${AZURE_SPHERE_SDK_PATH}/Sysroots/${_azs_s}")
    list(APPEND AZURE_SPHERE_API_SETS ${_azs_s})
  endif()
endforeach()
if(NOT AZURE_SPHERE_API_SETS)
  message(FATAL_ERROR "Azure Sphere SDK at ${AZURE_SPHERE_SDK_PATH}: no sysroot under Sysroots/ (is the SDK staged? run make)")
endif()
list(SORT AZURE_SPHERE_API_SETS COMPARE NATURAL)
list(GET AZURE_SPHERE_API_SETS -1 _azs_latest)

if(AZURE_SPHERE_TARGET_API_SET STREQUAL "latest-lts" OR AZURE_SPHERE_TARGET_API_SET STREQUAL "latest")
  set(AZURE_SPHERE_API_SET_NUMBER ${_azs_latest})
elseif(AZURE_SPHERE_TARGET_API_SET IN_LIST AZURE_SPHERE_API_SETS)
  set(AZURE_SPHERE_API_SET_NUMBER ${AZURE_SPHERE_TARGET_API_SET})
else()
  string(REPLACE ";" ", " _azs_list "${AZURE_SPHERE_API_SETS}")
  message(FATAL_ERROR "AZURE_SPHERE_TARGET_API_SET '${AZURE_SPHERE_TARGET_API_SET}': this SDK has "
                      "the API sets ${_azs_list} (and latest-lts, latest); beta API sets are not provided")
endif()
set(AZURE_SPHERE_SYSROOT "${AZURE_SPHERE_SDK_PATH}/Sysroots/${AZURE_SPHERE_API_SET_NUMBER}")

# The target: the device's Linux on the SDK's architecture
# (AzureSphereTarget.cmake, written when the SDK is staged: x86-64 with the
# host's gcc, or armv7 with Debian's arm-linux-gnueabihf-gcc).
include("${CMAKE_CURRENT_LIST_DIR}/AzureSphereTarget.cmake")
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${AZURE_SPHERE_TARGET_PROCESSOR})
set(CMAKE_SYSROOT "${AZURE_SPHERE_SYSROOT}")
if(AZURE_SPHERE_TARGET_PROCESSOR STREQUAL CMAKE_HOST_SYSTEM_PROCESSOR)
  find_program(AZURE_SPHERE_GCC NAMES ${AZURE_SPHERE_TARGET_TRIPLET}-gcc gcc REQUIRED)
else()
  find_program(AZURE_SPHERE_GCC NAMES ${AZURE_SPHERE_TARGET_TRIPLET}-gcc REQUIRED)
endif()
set(CMAKE_C_COMPILER "${AZURE_SPHERE_GCC}")

# The sysroot's specs file makes gcc use musl's start files, headers and
# libraries from the sysroot (--sysroot) instead of the host's glibc. Apps
# are static: the app's image holds only the app.
set(CMAKE_C_FLAGS_INIT "-specs=${AZURE_SPHERE_SYSROOT}/usr/lib/azsphere-gcc.specs -ffunction-sections -fdata-sections")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -Wl,--gc-sections")

# Apps that link the platform's shared libraries (libcurl, wolfSSL) are
# dynamic: musl's loader, mapped by the sandbox at /lib.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
  set(AZURE_SPHERE_LOADER "ld-musl-armhf.so.1")
else()
  set(AZURE_SPHERE_LOADER "ld-musl-${CMAKE_SYSTEM_PROCESSOR}.so.1")
endif()

# Libraries and headers come from the sysroot only; programs from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# find_package(AzureSphere) / find_package(azsphere) find this SDK.
set(AzureSphere_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE PATH "The Azure Sphere SDK's CMake package")
set(azsphere_DIR "${CMAKE_CURRENT_LIST_DIR}" CACHE PATH "The Azure Sphere SDK's CMake package")

include("${CMAKE_CURRENT_LIST_DIR}/AzureSphereFunctions.cmake")
