// SPDX-License-Identifier: MIT
/*
 * Networking: interfaces, IP/time-sync configuration, DHCP/SNTP servers, proxy.
 * The interfaces come from the runtime over the runtime channel: the app's
 * own link (eth0, present only with network capabilities: docs/network.md)
 * and the device's Wi-Fi interface wlan0. Everything that changes the device
 * is the runtime's to check and carry out (containerd-lite/src/appmand/
 * netif.c): interface state, the DHCP lease, static or dynamic IP and DNS
 * (NetworkConfig), time sync and its NTP servers (TimeSyncConfig), the DHCP
 * and SNTP servers (DhcpService, SntpService), the hardware address
 * (HardwareAddressConfig). The configuration structs are filled here, in the
 * app, and checked again by the runtime; so is the proxy configuration
 * (applied with NetworkConfig, read with it or ReadNetworkProxyConfig).
 */
#include <stdlib.h>
#include <string.h>

#include <applibs/networking.h>

#include "internal.h"
#include "runtime_client.h"

/* What Networking_IpConfig's reserved words hold. */
#define IPCFG_MAGIC 0x49504346u /* "IPCF": set by Networking_IpConfig_Init */
struct ipcfg {
	uint32_t magic;
	uint32_t flags; /* AZS_RT_IPCFG_* */
	uint8_t ip[4], mask[4], gw[4];
	uint8_t dns[AZS_RT_DNS_MAX][4];
	uint32_t n_dns;
};
_Static_assert(sizeof(struct ipcfg) <= sizeof(Networking_IpConfig), "ipcfg fits");

/* What Networking_DhcpServerConfig's reserved words hold. */
#define DHCPCFG_MAGIC 0x44484350u /* "DHCP" */
struct dhcpcfg {
	uint32_t magic;
	uint32_t has_lease;
	struct azs_rt_net_dhcpd req; /* without the interface name */
};
_Static_assert(sizeof(struct dhcpcfg) <= sizeof(Networking_DhcpServerConfig), "dhcpcfg fits");

#define SNTPCFG_MAGIC 0x534e5450u /* "SNTP" */

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
	/* While time sync is enabled, not before the clock has been synchronised. */
	if (!(l.flags & AZS_RT_NET_TIME_OK))
		return 0;
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
	struct azs_rt_net_iface_req q;
	struct azs_rt_net_hwaddr h;

	if (!value)
		return azs_fail(EFAULT);
	if (attribute != z__NETWORKING_INTERFACE_OPT_HARDWARE_ADDRESS)
		return azs_fail(EINVAL);
	if (length != HARDWARE_ADDRESS_LENGTH)
		return azs_fail(EINVAL);
	if (iface_req(networkInterfaceName, 0, &q))
		return -1;
	memset(&h, 0, sizeof(h));
	memcpy(h.name, q.name, sizeof(h.name));
	memcpy(h.addr, value, sizeof(h.addr));
	return azs_rt_call(AZS_RT_OP_NET_HWADDR_SET, &h, sizeof(h), NULL, 0);
}

int z__Networking_GetInterfaceOpt(const char *networkInterfaceName, uint32_t attribute, void *value,
				  size_t length)
{
	struct azs_rt_net_iface_req q;
	struct azs_rt_net_hwaddr h;

	if (!value)
		return azs_fail(EFAULT);
	if (attribute != z__NETWORKING_INTERFACE_OPT_HARDWARE_ADDRESS)
		return azs_fail(EINVAL);
	if (length < HARDWARE_ADDRESS_LENGTH)
		return azs_fail(EINVAL);
	if (iface_req(networkInterfaceName, 0, &q))
		return -1;
	if (azs_rt_call(AZS_RT_OP_NET_HWADDR_GET, &q, sizeof(q), &h, sizeof(h)))
		return -1;
	memcpy(value, h.addr, HARDWARE_ADDRESS_LENGTH);
	return 0;
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
	struct ipcfg c = {.magic = IPCFG_MAGIC};

	if (!ipConfig)
		return;
	memset(ipConfig, 0, sizeof(*ipConfig));
	memcpy(ipConfig, &c, sizeof(c));
}

void Networking_IpConfig_Destroy(Networking_IpConfig *ipConfig)
{
	if (ipConfig)
		memset(ipConfig, 0, sizeof(*ipConfig));
}

/* The config's contents, or NULL for NULL or one Networking_IpConfig_Init didn't make. */
static struct ipcfg *ipcfg_of(Networking_IpConfig *ipConfig)
{
	struct ipcfg *c = (struct ipcfg *)ipConfig;

	return c && c->magic == IPCFG_MAGIC ? c : NULL;
}

void Networking_IpConfig_EnableDynamicIp(Networking_IpConfig *ipConfig)
{
	struct ipcfg *c = ipcfg_of(ipConfig);

	if (!c)
		return;
	c->flags &= ~AZS_RT_IPCFG_STATIC;
	memset(c->ip, 0, sizeof(c->ip));
	memset(c->mask, 0, sizeof(c->mask));
	memset(c->gw, 0, sizeof(c->gw));
}

void Networking_IpConfig_EnableStaticIp(Networking_IpConfig *ipConfig, struct in_addr ipAddress,
					struct in_addr subnetMask, struct in_addr gatewayAddress)
{
	struct ipcfg *c = ipcfg_of(ipConfig);

	if (!c)
		return;
	c->flags |= AZS_RT_IPCFG_STATIC;
	/* s_addr is already in network order: its bytes are the address's. */
	memcpy(c->ip, &ipAddress.s_addr, 4);
	memcpy(c->mask, &subnetMask.s_addr, 4);
	memcpy(c->gw, &gatewayAddress.s_addr, 4);
}

void Networking_IpConfig_EnableAutomaticDns(Networking_IpConfig *ipConfig)
{
	struct ipcfg *c = ipcfg_of(ipConfig);

	if (!c)
		return;
	c->flags &= ~AZS_RT_IPCFG_CUSTOM_DNS;
	c->n_dns = 0;
	memset(c->dns, 0, sizeof(c->dns));
}

int Networking_IpConfig_EnableCustomDns(Networking_IpConfig *ipConfig,
					const struct in_addr *dnsServerAddresses,
					size_t serverCount)
{
	struct ipcfg *c;

	if (!ipConfig || (!dnsServerAddresses && serverCount))
		return azs_fail(EFAULT);
	c = ipcfg_of(ipConfig);
	if (!c)
		return azs_fail(EINVAL);
	if (serverCount < 1 || serverCount > AZS_RT_DNS_MAX)
		return azs_fail(EINVAL);
	memset(c->dns, 0, sizeof(c->dns));
	for (size_t i = 0; i < serverCount; i++)
		memcpy(c->dns[i], &dnsServerAddresses[i].s_addr, 4);
	c->n_dns = (uint32_t)serverCount;
	c->flags |= AZS_RT_IPCFG_CUSTOM_DNS;
	return 0;
}

int Networking_IpConfig_Apply(const char *networkInterfaceName, const Networking_IpConfig *ipConfig)
{
	const struct ipcfg *c = (const struct ipcfg *)ipConfig;
	struct azs_rt_net_iface_req q;
	struct azs_rt_net_ipconfig r;

	if (!ipConfig)
		return azs_fail(EFAULT);
	if (c->magic != IPCFG_MAGIC)
		return azs_fail(EINVAL);
	if (iface_req(networkInterfaceName, 0, &q))
		return -1;
	memset(&r, 0, sizeof(r));
	memcpy(r.name, q.name, sizeof(r.name));
	r.flags = c->flags;
	memcpy(r.ip, c->ip, 4);
	memcpy(r.mask, c->mask, 4);
	memcpy(r.gw, c->gw, 4);
	r.n_dns = c->n_dns;
	memcpy(r.dns, c->dns, sizeof(r.dns));
	return azs_rt_call(AZS_RT_OP_NET_IPCONFIG, &r, sizeof(r), NULL, 0);
}

static int ntp_config(uint32_t mode, uint32_t fallback, const char *primary, const char *secondary)
{
	struct azs_rt_ntp_config c;

	memset(&c, 0, sizeof(c));
	c.mode = mode;
	c.fallback = fallback;
	if (primary) {
		size_t n = strnlen(primary, sizeof(c.primary));

		if (n == 0)
			return azs_fail(EINVAL);
		if (n >= sizeof(c.primary))
			return azs_fail(ERANGE);
		memcpy(c.primary, primary, n);
	}
	if (secondary) {
		size_t n = strnlen(secondary, sizeof(c.secondary));

		if (n >= sizeof(c.secondary))
			return azs_fail(ERANGE);
		memcpy(c.secondary, secondary, n);
	}
	return azs_rt_call(AZS_RT_OP_TIMESYNC_NTP, &c, sizeof(c), NULL, 0);
}

int Networking_TimeSync_EnableDefaultNtp(void)
{
	return ntp_config(AZS_RT_NTP_DEFAULT, 0, NULL, NULL);
}

int Networking_TimeSync_EnableAutomaticNtp(Networking_NtpOption option)
{
	if (option > Networking_NtpOption_FallbackServerEnabled)
		return azs_fail(EINVAL);
	return ntp_config(AZS_RT_NTP_AUTOMATIC, option, NULL, NULL);
}

int Networking_TimeSync_EnableCustomNtp(const char *primaryNtpServer,
					const char *secondaryNtpServer, Networking_NtpOption option)
{
	if (!primaryNtpServer)
		return azs_fail(EFAULT);
	if (option > Networking_NtpOption_FallbackServerEnabled)
		return azs_fail(EINVAL);
	return ntp_config(AZS_RT_NTP_CUSTOM, option, primaryNtpServer, secondaryNtpServer);
}

int Networking_TimeSync_GetLastNtpSyncInfo(char *outNtpServer, size_t *inOutNtpServerLength,
					   struct tm *outTimeBeforeSync, struct tm *outNtpTime)
{
	struct azs_rt_ntp_last l;
	time_t before, after;
	size_t n;

	if (!outNtpServer || !inOutNtpServerLength || !outTimeBeforeSync || !outNtpTime)
		return azs_fail(EFAULT);
	/* ENOENT from the runtime: no synchronisation yet. */
	if (azs_rt_call(AZS_RT_OP_TIMESYNC_LAST, NULL, 0, &l, sizeof(l)))
		return -1;
	l.server[sizeof(l.server) - 1] = 0;
	n = strlen(l.server) + 1;
	if (*inOutNtpServerLength < n) {
		*inOutNtpServerLength = n;
		return azs_fail(ENOBUFS);
	}
	before = (time_t)l.before;
	after = (time_t)l.after;
	if (!gmtime_r(&before, outTimeBeforeSync) || !gmtime_r(&after, outNtpTime))
		return azs_fail(EOVERFLOW);
	memcpy(outNtpServer, l.server, n);
	*inOutNtpServerLength = n;
	return 0;
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
	uint32_t magic = SNTPCFG_MAGIC;

	if (!sntpServerConfig)
		return;
	memset(sntpServerConfig, 0, sizeof(*sntpServerConfig));
	memcpy(sntpServerConfig, &magic, sizeof(magic));
}

void Networking_SntpServerConfig_Destroy(Networking_SntpServerConfig *sntpServerConfig)
{
	if (sntpServerConfig)
		memset(sntpServerConfig, 0, sizeof(*sntpServerConfig));
}

int Networking_SntpServer_Start(const char *networkInterfaceName,
				const Networking_SntpServerConfig *sntpServerConfig)
{
	struct azs_rt_net_iface_req q;
	uint32_t magic;

	if (!sntpServerConfig)
		return azs_fail(EFAULT);
	memcpy(&magic, sntpServerConfig, sizeof(magic));
	if (magic != SNTPCFG_MAGIC)
		return azs_fail(EINVAL);
	if (iface_req(networkInterfaceName, 0, &q))
		return -1;
	return azs_rt_call(AZS_RT_OP_NET_SNTPD, &q, sizeof(q), NULL, 0);
}

void Networking_DhcpServerConfig_Init(Networking_DhcpServerConfig *dhcpServerConfig)
{
	struct dhcpcfg c = {.magic = DHCPCFG_MAGIC};

	if (!dhcpServerConfig)
		return;
	memset(dhcpServerConfig, 0, sizeof(*dhcpServerConfig));
	memcpy(dhcpServerConfig, &c, sizeof(c));
}

void Networking_DhcpServerConfig_Destroy(Networking_DhcpServerConfig *dhcpServerConfig)
{
	if (dhcpServerConfig)
		memset(dhcpServerConfig, 0, sizeof(*dhcpServerConfig));
}

static struct dhcpcfg *dhcpcfg_of(Networking_DhcpServerConfig *config)
{
	struct dhcpcfg *c = (struct dhcpcfg *)config;

	return c->magic == DHCPCFG_MAGIC ? c : NULL;
}

int Networking_DhcpServerConfig_SetLease(Networking_DhcpServerConfig *dhcpServerConfig,
					 struct in_addr startIpAddress, uint8_t ipAddressCount,
					 struct in_addr subnetMask, struct in_addr gatewayAddress,
					 uint32_t leaseTimeInHours)
{
	struct dhcpcfg *c;

	if (!dhcpServerConfig)
		return azs_fail(EFAULT);
	c = dhcpcfg_of(dhcpServerConfig);
	if (!c || ipAddressCount == 0 || leaseTimeInHours == 0)
		return azs_fail(EINVAL);
	memcpy(c->req.start, &startIpAddress.s_addr, 4);
	memcpy(c->req.mask, &subnetMask.s_addr, 4);
	memcpy(c->req.gw, &gatewayAddress.s_addr, 4);
	c->req.count = ipAddressCount;
	c->req.lease_hours = leaseTimeInHours;
	c->has_lease = 1;
	return 0;
}

int Networking_DhcpServerConfig_SetNtpServerAddresses(Networking_DhcpServerConfig *dhcpServerConfig,
						      const struct in_addr *ntpServerAddresses,
						      size_t serverCount)
{
	struct dhcpcfg *c;

	if (!dhcpServerConfig || (!ntpServerAddresses && serverCount))
		return azs_fail(EFAULT);
	c = dhcpcfg_of(dhcpServerConfig);
	if (!c)
		return azs_fail(EINVAL);
	if (serverCount > AZS_RT_DNS_MAX)
		return azs_fail(EINVAL);
	memset(c->req.ntp, 0, sizeof(c->req.ntp));
	for (size_t i = 0; i < serverCount; i++)
		memcpy(c->req.ntp[i], &ntpServerAddresses[i].s_addr, 4);
	c->req.n_ntp = (uint32_t)serverCount;
	return 0;
}

int Networking_DhcpServer_Start(const char *networkInterfaceName,
				const Networking_DhcpServerConfig *dhcpServerConfig)
{
	const struct dhcpcfg *c = (const struct dhcpcfg *)dhcpServerConfig;
	struct azs_rt_net_iface_req q;
	struct azs_rt_net_dhcpd r;

	if (!dhcpServerConfig)
		return azs_fail(EFAULT);
	if (c->magic != DHCPCFG_MAGIC || !c->has_lease)
		return azs_fail(EINVAL);
	if (iface_req(networkInterfaceName, 0, &q))
		return -1;
	r = c->req;
	memcpy(r.name, q.name, sizeof(r.name));
	return azs_rt_call(AZS_RT_OP_NET_DHCPD, &r, sizeof(r), NULL, 0);
}

/* The opaque proxy configuration: the runtime's request, filled here. */
struct Networking_ProxyConfig {
	struct azs_rt_proxy p;
};

Networking_ProxyConfig *Networking_Proxy_Create(void)
{
	Networking_ProxyConfig *c = calloc(1, sizeof(*c));

	if (!c) {
		errno = ENOMEM;
		return NULL;
	}
	c->p.options = Networking_ProxyOptions_None;
	c->p.type = Networking_ProxyType_HTTP;
	c->p.auth = Networking_ProxyAuthType_Anonymous;
	return c;
}

void Networking_Proxy_Destroy(Networking_ProxyConfig *proxyConfig)
{
	if (proxyConfig) {
		/* The password goes with it. */
		memset(proxyConfig, 0, sizeof(*proxyConfig));
		free(proxyConfig);
	}
}

int Networking_Proxy_Apply(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig)
		return azs_fail(EFAULT);
	return azs_rt_call(AZS_RT_OP_PROXY_APPLY, &proxyConfig->p, sizeof(proxyConfig->p), NULL, 0);
}

int Networking_Proxy_Get(Networking_ProxyConfig *proxyConfig)
{
	struct azs_rt_proxy p;

	if (!proxyConfig)
		return azs_fail(EFAULT);
	if (azs_rt_call(AZS_RT_OP_PROXY_GET, NULL, 0, &p, sizeof(p)))
		return -1;
	p.address[sizeof(p.address) - 1] = 0;
	p.no_proxy[sizeof(p.no_proxy) - 1] = 0;
	p.user[sizeof(p.user) - 1] = 0;
	p.password[sizeof(p.password) - 1] = 0;
	proxyConfig->p = p;
	return 0;
}

int Networking_Proxy_SetProxyOptions(Networking_ProxyConfig *proxyConfig,
				     Networking_ProxyOptions proxyOptions)
{
	if (!proxyConfig)
		return azs_fail(EFAULT);
	if (proxyOptions != Networking_ProxyOptions_None &&
	    proxyOptions != Networking_ProxyOptions_Enabled)
		return azs_fail(EINVAL);
	proxyConfig->p.options = proxyOptions;
	return 0;
}

/* TEXT into FIELD (CAP bytes with its NUL): EFAULT, ERANGE, EINVAL (not printable). */
static int set_text(char *field, size_t cap, const char *text)
{
	size_t n;

	if (!text)
		return azs_fail(EFAULT);
	n = strnlen(text, cap);
	if (n == cap)
		return azs_fail(ERANGE);
	for (size_t i = 0; i < n; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			return azs_fail(EINVAL);
	memset(field, 0, cap);
	memcpy(field, text, n);
	return 0;
}

int Networking_Proxy_SetProxyAddress(Networking_ProxyConfig *proxyConfig, const char *proxyAddress,
				     uint16_t proxyPort)
{
	if (!proxyConfig || !proxyAddress)
		return azs_fail(EFAULT);
	if (!proxyAddress[0] || proxyPort == 0)
		return azs_fail(EINVAL);
	if (set_text(proxyConfig->p.address, sizeof(proxyConfig->p.address), proxyAddress))
		return -1;
	proxyConfig->p.port = proxyPort;
	return 0;
}

int Networking_Proxy_SetAnonymousAuthentication(Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig)
		return azs_fail(EFAULT);
	proxyConfig->p.auth = Networking_ProxyAuthType_Anonymous;
	memset(proxyConfig->p.user, 0, sizeof(proxyConfig->p.user));
	memset(proxyConfig->p.password, 0, sizeof(proxyConfig->p.password));
	return 0;
}

int Networking_Proxy_SetBasicAuthentication(Networking_ProxyConfig *proxyConfig,
					    const char *username, const char *password)
{
	struct azs_rt_proxy p;

	if (!proxyConfig || !username || !password)
		return azs_fail(EFAULT);
	if (!username[0])
		return azs_fail(EINVAL);
	p = proxyConfig->p;
	if (set_text(p.user, sizeof(p.user), username) ||
	    set_text(p.password, sizeof(p.password), password))
		return -1;
	p.auth = Networking_ProxyAuthType_Basic;
	proxyConfig->p = p;
	return 0;
}

int Networking_Proxy_SetProxyNoProxyAddresses(Networking_ProxyConfig *proxyConfig,
					      const char *noProxyAddresses)
{
	if (!proxyConfig || !noProxyAddresses)
		return azs_fail(EFAULT);
	return set_text(proxyConfig->p.no_proxy, sizeof(proxyConfig->p.no_proxy), noProxyAddresses);
}

int Networking_Proxy_GetProxyOptions(const Networking_ProxyConfig *proxyConfig,
				     Networking_ProxyOptions *proxyOptions)
{
	if (!proxyConfig || !proxyOptions)
		return azs_fail(EFAULT);
	*proxyOptions = proxyConfig->p.options;
	return 0;
}

const char *Networking_Proxy_GetProxyAddress(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig) {
		errno = EFAULT;
		return NULL;
	}
	return proxyConfig->p.address;
}

int Networking_Proxy_GetProxyPort(const Networking_ProxyConfig *proxyConfig, uint16_t *proxyPort)
{
	if (!proxyConfig || !proxyPort)
		return azs_fail(EFAULT);
	*proxyPort = proxyConfig->p.port;
	return 0;
}

Networking_ProxyType Networking_Proxy_GetProxyType(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig) {
		errno = EFAULT;
		return Networking_ProxyType_Invalid;
	}
	return (Networking_ProxyType)proxyConfig->p.type;
}

const char *Networking_Proxy_GetProxyUsername(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig) {
		errno = EFAULT;
		return NULL;
	}
	return proxyConfig->p.user;
}

const char *Networking_Proxy_GetProxyPassword(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig) {
		errno = EFAULT;
		return NULL;
	}
	return proxyConfig->p.password;
}

Networking_ProxyAuthType Networking_Proxy_GetAuthType(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig) {
		errno = EFAULT;
		return Networking_ProxyAuthType_Invalid;
	}
	return (Networking_ProxyAuthType)proxyConfig->p.auth;
}

const char *Networking_Proxy_GetNoProxyAddresses(const Networking_ProxyConfig *proxyConfig)
{
	if (!proxyConfig) {
		errno = EFAULT;
		return NULL;
	}
	return proxyConfig->p.no_proxy;
}

/* Enabled and Ready when an enabled proxy is applied (its name is used as given: no resolving). */
int Networking_Proxy_GetProxyStatus(Networking_ProxyStatus *proxyStatus)
{
	struct azs_rt_proxy p;

	if (!proxyStatus)
		return azs_fail(EFAULT);
	if (azs_rt_call(AZS_RT_OP_PROXY_GET, NULL, 0, &p, sizeof(p))) {
		if (errno != ENOENT)
			return -1;
		*proxyStatus = 0;
		return 0;
	}
	*proxyStatus = p.options == Networking_ProxyOptions_Enabled
			       ? Networking_ProxyStatus_Enabled | Networking_ProxyStatus_Ready
			       : 0;
	return 0;
}
