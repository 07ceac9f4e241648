// SPDX-License-Identifier: MIT
/*
 * Wi-Fi configuration (capability WifiConfig): the device's store of Wi-Fi
 * networks, kept by the runtime (containerd-lite/src/appmand/wifi.c).
 * Changes live in memory until WifiConfig_PersistConfig writes them to the
 * flash; WifiConfig_ReloadConfig reads the flash back. Scans and the
 * current network are the simulated radio's (wifi.c): what access points it
 * sees, and which one wlan0 is connected to (not connected: the current
 * network is ENODATA and the connected network's id ENOTCONN, as the API
 * documents them, after the capability check, so EACCES comes first). EAP-TLS
 * (EnterpriseWifiConfig, the certificate store) is not available: ENOSYS.
 */
#include <string.h>

#include <applibs/wificonfig.h>

#include "internal.h"
#include "runtime_client.h"

static int set_opt(int id, uint32_t attr, const void *value, size_t len)
{
	struct azs_rt_wifi_set s;

	if (id < 0)
		return azs_fail(EINVAL);
	if (len > sizeof(s.value))
		return azs_fail(ERANGE);
	memset(&s, 0, sizeof(s));
	s.id = id;
	s.attr = attr;
	s.len = (uint32_t)len;
	if (len)
		memcpy(s.value, value, len);
	return azs_rt_call(AZS_RT_OP_WIFI_SET, &s, sizeof(s), NULL, 0);
}

static int list(struct azs_rt_wifi_list *l)
{
	return azs_rt_call(AZS_RT_OP_WIFI_LIST, NULL, 0, l, sizeof(*l));
}

int WifiConfig_AddNetwork(void)
{
	struct azs_rt_i32 id;

	if (azs_rt_call(AZS_RT_OP_WIFI_ADD, NULL, 0, &id, sizeof(id)))
		return -1;
	return id.value;
}

int WifiConfig_AddDuplicateNetwork(int networkId, const char *configName)
{
	struct azs_rt_wifi_set s;
	struct azs_rt_i32 id;
	size_t n;

	if (!configName)
		return azs_fail(EFAULT);
	n = strlen(configName);
	if (networkId < 0)
		return azs_fail(EINVAL);
	if (n > WIFICONFIG_CONFIG_NAME_MAX_LENGTH)
		return azs_fail(ERANGE);
	memset(&s, 0, sizeof(s));
	s.id = networkId;
	s.attr = AZS_RT_WIFI_DUPLICATE;
	s.len = (uint32_t)n;
	memcpy(s.value, configName, n);
	if (azs_rt_call(AZS_RT_OP_WIFI_SET, &s, sizeof(s), &id, sizeof(id)))
		return -1;
	return id.value;
}

int WifiConfig_SetSSID(int networkId, const uint8_t *ssid, size_t ssidLength)
{
	if (!ssid)
		return azs_fail(EFAULT);
	if (ssidLength == 0 || ssidLength > WIFICONFIG_SSID_MAX_LENGTH)
		return azs_fail(ERANGE);
	return set_opt(networkId, AZS_RT_WIFI_SSID, ssid, ssidLength);
}

int WifiConfig_SetSecurityType(int networkId, WifiConfig_Security_Type securityType)
{
	if (securityType == WifiConfig_Security_Wpa2_EAP_TLS)
		return azs_fail(ENOSYS);
	if (securityType != WifiConfig_Security_Open &&
	    securityType != WifiConfig_Security_Wpa2_Psk)
		return azs_fail(EINVAL);
	return set_opt(networkId, AZS_RT_WIFI_SECURITY, &securityType, 1);
}

int WifiConfig_SetNetworkEnabled(int networkId, bool enabled)
{
	uint8_t v = enabled ? 1 : 0;

	return set_opt(networkId, AZS_RT_WIFI_ENABLED, &v, 1);
}

int WifiConfig_SetTargetedScanEnabled(int networkId, bool enabled)
{
	uint8_t v = enabled ? 1 : 0;

	return set_opt(networkId, AZS_RT_WIFI_TARGETED, &v, 1);
}

int WifiConfig_SetPSK(int networkId, const char *psk, size_t pskLength)
{
	if (!psk)
		return azs_fail(EFAULT);
	if (pskLength < 8 || pskLength > WIFICONFIG_WPA2_KEY_MAX_BUFFER_SIZE)
		return azs_fail(ERANGE);
	if (set_opt(networkId, AZS_RT_WIFI_PSK, psk, pskLength))
		return errno == EBADMSG ? azs_fail(EINVAL) : -1;
	return 0;
}

int WifiConfig_SetConfigName(int networkId, const char *configName)
{
	size_t n;

	if (!configName)
		return azs_fail(EFAULT);
	n = strlen(configName);
	if (n > WIFICONFIG_CONFIG_NAME_MAX_LENGTH)
		return azs_fail(ERANGE);
	return set_opt(networkId, AZS_RT_WIFI_NAME, configName, n);
}

int WifiConfig_GetNetworkIdByConfigName(const char *configName)
{
	struct azs_rt_wifi_list l;

	if (!configName)
		return azs_fail(EFAULT);
	if (strlen(configName) > WIFICONFIG_CONFIG_NAME_MAX_LENGTH)
		return azs_fail(ERANGE);
	if (list(&l))
		return -1;
	for (uint32_t i = 0; i < l.n && i < AZS_RT_WIFI_MAX_NETWORKS; i++)
		if (l.nets[i].name[0] && !strncmp(l.nets[i].name, configName, AZS_RT_WIFI_NAME_MAX))
			return l.nets[i].id;
	return azs_fail(ENODEV);
}

int WifiConfig_PersistConfig(void)
{
	return azs_rt_call(AZS_RT_OP_WIFI_PERSIST, NULL, 0, NULL, 0);
}

int WifiConfig_ReloadConfig(void)
{
	return azs_rt_call(AZS_RT_OP_WIFI_RELOAD, NULL, 0, NULL, 0);
}

int WifiConfig_ForgetNetworkById(int networkId)
{
	struct azs_rt_i32 id = {.value = networkId};

	if (networkId < 0)
		return azs_fail(EINVAL);
	return azs_rt_call(AZS_RT_OP_WIFI_FORGET, &id, sizeof(id), NULL, 0);
}

int WifiConfig_ForgetAllNetworks(void)
{
	struct azs_rt_i32 id = {.value = -1};

	if (azs_rt_call(AZS_RT_OP_WIFI_FORGET, &id, sizeof(id), NULL, 0))
		return -1;
	return WifiConfig_PersistConfig();
}

/* The deprecated one-call forms: add, set, enable, persist. */
static int store(const uint8_t *ssid, size_t ssidLength, WifiConfig_Security_Type sec,
		 const char *psk, size_t pskLength)
{
	int id = WifiConfig_AddNetwork();

	if (id < 0)
		return -1;
	if (WifiConfig_SetSSID(id, ssid, ssidLength) || WifiConfig_SetSecurityType(id, sec) ||
	    (psk && WifiConfig_SetPSK(id, psk, pskLength)) ||
	    WifiConfig_SetNetworkEnabled(id, true) || WifiConfig_PersistConfig()) {
		int err = errno;

		WifiConfig_ForgetNetworkById(id);
		return azs_fail(err);
	}
	return 0;
}

int WifiConfig_StoreOpenNetwork(const uint8_t *ssid, size_t ssidLength)
{
	return store(ssid, ssidLength, WifiConfig_Security_Open, NULL, 0);
}

int WifiConfig_StoreWpa2Network(const uint8_t *ssid, size_t ssidLength, const char *psk,
				size_t pskLength)
{
	if (!psk)
		return azs_fail(EFAULT);
	return store(ssid, ssidLength, WifiConfig_Security_Wpa2_Psk, psk, pskLength);
}

ssize_t WifiConfig_GetStoredNetworkCount(void)
{
	struct azs_rt_wifi_list l;

	if (list(&l))
		return -1;
	return (ssize_t)l.n;
}

ssize_t z__WifiConfig_GetStoredNetworks(struct z__WifiConfig_StoredNetwork_Base *storedNetworkArray,
					size_t storedNetworkArrayCount, uint32_t structVersion)
{
	struct z__WifiConfig_StoredNetwork_v1 *out =
		(struct z__WifiConfig_StoredNetwork_v1 *)storedNetworkArray;
	struct azs_rt_wifi_list l;
	size_t n;

	if (!storedNetworkArray)
		return azs_fail(EFAULT);
	if (structVersion != 1)
		return azs_fail(EINVAL);
	if (storedNetworkArrayCount == 0)
		return azs_fail(EINVAL);
	if (list(&l))
		return -1;
	n = l.n < storedNetworkArrayCount ? l.n : storedNetworkArrayCount;
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].z__magicAndVersion = z__WIFICONFIG_STORED_NETWORK_MAGIC | 1;
		memcpy(out[i].ssid, l.nets[i].ssid, sizeof(out[i].ssid));
		out[i].ssidLength = l.nets[i].ssid_len;
		out[i].isEnabled = l.nets[i].enabled;
		out[i].isConnected = false; /* no radio */
		out[i].security = l.nets[i].security;
	}
	return (ssize_t)n;
}

int z__WifiConfig_ForgetNetwork(const struct z__WifiConfig_StoredNetwork_Base *storedNetwork,
				uint32_t structVersion)
{
	const struct z__WifiConfig_StoredNetwork_v1 *want =
		(const struct z__WifiConfig_StoredNetwork_v1 *)storedNetwork;
	struct azs_rt_wifi_list l;

	if (!storedNetwork)
		return azs_fail(EFAULT);
	if (structVersion != 1 ||
	    storedNetwork->z__magicAndVersion != (z__WIFICONFIG_STORED_NETWORK_MAGIC | 1))
		return azs_fail(EINVAL);
	if (list(&l))
		return -1;
	for (uint32_t i = 0; i < l.n && i < AZS_RT_WIFI_MAX_NETWORKS; i++)
		if (l.nets[i].ssid_len == want->ssidLength &&
		    !memcmp(l.nets[i].ssid, want->ssid, want->ssidLength) &&
		    l.nets[i].security == want->security) {
			if (WifiConfig_ForgetNetworkById(l.nets[i].id))
				return -1;
			return WifiConfig_PersistConfig();
		}
	return azs_fail(ENOENT);
}

/* The radio's last scan, for WifiConfig_GetScannedNetworks. */
static struct azs_rt_wifi_scan last_scan;

static void copy_seen(const struct azs_rt_wifi_seen *from, uint8_t *ssid, uint8_t *bssid,
		      uint8_t *ssid_len, WifiConfig_Security_Type *security, uint32_t *freq,
		      int8_t *rssi)
{
	uint8_t n = from->ssid_len <= WIFICONFIG_SSID_MAX_LENGTH ? from->ssid_len : 0;

	memcpy(ssid, from->ssid, WIFICONFIG_SSID_MAX_LENGTH);
	memcpy(bssid, from->bssid, WIFICONFIG_BSSID_BUFFER_SIZE);
	*ssid_len = n;
	*security = from->security;
	*freq = from->freq_mhz;
	*rssi = from->rssi;
}

int z__WifiConfig_GetCurrentNetwork(struct z__WifiConfig_ConnectedNetwork_Base *connectedNetwork,
				    uint32_t structVersion)
{
	struct z__WifiConfig_ConnectedNetwork_v1 *out =
		(struct z__WifiConfig_ConnectedNetwork_v1 *)connectedNetwork;
	struct azs_rt_wifi_current c;

	if (!connectedNetwork)
		return azs_fail(EFAULT);
	if (structVersion != 1)
		return azs_fail(EINVAL);
	/* The runtime answers ENODATA when the device is not connected. */
	if (azs_rt_call(AZS_RT_OP_WIFI_CURRENT, NULL, 0, &c, sizeof(c)))
		return -1;
	memset(out, 0, sizeof(*out));
	out->z__magicAndVersion = z__WIFICONFIG_CONNECTED_NETWORK_MAGIC | 1;
	copy_seen(&c.net, out->ssid, out->bssid, &out->ssidLength, &out->security,
		  &out->frequencyMHz, &out->signalRssi);
	return 0;
}

int WifiConfig_GetConnectedNetworkId(void)
{
	struct azs_rt_wifi_current c;

	if (azs_rt_call(AZS_RT_OP_WIFI_CURRENT, NULL, 0, &c, sizeof(c)))
		return errno == ENODATA ? azs_fail(ENOTCONN) : -1;
	return c.id;
}

ssize_t WifiConfig_TriggerScanAndGetScannedNetworkCount(void)
{
	struct azs_rt_wifi_scan s;

	if (azs_rt_call(AZS_RT_OP_WIFI_SCAN, NULL, 0, &s, sizeof(s)))
		return -1;
	if (s.n > AZS_RT_WIFI_MAX_SCAN)
		return azs_fail(EIO);
	last_scan = s;
	return (ssize_t)s.n;
}

ssize_t
z__WifiConfig_GetScannedNetworks(struct z__WifiConfig_ScannedNetwork_Base *scannedNetworkArray,
				 size_t scannedNetworkArrayCount, uint32_t structVersion)
{
	struct z__WifiConfig_ScannedNetwork_v1 *out =
		(struct z__WifiConfig_ScannedNetwork_v1 *)scannedNetworkArray;
	struct azs_rt_wifi_list l;
	size_t n;

	if (!scannedNetworkArray)
		return azs_fail(EFAULT);
	if (structVersion != 1 || scannedNetworkArrayCount == 0)
		return azs_fail(EINVAL);
	/* The capability, as every WifiConfig call: the runtime checks it. */
	if (list(&l))
		return -1;
	n = last_scan.n < scannedNetworkArrayCount ? last_scan.n : scannedNetworkArrayCount;
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].z__magicAndVersion = z__WIFICONFIG_SCANNED_NETWORK_MAGIC | 1;
		copy_seen(&last_scan.nets[i], out[i].ssid, out[i].bssid, &out[i].ssidLength,
			  &out[i].security, &out[i].frequencyMHz, &out[i].signalRssi);
	}
	return (ssize_t)n;
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
