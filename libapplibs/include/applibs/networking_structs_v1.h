/* SPDX-License-Identifier: MIT */
/* Version 1 of the networking structs (see networking.h). */
#ifndef APPLIBS_NETWORKING_STRUCTS_V1_H
#define APPLIBS_NETWORKING_STRUCTS_V1_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint8_t Networking_IpType_Type;
typedef enum {
	Networking_IpType_DhcpNone = 0,
	Networking_IpType_DhcpClient = 1,
} Networking_IpType;

typedef uint8_t Networking_InterfaceMedium_Type;
typedef enum {
	Networking_InterfaceMedium_Unspecified = 0,
	Networking_InterfaceMedium_Wifi = 1,
	Networking_InterfaceMedium_Ethernet = 2,
} Networking_InterfaceMedium;

struct z__Networking_NetworkInterface_v1 {
	uint32_t z__magicAndVersion;
	bool isEnabled;
	char interfaceName[IF_NAMESIZE];
	uint32_t reserved;
	Networking_IpType_Type ipConfigurationType;
	Networking_InterfaceMedium_Type interfaceMediumType;
};

#endif /* APPLIBS_NETWORKING_STRUCTS_V1_H */
