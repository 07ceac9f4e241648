# SPDX-License-Identifier: MIT
# A cross-compiled device build (armv7) runs the host tools of a native build
# of this tree: AZS_HOST_TOOLS is its binary directory (the top Makefile
# builds them there first, BUILD/host/cmake; its own SDK stays
# in BUILD/host/sdk). They become imported executables
# under their usual target names, so $<TARGET_FILE:image-package> and the
# like work unchanged; the key store target runs the same steps as
# tools/security-service's (its results are shared: build/keys,
# build/security-service).
set(AZS_HOST_TOOLS "" CACHE PATH "Binary directory of a native build with the host tools")
if(NOT AZS_HOST_TOOLS OR NOT IS_DIRECTORY "${AZS_HOST_TOOLS}")
  message(FATAL_ERROR "AZS_HOST_TOOLS: a cross-compiled build needs the host tools of a native "
                      "build (got '${AZS_HOST_TOOLS}'; the top Makefile sets it)")
endif()
foreach(tool azs-security-service:tools/security-service image-package:tools/image-package
        azs-hardware-definition:tools/hardware-definition azsphere:tools/device-cli)
  string(REPLACE ":" ";" parts ${tool})
  list(GET parts 0 name)
  list(GET parts 1 dir)
  add_executable(${name} IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION ${AZS_HOST_TOOLS}/${dir}/${name})
  # At their usual place in this tree too, for the suites' host sides
  # (BUILD/cmake/tools/...): hard links (or copies), not symbolic ones. A
  # tool finds what belongs to its tree from its own path (/proc/self/exe:
  # the CLI the SDK's keys, BUILD/sdk/Keys), which a symbolic link would
  # resolve to the native build's tree (which has no SDK).
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/${dir})
  file(REMOVE ${CMAKE_BINARY_DIR}/${dir}/${name})
  file(CREATE_LINK ${AZS_HOST_TOOLS}/${dir}/${name} ${CMAKE_BINARY_DIR}/${dir}/${name} COPY_ON_ERROR)
endforeach()

set(AZS_KEY_STORE "${CMAKE_SOURCE_DIR}/build/security-service" CACHE PATH
    "The Security Service's key store")
set(AZS_SDK_KEYS "${CMAKE_SOURCE_DIR}/build/keys" CACHE PATH
    "The SDK's and the platform's keys (scripts/gen-keys)")
add_custom_target(azs_key_store
  COMMAND ${CMAKE_COMMAND} -E make_directory ${AZS_GENERATED_DIR}
  COMMAND $<TARGET_FILE:azs-security-service> init --exist-ok --key-store ${AZS_KEY_STORE}
  COMMAND ${CMAKE_SOURCE_DIR}/scripts/gen-keys ${AZS_SDK_KEYS} ${AZS_GENERATED_DIR}/rot_keys.h
          ${AZS_KEY_STORE}
  COMMAND $<TARGET_FILE:azs-security-service> trust-sdk-key --key-store ${AZS_KEY_STORE}
          --public-key ${AZS_SDK_KEYS}/sdk.pub.pem
  COMMAND $<TARGET_FILE:azs-security-service> device-certificate ca --key-store ${AZS_KEY_STORE}
          --out ${AZS_GENERATED_DIR}/deviceauth-ca.pem
  BYPRODUCTS ${AZS_GENERATED_DIR}/rot_keys.h ${AZS_GENERATED_DIR}/deviceauth-ca.pem
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/gen-keys
  COMMENT "The Security Service's key store and the root-of-trust keys")
