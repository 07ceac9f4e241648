# SPDX-License-Identifier: MIT
# The Azure Sphere SDK's CMake functions, by the SDK's names (docs/sdk.md):
#   azsphere_configure_tools(TOOLS_REVISION rev)
#   azsphere_configure_api(TARGET_API_SET set)
#   azsphere_target_hardware_definition(target TARGET_DIRECTORY dir... TARGET_DEFINITION file.json)
#   azsphere_target_add_image_package(target [RESOURCE_FILES file...])
# Every argument is checked at configure time; a bad one stops the configure
# with a message naming the function, the argument and what is wrong.
include_guard(GLOBAL)

if(NOT DEFINED AZURE_SPHERE_SDK_PATH)
  get_filename_component(AZURE_SPHERE_SDK_PATH "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()

set(AZURE_SPHERE_HARDWARE_DEFINITIONS "${AZURE_SPHERE_SDK_PATH}/HardwareDefinitions")
set(AZURE_SPHERE_IMAGE_PACKAGE_TOOL "${AZURE_SPHERE_SDK_PATH}/Tools/image-package")
set(AZURE_SPHERE_HARDWARE_DEFINITION_TOOL "${AZURE_SPHERE_SDK_PATH}/Tools/azs-hardware-definition")
set(AZURE_SPHERE_SIGNING_KEYS "${AZURE_SPHERE_SDK_PATH}/Keys" CACHE PATH
    "Directory with sdk.key.pem, the key image packages are signed with")

function(_azsphere_fail fn)
  string(JOIN "" msg ${ARGN})
  message(FATAL_ERROR "${fn}: ${msg}")
endfunction()

# Arguments the function does not know, and a target that must exist.
function(_azsphere_check fn target unparsed)
  if(unparsed)
    _azsphere_fail(${fn} "unknown argument(s): ${unparsed}")
  endif()
  if(NOT TARGET "${target}")
    _azsphere_fail(${fn} "'${target}' is not a target (call it after add_executable)")
  endif()
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "EXECUTABLE")
    _azsphere_fail(${fn} "'${target}' is a ${type}: an app is an executable (add_executable)")
  endif()
endfunction()

# azsphere_configure_tools(TOOLS_REVISION "23.05"): the tools revision the
# project was written for, in the SDK's YY.MM form. This SDK's tools accept
# every revision's projects; the value is checked and kept.
function(azsphere_configure_tools)
  cmake_parse_arguments(PARSE_ARGV 0 A "" "TOOLS_REVISION" "")
  if(A_UNPARSED_ARGUMENTS)
    _azsphere_fail(azsphere_configure_tools "unknown argument(s): ${A_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT A_TOOLS_REVISION MATCHES "^[0-9][0-9]\\.[0-9][0-9]$")
    _azsphere_fail(azsphere_configure_tools
                   "TOOLS_REVISION '${A_TOOLS_REVISION}': expected a revision such as \"23.05\"")
  endif()
  set(AZURE_SPHERE_TOOLS_REVISION ${A_TOOLS_REVISION} PARENT_SCOPE)
endfunction()

# azsphere_configure_api(TARGET_API_SET "N"): the API set must be the one the
# toolchain chose the sysroot for (AZURE_SPHERE_TARGET_API_SET).
function(azsphere_configure_api)
  cmake_parse_arguments(PARSE_ARGV 0 A "" "TARGET_API_SET" "")
  if(A_UNPARSED_ARGUMENTS)
    _azsphere_fail(azsphere_configure_api "unknown argument(s): ${A_UNPARSED_ARGUMENTS}")
  endif()
  set(set "${A_TARGET_API_SET}")
  if(set STREQUAL "latest-lts" OR set STREQUAL "latest")
    list(GET AZURE_SPHERE_API_SETS -1 set)
  endif()
  if(NOT set IN_LIST AZURE_SPHERE_API_SETS)
    string(REPLACE ";" ", " have "${AZURE_SPHERE_API_SETS}")
    _azsphere_fail(azsphere_configure_api "TARGET_API_SET '${A_TARGET_API_SET}': this SDK has "
                   "the API sets ${have} (and latest-lts, latest)")
  endif()
  if(NOT set STREQUAL AZURE_SPHERE_API_SET_NUMBER)
    _azsphere_fail(azsphere_configure_api "TARGET_API_SET '${A_TARGET_API_SET}', but the "
                   "toolchain uses API set ${AZURE_SPHERE_API_SET_NUMBER}: configure with "
                   "-DAZURE_SPHERE_TARGET_API_SET=${A_TARGET_API_SET}")
  endif()
endfunction()

# azsphere_target_hardware_definition(target TARGET_DIRECTORY dir...
#                                     TARGET_DEFINITION file.json)
# The hardware definition the app's "$NAME"s and C names come from:
# TARGET_DEFINITION is found in the first TARGET_DIRECTORY that has it
# (directories relative to the current source directory); its imports in
# those directories or the SDK's HardwareDefinitions. The app gets the
# generated headers (#include <hw/NAME.h>) and its image package the
# resolved manifest.
function(azsphere_target_hardware_definition target)
  set(fn azsphere_target_hardware_definition)
  cmake_parse_arguments(PARSE_ARGV 1 A "" "TARGET_DEFINITION" "TARGET_DIRECTORY")
  _azsphere_check(${fn} "${target}" "${A_UNPARSED_ARGUMENTS}")
  if(NOT A_TARGET_DEFINITION)
    _azsphere_fail(${fn} "TARGET_DEFINITION is required (a hardware definition such as mt3620_rdb.json)")
  endif()
  if(A_TARGET_DEFINITION MATCHES "[/\\\\]" OR NOT A_TARGET_DEFINITION MATCHES "^[^.].*\\.json$")
    _azsphere_fail(${fn} "TARGET_DEFINITION '${A_TARGET_DEFINITION}': a file name ending in .json, "
                   "without a directory (the directories are TARGET_DIRECTORY)")
  endif()
  if(NOT A_TARGET_DIRECTORY)
    _azsphere_fail(${fn} "TARGET_DIRECTORY is required (where ${A_TARGET_DEFINITION} is)")
  endif()
  get_target_property(previous ${target} AZURE_SPHERE_TARGET_DEFINITION)
  if(previous)
    _azsphere_fail(${fn} "'${target}' already has the hardware definition ${previous}")
  endif()

  set(dirs "")
  set(file "")
  foreach(d IN LISTS A_TARGET_DIRECTORY)
    get_filename_component(abs "${d}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT IS_DIRECTORY "${abs}")
      _azsphere_fail(${fn} "TARGET_DIRECTORY '${d}': no such directory (${abs})")
    endif()
    list(APPEND dirs "${abs}")
    if(NOT file AND EXISTS "${abs}/${A_TARGET_DEFINITION}")
      set(file "${abs}/${A_TARGET_DEFINITION}")
    endif()
  endforeach()
  if(NOT file)
    string(REPLACE ";" ", " where "${dirs}")
    _azsphere_fail(${fn} "TARGET_DEFINITION '${A_TARGET_DEFINITION}' is in none of the "
                   "TARGET_DIRECTORY directories (${where})")
  endif()
  list(APPEND dirs "${AZURE_SPHERE_HARDWARE_DEFINITIONS}")
  list(REMOVE_DUPLICATES dirs)

  set(search "")
  set(pack "")
  set(deps "")
  foreach(d IN LISTS dirs)
    list(APPEND search --search "${d}")
    list(APPEND pack --hardware-definitions "${d}")
    file(GLOB json CONFIGURE_DEPENDS "${d}/*.json")
    list(APPEND deps ${json})
  endforeach()
  list(APPEND pack --target-definition-filename "${A_TARGET_DEFINITION}")
  set_target_properties(${target} PROPERTIES
    AZURE_SPHERE_TARGET_DEFINITION "${A_TARGET_DEFINITION}"
    AZURE_SPHERE_HARDWARE_DEFINITION_DIRECTORIES "${dirs}"
    AZURE_SPHERE_RESOLVE_ARGS "${pack}")

  # inc/hw/<name>.h for the definition and its imports.
  string(REGEX REPLACE "\\.json$" "" stem "${A_TARGET_DEFINITION}")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}-hw")
  add_custom_command(
    OUTPUT "${out}/inc/hw/${stem}.h"
    COMMAND ${CMAKE_COMMAND} -E rm -rf "${out}/inc"
    COMMAND "${AZURE_SPHERE_HARDWARE_DEFINITION_TOOL}" generate-header
            --hardware-definition-file "${file}" ${search} --output "${out}"
    DEPENDS ${deps} "${AZURE_SPHERE_HARDWARE_DEFINITION_TOOL}"
    COMMENT "Hardware definition headers for ${target} (${A_TARGET_DEFINITION})"
    VERBATIM)
  add_custom_target(${target}-hardware-definition DEPENDS "${out}/inc/hw/${stem}.h")
  add_dependencies(${target} ${target}-hardware-definition)
  target_include_directories(${target} PRIVATE "${out}/inc")
endfunction()

# azsphere_target_add_image_package(target [RESOURCE_FILES file...])
# Packs the app into ${CMAKE_CURRENT_BINARY_DIR}/<target>.imagepackage, signed
# with the SDK key: the current source directory's app_manifest.json with its
# "$NAME"s resolved through the target's hardware definition, the stripped
# executable at the manifest's EntryPoint and the resource files at their
# relative paths. The package's root is also left in approot<target>/.
function(azsphere_target_add_image_package target)
  set(fn azsphere_target_add_image_package)
  cmake_parse_arguments(PARSE_ARGV 1 A "" "DEBUG_LIB" "RESOURCE_FILES")
  _azsphere_check(${fn} "${target}" "${A_UNPARSED_ARGUMENTS}")
  if(DEFINED A_DEBUG_LIB)
    _azsphere_fail(${fn} "DEBUG_LIB '${A_DEBUG_LIB}': this SDK has no debug libraries")
  endif()
  get_target_property(done ${target} AZURE_SPHERE_IMAGE_PACKAGE)
  if(done)
    _azsphere_fail(${fn} "'${target}' already has an image package (${done})")
  endif()
  # The app links the sysroot's applibs by name (target_link_libraries(...
  # applibs ...)), which CMake can't see change: a new SDK relinks the app.
  foreach(lib IN ITEMS applibs tlsutils)
    if(DEFINED AZURE_SPHERE_SYSROOT AND EXISTS "${AZURE_SPHERE_SYSROOT}/usr/lib/lib${lib}.a")
      set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS
                   "${AZURE_SPHERE_SYSROOT}/usr/lib/lib${lib}.a")
    endif()
  endforeach()
  if(NOT EXISTS "${AZURE_SPHERE_SIGNING_KEYS}/sdk.key.pem")
    _azsphere_fail(${fn} "no signing key: ${AZURE_SPHERE_SIGNING_KEYS}/sdk.key.pem does not exist "
                   "(AZURE_SPHERE_SIGNING_KEYS)")
  endif()

  # The manifest: its EntryPoint says where the executable goes.
  set(manifest "${CMAKE_CURRENT_SOURCE_DIR}/app_manifest.json")
  if(NOT EXISTS "${manifest}")
    _azsphere_fail(${fn} "${manifest}: no such file (every app has an app_manifest.json)")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  file(READ "${manifest}" json)
  string(JSON entry ERROR_VARIABLE err GET "${json}" EntryPoint)
  if(err)
    _azsphere_fail(${fn} "${manifest}: EntryPoint: ${err}")
  endif()
  if(NOT entry MATCHES "^(/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)+$" OR entry MATCHES "/\\.\\.?(/|$)"
     OR entry STREQUAL "/app_manifest.json")
    _azsphere_fail(${fn} "${manifest}: EntryPoint '${entry}': an absolute path in the package "
                   "such as /bin/app")
  endif()
  get_filename_component(entry_dir "${entry}" DIRECTORY)

  # The toolchain decides the kind of app: the RT core toolchain builds
  # RealTimeCapable apps only, the high-level one everything else.
  string(JSON type ERROR_VARIABLE err GET "${json}" ApplicationType)
  if(err)
    set(type "Default")
  endif()
  if(AZURE_SPHERE_RTCORE AND NOT type STREQUAL "RealTimeCapable")
    _azsphere_fail(${fn} "${manifest}: ApplicationType '${type}': the RT core toolchain "
                   "(AzureSphereRTCoreToolchain.cmake) builds \"RealTimeCapable\" apps only")
  elseif(NOT AZURE_SPHERE_RTCORE AND type STREQUAL "RealTimeCapable")
    _azsphere_fail(${fn} "${manifest}: ApplicationType 'RealTimeCapable': build real-time apps "
                   "with the RT core toolchain (AzureSphereRTCoreToolchain.cmake)")
  endif()

  # An app that links the platform's shared libraries (curl, wolfssl, tlsutils)
  # is linked dynamically against musl: the sandbox maps the libraries and
  # musl's loader read-only at /lib (docs/sdk.md). Every other app stays static.
  if(NOT AZURE_SPHERE_RTCORE)
    set(libs "$<TARGET_PROPERTY:${target},LINK_LIBRARIES>")
    set(shared "$<OR:$<IN_LIST:curl,${libs}>,$<IN_LIST:wolfssl,${libs}>,$<IN_LIST:tlsutils,${libs}>>")
    target_link_options(${target} PRIVATE
      "$<${shared}:-Wl,-Bdynamic;-Wl,--dynamic-linker=/lib/${AZURE_SPHERE_LOADER};-Wl,-rpath-link,${AZURE_SPHERE_SYSROOT}/usr/lib>")
  endif()

  set(approot "${CMAKE_CURRENT_BINARY_DIR}/approot${target}")
  set(package "${CMAKE_CURRENT_BINARY_DIR}/${target}.imagepackage")
  if(CMAKE_STRIP)
    set(install_app "${CMAKE_STRIP}" -o "${approot}${entry}" "$<TARGET_FILE:${target}>")
  else()
    set(install_app "${CMAKE_COMMAND}" -E copy "$<TARGET_FILE:${target}>" "${approot}${entry}")
  endif()

  set(copies "")
  set(deps "${manifest}")
  foreach(r IN LISTS A_RESOURCE_FILES)
    if(IS_ABSOLUTE "${r}" OR r MATCHES "(^|/)\\.\\.(/|$)" OR r MATCHES "^\\.?/")
      _azsphere_fail(${fn} "RESOURCE_FILES '${r}': a path relative to ${CMAKE_CURRENT_SOURCE_DIR}, "
                     "without '..' (it keeps that path in the package)")
    endif()
    if(NOT EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${r}" OR IS_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/${r}")
      _azsphere_fail(${fn} "RESOURCE_FILES '${r}': no such file in ${CMAKE_CURRENT_SOURCE_DIR}")
    endif()
    if("/${r}" STREQUAL "${entry}" OR r STREQUAL "app_manifest.json")
      _azsphere_fail(${fn} "RESOURCE_FILES '${r}': the package's ${r} is made by the SDK")
    endif()
    get_filename_component(rdir "${approot}/${r}" DIRECTORY)
    list(APPEND copies COMMAND ${CMAKE_COMMAND} -E make_directory "${rdir}"
                       COMMAND ${CMAKE_COMMAND} -E copy "${CMAKE_CURRENT_SOURCE_DIR}/${r}" "${approot}/${r}")
    list(APPEND deps "${CMAKE_CURRENT_SOURCE_DIR}/${r}")
  endforeach()

  add_custom_command(
    OUTPUT "${package}"
    COMMAND ${CMAKE_COMMAND} -E rm -rf "${approot}" "${package}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${approot}${entry_dir}"
    COMMAND ${install_app}
    ${copies}
    COMMAND "${AZURE_SPHERE_IMAGE_PACKAGE_TOOL}" resolve-manifest
            --input "${CMAKE_CURRENT_SOURCE_DIR}" --destination "${approot}/app_manifest.json"
            "$<TARGET_PROPERTY:${target},AZURE_SPHERE_RESOLVE_ARGS>"
    COMMAND "${AZURE_SPHERE_IMAGE_PACKAGE_TOOL}" pack-application --input "${approot}"
            --destination "${package}" --keys "${AZURE_SPHERE_SIGNING_KEYS}"
    DEPENDS ${target} ${deps} "${AZURE_SPHERE_IMAGE_PACKAGE_TOOL}"
            "${AZURE_SPHERE_SIGNING_KEYS}/sdk.key.pem"
    COMMENT "Image package ${target}.imagepackage (SDK-signed)"
    COMMAND_EXPAND_LISTS
    VERBATIM)
  add_custom_target(${target}-package ALL DEPENDS "${package}")
  set_target_properties(${target} PROPERTIES
    AZURE_SPHERE_IMAGE_PACKAGE "${package}"
    AZURE_SPHERE_APPROOT "${approot}")
endfunction()
