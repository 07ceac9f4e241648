################################################################################
#
# azsphere-sdk
#
################################################################################

AZSPHERE_SDK_VERSION = 0.1.0
AZSPHERE_SDK_SITE = $(BR2_EXTERNAL_AZSPHERE_PATH)/..
AZSPHERE_SDK_SITE_METHOD = local
AZSPHERE_SDK_LICENSE = MIT
AZSPHERE_SDK_LICENSE_FILES = LICENSE LICENSES/MIT

HOST_AZSPHERE_SDK_DEVICE_ARCH = $(if $(BR2_arm),armv7,x86_64)

# The project's own build (make userspace) stages the SDK; make install-sdk
# copies it, relocatable, into $(HOST_DIR)/lib/azsphere-sdk.
define HOST_AZSPHERE_SDK_BUILD_CMDS
	$(HOST_MAKE_ENV) $(MAKE) -C $(@D) DEVICE_ARCH=$(HOST_AZSPHERE_SDK_DEVICE_ARCH) \
		BUILD=$(@D)/build/sdk JOBS=$(PARALLEL_JOBS) userspace
endef

define HOST_AZSPHERE_SDK_INSTALL_CMDS
	$(HOST_MAKE_ENV) $(MAKE) -C $(@D) DEVICE_ARCH=$(HOST_AZSPHERE_SDK_DEVICE_ARCH) \
		BUILD=$(@D)/build/sdk PREFIX=$(HOST_DIR) DESTDIR= install-sdk
endef

$(eval $(host-generic-package))
