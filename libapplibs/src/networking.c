// SPDX-License-Identifier: MIT
/*
 * Networking: interfaces, IP/time-sync configuration, DHCP/SNTP servers, proxy.
 * The interfaces come from the runtime over the runtime channel: the app's
 * own link (eth0, present only with network capabilities: docs/network.md)
 * and the device's Wi-Fi interface wlan0. Enabling or disabling an interface,
 * releasing and renewing its DHCP lease (NetworkConfig) and the time-sync
 * switch (TimeSyncConfig) are the runtime's to carry out. Static IP, DNS,
 * NTP servers, DHCP/SNTP servers and proxies are not available on this
 * platform yet: those calls fail with ENOSYS; nothing pretends to succeed.
 */
#include <string.h>

#include <applibs/networking.h>

#include "internal.h"
#include "runtime_client.h"

static int net_ifaces(struct azs_rt_net_ifaces *l)
{
	if (azs_rt_call(AZS_RT_OP_NET_IFACES, NULL, 0, l, sizeof(*l)))
		return -1;
	if (l->n > AZS_RT_NET_MAX_IFS)
		return azs_fail(EIO);
	for (uint32_t i = 0; i < l->n; i++)
		l->ifs[i].name[sizeof(l->ifs[i].name) - 1] = 0;
	return 0;
}

/*
 * NAME as the runtime's request: -1 with EFAULT for NULL, ENOENT for a name
 * no interface can have (empty, too long, outside [a-z0-9]).
 */
static int iface_req(const char *name, uint32_t flag, struct azs_rt_net_iface_req *q)
{
	size_t n;

	if (!name)
		return azs_fail(EFAULT);
	n = strnlen(name, sizeof(q->name));
	if (n == 0 || n > AZS_RT_IFNAME_MAX)
		return azs_fail(ENOENT);
	for (size_t i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9')))
			return azs_fail(ENOENT);
	memset(q, 0, sizeof(*q));
	memcpy(q->name, name, n);
	q->flag = flag;
	return 0;
}

int Networking_IsNetworkingReady(bool *outIsNetworkingReady)
{
	const uint32_t ready = AZS_RT_NET_UP | AZS_RT_NET_CONNECTED | AZS_RT_NET_IP;
	struct azs_rt_net_ifaces l;

	if (!outIsNetworkingReady)
		return azs_fail(EFAULT);
	if (net_ifaces(&l))
		return -1;
	*outIsNetworkingReady = false;
	for (uint32_t i = 0; i < l.n; i++)
		if ((l.ifs[i].status & ready) == ready)
			*outIsNetworkingReady = true;
	return 0;
}

ssize_t Networking_GetInterfaceCount(void)
{
	struct azs_rt_net_ifaces l;

	if (net_ifaces(&l))
		return -1;
	return (ssize_t)l.n;
}

ssize_t z__Networking_GetInterfaces(struct z__Networking_NetworkInterface_Base *outInterfaces,
				    size_t interfaceCount, uint32_t structVersion)
{
	struct z__Networking_NetworkInterface_v1 *out =
		(struct z__Networking_NetworkInterface_v1 *)outInterfaces;
	struct azs_rt_net_ifaces l;
	size_t n;

	if (!outInterfaces)
		return azs_fail(EFAULT);
	if (structVersion != 1 || interfaceCount == 0)
		return azs_fail(EINVAL);
	if (net_ifaces(&l))
		return -1;
	n = l.n < interfaceCount ? l.n : interfaceCount;
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].z__magicAndVersion = z__NETWORKING_NETWORK_INTERFACE_MAGIC | 1;
		out[i].isEnabled = l.ifs[i].enabled != 0;
		memcpy(out[i].interfaceName, l.ifs[i].name,
		       sizeof(out[i].interfaceName) < sizeof(l.ifs[i].name)
			       ? sizeof(out[i].interfaceName)
			       : sizeof(l.ifs[i].name));
		out[i].interfaceName[sizeof(out[i].interfaceName) - 1] = 0;
		out[i].ipConfigurationType = l.ifs[i].ip_type;
		out[i].interfaceMediumType = l.ifs[i].medium;
	}
	return (ssize_t)n;
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
	struct azs_rt_net_iface_req q;

	if (iface_req(networkInterfaceName, isEnabled ? 1 : 0, &q))
		return -1;
	return azs_rt_call(AZS_RT_OP_NET_SET_STATE, &q, sizeof(q), NULL, 0);
}

int Networking_IpConfig_ReleaseIp(const char *networkInterfaceName)
{
	struct azs_rt_net_iface_req q;

	if (iface_req(networkInterfaceName, 0, &q))
		return -1;
	return azs_rt_call(AZS_RT_OP_NET_DHCP, &q, sizeof(q), NULL, 0);
}

int Networking_IpConfig_RenewIp(const char *networkInterfaceName)
{
	struct azs_rt_net_iface_req q;

	if (iface_req(networkInterfaceName, 1, &q))
		return -1;
	return azs_rt_call(AZS_RT_OP_NET_DHCP, &q, sizeof(q), NULL, 0);
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
	struct azs_rt_u32 v = {enabled ? 1 : 0};

	return azs_rt_call(AZS_RT_OP_TIMESYNC_SET, &v, sizeof(v), NULL, 0);
}

int Networking_TimeSync_GetEnabled(bool *outIsEnabled)
{
	struct azs_rt_u32 v;

	if (!outIsEnabled)
		return azs_fail(EFAULT);
	if (azs_rt_call(AZS_RT_OP_TIMESYNC_GET, NULL, 0, &v, sizeof(v)))
		return -1;
	*outIsEnabled = v.value != 0;
	return 0;
}

int Networking_GetInterfaceConnectionStatus(const char *networkInterfaceName,
					    Networking_InterfaceConnectionStatus *outStatus)
{
	struct azs_rt_net_ifaces l;

	if (!networkInterfaceName || !outStatus)
		return azs_fail(EFAULT);
	if (net_ifaces(&l))
		return -1;
	for (uint32_t i = 0; i < l.n; i++)
		if (!strncmp(networkInterfaceName, l.ifs[i].name, sizeof(l.ifs[i].name))) {
			*outStatus = l.ifs[i].status;
			return 0;
		}
	return azs_fail(ENOENT);
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
