// SPDX-License-Identifier: MIT
/*
 * The uAPI layout checks for the kselftest Makefile build: the same source
 * as host.uapi_layout and the CMake-built collection (CMakeLists.txt), which
 * compiles tests/host/uapi_layout_test.c directly. No module is needed:
 * the layouts are the headers' own.
 */
#include "../../host/uapi_layout_test.c"
