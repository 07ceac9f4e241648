################################################################################
#
# azsphere-platform
#
################################################################################

AZSPHERE_PLATFORM_VERSION = 0.1.0
AZSPHERE_PLATFORM_SITE = $(BR2_EXTERNAL_AZSPHERE_PATH)/..
AZSPHERE_PLATFORM_SITE_METHOD = local
AZSPHERE_PLATFORM_LICENSE = MIT
AZSPHERE_PLATFORM_LICENSE_FILES = LICENSE LICENSES/MIT
AZSPHERE_PLATFORM_INSTALL_STAGING = YES
# linux: the kselftest harness is the kernel's own.
AZSPHERE_PLATFORM_DEPENDENCIES = json-c libcap libseccomp openssl linux

AZSPHERE_PLATFORM_DEVICE_ARCH = $(if $(BR2_arm),armv7,x86_64)

# The device programs are static: the staging's .a archives
# (BR2_SHARED_STATIC_LIBS or BR2_STATIC_LIBS).
AZSPHERE_PLATFORM_CONF_OPTS = \
	-DAZS_DEVICE_ARCH=$(AZSPHERE_PLATFORM_DEVICE_ARCH) \
	-DAZS_PLATFORM_ONLY=ON \
	-DAZS_KSELFTEST_HARNESS_DIR=$(LINUX_DIR)/tools/testing/selftests \
	-DAZS_INSTALL_KSELFTESTS=$(if $(BR2_PACKAGE_AZSPHERE_PLATFORM_KSELFTESTS),ON,OFF)

$(eval $(cmake-package))
