// SPDX-License-Identifier: MIT
/*
 * The test app's "services" mode: every runtime service of applibs, one
 * line each, for tests/device/suites/runtime.sh to judge:
 *   svc NAME: ok [DETAILS]        the call succeeded
 *   svc NAME: ERRNO_NAME          it failed with that errno
 * Modes: services all | services reboot-once | services garbage
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <applibs/applications.h>
#include <applibs/eventloop.h>
#include <applibs/networking.h>
#include <applibs/powermanagement.h>
#include <applibs/rtc.h>
#include <applibs/storage.h>
#include <applibs/sysevent.h>
#include <applibs/wificonfig.h>

#include "runtime_proto.h"
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
	case ENOSYS:
		return "ENOSYS";
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
	Networking_NetworkInterface ifs[2];
	Networking_InterfaceConnectionStatus st = 0;
	char details[64];
	bool ready = false;
	ssize_t n;
	int ret;

	ret = Networking_IsNetworkingReady(&ready);
	report("net-ready", ret, ready ? "ready" : "not-ready");
	n = Networking_GetInterfaceCount();
	snprintf(details, sizeof(details), "%zd", n);
	report("net-count", n, details);
	n = Networking_GetInterfaces(ifs, 2);
	snprintf(details, sizeof(details), "%zd %s", n, n > 0 ? ifs[0].interfaceName : "-");
	report("net-interfaces", n, details);
	ret = Networking_GetInterfaceConnectionStatus("eth0", &st);
	snprintf(details, sizeof(details), "0x%x", st);
	report("net-status", ret, details);
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

int services_main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[2], "all")) {
		network();
		wifi();
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
	} else if (argc == 3 && !strcmp(argv[2], "garbage")) {
		garbage();
	} else {
		return 2;
	}
	return 0;
}
