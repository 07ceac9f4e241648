/* SPDX-License-Identifier: MIT */
/*
 * applibs Wi-Fi configuration. Capabilities WifiConfig, EnterpriseWifiConfig.
 *
 * Define WIFICONFIG_STRUCTS_VERSION (only 1 exists) before including this
 * header, usually in the app's applibs_versions.h; it defaults to 1.
 */
#ifndef APPLIBS_WIFICONFIG_H
#define APPLIBS_WIFICONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <applibs/applibs_internal_api_traits.h>
#include <applibs/certstore.h>
#include <applibs/wificonfig_structs_v1.h>
#include <applibs/wificonfig_internal.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WIFICONFIG_STRUCTS_VERSION
#define WIFICONFIG_STRUCTS_VERSION 1
#endif

#if WIFICONFIG_STRUCTS_VERSION == 1
typedef struct z__WifiConfig_StoredNetwork_v1 WifiConfig_StoredNetwork;
typedef struct z__WifiConfig_ConnectedNetwork_v1 WifiConfig_ConnectedNetwork;
typedef struct z__WifiConfig_ScannedNetwork_v1 WifiConfig_ScannedNetwork;
#else
#error "unsupported WIFICONFIG_STRUCTS_VERSION (this SDK has version 1)"
#endif

#define WIFICONFIG_WPA2_KEY_MAX_BUFFER_SIZE 64
#define WIFICONFIG_CONFIG_NAME_MAX_LENGTH   16
#define WIFICONFIG_EAP_IDENTITY_MAX_LENGTH  254

typedef struct WifiConfig_ClientIdentity {
	char identity[WIFICONFIG_EAP_IDENTITY_MAX_LENGTH + 1];
} WifiConfig_ClientIdentity;

typedef struct WifiConfig_NetworkDiagnostics64 {
	uint8_t isEnabled;
	uint8_t isConnected;
	int32_t error;
	time_t timestamp;
	int32_t certError;
	int32_t certDepth;
	CertStore_SubjectName certSubject;
} WifiConfig_NetworkDiagnostics;

int WifiConfig_StoreOpenNetwork(const uint8_t *ssid, size_t ssidLength)
	_AZSPHERE_DEPRECATED_BY(WifiConfig_AddNetwork);
int WifiConfig_StoreWpa2Network(const uint8_t *ssid, size_t ssidLength, const char *psk,
				size_t pskLength) _AZSPHERE_DEPRECATED_BY(WifiConfig_AddNetwork);

static inline int WifiConfig_ForgetNetwork(const WifiConfig_StoredNetwork *storedNetwork)
	_AZSPHERE_DEPRECATED_BY(WifiConfig_ForgetNetworkById);
static inline int WifiConfig_ForgetNetwork(const WifiConfig_StoredNetwork *storedNetwork)
{
	return z__WifiConfig_ForgetNetwork(
		(const struct z__WifiConfig_StoredNetwork_Base *)storedNetwork,
		WIFICONFIG_STRUCTS_VERSION);
}

int WifiConfig_ForgetNetworkById(int networkId);
int WifiConfig_ForgetAllNetworks(void);
ssize_t WifiConfig_GetStoredNetworkCount(void);

static inline ssize_t WifiConfig_GetStoredNetworks(WifiConfig_StoredNetwork *storedNetworkArray,
						   size_t storedNetworkArrayCount)
{
	return z__WifiConfig_GetStoredNetworks(
		(struct z__WifiConfig_StoredNetwork_Base *)storedNetworkArray,
		storedNetworkArrayCount, WIFICONFIG_STRUCTS_VERSION);
}

static inline int WifiConfig_GetCurrentNetwork(WifiConfig_ConnectedNetwork *connectedNetwork)
{
	return z__WifiConfig_GetCurrentNetwork(
		(struct z__WifiConfig_ConnectedNetwork_Base *)connectedNetwork,
		WIFICONFIG_STRUCTS_VERSION);
}

int WifiConfig_GetConnectedNetworkId(void);
ssize_t WifiConfig_TriggerScanAndGetScannedNetworkCount(void);

static inline ssize_t WifiConfig_GetScannedNetworks(WifiConfig_ScannedNetwork *scannedNetworkArray,
						    size_t scannedNetworkArrayCount)
{
	return z__WifiConfig_GetScannedNetworks(
		(struct z__WifiConfig_ScannedNetwork_Base *)scannedNetworkArray,
		scannedNetworkArrayCount, WIFICONFIG_STRUCTS_VERSION);
}

int WifiConfig_AddNetwork(void);
int WifiConfig_AddDuplicateNetwork(int networkId, const char *configName);
int WifiConfig_SetSSID(int networkId, const uint8_t *ssid, size_t ssidLength);
int WifiConfig_SetSecurityType(int networkId, WifiConfig_Security_Type securityType);
int WifiConfig_SetNetworkEnabled(int networkId, bool enabled);
int WifiConfig_PersistConfig(void);
int WifiConfig_ReloadConfig(void);
int WifiConfig_SetPSK(int networkId, const char *psk, size_t pskLength);
int WifiConfig_SetTargetedScanEnabled(int networkId, bool enabled);
int WifiConfig_SetConfigName(int networkId, const char *configName);
int WifiConfig_GetNetworkIdByConfigName(const char *configName);
int WifiConfig_GetNetworkDiagnostics(int networkId,
				     WifiConfig_NetworkDiagnostics *networkDiagnostics);
int WifiConfig_GetClientIdentity(int networkId, WifiConfig_ClientIdentity *outIdentity);
int WifiConfig_SetClientIdentity(int networkId, const char *identity);
int WifiConfig_GetClientCertStoreIdentifier(int networkId, CertStore_Identifier *outIdentifier);
int WifiConfig_SetClientCertStoreIdentifier(int networkId, const char *certStoreIdentifier);
int WifiConfig_GetRootCACertStoreIdentifier(int networkId, CertStore_Identifier *outIdentifier);
int WifiConfig_SetRootCACertStoreIdentifier(int networkId, const char *certStoreIdentifier);
int WifiConfig_SetPowerSavingsEnabled(bool enabled);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_WIFICONFIG_H */
