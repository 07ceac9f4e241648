# SPDX-License-Identifier: MIT
# find_package(AzureSphere) (and find_package(azsphere)): the SDK's functions.
# The compiler and sysroot come from the SDK's toolchain file, which must be
# the project's CMAKE_TOOLCHAIN_FILE: by the time find_package runs, the
# project's compiler has been chosen.
if(NOT DEFINED AZURE_SPHERE_SYSROOT AND NOT AZURE_SPHERE_RTCORE)
  message(FATAL_ERROR "find_package(${CMAKE_FIND_PACKAGE_NAME}): configure the project with "
                      "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_CURRENT_LIST_DIR}/AzureSphereToolchain.cmake "
                      "(or AzureSphereRTCoreToolchain.cmake for real-time apps) "
                      "(the SDK's compiler and sysroot are chosen before project())")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/AzureSphereFunctions.cmake")
set(${CMAKE_FIND_PACKAGE_NAME}_FOUND TRUE)
