// SPDX-License-Identifier: MIT
/*
 * Networking: interfaces, IP/time-sync configuration, DHCP/SNTP servers, proxy.
 * The app's own interface (eth0, present only with network capabilities:
 * docs/network.md) and its status come from the runtime over the runtime
 * channel. Configuring interfaces, time sync, DHCP/SNTP servers and proxies
 * is not available on this platform yet: those calls fail with ENOSYS;
 * nothing pretends to succeed.
 */
#include <string.h>

#include <applibs/networking.h>

#include "internal.h"
#include "runtime_client.h"

static int net_status(struct azs_rt_net_status *st)
{
	return azs_rt_call(AZS_RT_OP_NET_STATUS, NULL, 0, st, sizeof(*st));
}

int Networking_IsNetworkingReady(bool *outIsNetworkingReady)
{
	const uint32_t ready = AZS_RT_NET_UP | AZS_RT_NET_CONNECTED | AZS_RT_NET_IP;
	struct azs_rt_net_status st;

	if (!outIsNetworkingReady)
		return azs_fail(EFAULT);
	if (net_status(&st))
		return -1;
	*outIsNetworkingReady = st.n_interfaces && (st.status & ready) == ready;
	return 0;
}

ssize_t Networking_GetInterfaceCount(void)
{
	struct azs_rt_net_status st;

	if (net_status(&st))
		return -1;
	return (ssize_t)st.n_interfaces;
}

ssize_t z__Networking_GetInterfaces(struct z__Networking_NetworkInterface_Base *outInterfaces,
				    size_t interfaceCount, uint32_t structVersion)
{
	struct z__Networking_NetworkInterface_v1 *out =
		(struct z__Networking_NetworkInterface_v1 *)outInterfaces;
	struct azs_rt_net_status st;

	if (!outInterfaces)
		return azs_fail(EFAULT);
	if (structVersion != 1 || interfaceCount == 0)
		return azs_fail(EINVAL);
	if (net_status(&st))
		return -1;
	if (!st.n_interfaces)
		return 0;
	memset(out, 0, sizeof(*out));
	out->z__magicAndVersion = z__NETWORKING_NETWORK_INTERFACE_MAGIC | 1;
	out->isEnabled = (st.status & AZS_RT_NET_UP) != 0;
	memcpy(out->interfaceName, st.name,
	       sizeof(out->interfaceName) < sizeof(st.name) ? sizeof(out->interfaceName)
							    : sizeof(st.name));
	out->interfaceName[sizeof(out->interfaceName) - 1] = 0;
	out->ipConfigurationType = Networking_IpType_DhcpNone; /* the runtime's static address */
	out->interfaceMediumType = Networking_InterfaceMedium_Ethernet;
	return 1;
}

int z__Networking_SetInterfaceOpt(const char *networkInterfaceName, uint32_t attribute,
				  const void *value, size_t length)
{
	(void)networkInterfaceName;
	(void)attribute;
	(void)value;
	(void)length;
	return azs_fail(ENOSYS);
}

int z__Networking_GetInterfaceOpt(const char *networkInterfaceName, uint32_t attribute, void *value,
				  size_t length)
{
	(void)networkInterfaceName;
	(void)attribute;
	(void)value;
	(void)length;
	return azs_fail(ENOSYS);
}

int Networking_SetInterfaceState(const char *networkInterfaceName, bool isEnabled)
{
	(void)networkInterfaceName;
	(void)isEnabled;
	return azs_fail(ENOSYS);
}

void Networking_IpConfig_Init(Networking_IpConfig *ipConfig)
{
	if (ipConfig)
		memset(ipConfig, 0, sizeof(*ipConfig));
}

void Networking_IpConfig_Destroy(Networking_IpConfig *ipConfig)
{
	if (ipConfig)
		memset(ipConfig, 0, sizeof(*ipConfig));
}

void Networking_IpConfig_EnableDynamicIp(Networking_IpConfig *ipConfig)
{
	(void)ipConfig;
}

void Networking_IpConfig_EnableStaticIp(Networking_IpConfig *ipConfig, struct in_addr ipAddress,
					struct in_addr subnetMask, struct in_addr gatewayAddress)
{
	(void)ipConfig;
	(void)ipAddress;
	(void)subnetMask;
	(void)gatewayAddress;
}

void Networking_IpConfig_EnableAutomaticDns(Networking_IpConfig *ipConfig)
{
	(void)ipConfig;
}

int Networking_IpConfig_EnableCustomDns(Networking_IpConfig *ipConfig,
					const struct in_addr *dnsServerAddresses,
					size_t serverCount)
{
	(void)ipConfig;
	(void)dnsServerAddresses;
	(void)serverCount;
	return azs_fail(ENOSYS);
}

int Networking_IpConfig_Apply(const char *networkInterfaceName, const Networking_IpConfig *ipConfig)
{
	(void)networkInterfaceName;
	(void)ipConfig;
	return azs_fail(ENOSYS);
}

int Networking_TimeSync_EnableDefaultNtp(void)
{
	return azs_fail(ENOSYS);
}

int Networking_TimeSync_EnableAutomaticNtp(Networking_NtpOption option)
{
	(void)option;
	return azs_fail(ENOSYS);
}

int Networking_TimeSync_EnableCustomNtp(const char *primaryNtpServer,
					const char *secondaryNtpServer, Networking_NtpOption option)
{
	(void)primaryNtpServer;
	(void)secondaryNtpServer;
	(void)option;
	return azs_fail(ENOSYS);
}

int Networking_TimeSync_GetLastNtpSyncInfo(char *outNtpServer, size_t *inOutNtpServerLength,
					   struct tm *outTimeBeforeSync, struct tm *outNtpTime)
{
	(void)outNtpServer;
	(void)inOutNtpServerLength;
	(void)outTimeBeforeSync;
	(void)outNtpTime;
	return azs_fail(ENOSYS);
}

int Networking_TimeSync_SetEnabled(bool enabled)
{
	(void)enabled;
	return azs_fail(ENOSYS);
}

int Networking_TimeSync_GetEnabled(bool *outIsEnabled)
{
	(void)outIsEnabled;
	return azs_fail(ENOSYS);
}

int Networking_GetInterfaceConnectionStatus(const char *networkInterfaceName,
					    Networking_InterfaceConnectionStatus *outStatus)
{
	struct azs_rt_net_status st;

	if (!networkInterfaceName || !outStatus)
		return azs_fail(EFAULT);
	if (net_status(&st))
		return -1;
	if (!st.n_interfaces || strncmp(networkInterfaceName, st.name, sizeof(st.name)))
		return azs_fail(ENOENT);
	*outStatus = st.status;
	return 0;
}

void Networking_SntpServerConfig_Init(Networking_SntpServerConfig *sntpServerConfig)
{
	if (sntpServerConfig)
		memset(sntpServerConfig, 0, sizeof(*sntpServerConfig));
}

void Networking_SntpServerConfig_Destroy(Networking_SntpServerConfig *sntpServerConfig)
{
	if (sntpServerConfig)
		memset(sntpServerConfig, 0, sizeof(*sntpServerConfig));
}

int Networking_SntpServer_Start(const char *networkInterfaceName,
				const Networking_SntpServerConfig *sntpServerConfig)
{
	(void)networkInterfaceName;
	(void)sntpServerConfig;
	return azs_fail(ENOSYS);
}

void Networking_DhcpServerConfig_Init(Networking_DhcpServerConfig *dhcpServerConfig)
{
	if (dhcpServerConfig)
		memset(dhcpServerConfig, 0, sizeof(*dhcpServerConfig));
}

void Networking_DhcpServerConfig_Destroy(Networking_DhcpServerConfig *dhcpServerConfig)
{
	if (dhcpServerConfig)
		memset(dhcpServerConfig, 0, sizeof(*dhcpServerConfig));
}

int Networking_DhcpServerConfig_SetLease(Networking_DhcpServerConfig *dhcpServerConfig,
					 struct in_addr startIpAddress, uint8_t ipAddressCount,
					 struct in_addr subnetMask, struct in_addr gatewayAddress,
					 uint32_t leaseTimeInHours)
{
	(void)dhcpServerConfig;
	(void)startIpAddress;
	(void)ipAddressCount;
	(void)subnetMask;
	(void)gatewayAddress;
	(void)leaseTimeInHours;
	return azs_fail(ENOSYS);
}

int Networking_DhcpServerConfig_SetNtpServerAddresses(Networking_DhcpServerConfig *dhcpServerConfig,
						      const struct in_addr *ntpServerAddresses,
						      size_t serverCount)
{
	(void)dhcpServerConfig;
	(void)ntpServerAddresses;
	(void)serverCount;
	return azs_fail(ENOSYS);
}

int Networking_DhcpServer_Start(const char *networkInterfaceName,
				const Networking_DhcpServerConfig *dhcpServerConfig)
{
	(void)networkInterfaceName;
	(void)dhcpServerConfig;
	return azs_fail(ENOSYS);
}

Networking_ProxyConfig *Networking_Proxy_Create(void)
{
	errno = ENOSYS;
	return NULL;
}

void Networking_Proxy_Destroy(Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
}

int Networking_Proxy_Apply(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_Get(Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_SetProxyOptions(Networking_ProxyConfig *proxyConfig,
				     Networking_ProxyOptions proxyOptions)
{
	(void)proxyConfig;
	(void)proxyOptions;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_SetProxyAddress(Networking_ProxyConfig *proxyConfig, const char *proxyAddress,
				     uint16_t proxyPort)
{
	(void)proxyConfig;
	(void)proxyAddress;
	(void)proxyPort;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_SetAnonymousAuthentication(Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_SetBasicAuthentication(Networking_ProxyConfig *proxyConfig,
					    const char *username, const char *password)
{
	(void)proxyConfig;
	(void)username;
	(void)password;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_SetProxyNoProxyAddresses(Networking_ProxyConfig *proxyConfig,
					      const char *noProxyAddresses)
{
	(void)proxyConfig;
	(void)noProxyAddresses;
	return azs_fail(ENOSYS);
}

int Networking_Proxy_GetProxyOptions(const Networking_ProxyConfig *proxyConfig,
				     Networking_ProxyOptions *proxyOptions)
{
	(void)proxyConfig;
	(void)proxyOptions;
	return azs_fail(ENOSYS);
}

const char *Networking_Proxy_GetProxyAddress(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	errno = ENOSYS;
	return NULL;
}

int Networking_Proxy_GetProxyPort(const Networking_ProxyConfig *proxyConfig, uint16_t *proxyPort)
{
	(void)proxyConfig;
	(void)proxyPort;
	return azs_fail(ENOSYS);
}

Networking_ProxyType Networking_Proxy_GetProxyType(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	errno = ENOSYS;
	return Networking_ProxyType_Invalid;
}

const char *Networking_Proxy_GetProxyUsername(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	errno = ENOSYS;
	return NULL;
}

const char *Networking_Proxy_GetProxyPassword(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	errno = ENOSYS;
	return NULL;
}

Networking_ProxyAuthType Networking_Proxy_GetAuthType(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	errno = ENOSYS;
	return Networking_ProxyAuthType_Invalid;
}

const char *Networking_Proxy_GetNoProxyAddresses(const Networking_ProxyConfig *proxyConfig)
{
	(void)proxyConfig;
	errno = ENOSYS;
	return NULL;
}

int Networking_Proxy_GetProxyStatus(Networking_ProxyStatus *proxyStatus)
{
	(void)proxyStatus;
	return azs_fail(ENOSYS);
}
