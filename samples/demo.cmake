# SPDX-License-Identifier: MIT
# Demo images for `make run`: sample apps built against musl with libapplibs
# and their manifests resolved through the RDB hardware definitions, as the
# application manager installs them (/usr/share/azsphere/demo/<name>/).
file(GLOB AZS_APPLIBS_SOURCES ${CMAKE_SOURCE_DIR}/libapplibs/src/*.c)

function(azs_demo_image name)
  set(dir /usr/share/azsphere/demo/${name})
  azs_musl_app(demo_${name}_app ${dir}/bin/app
    SOURCES ${CMAKE_SOURCE_DIR}/samples/${name}/main.c ${CMAKE_SOURCE_DIR}/samples/common/eventloop_timer_utilities.c
            ${AZS_APPLIBS_SOURCES}
    INCLUDES ${CMAKE_SOURCE_DIR}/libapplibs/include ${CMAKE_SOURCE_DIR}/libapplibs/src
             ${CMAKE_SOURCE_DIR}/samples/common)
  add_custom_command(
    OUTPUT ${AZS_DEVICE_ROOT}${dir}/app_manifest.json
    COMMAND $<TARGET_FILE:image-package> resolve-manifest --input ${CMAKE_SOURCE_DIR}/samples/${name}
            --destination ${AZS_DEVICE_ROOT}${dir}/app_manifest.json
            --hardware-definitions ${CMAKE_SOURCE_DIR}/manifests/mt3620
            --target-definition-filename mt3620_rdb.json
    DEPENDS image-package demo_${name}_app ${CMAKE_SOURCE_DIR}/samples/${name}/app_manifest.json
    COMMENT "demo image ${name}")
  add_custom_target(demo_${name}_manifest ALL DEPENDS ${AZS_DEVICE_ROOT}${dir}/app_manifest.json)
endfunction()

azs_demo_image(blink)
