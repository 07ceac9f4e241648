# SPDX-License-Identifier: MIT
# A short, bounded run of every fuzzer as ctest tests fuzz.<parser> (CI):
# fuzz.build builds them with clang into build/<arch>/fuzz (fuzz/run), then
# each runs AZS_FUZZ_CI_SECONDS on its seed corpus and fails on any finding.
# The long runs are `make fuzz FUZZ_SECONDS=...` (docs/testing.md, Fuzzing).
set(AZS_FUZZ_CI_SECONDS 10 CACHE STRING "Seconds each fuzzer runs under ctest")
set(AZS_FUZZ_BUILD ${CMAKE_BINARY_DIR}/../fuzz)
add_test(NAME fuzz.build
         COMMAND ${CMAKE_SOURCE_DIR}/fuzz/run --build ${AZS_FUZZ_BUILD} --build-only)
set_tests_properties(fuzz.build PROPERTIES FIXTURES_SETUP azs_fuzzers TIMEOUT 900 LABELS fuzz)
file(STRINGS ${CMAKE_SOURCE_DIR}/fuzz/parsers azs_fuzz_lines REGEX "^[a-z]")
foreach(line ${azs_fuzz_lines})
  string(REGEX REPLACE " .*" "" parser "${line}")
  add_test(NAME fuzz.${parser}
           COMMAND ${CMAKE_SOURCE_DIR}/fuzz/run --build ${AZS_FUZZ_BUILD} --no-build
                   --seconds ${AZS_FUZZ_CI_SECONDS} ${parser})
  set_tests_properties(fuzz.${parser} PROPERTIES FIXTURES_REQUIRED azs_fuzzers TIMEOUT 300
                       LABELS fuzz)
endforeach()
