// SPDX-License-Identifier: MIT
/*
 * The test app's "errnos" mode: the errno conformance tables of
 * networking.h and wificonfig.h. Each row is one call and the errno the API
 * documents for it (shared/reference/azure-sphere-spec.md: the capability
 * gates, EACCES; ENOENT for an unknown interface; EPERM for an operation not
 * allowed on that interface; EFAULT, EINVAL, ERANGE for bad arguments;
 * WifiConfig: ENODEV for an id no stored network has, ENODATA / ENOTCONN
 * when not connected). "errnos none" runs the rows for an app without any
 * capability, "errnos caps" those for an app with every one. One line per
 * row, for tests/device/suites/wifi.sh to judge:
 *   errno HEADER NAME: ok                       the call failed with the documented errno
 *   errno HEADER NAME: FAIL got E want W        anything else (E "success" if it succeeded)
 * then "errnos TABLE: N rows, F failed"; "caps" then sets wlan0's hardware
 * address to 02:00:5e:10:20:30 ("hwaddr set: ok").
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <applibs/networking.h>
#include <applibs/wificonfig.h>

#include "services.h"

struct row {
	const char *header, *name;
	int (*call)(void);
	int want;
};

static const uint8_t ssid[] = "azs-ap";
static const uint8_t good_mac[6] = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};

static struct in_addr addr(const char *text)
{
	struct in_addr a = {0};

	inet_pton(AF_INET, text, &a);
	return a;
}

/* ---- networking.h ---- */

static int n_set_state(void)
{
	return Networking_SetInterfaceState("wlan0", true);
}
static int n_release(void)
{
	return Networking_IpConfig_ReleaseIp("wlan0");
}
static int n_renew(void)
{
	return Networking_IpConfig_RenewIp("wlan0");
}
static int n_apply_dynamic(void)
{
	Networking_IpConfig c;

	Networking_IpConfig_Init(&c);
	Networking_IpConfig_EnableDynamicIp(&c);
	return Networking_IpConfig_Apply("wlan0", &c);
}
static int n_ts_set(void)
{
	return Networking_TimeSync_SetEnabled(true);
}
static int n_ts_get(void)
{
	bool on;

	return Networking_TimeSync_GetEnabled(&on);
}
static int n_ntp_default(void)
{
	return Networking_TimeSync_EnableDefaultNtp();
}
static int n_ntp_automatic(void)
{
	return Networking_TimeSync_EnableAutomaticNtp(Networking_NtpOption_FallbackServerEnabled);
}
static int n_ntp_custom(void)
{
	return Networking_TimeSync_EnableCustomNtp("ntp.test", NULL,
						   Networking_NtpOption_FallbackServerDisabled);
}
static int n_last_sync(void)
{
	char server[64];
	size_t len = sizeof(server);
	struct tm a, b;

	return Networking_TimeSync_GetLastNtpSyncInfo(server, &len, &a, &b);
}
static int n_sntp_start(void)
{
	Networking_SntpServerConfig c;

	Networking_SntpServerConfig_Init(&c);
	return Networking_SntpServer_Start("wlan0", &c);
}
static int n_dhcp_start(void)
{
	Networking_DhcpServerConfig c;

	Networking_DhcpServerConfig_Init(&c);
	if (Networking_DhcpServerConfig_SetLease(&c, addr("192.168.7.20"), 4, addr("255.255.255.0"),
						 addr("192.168.7.1"), 24))
		return -1;
	return Networking_DhcpServer_Start("wlan0", &c);
}
static int n_set_mac(void)
{
	return Networking_SetHardwareAddress("wlan0", good_mac, 6);
}
static int n_status_unknown(void)
{
	Networking_InterfaceConnectionStatus s;

	return Networking_GetInterfaceConnectionStatus("nope0", &s);
}
static int n_status_null(void)
{
	return Networking_GetInterfaceConnectionStatus("wlan0", NULL);
}
static int n_ready_null(void)
{
	return Networking_IsNetworkingReady(NULL);
}
static int n_interfaces_null(void)
{
	return (int)Networking_GetInterfaces(NULL, 1);
}
static int n_release_null(void)
{
	return Networking_IpConfig_ReleaseIp(NULL);
}
static int n_get_mac_unknown(void)
{
	Networking_Interface_HardwareAddress m;

	return Networking_GetHardwareAddress("nope0", &m);
}
static int n_set_state_unknown(void)
{
	return Networking_SetInterfaceState("nope0", true);
}
static int n_renew_unknown(void)
{
	return Networking_IpConfig_RenewIp("nope0");
}
static int n_custom_dns_4(void)
{
	struct in_addr d[4] = {addr("10.1.1.1"), addr("10.1.1.2"), addr("10.1.1.3"),
			       addr("10.1.1.4")};
	Networking_IpConfig c;

	Networking_IpConfig_Init(&c);
	return Networking_IpConfig_EnableCustomDns(&c, d, 4);
}
static int n_apply_uninit(void)
{
	Networking_IpConfig c;

	memset(&c, 0, sizeof(c));
	return Networking_IpConfig_Apply("wlan0", &c);
}
static int n_apply_bad_mask(void)
{
	Networking_IpConfig c;

	Networking_IpConfig_Init(&c);
	Networking_IpConfig_EnableStaticIp(&c, addr("192.168.7.10"), addr("255.0.255.0"),
					   addr("0.0.0.0"));
	return Networking_IpConfig_Apply("wlan0", &c);
}
static int n_apply_null(void)
{
	return Networking_IpConfig_Apply("wlan0", NULL);
}
static int n_ntp_custom_null(void)
{
	return Networking_TimeSync_EnableCustomNtp(NULL, NULL,
						   Networking_NtpOption_FallbackServerDisabled);
}
static int n_ntp_custom_bad_name(void)
{
	return Networking_TimeSync_EnableCustomNtp("bad name!", NULL,
						   Networking_NtpOption_FallbackServerDisabled);
}
static int n_ntp_custom_long(void)
{
	char name[300];

	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	return Networking_TimeSync_EnableCustomNtp(name, NULL,
						   Networking_NtpOption_FallbackServerDisabled);
}
static int n_ntp_bad_option(void)
{
	return Networking_TimeSync_EnableAutomaticNtp(7);
}
static int n_last_sync_null(void)
{
	size_t len = 64;
	struct tm a, b;

	return Networking_TimeSync_GetLastNtpSyncInfo(NULL, &len, &a, &b);
}
static int n_ts_get_null(void)
{
	return Networking_TimeSync_GetEnabled(NULL);
}
static int n_dhcp_lease_zero(void)
{
	Networking_DhcpServerConfig c;

	Networking_DhcpServerConfig_Init(&c);
	return Networking_DhcpServerConfig_SetLease(&c, addr("192.168.7.20"), 0,
						    addr("255.255.255.0"), addr("0.0.0.0"), 24);
}
static int n_dhcp_ntp_4(void)
{
	struct in_addr d[4] = {addr("10.1.1.1"), addr("10.1.1.2"), addr("10.1.1.3"),
			       addr("10.1.1.4")};
	Networking_DhcpServerConfig c;

	Networking_DhcpServerConfig_Init(&c);
	return Networking_DhcpServerConfig_SetNtpServerAddresses(&c, d, 4);
}
static int n_dhcp_no_lease(void)
{
	Networking_DhcpServerConfig c;

	Networking_DhcpServerConfig_Init(&c);
	return Networking_DhcpServer_Start("wlan0", &c);
}
static int n_sntp_uninit(void)
{
	Networking_SntpServerConfig c;

	memset(&c, 0, sizeof(c));
	return Networking_SntpServer_Start("wlan0", &c);
}
static int n_set_mac_short(void)
{
	return Networking_SetHardwareAddress("wlan0", good_mac, 5);
}
static int n_set_mac_multicast(void)
{
	static const uint8_t m[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};

	return Networking_SetHardwareAddress("wlan0", m, 6);
}
static int n_get_mac_null(void)
{
	return Networking_GetHardwareAddress("wlan0", NULL);
}

static int n_proxy_apply(void)
{
	Networking_ProxyConfig *c = Networking_Proxy_Create();
	int ret;

	if (!c)
		return -1;
	ret = Networking_Proxy_Apply(c);
	Networking_Proxy_Destroy(c);
	return ret;
}
static int n_proxy_get(void)
{
	Networking_ProxyConfig *c = Networking_Proxy_Create();
	int ret, err;

	if (!c)
		return -1;
	ret = Networking_Proxy_Get(c);
	err = errno;
	Networking_Proxy_Destroy(c);
	errno = err;
	return ret;
}
static int n_proxy_enabled_no_address(void)
{
	Networking_ProxyConfig *c = Networking_Proxy_Create();
	int ret, err;

	if (!c)
		return -1;
	Networking_Proxy_SetProxyOptions(c, Networking_ProxyOptions_Enabled);
	ret = Networking_Proxy_Apply(c);
	err = errno;
	Networking_Proxy_Destroy(c);
	errno = err;
	return ret;
}
static int n_proxy_bad_options(void)
{
	Networking_ProxyConfig *c = Networking_Proxy_Create();
	int ret, err;

	if (!c)
		return -1;
	ret = Networking_Proxy_SetProxyOptions(c, 4);
	err = errno;
	Networking_Proxy_Destroy(c);
	errno = err;
	return ret;
}
static int n_proxy_long_user(void)
{
	Networking_ProxyConfig *c = Networking_Proxy_Create();
	char user[70];
	int ret, err;

	if (!c)
		return -1;
	memset(user, 'u', sizeof(user) - 1);
	user[sizeof(user) - 1] = 0;
	ret = Networking_Proxy_SetBasicAuthentication(c, user, "pw");
	err = errno;
	Networking_Proxy_Destroy(c);
	errno = err;
	return ret;
}
static int n_proxy_address_null(void)
{
	Networking_ProxyConfig *c = Networking_Proxy_Create();
	int ret, err;

	if (!c)
		return -1;
	ret = Networking_Proxy_SetProxyAddress(c, NULL, 8080);
	err = errno;
	Networking_Proxy_Destroy(c);
	errno = err;
	return ret;
}

/* ---- wificonfig.h ---- */

static int w_add(void)
{
	return WifiConfig_AddNetwork();
}
static int w_set_ssid(void)
{
	return WifiConfig_SetSSID(0, ssid, 6);
}
static int w_set_security(void)
{
	return WifiConfig_SetSecurityType(0, WifiConfig_Security_Open);
}
static int w_set_enabled(void)
{
	return WifiConfig_SetNetworkEnabled(0, true);
}
static int w_set_psk(void)
{
	return WifiConfig_SetPSK(0, "12345678", 8);
}
static int w_set_targeted(void)
{
	return WifiConfig_SetTargetedScanEnabled(0, true);
}
static int w_set_name(void)
{
	return WifiConfig_SetConfigName(0, "name");
}
static int w_by_name(void)
{
	return WifiConfig_GetNetworkIdByConfigName("name");
}
static int w_duplicate(void)
{
	return WifiConfig_AddDuplicateNetwork(0, "copy");
}
static int w_forget(void)
{
	return WifiConfig_ForgetNetworkById(0);
}
static int w_forget_all(void)
{
	return WifiConfig_ForgetAllNetworks();
}
static int w_count(void)
{
	return (int)WifiConfig_GetStoredNetworkCount();
}
static int w_stored(void)
{
	WifiConfig_StoredNetwork s[2];

	return (int)WifiConfig_GetStoredNetworks(s, 2);
}
static int w_current(void)
{
	WifiConfig_ConnectedNetwork c;

	return WifiConfig_GetCurrentNetwork(&c);
}
static int w_connected_id(void)
{
	return WifiConfig_GetConnectedNetworkId();
}
static int w_scan(void)
{
	return (int)WifiConfig_TriggerScanAndGetScannedNetworkCount();
}
static int w_scanned(void)
{
	WifiConfig_ScannedNetwork s[2];

	return (int)WifiConfig_GetScannedNetworks(s, 2);
}
static int w_persist(void)
{
	return WifiConfig_PersistConfig();
}
static int w_reload(void)
{
	return WifiConfig_ReloadConfig();
}
/* The deprecated one-call forms are in the header too: their gate as well. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static int w_store_open(void)
{
	return WifiConfig_StoreOpenNetwork(ssid, 6);
}
static int w_store_wpa2(void)
{
	return WifiConfig_StoreWpa2Network(ssid, 6, "12345678", 8);
}
#pragma GCC diagnostic pop
static int w_ssid_negative(void)
{
	return WifiConfig_SetSSID(-1, ssid, 6);
}
static int w_ssid_unknown(void)
{
	return WifiConfig_SetSSID(30, ssid, 6);
}
static int w_forget_unknown(void)
{
	return WifiConfig_ForgetNetworkById(30);
}
static int w_ssid_long(void)
{
	static const uint8_t s[33] = "0123456789abcdef0123456789abcdef";

	return WifiConfig_SetSSID(0, s, 33);
}
static int w_ssid_null(void)
{
	return WifiConfig_SetSSID(0, NULL, 6);
}
static int w_psk_short(void)
{
	return WifiConfig_SetPSK(0, "1234567", 7);
}
static int w_stored_null(void)
{
	return (int)WifiConfig_GetStoredNetworks(NULL, 2);
}
static int w_scanned_null(void)
{
	return (int)WifiConfig_GetScannedNetworks(NULL, 2);
}
static int w_by_name_unknown(void)
{
	return WifiConfig_GetNetworkIdByConfigName("nobody");
}
static int w_current_null(void)
{
	return WifiConfig_GetCurrentNetwork(NULL);
}
static int w_security_bad(void)
{
	return WifiConfig_SetSecurityType(0, 9);
}

static const struct row without_caps[] = {
	{"networking.h", "Networking_SetInterfaceState", n_set_state, EACCES},
	{"networking.h", "Networking_IpConfig_Apply", n_apply_dynamic, EACCES},
	{"networking.h", "Networking_IpConfig_ReleaseIp", n_release, EACCES},
	{"networking.h", "Networking_IpConfig_RenewIp", n_renew, EACCES},
	{"networking.h", "Networking_TimeSync_SetEnabled", n_ts_set, EACCES},
	{"networking.h", "Networking_TimeSync_GetEnabled", n_ts_get, EACCES},
	{"networking.h", "Networking_TimeSync_EnableDefaultNtp", n_ntp_default, EACCES},
	{"networking.h", "Networking_TimeSync_EnableAutomaticNtp", n_ntp_automatic, EACCES},
	{"networking.h", "Networking_TimeSync_EnableCustomNtp", n_ntp_custom, EACCES},
	{"networking.h", "Networking_TimeSync_GetLastNtpSyncInfo", n_last_sync, EACCES},
	{"networking.h", "Networking_SntpServer_Start", n_sntp_start, EACCES},
	{"networking.h", "Networking_DhcpServer_Start", n_dhcp_start, EACCES},
	{"networking.h", "Networking_SetHardwareAddress", n_set_mac, EACCES},
	{"networking.h", "Networking_Proxy_Apply", n_proxy_apply, EACCES},
	{"networking.h", "Networking_Proxy_Get", n_proxy_get, EACCES},
	{"networking.h", "Networking_GetInterfaceConnectionStatus(unknown)", n_status_unknown,
	 ENOENT},
	{"networking.h", "Networking_GetInterfaceConnectionStatus(NULL)", n_status_null, EFAULT},
	{"networking.h", "Networking_IsNetworkingReady(NULL)", n_ready_null, EFAULT},
	{"networking.h", "Networking_GetInterfaces(NULL)", n_interfaces_null, EFAULT},
	{"networking.h", "Networking_GetHardwareAddress(unknown)", n_get_mac_unknown, ENOENT},
	{"wificonfig.h", "WifiConfig_AddNetwork", w_add, EACCES},
	{"wificonfig.h", "WifiConfig_SetSSID", w_set_ssid, EACCES},
	{"wificonfig.h", "WifiConfig_SetSecurityType", w_set_security, EACCES},
	{"wificonfig.h", "WifiConfig_SetNetworkEnabled", w_set_enabled, EACCES},
	{"wificonfig.h", "WifiConfig_SetPSK", w_set_psk, EACCES},
	{"wificonfig.h", "WifiConfig_SetTargetedScanEnabled", w_set_targeted, EACCES},
	{"wificonfig.h", "WifiConfig_SetConfigName", w_set_name, EACCES},
	{"wificonfig.h", "WifiConfig_GetNetworkIdByConfigName", w_by_name, EACCES},
	{"wificonfig.h", "WifiConfig_AddDuplicateNetwork", w_duplicate, EACCES},
	{"wificonfig.h", "WifiConfig_ForgetNetworkById", w_forget, EACCES},
	{"wificonfig.h", "WifiConfig_ForgetAllNetworks", w_forget_all, EACCES},
	{"wificonfig.h", "WifiConfig_GetStoredNetworkCount", w_count, EACCES},
	{"wificonfig.h", "WifiConfig_GetStoredNetworks", w_stored, EACCES},
	{"wificonfig.h", "WifiConfig_GetCurrentNetwork", w_current, EACCES},
	{"wificonfig.h", "WifiConfig_GetConnectedNetworkId", w_connected_id, EACCES},
	{"wificonfig.h", "WifiConfig_TriggerScanAndGetScannedNetworkCount", w_scan, EACCES},
	{"wificonfig.h", "WifiConfig_GetScannedNetworks", w_scanned, EACCES},
	{"wificonfig.h", "WifiConfig_PersistConfig", w_persist, EACCES},
	{"wificonfig.h", "WifiConfig_ReloadConfig", w_reload, EACCES},
	{"wificonfig.h", "WifiConfig_StoreOpenNetwork", w_store_open, EACCES},
	{"wificonfig.h", "WifiConfig_StoreWpa2Network", w_store_wpa2, EACCES},
};

/* With every capability, on a device without a network: wlan0 not connected, no static IP. */
static const struct row with_caps[] = {
	{"networking.h", "Networking_SetInterfaceState(unknown)", n_set_state_unknown, ENOENT},
	{"networking.h", "Networking_IpConfig_RenewIp(unknown)", n_renew_unknown, ENOENT},
	{"networking.h", "Networking_IpConfig_ReleaseIp(NULL)", n_release_null, EFAULT},
	{"networking.h", "Networking_IpConfig_EnableCustomDns(4 servers)", n_custom_dns_4, EINVAL},
	{"networking.h", "Networking_IpConfig_Apply(not initialised)", n_apply_uninit, EINVAL},
	{"networking.h", "Networking_IpConfig_Apply(non-contiguous mask)", n_apply_bad_mask,
	 EINVAL},
	{"networking.h", "Networking_IpConfig_Apply(NULL)", n_apply_null, EFAULT},
	{"networking.h", "Networking_TimeSync_EnableCustomNtp(NULL)", n_ntp_custom_null, EFAULT},
	{"networking.h", "Networking_TimeSync_EnableCustomNtp(bad name)", n_ntp_custom_bad_name,
	 EINVAL},
	{"networking.h", "Networking_TimeSync_EnableCustomNtp(299 chars)", n_ntp_custom_long,
	 ERANGE},
	{"networking.h", "Networking_TimeSync_EnableAutomaticNtp(bad option)", n_ntp_bad_option,
	 EINVAL},
	{"networking.h", "Networking_TimeSync_GetLastNtpSyncInfo(none yet)", n_last_sync, ENOENT},
	{"networking.h", "Networking_TimeSync_GetLastNtpSyncInfo(NULL)", n_last_sync_null, EFAULT},
	{"networking.h", "Networking_TimeSync_GetEnabled(NULL)", n_ts_get_null, EFAULT},
	{"networking.h", "Networking_DhcpServerConfig_SetLease(0 addresses)", n_dhcp_lease_zero,
	 EINVAL},
	{"networking.h", "Networking_DhcpServerConfig_SetNtpServerAddresses(4)", n_dhcp_ntp_4,
	 EINVAL},
	{"networking.h", "Networking_DhcpServer_Start(no lease)", n_dhcp_no_lease, EINVAL},
	{"networking.h", "Networking_DhcpServer_Start(not static)", n_dhcp_start, EPERM},
	{"networking.h", "Networking_SntpServer_Start(not initialised)", n_sntp_uninit, EINVAL},
	{"networking.h", "Networking_SntpServer_Start(not static)", n_sntp_start, EPERM},
	{"networking.h", "Networking_SetHardwareAddress(5 bytes)", n_set_mac_short, EINVAL},
	{"networking.h", "Networking_SetHardwareAddress(multicast)", n_set_mac_multicast, EINVAL},
	{"networking.h", "Networking_GetHardwareAddress(NULL)", n_get_mac_null, EFAULT},
	{"networking.h", "Networking_Proxy_Get(none applied)", n_proxy_get, ENOENT},
	{"networking.h", "Networking_Proxy_Apply(enabled, no address)", n_proxy_enabled_no_address,
	 EINVAL},
	{"networking.h", "Networking_Proxy_SetProxyOptions(4)", n_proxy_bad_options, EINVAL},
	{"networking.h", "Networking_Proxy_SetBasicAuthentication(69-char user)", n_proxy_long_user,
	 ERANGE},
	{"networking.h", "Networking_Proxy_SetProxyAddress(NULL)", n_proxy_address_null, EFAULT},
	{"wificonfig.h", "WifiConfig_SetSSID(-1)", w_ssid_negative, EINVAL},
	{"wificonfig.h", "WifiConfig_SetSSID(not stored)", w_ssid_unknown, ENODEV},
	{"wificonfig.h", "WifiConfig_ForgetNetworkById(not stored)", w_forget_unknown, ENODEV},
	{"wificonfig.h", "WifiConfig_SetSSID(33 bytes)", w_ssid_long, ERANGE},
	{"wificonfig.h", "WifiConfig_SetSSID(NULL)", w_ssid_null, EFAULT},
	{"wificonfig.h", "WifiConfig_SetPSK(7 bytes)", w_psk_short, ERANGE},
	{"wificonfig.h", "WifiConfig_SetSecurityType(9)", w_security_bad, EINVAL},
	{"wificonfig.h", "WifiConfig_GetStoredNetworks(NULL)", w_stored_null, EFAULT},
	{"wificonfig.h", "WifiConfig_GetScannedNetworks(NULL)", w_scanned_null, EFAULT},
	{"wificonfig.h", "WifiConfig_GetNetworkIdByConfigName(unknown)", w_by_name_unknown, ENODEV},
	{"wificonfig.h", "WifiConfig_GetCurrentNetwork(NULL)", w_current_null, EFAULT},
	{"wificonfig.h", "WifiConfig_GetCurrentNetwork(not connected)", w_current, ENODATA},
	{"wificonfig.h", "WifiConfig_GetConnectedNetworkId(not connected)", w_connected_id,
	 ENOTCONN},
};

static int run(const char *table, const struct row *rows, size_t n)
{
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		int ret, err;

		errno = 0;
		ret = rows[i].call();
		err = errno;
		if (ret == -1 && err == rows[i].want) {
			printf("errno %s %s: ok\n", rows[i].header, rows[i].name);
		} else {
			printf("errno %s %s: FAIL got %s want %s\n", rows[i].header, rows[i].name,
			       ret == -1 ? strerror(err) : "success", strerror(rows[i].want));
			failed++;
		}
	}
	printf("errnos %s: %zu rows, %zu failed\n", table, n, failed);
	fflush(stdout);
	return failed ? 1 : 0;
}

int errnos_main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[2], "none"))
		return run("none", without_caps, sizeof(without_caps) / sizeof(without_caps[0]));
	if (argc == 3 && !strcmp(argv[2], "caps")) {
		int ret = run("caps", with_caps, sizeof(with_caps) / sizeof(with_caps[0]));

		/* And the one change the table leaves out: a new hardware address for wlan0. */
		printf("hwaddr set: %s\n", n_set_mac() ? strerror(errno) : "ok");
		fflush(stdout);
		return ret;
	}
	fprintf(stderr, "usage: testapp errnos none|caps\n");
	return 2;
}
