/* SPDX-License-Identifier: MIT */
/* Version 1 of the Wi-Fi configuration structs (see wificonfig.h). */
#ifndef APPLIBS_WIFICONFIG_STRUCTS_V1_H
#define APPLIBS_WIFICONFIG_STRUCTS_V1_H

#include <stdbool.h>
#include <stdint.h>

#define WIFICONFIG_SSID_MAX_LENGTH   32
#define WIFICONFIG_BSSID_BUFFER_SIZE 6

typedef uint8_t WifiConfig_Security_Type;
typedef enum {
	WifiConfig_Security_Unknown = 0,
	WifiConfig_Security_Open = 1,
	WifiConfig_Security_Wpa2_Psk = 2,
	WifiConfig_Security_Wpa2_EAP_TLS = 3,
} WifiConfig_Security;

struct z__WifiConfig_StoredNetwork_v1 {
	uint32_t z__magicAndVersion;
	uint8_t ssid[WIFICONFIG_SSID_MAX_LENGTH];
	uint8_t ssidLength;
	bool isEnabled;
	bool isConnected;
	WifiConfig_Security_Type security;
};

struct z__WifiConfig_ConnectedNetwork_v1 {
	uint32_t z__magicAndVersion;
	uint8_t ssid[WIFICONFIG_SSID_MAX_LENGTH];
	uint8_t bssid[WIFICONFIG_BSSID_BUFFER_SIZE];
	uint8_t ssidLength;
	WifiConfig_Security_Type security;
	uint32_t frequencyMHz;
	int8_t signalRssi;
};

struct z__WifiConfig_ScannedNetwork_v1 {
	uint32_t z__magicAndVersion;
	uint8_t ssid[WIFICONFIG_SSID_MAX_LENGTH];
	uint8_t bssid[WIFICONFIG_BSSID_BUFFER_SIZE];
	uint8_t ssidLength;
	WifiConfig_Security_Type security;
	uint32_t frequencyMHz;
	int8_t signalRssi;
};

#endif /* APPLIBS_WIFICONFIG_STRUCTS_V1_H */
