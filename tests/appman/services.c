// SPDX-License-Identifier: MIT
/*
 * The test app's "services" mode: every runtime service of applibs, one
 * line each, for tests/device/suites/runtime.sh to judge:
 *   svc NAME: ok [DETAILS]        the call succeeded
 *   svc NAME: ERRNO_NAME          it failed with that errno
 * Modes: services all | services reboot-once | services garbage | services defer |
 *        services store-on-signal cert|wifi (suite faults: one write to the
 *        device's certificate or Wi-Fi store at each SIGUSR1)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <applibs/applications.h>
#include <applibs/certstore.h>
#include <applibs/eventloop.h>
#include <applibs/networking.h>
#include <applibs/powermanagement.h>
#include <applibs/rtc.h>
#include <applibs/storage.h>
#include <applibs/sysevent.h>
#include <applibs/wificonfig.h>

#include <azsphere/runtime_proto.h>
#include "services.h"

static const char *errno_name(int e)
{
	switch (e) {
	case EACCES:
		return "EACCES";
	case EINVAL:
		return "EINVAL";
	case ENOENT:
		return "ENOENT";
	case EEXIST:
		return "EEXIST";
	case ENODEV:
		return "ENODEV";
	case ENOTCONN:
		return "ENOTCONN";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	case EBADMSG:
		return "EBADMSG";
	case EPROTONOSUPPORT:
		return "EPROTONOSUPPORT";
	case ENOSPC:
		return "ENOSPC";
	case EAGAIN:
		return "EAGAIN";
	case ERANGE:
		return "ERANGE";
	case ENOSYS:
		return "ENOSYS";
	case ENODATA:
		return "ENODATA";
	case ENETDOWN:
		return "ENETDOWN";
	case EPERM:
		return "EPERM";
	case EFAULT:
		return "EFAULT";
	case EIO:
		return "EIO";
	default:
		return "other";
	}
}

static void report(const char *name, long ret, const char *details)
{
	if (ret < 0)
		printf("svc %s: %s\n", name, errno_name(errno));
	else
		printf("svc %s: ok%s%s\n", name, details ? " " : "", details ? details : "");
	fflush(stdout);
}

static void on_event(SysEvent_Events event, SysEvent_Status state, const SysEvent_Info *info,
		     void *context)
{
	(void)info;
	(void)context;
	printf("svc event: 0x%x status %u\n", event, state);
	fflush(stdout);
}

static void network(void)
{
	Networking_NetworkInterface ifs[4];
	Networking_InterfaceConnectionStatus st = 0;
	char details[96];
	bool ready = false;
	ssize_t n;
	int ret;

	ret = Networking_IsNetworkingReady(&ready);
	report("net-ready", ret, ready ? "ready" : "not-ready");
	n = Networking_GetInterfaceCount();
	snprintf(details, sizeof(details), "%zd", n);
	report("net-count", n, details);
	n = Networking_GetInterfaces(ifs, 4);
	snprintf(details, sizeof(details), "%zd", n);
	for (ssize_t i = 0; i < n; i++)
		snprintf(details + strlen(details), sizeof(details) - strlen(details), " %s",
			 ifs[i].interfaceName);
	report("net-interfaces", n, details);
	for (ssize_t i = 0; i < n; i++)
		if (!strcmp(ifs[i].interfaceName, "wlan0")) {
			snprintf(details, sizeof(details), "enabled=%d dhcp=%d medium=%d",
				 ifs[i].isEnabled, ifs[i].ipConfigurationType,
				 ifs[i].interfaceMediumType);
			report("net-wlan0", 0, details);
		}
	ret = Networking_GetInterfaceConnectionStatus("eth0", &st);
	snprintf(details, sizeof(details), "0x%x", st);
	report("net-status", ret, details);
}

static void wlan_status(const char *name)
{
	Networking_InterfaceConnectionStatus st = 0;
	char details[16];
	int ret = Networking_GetInterfaceConnectionStatus("wlan0", &st);

	snprintf(details, sizeof(details), "0x%x", st);
	report(name, ret, details);
}

/*
 * What the device keeps across a reboot (suite runtime, second boot): a
 * static address with a custom DNS server on wlan0 (down now), and a proxy.
 */
static void netpersist(void)
{
	struct in_addr addr = {htonl(0x0a630007)}, mask = {htonl(0xffffff00)}, none = {0},
		       dns = {htonl(0x0a630001)};
	Networking_ProxyConfig *p = Networking_Proxy_Create();
	Networking_IpConfig ip;
	int ret;

	Networking_IpConfig_Init(&ip);
	Networking_IpConfig_EnableStaticIp(&ip, addr, mask, none);
	ret = Networking_IpConfig_EnableCustomDns(&ip, &dns, 1);
	if (!ret)
		ret = Networking_IpConfig_Apply("wlan0", &ip);
	Networking_IpConfig_Destroy(&ip);
	report("wlan0-static", ret, NULL);
	ret = p ? Networking_Proxy_SetProxyOptions(p, Networking_ProxyOptions_Enabled) : -1;
	if (!ret)
		ret = Networking_Proxy_SetProxyAddress(p, "proxy.test", 3128);
	if (!ret)
		ret = Networking_Proxy_Apply(p);
	Networking_Proxy_Destroy(p);
	report("proxy-apply", ret, NULL);
}

/* Interface state, DHCP release/renew (NetworkConfig) and time sync (TimeSyncConfig). */
static void netconfig(void)
{
	char details[16];
	bool on = false;
	int ret;

	wlan_status("wlan0-status");
	report("wlan0-release", Networking_IpConfig_ReleaseIp("wlan0"), NULL);
	wlan_status("wlan0-status-released");
	report("wlan0-renew", Networking_IpConfig_RenewIp("wlan0"), NULL);
	report("wlan0-disable", Networking_SetInterfaceState("wlan0", false), NULL);
	wlan_status("wlan0-status-disabled");
	netpersist();
	report("eth0-disable", Networking_SetInterfaceState("eth0", false), NULL);
	report("eth0-release", Networking_IpConfig_ReleaseIp("eth0"), NULL);
	report("nope-enable", Networking_SetInterfaceState("nope0", true), NULL);
	report("nope-renew", Networking_IpConfig_RenewIp("nope0"), NULL);
	report("null-release", Networking_IpConfig_ReleaseIp(NULL), NULL);
	ret = Networking_TimeSync_GetEnabled(&on);
	snprintf(details, sizeof(details), "%d", on);
	report("timesync-get", ret, details);
	report("timesync-disable", Networking_TimeSync_SetEnabled(false), NULL);
	on = true;
	ret = Networking_TimeSync_GetEnabled(&on);
	snprintf(details, sizeof(details), "%d", on);
	report("timesync-get-disabled", ret, details);
	report("timesync-enable", Networking_TimeSync_SetEnabled(true), NULL);
	report("timesync-get-null", Networking_TimeSync_GetEnabled(NULL), NULL);
}

static void wifi(void)
{
	static const uint8_t ssid[] = "azsphere-test";
	WifiConfig_StoredNetwork stored[4];
	char details[64];
	ssize_t n;
	int id, dup, ret;

	n = WifiConfig_GetStoredNetworkCount();
	snprintf(details, sizeof(details), "%zd", n);
	report("wifi-count-at-start", n, details);
	id = WifiConfig_AddNetwork();
	report("wifi-add", id, NULL);
	if (id < 0) {
		/* Without the capability every call is refused the same way. */
		report("wifi-list", WifiConfig_GetStoredNetworks(stored, 4), NULL);
		report("wifi-scan", WifiConfig_TriggerScanAndGetScannedNetworkCount(), NULL);
		report("wifi-persist", WifiConfig_PersistConfig(), NULL);
		return;
	}
	report("wifi-ssid", WifiConfig_SetSSID(id, ssid, sizeof(ssid) - 1), NULL);
	report("wifi-security", WifiConfig_SetSecurityType(id, WifiConfig_Security_Wpa2_Psk), NULL);
	report("wifi-psk", WifiConfig_SetPSK(id, "correct horse", 13), NULL);
	report("wifi-enable", WifiConfig_SetNetworkEnabled(id, true), NULL);
	report("wifi-name", WifiConfig_SetConfigName(id, "home"), NULL);
	report("wifi-bad-id", WifiConfig_SetSSID(30, ssid, 3), NULL);
	dup = WifiConfig_AddDuplicateNetwork(id, "home");
	report("wifi-duplicate-same-name", dup, NULL);
	dup = WifiConfig_AddDuplicateNetwork(id, "office");
	report("wifi-duplicate", dup, NULL);
	ret = WifiConfig_GetNetworkIdByConfigName("office");
	snprintf(details, sizeof(details), "%s", ret == dup ? "same-id" : "other-id");
	report("wifi-by-name", ret, details);
	n = WifiConfig_GetStoredNetworks(stored, 4);
	snprintf(details, sizeof(details), "%zd %.*s enabled=%d security=%d", n,
		 n > 0 ? stored[0].ssidLength : 0, n > 0 ? (const char *)stored[0].ssid : "",
		 n > 0 ? stored[0].isEnabled : -1, n > 0 ? stored[0].security : -1);
	report("wifi-list", n, details);
	report("wifi-forget-duplicate", WifiConfig_ForgetNetworkById(dup), NULL);
	report("wifi-persist", WifiConfig_PersistConfig(), NULL);
	/* An unpersisted change goes away on reload. */
	report("wifi-add-unsaved", WifiConfig_AddNetwork(), NULL);
	report("wifi-reload", WifiConfig_ReloadConfig(), NULL);
	n = WifiConfig_GetStoredNetworkCount();
	snprintf(details, sizeof(details), "%zd", n);
	report("wifi-count-after-reload", n, details);
	report("wifi-scan", WifiConfig_TriggerScanAndGetScannedNetworkCount(), NULL);
	report("wifi-connected", WifiConfig_GetConnectedNetworkId(), NULL);
	{
		WifiConfig_ConnectedNetwork cur;

		report("wifi-current", WifiConfig_GetCurrentNetwork(&cur), NULL);
	}
}

/* A file of the app's image package (certs/...), NUL-terminated: its length or -1. */
static ssize_t image_file(const char *path, char *buf, size_t size)
{
	int fd = Storage_OpenFileInImagePackage(path);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

static void certs(void)
{
	static char ca[4096], client[4096], key[4096], other[4096];
	ssize_t space0, space1, n;
	CertStore_Identifier id;
	CertStore_SubjectName subject;
	CertStore_IssuerName issuer;
	struct tm before, after;
	char details[400];
	ssize_t lca = image_file("certs/ca.pem", ca, sizeof(ca));
	ssize_t lcl = image_file("certs/client.pem", client, sizeof(client));
	ssize_t lkey = image_file("certs/client.key", key, sizeof(key));
	ssize_t loth = image_file("certs/other.key", other, sizeof(other));

	space0 = CertStore_GetAvailableSpace();
	report("cert-space", space0, NULL);
	n = CertStore_GetCertificateCount();
	snprintf(details, sizeof(details), "%zd", n);
	report("cert-count-at-start", n, details);
	if (space0 < 0 || lca <= 0 || lcl <= 0 || lkey <= 0 || loth <= 0) {
		report("cert-install-root", CertStore_InstallRootCACertificate("root-ca", "x", 1),
		       NULL);
		return;
	}
	report("cert-install-root", CertStore_InstallRootCACertificate("root-ca", ca, (size_t)lca),
	       NULL);
	report("cert-install-client",
	       CertStore_InstallClientCertificate("client", client, (size_t)lcl, key, (size_t)lkey,
						  "test-password"),
	       NULL);
	report("cert-wrong-password",
	       CertStore_InstallClientCertificate("client-b", client, (size_t)lcl, key,
						  (size_t)lkey, "wrong"),
	       NULL);
	report("cert-key-of-another",
	       CertStore_InstallClientCertificate("client-b", client, (size_t)lcl, other,
						  (size_t)loth, NULL),
	       NULL);
	report("cert-not-a-certificate",
	       CertStore_InstallRootCACertificate("junk", "not a certificate", 17), NULL);
	report("cert-path-identifier", CertStore_InstallRootCACertificate("../x", ca, (size_t)lca),
	       NULL);
	report("cert-long-identifier",
	       CertStore_InstallRootCACertificate("a23456789012345678", ca, (size_t)lca), NULL);
	n = CertStore_GetCertificateCount();
	snprintf(details, sizeof(details), "%zd", n);
	report("cert-count", n, details);
	n = CertStore_GetCertificateIdentifierAt(0, &id);
	report("cert-id-0", n, n ? NULL : id.identifier);
	report("cert-id-2", CertStore_GetCertificateIdentifierAt(2, &id), NULL);
	n = CertStore_GetCertificateSubjectName("client", &subject);
	report("cert-subject", n, n ? NULL : subject.name);
	n = CertStore_GetCertificateIssuerName("client", &issuer);
	report("cert-issuer", n, n ? NULL : issuer.name);
	n = CertStore_GetCertificateNotBefore("client", &before) ||
	    CertStore_GetCertificateNotAfter("client", &after);
	snprintf(details, sizeof(details), "%lld",
		 (long long)(timegm(&after) - timegm(&before)) / 86400);
	report("cert-validity-days", n ? -1 : 0, details);
	report("cert-move", CertStore_MoveCertificate("client", "client2"), NULL);
	report("cert-moved-away", CertStore_GetCertificateSubjectName("client", &subject), NULL);
	report("cert-delete", CertStore_DeleteCertificate("client2"), NULL);
	report("cert-delete-again", CertStore_DeleteCertificate("client2"), NULL);
	space1 = CertStore_GetAvailableSpace();
	snprintf(details, sizeof(details), "%s", space1 < space0 ? "less" : "not-less");
	report("cert-space-after", space1, details);
}

static void others(void)
{
	EventLoop *el = EventLoop_Create();
	EventRegistration *reg;
	char details[32];
	size_t kb;

	kb = Applications_GetTotalMemoryUsageInKB();
	snprintf(details, sizeof(details), "%zu", kb);
	report("memory-total", kb ? 0 : -1, details);
	report("power-profile", PowerManagement_SetSystemPowerProfile(PowerManagement_Balanced),
	       NULL);
	report("power-down-zero", PowerManagement_ForceSystemPowerDown(0), NULL);
	report("rtc", clock_systohc(), NULL);
	reg = SysEvent_RegisterForEventNotifications(el, SysEvent_Events_Mask, on_event, NULL);
	report("sysevent-register", reg ? 0 : -1, NULL);
	report("sysevent-defer", SysEvent_DeferEvent(SysEvent_Events_UpdateReadyForInstall, 10),
	       NULL);
	if (reg)
		report("sysevent-unregister", SysEvent_UnregisterForEventNotifications(reg), NULL);
	EventLoop_Close(el);
}

/* Packets no applibs call would send: each refused, the channel still usable. */
static void garbage(void)
{
	struct azs_rt_hdr h = {AZS_RT_MAGIC, AZS_RT_VERSION, AZS_RT_OP_WIFI_SET, 99, 3};
	char buf[AZS_RT_MSG_MAX + 100], reply[64];
	struct azs_rt_reply r;
	int answers = 0;
	ssize_t n;

	memset(buf, 0, sizeof(buf));
	/* 1: a WIFI_SET with a 3-byte payload. */
	memcpy(buf, &h, sizeof(h));
	send(AZS_RT_FD, buf, sizeof(h) + 3, 0);
	/* 2: version 9. */
	h.version = 9;
	h.len = 0;
	memcpy(buf, &h, sizeof(h));
	send(AZS_RT_FD, buf, sizeof(h), 0);
	/* 3: larger than any message. */
	h.version = AZS_RT_VERSION;
	h.op = AZS_RT_OP_NET_STATUS;
	h.len = (uint32_t)(sizeof(buf) - sizeof(h));
	memcpy(buf, &h, sizeof(h));
	send(AZS_RT_FD, buf, sizeof(buf), 0);
	for (int i = 0; i < 3; i++) {
		n = recv(AZS_RT_FD, reply, sizeof(reply), 0);
		if (n == (ssize_t)(sizeof(h) + sizeof(r))) {
			memcpy(&r, reply + sizeof(h), sizeof(r));
			if (r.result < 0)
				answers++;
		}
	}
	printf("svc garbage-refused: %d of 3\n", answers);
	/* The channel still serves. */
	network();
}

/* "defer": defer an announced update by a minute, resume it 4 s later. */
static int resume_timer = -1;

static void on_update_event(SysEvent_Events event, SysEvent_Status state, const SysEvent_Info *info,
			    void *context)
{
	SysEvent_Info_UpdateData u = {0};
	const struct itimerspec in4s = {.it_value = {.tv_sec = 4}};

	(void)context;
	SysEvent_Info_GetUpdateData(info, &u);
	printf("svc event: 0x%x status %u type %u max %u\n", event, state, u.update_type,
	       u.max_deferral_time_in_minutes);
	fflush(stdout);
	if (event == SysEvent_Events_UpdateReadyForInstall && state == SysEvent_Status_Pending) {
		report("defer", SysEvent_DeferEvent(SysEvent_Events_UpdateReadyForInstall, 1),
		       NULL);
		timerfd_settime(resume_timer, 0, &in4s, NULL);
	}
}

static void on_resume_timer(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	uint64_t ticks;

	(void)el;
	(void)events;
	(void)context;
	if (read(fd, &ticks, sizeof(ticks)) > 0)
		report("resume", SysEvent_ResumeEvent(SysEvent_Events_UpdateReadyForInstall), NULL);
}

static int defer_mode(void)
{
	EventLoop *el = EventLoop_Create();

	resume_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	if (!el || resume_timer < 0 ||
	    !EventLoop_RegisterIo(el, resume_timer, EventLoop_Input, on_resume_timer, NULL))
		return 1;
	report("register",
	       SysEvent_RegisterForEventNotifications(el, SysEvent_Events_Mask, on_update_event,
						      NULL)
		       ? 0
		       : -1,
	       NULL);
	for (;;)
		EventLoop_Run(el, -1, false);
}

/* "store-on-signal": at each SIGUSR1, one store write; it only waits in between. */
static volatile sig_atomic_t store_now;

static void on_usr1(int sig)
{
	(void)sig;
	store_now = 1;
}

__attribute__((noreturn)) static void store_on_signal(const char *what)
{
	static char ca[4096];
	static unsigned int n;
	const struct timespec t = {.tv_nsec = 100 * 1000 * 1000};
	struct sigaction sa = {.sa_handler = on_usr1};
	ssize_t lca = image_file("certs/ca.pem", ca, sizeof(ca));

	sigaction(SIGUSR1, &sa, NULL);
	printf("svc store-on-signal %s: ready\n", what);
	fflush(stdout);
	for (;;) {
		char id[32];

		nanosleep(&t, NULL);
		if (!store_now)
			continue;
		store_now = 0;
		n++;
		if (!strcmp(what, "cert")) {
			snprintf(id, sizeof(id), "fault-ca-%u", n);
			report("store-cert", CertStore_InstallRootCACertificate(id, ca, (size_t)lca),
			       id);
		} else {
			static const uint8_t ssid[] = "fault-net";
			int net = WifiConfig_AddNetwork();

			if (net >= 0 && !WifiConfig_SetSSID(net, ssid, sizeof(ssid) - 1) &&
			    !WifiConfig_SetSecurityType(net, WifiConfig_Security_Open))
				report("store-wifi", WifiConfig_PersistConfig(), NULL);
			else
				report("store-wifi", -1, NULL);
		}
	}
}

int services_main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[2], "all")) {
		network();
		netconfig();
		wifi();
		certs();
		others();
	} else if (argc == 3 && !strcmp(argv[2], "reboot-once")) {
		int fd = Storage_OpenMutableFile();
		char c = 0;

		if (fd >= 0 && read(fd, &c, 1) == 0) {
			if (write(fd, "r", 1) != 1 || fsync(fd))
				perror("services: storage");
			close(fd);
			printf("svc reboot: requesting\n");
			fflush(stdout);
			report("reboot", PowerManagement_ForceSystemReboot(), NULL);
		} else {
			printf("svc reboot: already done\n");
		}
		report("power-down-without-capability", PowerManagement_ForceSystemPowerDown(5),
		       NULL);
	} else if (argc == 3 && !strcmp(argv[2], "defer")) {
		return defer_mode();
	} else if (argc == 4 && !strcmp(argv[2], "store-on-signal")) {
		store_on_signal(argv[3]);
	} else if (argc == 3 && !strcmp(argv[2], "garbage")) {
		garbage();
	} else {
		return 2;
	}
	return 0;
}
