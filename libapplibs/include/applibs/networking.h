/* SPDX-License-Identifier: MIT */
/*
 * applibs networking: interface state, IP and time-sync configuration, the
 * DHCP/SNTP servers and the proxy. Capabilities NetworkConfig,
 * ReadNetworkProxyConfig, TimeSyncConfig, DhcpService, SntpService,
 * HardwareAddressConfig.
 *
 * Define NETWORKING_STRUCTS_VERSION (only 1 exists) before including this
 * header, usually in the app's applibs_versions.h; it defaults to 1.
 */
#ifndef APPLIBS_NETWORKING_H
#define APPLIBS_NETWORKING_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <applibs/networking_structs_v1.h>
#include <applibs/networking_internal.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NETWORKING_STRUCTS_VERSION
#define NETWORKING_STRUCTS_VERSION 1
#endif

#if NETWORKING_STRUCTS_VERSION == 1
typedef struct z__Networking_NetworkInterface_v1 Networking_NetworkInterface;
#else
#error "unsupported NETWORKING_STRUCTS_VERSION (this SDK has version 1)"
#endif

#define PROXY_ADDRESS_MAX_LENGTH            255
#define PROXY_NO_PROXY_ADDRESSES_MAX_LENGTH 255
#define PROXY_USERNAME_MAX_LENGTH           63
#define PROXY_PASSWORD_MAX_LENGTH           63
#define HARDWARE_ADDRESS_LENGTH             6

typedef uint32_t Networking_InterfaceConnectionStatus;
enum {
	Networking_InterfaceConnectionStatus_InterfaceUp = 1 << 0,
	Networking_InterfaceConnectionStatus_ConnectedToNetwork = 1 << 1,
	Networking_InterfaceConnectionStatus_IpAvailable = 1 << 2,
	Networking_InterfaceConnectionStatus_ConnectedToInternet = 1 << 3,
};

typedef uint32_t Networking_NtpOption;
enum {
	Networking_NtpOption_FallbackServerDisabled = 0,
	Networking_NtpOption_FallbackServerEnabled = 1,
};

typedef uint32_t Networking_ProxyStatus;
enum {
	Networking_ProxyStatus_Enabled = 1 << 0,
	Networking_ProxyStatus_ResolvingProxyName = 1 << 1,
	Networking_ProxyStatus_Ready = 1 << 2,
};

typedef uint32_t Networking_ProxyOptions;
enum {
	Networking_ProxyOptions_None = 1 << 0,
	Networking_ProxyOptions_Enabled = 1 << 1,
};

typedef int8_t Networking_ProxyType;
enum {
	Networking_ProxyType_Invalid = -1,
	Networking_ProxyType_HTTP = 0,
};

typedef int8_t Networking_ProxyAuthType;
enum {
	Networking_ProxyAuthType_Invalid = -1,
	Networking_ProxyAuthType_Anonymous = 0,
	Networking_ProxyAuthType_Basic = 1,
};

typedef struct Networking_IpConfig {
	uint64_t reserved[5];
} Networking_IpConfig;

typedef struct Networking_SntpServerConfig {
	uint64_t reserved[3];
} Networking_SntpServerConfig;

typedef struct Networking_DhcpServerConfig {
	uint64_t reserved[8];
} Networking_DhcpServerConfig;

typedef struct Networking_ProxyConfig Networking_ProxyConfig;

typedef struct Networking_Interface_HardwareAddress {
	uint8_t address[HARDWARE_ADDRESS_LENGTH];
} Networking_Interface_HardwareAddress;

int Networking_IsNetworkingReady(bool *outIsNetworkingReady);
ssize_t Networking_GetInterfaceCount(void);

static inline ssize_t
Networking_GetInterfaces(Networking_NetworkInterface *outNetworkInterfacesArray,
			 size_t networkInterfacesArrayCount)
{
	return z__Networking_GetInterfaces(
		(struct z__Networking_NetworkInterface_Base *)outNetworkInterfacesArray,
		networkInterfacesArrayCount, NETWORKING_STRUCTS_VERSION);
}

int Networking_SetInterfaceState(const char *networkInterfaceName, bool isEnabled);
void Networking_IpConfig_Init(Networking_IpConfig *ipConfig);
void Networking_IpConfig_Destroy(Networking_IpConfig *ipConfig);
void Networking_IpConfig_EnableDynamicIp(Networking_IpConfig *ipConfig);
void Networking_IpConfig_EnableStaticIp(Networking_IpConfig *ipConfig, struct in_addr ipAddress,
					struct in_addr subnetMask, struct in_addr gatewayAddress);
void Networking_IpConfig_EnableAutomaticDns(Networking_IpConfig *ipConfig);
int Networking_IpConfig_EnableCustomDns(Networking_IpConfig *ipConfig,
					const struct in_addr *dnsServerAddresses,
					size_t serverCount);
int Networking_IpConfig_Apply(const char *networkInterfaceName,
			      const Networking_IpConfig *ipConfig);
int Networking_TimeSync_EnableDefaultNtp(void);
int Networking_TimeSync_EnableAutomaticNtp(Networking_NtpOption option);
int Networking_TimeSync_EnableCustomNtp(const char *primaryNtpServer,
					const char *secondaryNtpServer,
					Networking_NtpOption option);
int Networking_TimeSync_GetLastNtpSyncInfo(char *outNtpServer, size_t *inOutNtpServerLength,
					   struct tm *outTimeBeforeSync, struct tm *outNtpTime);
int Networking_TimeSync_SetEnabled(bool enabled);
int Networking_TimeSync_GetEnabled(bool *outIsEnabled);
int Networking_IpConfig_ReleaseIp(const char *networkInterfaceName);
int Networking_IpConfig_RenewIp(const char *networkInterfaceName);
int Networking_GetInterfaceConnectionStatus(const char *networkInterfaceName,
					    Networking_InterfaceConnectionStatus *outStatus);
void Networking_SntpServerConfig_Init(Networking_SntpServerConfig *sntpServerConfig);
void Networking_SntpServerConfig_Destroy(Networking_SntpServerConfig *sntpServerConfig);
int Networking_SntpServer_Start(const char *networkInterfaceName,
				const Networking_SntpServerConfig *sntpServerConfig);
void Networking_DhcpServerConfig_Init(Networking_DhcpServerConfig *dhcpServerConfig);
void Networking_DhcpServerConfig_Destroy(Networking_DhcpServerConfig *dhcpServerConfig);
int Networking_DhcpServerConfig_SetLease(Networking_DhcpServerConfig *dhcpServerConfig,
					 struct in_addr startIpAddress, uint8_t ipAddressCount,
					 struct in_addr subnetMask, struct in_addr gatewayAddress,
					 uint32_t leaseTimeInHours);
int Networking_DhcpServerConfig_SetNtpServerAddresses(Networking_DhcpServerConfig *dhcpServerConfig,
						      const struct in_addr *ntpServerAddresses,
						      size_t serverCount);
int Networking_DhcpServer_Start(const char *networkInterfaceName,
				const Networking_DhcpServerConfig *dhcpServerConfig);

static inline int Networking_SetHardwareAddress(const char *networkInterfaceName,
						const uint8_t *hardwareAddress,
						size_t hardwareAddressLength)
{
	return z__Networking_SetInterfaceOpt(networkInterfaceName,
					     z__NETWORKING_INTERFACE_OPT_HARDWARE_ADDRESS,
					     hardwareAddress, hardwareAddressLength);
}

static inline int Networking_GetHardwareAddress(const char *networkInterfaceName,
						Networking_Interface_HardwareAddress *outAddress)
{
	return z__Networking_GetInterfaceOpt(networkInterfaceName,
					     z__NETWORKING_INTERFACE_OPT_HARDWARE_ADDRESS,
					     outAddress, sizeof(*outAddress));
}

Networking_ProxyConfig *Networking_Proxy_Create(void);
void Networking_Proxy_Destroy(Networking_ProxyConfig *proxyConfig);
int Networking_Proxy_Apply(const Networking_ProxyConfig *proxyConfig);
int Networking_Proxy_Get(Networking_ProxyConfig *proxyConfig);
int Networking_Proxy_SetProxyOptions(Networking_ProxyConfig *proxyConfig,
				     Networking_ProxyOptions proxyOptions);
int Networking_Proxy_SetProxyAddress(Networking_ProxyConfig *proxyConfig, const char *proxyAddress,
				     uint16_t proxyPort);
int Networking_Proxy_SetAnonymousAuthentication(Networking_ProxyConfig *proxyConfig);
int Networking_Proxy_SetBasicAuthentication(Networking_ProxyConfig *proxyConfig,
					    const char *username, const char *password);
int Networking_Proxy_SetProxyNoProxyAddresses(Networking_ProxyConfig *proxyConfig,
					      const char *noProxyAddresses);
int Networking_Proxy_GetProxyOptions(const Networking_ProxyConfig *proxyConfig,
				     Networking_ProxyOptions *proxyOptions);
const char *Networking_Proxy_GetProxyAddress(const Networking_ProxyConfig *proxyConfig);
int Networking_Proxy_GetProxyPort(const Networking_ProxyConfig *proxyConfig, uint16_t *proxyPort);
Networking_ProxyType Networking_Proxy_GetProxyType(const Networking_ProxyConfig *proxyConfig);
const char *Networking_Proxy_GetProxyUsername(const Networking_ProxyConfig *proxyConfig);
const char *Networking_Proxy_GetProxyPassword(const Networking_ProxyConfig *proxyConfig);
Networking_ProxyAuthType Networking_Proxy_GetAuthType(const Networking_ProxyConfig *proxyConfig);
const char *Networking_Proxy_GetNoProxyAddresses(const Networking_ProxyConfig *proxyConfig);
int Networking_Proxy_GetProxyStatus(Networking_ProxyStatus *proxyStatus);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_NETWORKING_H */
