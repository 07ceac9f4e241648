# SPDX-License-Identifier: MIT
# What `cmake --install BUILD [--prefix P]` (with DESTDIR=...) and `make
# install` lay out: the platform as a root filesystem wants it
# (docs/integrating.md). Included last: the kselftest list is complete.
#
#   component      default  what
#   platform       yes      daemons and tools (sbin, bin; the verified loader in
#                           /sbin), configuration and init scripts (/etc/azs,
#                           /etc/init.d), data (share/azsphere: hardware
#                           definitions, inventory, policies), headers, libapplibs
#                           and their pkg-config files (lib/pkgconfig)
#   kselftests     yes      the kselftest collections in the kernel's kselftest
#                           install layout (lib/kselftests: COLLECTION/, run_kselftest.sh,
#                           kselftest/runner.sh, kselftest-list.txt)
#   sdk            no       the app SDK, relocatable (lib/azsphere-sdk): make install-sdk
#   device-tests   no       the device suites' programs and data and the sample apps
#                           (lib/azs-tests, /apps, share/azsphere/samples, demo, approots, rt):
#                           device/build-image
# The kernel modules are Kbuild's: make install-modules (scripts/install-modules).
#
# As GNUInstallDirs does for /etc, a prefix of /usr puts configuration in
# /etc and the boot-time loader in /sbin (any other prefix: PREFIX/etc,
# PREFIX/sbin). lib is lib, never a multiarch directory: the device's paths
# (/usr/lib/kselftests) are fixed.
set(CMAKE_INSTALL_LIBDIR lib CACHE PATH "Object code libraries (lib)")
include(GNUInstallDirs)
# /etc and /sbin paths, decided at install time (`cmake --install --prefix`
# may change the prefix) and installed with file(INSTALL), which honours
# DESTDIR as install() does.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(AZS_ETC /etc)
    set(AZS_BOOT_SBIN /sbin)
  else()
    set(AZS_ETC \${CMAKE_INSTALL_PREFIX}/etc)
    set(AZS_BOOT_SBIN \${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_SBINDIR})
  endif()" COMPONENT platform)
# azs_install_at(ETC|BOOT_SBIN SUBDIR MODE FILE...)
function(azs_install_at where sub mode)
  if(mode STREQUAL "0755")
    set(perms OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  else()
    set(perms OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  endif()
  list(JOIN perms " " perms)
  list(JOIN ARGN "\" \"" files)
  install(CODE "file(INSTALL \"${files}\" DESTINATION \"\${AZS_${where}}${sub}\"
                     FILE_PERMISSIONS ${perms})" COMPONENT platform)
endfunction()

# ---- platform: programs ----
install(TARGETS azs_appmand azs_fwctl azs_secctl azs_gatewayd
        RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT platform)
install(TARGETS azs_appctl azs-sandbox
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT platform)
azs_install_at(BOOT_SBIN "" 0755 $<TARGET_FILE:azs_verified_loader>)

# ---- platform: configuration, init scripts, data ----
set(rootfs ${CMAKE_SOURCE_DIR}/device/rootfs/etc/azs)
azs_install_at(ETC /azs/policy 0644 ${CMAKE_SOURCE_DIR}/manifests/policy/seccomp-app.json)
azs_install_at(ETC /azs 0755 ${rootfs}/rcS ${rootfs}/main ${rootfs}/shutdown)
azs_install_at(ETC /azs 0644 ${rootfs}/lib.sh ${CMAKE_SOURCE_DIR}/device/modules.platform)
azs_install_at(ETC /init.d 0755 ${CMAKE_SOURCE_DIR}/device/init.d/S50azsphere)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/manifests/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/azsphere COMPONENT platform)

# ---- platform: what an integrator compiles and links against ----
install(DIRECTORY ${CMAKE_SOURCE_DIR}/kernel/include/uapi/azsphere
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT platform)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/libapplibs/include/applibs
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT platform)
install(TARGETS applibs ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT platform)
# pkg-config files, written at install time with the install-time prefix.
foreach(pc azsphere-uapi applibs)
  install(CODE "
    file(READ ${CMAKE_SOURCE_DIR}/cmake/${pc}.pc.in text)
    string(REPLACE @prefix@ \${CMAKE_INSTALL_PREFIX} text \"\${text}\")
    string(REPLACE @version@ ${PROJECT_VERSION} text \"\${text}\")
    set(pcdir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")
    message(STATUS \"Installing: \${pcdir}/${pc}.pc\")
    file(MAKE_DIRECTORY \"\${pcdir}\")
    file(WRITE \"\${pcdir}/${pc}.pc\" \"\${text}\")" COMPONENT platform)
endforeach()

# ---- kselftests: the kselftest install layout ----
option(AZS_INSTALL_KSELFTESTS "Install the kselftest collections (lib/kselftests)" ON)
get_property(azs_ksft_list GLOBAL PROPERTY AZS_KSELFTEST_LIST)
if(NOT AZS_INSTALL_KSELFTESTS)
  set(azs_ksft_list "")
endif()
foreach(entry IN LISTS azs_ksft_list)
  string(REPLACE ":" ";" parts ${entry})
  list(GET parts 0 collection)
  list(GET parts 1 name)
  install(TARGETS kselftest_${collection}_${name}
          RUNTIME DESTINATION ${CMAKE_INSTALL_LIBDIR}/kselftests/${collection} COMPONENT kselftests)
endforeach()
if(AZS_INSTALL_KSELFTESTS)
install(FILES ${AZS_DEVICE_ROOT}/usr/lib/kselftests/kselftest-list.txt
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/kselftests COMPONENT kselftests)
install(PROGRAMS ${AZS_HARNESS_DIR}/run_kselftest.sh
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/kselftests COMPONENT kselftests)
install(PROGRAMS ${AZS_HARNESS_DIR}/kselftest/runner.sh ${AZS_HARNESS_DIR}/kselftest/prefix.pl
                 ${AZS_HARNESS_DIR}/kselftest/module.sh
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/kselftests/kselftest COMPONENT kselftests)
endif()

if(AZS_PLATFORM_ONLY)
  return()
endif()
# The device CA whose certificates the device accepts as its client
# certificate (containerd-lite/src/appmand/deviceauth.c): the build's Security
# Service store's (azs_key_store; docs/security-service.md).
install(FILES ${AZS_GENERATED_DIR}/deviceauth-ca.pem DESTINATION ${CMAKE_INSTALL_DATADIR}/azsphere
        COMPONENT platform)
# ---- sdk (make install-sdk): the staged SDK as it is, relocatable ----
install(DIRECTORY ${AZS_SDK_DIR}/ DESTINATION ${CMAKE_INSTALL_LIBDIR}/azsphere-sdk
        USE_SOURCE_PERMISSIONS COMPONENT sdk EXCLUDE_FROM_ALL)

# ---- device-tests (device/build-image): what only the device's suites use ----
install(DIRECTORY ${AZS_DEVICE_ROOT}/usr/lib/azs-tests DESTINATION ${CMAKE_INSTALL_LIBDIR}
        USE_SOURCE_PERMISSIONS COMPONENT device-tests EXCLUDE_FROM_ALL)
install(DIRECTORY ${AZS_DEVICE_ROOT}/usr/share/azsphere/samples ${AZS_DEVICE_ROOT}/usr/share/azsphere/demo
                  ${AZS_DEVICE_ROOT}/usr/share/azsphere/approots ${AZS_DEVICE_ROOT}/usr/share/azsphere/rt
        DESTINATION ${CMAKE_INSTALL_DATADIR}/azsphere
        USE_SOURCE_PERMISSIONS COMPONENT device-tests EXCLUDE_FROM_ALL)
install(DIRECTORY ${AZS_DEVICE_ROOT}/apps DESTINATION /
        USE_SOURCE_PERMISSIONS COMPONENT device-tests EXCLUDE_FROM_ALL)
