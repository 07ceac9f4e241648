/* SPDX-License-Identifier: MIT */
/* The versioned ABI behind wificonfig.h's inline functions. */
#ifndef APPLIBS_WIFICONFIG_INTERNAL_H
#define APPLIBS_WIFICONFIG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define z__WIFICONFIG_STORED_NETWORK_MAGIC    0xb22e0000u
#define z__WIFICONFIG_CONNECTED_NETWORK_MAGIC 0x09ef0000u
#define z__WIFICONFIG_SCANNED_NETWORK_MAGIC   0x7eb10000u

struct z__WifiConfig_StoredNetwork_Base {
	uint32_t z__magicAndVersion;
};
struct z__WifiConfig_ConnectedNetwork_Base {
	uint32_t z__magicAndVersion;
};
struct z__WifiConfig_ScannedNetwork_Base {
	uint32_t z__magicAndVersion;
};

int z__WifiConfig_ForgetNetwork(const struct z__WifiConfig_StoredNetwork_Base *storedNetwork,
				uint32_t structVersion);
ssize_t z__WifiConfig_GetStoredNetworks(struct z__WifiConfig_StoredNetwork_Base *storedNetworkArray,
					size_t storedNetworkArrayCount, uint32_t structVersion);
int z__WifiConfig_GetCurrentNetwork(struct z__WifiConfig_ConnectedNetwork_Base *connectedNetwork,
				    uint32_t structVersion);
ssize_t
z__WifiConfig_GetScannedNetworks(struct z__WifiConfig_ScannedNetwork_Base *scannedNetworkArray,
				 size_t scannedNetworkArrayCount, uint32_t structVersion);
int z__WifiConfig_SetNetworkOpt(int networkId, uint32_t attribute, const void *value,
				size_t length);
int z__WifiConfig_GetNetworkOpt(int networkId, uint32_t attribute, void *value, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_WIFICONFIG_INTERNAL_H */
