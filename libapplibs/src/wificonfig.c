// SPDX-License-Identifier: MIT
/*
 * Wi-Fi configuration.
 * Not available yet: this needs the application manager's runtime channel,
 * which does not exist yet. Every call that would reach the system fails
 * with ENOSYS; nothing pretends to succeed.
 */

#include <applibs/wificonfig.h>

#include "internal.h"

int WifiConfig_StoreOpenNetwork(const uint8_t *ssid, size_t ssidLength)
{
	(void)ssid;
	(void)ssidLength;
	return azs_fail(ENOSYS);
}

int WifiConfig_StoreWpa2Network(const uint8_t *ssid, size_t ssidLength, const char *psk,
				size_t pskLength)
{
	(void)ssid;
	(void)ssidLength;
	(void)psk;
	(void)pskLength;
	return azs_fail(ENOSYS);
}

int z__WifiConfig_ForgetNetwork(const struct z__WifiConfig_StoredNetwork_Base *storedNetwork,
				uint32_t structVersion)
{
	(void)storedNetwork;
	(void)structVersion;
	return azs_fail(ENOSYS);
}

ssize_t z__WifiConfig_GetStoredNetworks(struct z__WifiConfig_StoredNetwork_Base *storedNetworkArray,
					size_t storedNetworkArrayCount, uint32_t structVersion)
{
	(void)storedNetworkArray;
	(void)storedNetworkArrayCount;
	(void)structVersion;
	return azs_fail(ENOSYS);
}

int z__WifiConfig_GetCurrentNetwork(struct z__WifiConfig_ConnectedNetwork_Base *connectedNetwork,
				    uint32_t structVersion)
{
	(void)connectedNetwork;
	(void)structVersion;
	return azs_fail(ENOSYS);
}

ssize_t
z__WifiConfig_GetScannedNetworks(struct z__WifiConfig_ScannedNetwork_Base *scannedNetworkArray,
				 size_t scannedNetworkArrayCount, uint32_t structVersion)
{
	(void)scannedNetworkArray;
	(void)scannedNetworkArrayCount;
	(void)structVersion;
	return azs_fail(ENOSYS);
}

int z__WifiConfig_SetNetworkOpt(int networkId, uint32_t attribute, const void *value, size_t length)
{
	(void)networkId;
	(void)attribute;
	(void)value;
	(void)length;
	return azs_fail(ENOSYS);
}

int z__WifiConfig_GetNetworkOpt(int networkId, uint32_t attribute, void *value, size_t length)
{
	(void)networkId;
	(void)attribute;
	(void)value;
	(void)length;
	return azs_fail(ENOSYS);
}

int WifiConfig_ForgetNetworkById(int networkId)
{
	(void)networkId;
	return azs_fail(ENOSYS);
}

int WifiConfig_ForgetAllNetworks(void)
{
	return azs_fail(ENOSYS);
}

ssize_t WifiConfig_GetStoredNetworkCount(void)
{
	return azs_fail(ENOSYS);
}

int WifiConfig_GetConnectedNetworkId(void)
{
	return azs_fail(ENOSYS);
}

ssize_t WifiConfig_TriggerScanAndGetScannedNetworkCount(void)
{
	return azs_fail(ENOSYS);
}

int WifiConfig_AddNetwork(void)
{
	return azs_fail(ENOSYS);
}

int WifiConfig_AddDuplicateNetwork(int networkId, const char *configName)
{
	(void)networkId;
	(void)configName;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetSSID(int networkId, const uint8_t *ssid, size_t ssidLength)
{
	(void)networkId;
	(void)ssid;
	(void)ssidLength;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetSecurityType(int networkId, WifiConfig_Security_Type securityType)
{
	(void)networkId;
	(void)securityType;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetNetworkEnabled(int networkId, bool enabled)
{
	(void)networkId;
	(void)enabled;
	return azs_fail(ENOSYS);
}

int WifiConfig_PersistConfig(void)
{
	return azs_fail(ENOSYS);
}

int WifiConfig_ReloadConfig(void)
{
	return azs_fail(ENOSYS);
}

int WifiConfig_SetPSK(int networkId, const char *psk, size_t pskLength)
{
	(void)networkId;
	(void)psk;
	(void)pskLength;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetTargetedScanEnabled(int networkId, bool enabled)
{
	(void)networkId;
	(void)enabled;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetConfigName(int networkId, const char *configName)
{
	(void)networkId;
	(void)configName;
	return azs_fail(ENOSYS);
}

int WifiConfig_GetNetworkIdByConfigName(const char *configName)
{
	(void)configName;
	return azs_fail(ENOSYS);
}

int WifiConfig_GetNetworkDiagnostics(int networkId,
				     WifiConfig_NetworkDiagnostics *networkDiagnostics)
{
	(void)networkId;
	(void)networkDiagnostics;
	return azs_fail(ENOSYS);
}

int WifiConfig_GetClientIdentity(int networkId, WifiConfig_ClientIdentity *outIdentity)
{
	(void)networkId;
	(void)outIdentity;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetClientIdentity(int networkId, const char *identity)
{
	(void)networkId;
	(void)identity;
	return azs_fail(ENOSYS);
}

int WifiConfig_GetClientCertStoreIdentifier(int networkId, CertStore_Identifier *outIdentifier)
{
	(void)networkId;
	(void)outIdentifier;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetClientCertStoreIdentifier(int networkId, const char *certStoreIdentifier)
{
	(void)networkId;
	(void)certStoreIdentifier;
	return azs_fail(ENOSYS);
}

int WifiConfig_GetRootCACertStoreIdentifier(int networkId, CertStore_Identifier *outIdentifier)
{
	(void)networkId;
	(void)outIdentifier;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetRootCACertStoreIdentifier(int networkId, const char *certStoreIdentifier)
{
	(void)networkId;
	(void)certStoreIdentifier;
	return azs_fail(ENOSYS);
}

int WifiConfig_SetPowerSavingsEnabled(bool enabled)
{
	(void)enabled;
	return azs_fail(ENOSYS);
}
