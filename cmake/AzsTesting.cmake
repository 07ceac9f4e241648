# SPDX-License-Identifier: MIT
# Helpers to declare the three kinds of tests:
#   azs_host_test(NAME SOURCES...)            runs on the build host under ctest
#   azs_kselftest(COLLECTION NAME SOURCES...) built for the device, installed
#                                             under /usr/lib/kselftests
#   azs_device_suite(NAME [TIMEOUT s])        one device boot running a suite
#                                             from tests/device/suites/

set_property(GLOBAL PROPERTY AZS_KSELFTEST_LIST "")

function(azs_host_test name)
  if(CMAKE_CROSSCOMPILING)
    # Host tests run in the native build; here the target only exists for
    # the calls that configure it.
    add_executable(host_${name} EXCLUDE_FROM_ALL ${ARGN})
  else()
    add_executable(host_${name} ${ARGN})
  endif()
  target_include_directories(host_${name} SYSTEM PRIVATE ${AZS_HARNESS_DIR})
  target_link_libraries(host_${name} PRIVATE azs_pure_core)
  # The harness's FIXTURE_SETUP/TEARDOWN define functions without prototypes.
  target_compile_options(host_${name} PRIVATE -Wno-missing-prototypes)
  if(NOT CMAKE_CROSSCOMPILING)
    add_test(NAME host.${name} COMMAND host_${name})
  endif()
endfunction()

function(azs_kselftest collection name)
  set(target kselftest_${collection}_${name})
  add_executable(${target} ${ARGN})
  target_include_directories(${target} SYSTEM PRIVATE ${AZS_HARNESS_DIR})
  target_link_options(${target} PRIVATE -static)
  target_link_libraries(${target} PRIVATE azs_uapi)
  target_compile_options(${target} PRIVATE -Wno-missing-prototypes)
  # The inventory table (data) and the helpers under tests/kselftest/lib.
  add_dependencies(${target} azs_inventory_h)
  target_include_directories(${target} PRIVATE ${AZS_GENERATED_DIR}
    ${CMAKE_SOURCE_DIR}/kernel/include ${CMAKE_SOURCE_DIR}/tests/kselftest/lib)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    RUNTIME_OUTPUT_DIRECTORY ${AZS_DEVICE_ROOT}/usr/lib/kselftests/${collection})
  set_property(GLOBAL APPEND PROPERTY AZS_KSELFTEST_LIST "${collection}:${name}")
endfunction()

function(azs_device_suite name)
  cmake_parse_arguments(S "" "TIMEOUT" "" ${ARGN})
  if(NOT S_TIMEOUT)
    set(S_TIMEOUT 300)
  endif()
  # The emulated ARMv7 device (cross-built) is slower under TCG: its longest
  # suites (soak, appman_update) took up to 85 % of the x86-64 budgets.
  if(CMAKE_CROSSCOMPILING)
    math(EXPR S_TIMEOUT "${S_TIMEOUT} * 3 / 2")
  endif()
  add_test(NAME device.${name}
           COMMAND ${CMAKE_SOURCE_DIR}/tests/device/run-suite
                   --arch ${AZS_DEVICE_ARCH} --build ${CMAKE_BINARY_DIR}/..
                   --suite ${name} --timeout ${S_TIMEOUT})
  set_tests_properties(device.${name} PROPERTIES TIMEOUT ${S_TIMEOUT} LABELS device)
endfunction()

function(azs_write_kselftest_list)
  get_property(list GLOBAL PROPERTY AZS_KSELFTEST_LIST)
  list(JOIN list "\n" text)
  file(MAKE_DIRECTORY ${AZS_DEVICE_ROOT}/usr/lib/kselftests)
  file(WRITE ${AZS_DEVICE_ROOT}/usr/lib/kselftests/kselftest-list.txt "${text}\n")
endfunction()

# A static binary for the device, installed at DEST inside the device.
function(azs_device_executable target dest)
  add_executable(${target} ${ARGN})
  target_link_options(${target} PRIVATE -static)
  get_filename_component(dir ${dest} DIRECTORY)
  get_filename_component(file ${dest} NAME)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${file}
    RUNTIME_OUTPUT_DIRECTORY ${AZS_DEVICE_ROOT}${dir})
endfunction()

# An app for the device built against musl (Debian's musl-gcc), as the real
# platform's sysroot is: static binaries of a few tens of KiB, which fit the
# 256 KiB memory limit of high-level apps (a static glibc binary's own page
# cache alone does not). musl's headers plus the kernel's uAPI headers
# (linux/, asm/, asm-generic/ from linux-libc-dev) make the app sysroot.
#   azs_musl_app(TARGET /path/in/device SOURCES a.c ... [INCLUDES dir ...])
# (Not in a platform-only build: its apps are the tests' and samples'.)
# Cross-compiled (armv7): Debian's arm-linux-musleabihf-gcc (musl-dev:armhf)
# and the cross uAPI headers (linux-libc-dev-armhf-cross).
if(NOT AZS_PLATFORM_ONLY)
  if(CMAKE_CROSSCOMPILING)
    string(REPLACE "-gnu" "-musl" _azs_musl_triplet "${CMAKE_LIBRARY_ARCHITECTURE}")
    find_program(AZS_MUSL_GCC ${_azs_musl_triplet}-gcc REQUIRED)
    set(AZS_UAPI_INCLUDE /usr/${CMAKE_LIBRARY_ARCHITECTURE}/include)
    set(AZS_UAPI_ASM ${AZS_UAPI_INCLUDE}/asm)
  else()
    find_program(AZS_MUSL_GCC musl-gcc REQUIRED)
    set(AZS_UAPI_INCLUDE /usr/include)
    set(AZS_UAPI_ASM /usr/include/${CMAKE_LIBRARY_ARCHITECTURE}/asm)
  endif()
  set(AZS_MUSL_UAPI ${CMAKE_BINARY_DIR}/musl-uapi)
  file(MAKE_DIRECTORY ${AZS_MUSL_UAPI})
  foreach(d linux asm-generic)
    file(CREATE_LINK ${AZS_UAPI_INCLUDE}/${d} ${AZS_MUSL_UAPI}/${d} SYMBOLIC)
  endforeach()
  file(CREATE_LINK ${AZS_UAPI_ASM} ${AZS_MUSL_UAPI}/asm SYMBOLIC)
endif()

function(azs_musl_app target dest)
  cmake_parse_arguments(A "" "" "SOURCES;INCLUDES" ${ARGN})
  set(sources)
  foreach(src ${A_SOURCES})
    get_filename_component(abs ${src} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND sources ${abs})
  endforeach()
  set(incs -isystem ${AZS_MUSL_UAPI})
  foreach(inc ${A_INCLUDES})
    list(APPEND incs -I${inc})
  endforeach()
  get_filename_component(dir ${AZS_DEVICE_ROOT}${dest} DIRECTORY)
  add_custom_command(
    OUTPUT ${AZS_DEVICE_ROOT}${dest}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${AZS_MUSL_GCC} -static -Os -g -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror
            ${incs} -o ${AZS_DEVICE_ROOT}${dest} ${sources}
    DEPENDS ${sources}
    COMMENT "musl-gcc ${dest}")
  add_custom_target(${target} ALL DEPENDS ${AZS_DEVICE_ROOT}${dest})
endfunction()
