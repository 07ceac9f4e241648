/* SPDX-License-Identifier: MIT */
/* The versioned ABI behind networking.h's inline functions. */
#ifndef APPLIBS_NETWORKING_INTERNAL_H
#define APPLIBS_NETWORKING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define z__NETWORKING_NETWORK_INTERFACE_MAGIC 0xfa9a0000u

struct z__Networking_NetworkInterface_Base {
	uint32_t z__magicAndVersion;
};

/* Interface options of z__Networking_Set/GetInterfaceOpt. */
#define z__NETWORKING_INTERFACE_OPT_HARDWARE_ADDRESS 1u

ssize_t z__Networking_GetInterfaces(struct z__Networking_NetworkInterface_Base *outInterfaces,
				    size_t interfaceCount, uint32_t structVersion);
int z__Networking_SetInterfaceOpt(const char *networkInterfaceName, uint32_t attribute,
				  const void *value, size_t length);
int z__Networking_GetInterfaceOpt(const char *networkInterfaceName, uint32_t attribute, void *value,
				  size_t length);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_NETWORKING_INTERNAL_H */
