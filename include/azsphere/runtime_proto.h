/* SPDX-License-Identifier: MIT */
/*
 * The runtime channel (docs/runtime-channel.md): how applibs reaches the
 * application manager for the services an app can't perform itself (power,
 * system events, Wi-Fi configuration, RTC, memory, network interfaces and
 * time sync).
 *
 * One SOCK_SEQPACKET socket per app, descriptor 3 in the app
 * (AZS_CHANNEL_FD=3); one message per packet, at most AZS_RT_MSG_MAX bytes:
 *
 *   struct azs_rt_hdr  magic, version, op, seq, len (payload bytes)
 *   payload            the op's fixed-size request struct
 *
 * The runtime answers each request with op | AZS_RT_REPLY, the same seq, and
 * struct azs_rt_reply (result 0 or a negative errno) followed by the op's
 * reply struct when the result is 0. It sends op | AZS_RT_EVENT messages on
 * its own (system events). Every struct has a fixed size with explicit
 * padding, identical on 32- and 64-bit ARM and x86, little-endian; strings
 * are bytes with an explicit length and zeros after it. The runtime refuses
 * any message that is not exactly this (rt_decode.c); it never trusts a
 * length, an index or an fd from the app.
 */
#ifndef AZS_RUNTIME_PROTO_H
#define AZS_RUNTIME_PROTO_H

#include <stdint.h>

#define AZS_RT_MAGIC   0x54525a41u /* "AZRT" */
#define AZS_RT_VERSION 1
#define AZS_RT_MSG_MAX 20480
#define AZS_RT_FD      3

#define AZS_RT_REPLY   0x8000u
#define AZS_RT_EVENT   0x4000u

enum azs_rt_op {
	AZS_RT_OP_NET_STATUS = 1,         /* -> azs_rt_net_status */
	AZS_RT_OP_POWER = 2,              /* azs_rt_power */
	AZS_RT_OP_POWER_PROFILE = 3,      /* azs_rt_u32 (PowerManagement_System_PowerProfile) */
	AZS_RT_OP_MEMORY = 4,             /* -> azs_rt_memory */
	AZS_RT_OP_RTC_SYSTOHC = 5,        /* (nothing) */
	AZS_RT_OP_SYSEVENT_SUBSCRIBE = 6, /* azs_rt_u32 event mask (0: none) */
	AZS_RT_OP_SYSEVENT_DEFER = 7,     /* azs_rt_defer */
	AZS_RT_OP_SYSEVENT_RESUME = 8,    /* azs_rt_u32 event */
	AZS_RT_OP_WIFI_ADD = 9,           /* -> azs_rt_i32 new network id */
	AZS_RT_OP_WIFI_SET = 10,          /* azs_rt_wifi_set */
	AZS_RT_OP_WIFI_FORGET = 11,       /* azs_rt_i32 network id, -1: all */
	AZS_RT_OP_WIFI_LIST = 12,         /* -> azs_rt_wifi_list */
	AZS_RT_OP_WIFI_PERSIST = 13,      /* (nothing) */
	AZS_RT_OP_WIFI_RELOAD = 14,       /* (nothing) */
	AZS_RT_OP_CERT_INSTALL = 15,      /* azs_rt_cert_install + its data */
	AZS_RT_OP_CERT_DELETE = 16,       /* azs_rt_cert_id */
	AZS_RT_OP_CERT_COUNT = 17,        /* -> azs_rt_u32 */
	AZS_RT_OP_CERT_ID_AT = 18,        /* azs_rt_u32 index -> azs_rt_cert_id */
	AZS_RT_OP_CERT_INFO = 19,         /* azs_rt_cert_info_req -> azs_rt_cert_info */
	AZS_RT_OP_CERT_MOVE = 20,         /* azs_rt_cert_move */
	AZS_RT_OP_CERT_SPACE = 21,        /* -> azs_rt_u32 bytes left */
	AZS_RT_OP_NET_IFACES = 22,        /* -> azs_rt_net_ifaces */
	AZS_RT_OP_NET_SET_STATE = 23,     /* azs_rt_net_iface_req: flag 1 enable, 0 disable */
	AZS_RT_OP_NET_DHCP = 24,          /* azs_rt_net_iface_req: flag 1 renew, 0 release */
	AZS_RT_OP_TIMESYNC_GET = 25,      /* -> azs_rt_u32 (0 or 1) */
	AZS_RT_OP_TIMESYNC_SET = 26,      /* azs_rt_u32 (0 or 1) */
	AZS_RT_OP_NET_IPCONFIG = 27,      /* azs_rt_net_ipconfig */
	AZS_RT_OP_TIMESYNC_NTP = 28,      /* azs_rt_ntp_config */
	AZS_RT_OP_TIMESYNC_LAST = 29,     /* -> azs_rt_ntp_last */
	AZS_RT_OP_NET_DHCPD = 30,         /* azs_rt_net_dhcpd */
	AZS_RT_OP_NET_SNTPD = 31,         /* azs_rt_net_iface_req (flag 0) */
	AZS_RT_OP_NET_HWADDR_SET = 32,    /* azs_rt_net_hwaddr */
	AZS_RT_OP_NET_HWADDR_GET = 33,    /* azs_rt_net_iface_req (flag 0) -> azs_rt_net_hwaddr */
	AZS_RT_OP_WIFI_SCAN = 34,         /* -> azs_rt_wifi_scan */
	AZS_RT_OP_WIFI_CURRENT = 35,      /* -> azs_rt_wifi_current */
	AZS_RT_OP_PROXY_APPLY = 36,       /* azs_rt_proxy */
	AZS_RT_OP_PROXY_GET = 37,         /* -> azs_rt_proxy */
	AZS_RT_OP_APP_CONNECT = 38,       /* azs_rt_app_connect -> (nothing) + a socket (SCM_RIGHTS) */
	AZS_RT_OP_COUNT
};

struct azs_rt_hdr {
	uint32_t magic;
	uint16_t version;
	uint16_t op;
	uint32_t seq;
	uint32_t len; /* payload bytes after this header */
};

struct azs_rt_reply {
	int32_t result; /* 0 or -errno */
	uint32_t pad;
};

struct azs_rt_u32 {
	uint32_t value;
};

struct azs_rt_i32 {
	int32_t value;
};

/* AZS_RT_OP_NET_STATUS: the app's one interface, if it has network capabilities. */
#define AZS_RT_NET_UP        (1u << 0) /* Networking_InterfaceConnectionStatus bits */
#define AZS_RT_NET_CONNECTED (1u << 1)
#define AZS_RT_NET_IP        (1u << 2)
#define AZS_RT_NET_INTERNET  (1u << 3)
struct azs_rt_net_status {
	uint32_t n_interfaces; /* 0 or 1 */
	uint32_t status;       /* AZS_RT_NET_* of that interface */
	char name[16];         /* its name in the app ("eth0") */
};

/* Interfaces the app can name: its own link (eth0) and the device's wlan0. */
#define AZS_RT_IFNAME_MAX   15 /* IF_NAMESIZE - 1 */
#define AZS_RT_NET_MAX_IFS  4
#define AZS_RT_NET_DHCP_NONE   0 /* Networking_IpType_Type */
#define AZS_RT_NET_DHCP_CLIENT 1
#define AZS_RT_NET_MEDIUM_WIFI     1 /* Networking_InterfaceMedium_Type */
#define AZS_RT_NET_MEDIUM_ETHERNET 2

/* 1..15 of [a-z0-9], NUL, zeros to the end. */
struct azs_rt_net_iface_req {
	char name[16];
	uint32_t flag; /* 0 or 1, as the op says */
	uint32_t pad;
};

struct azs_rt_net_iface {
	char name[16];   /* NUL-terminated */
	uint32_t status; /* AZS_RT_NET_* */
	uint8_t enabled; /* administratively up */
	uint8_t ip_type; /* AZS_RT_NET_DHCP_* */
	uint8_t medium;  /* AZS_RT_NET_MEDIUM_* */
	uint8_t pad;
};

/*
 * AZS_RT_OP_NET_IFACES. AZS_RT_NET_TIME_OK in flags: time sync is disabled (the
 * app or user owns the clock) or has synchronised since boot; with an
 * interface up, connected and addressed, networking is ready.
 */
#define AZS_RT_NET_TIME_OK 1u
struct azs_rt_net_ifaces {
	uint32_t n;
	uint32_t flags; /* AZS_RT_NET_TIME_OK */
	struct azs_rt_net_iface ifs[AZS_RT_NET_MAX_IFS];
};

/*
 * AZS_RT_OP_NET_IPCONFIG (Networking_IpConfig_Apply). IPv4 addresses are 4
 * bytes in network order. Without AZS_RT_IPCFG_STATIC the address comes from
 * DHCP and ip/mask/gw are zero; without AZS_RT_IPCFG_CUSTOM_DNS n_dns and dns
 * are zero.
 */
#define AZS_RT_IPCFG_STATIC     (1u << 0)
#define AZS_RT_IPCFG_CUSTOM_DNS (1u << 1)
#define AZS_RT_DNS_MAX          3
struct azs_rt_net_ipconfig {
	char name[16]; /* as azs_rt_net_iface_req */
	uint32_t flags;
	uint32_t n_dns; /* 1..AZS_RT_DNS_MAX with CUSTOM_DNS */
	uint8_t ip[4], mask[4], gw[4];
	uint8_t dns[AZS_RT_DNS_MAX][4];
};

/*
 * AZS_RT_OP_TIMESYNC_NTP: which NTP servers the time-sync service asks.
 * Names are 1..255 of [A-Za-z0-9.-], NUL, zeros to the end; secondary may be
 * empty. DEFAULT and AUTOMATIC take no names.
 */
#define AZS_RT_NTP_DEFAULT   0
#define AZS_RT_NTP_AUTOMATIC 1 /* the servers of the DHCP lease (option 42) */
#define AZS_RT_NTP_CUSTOM    2
#define AZS_RT_NTP_NAME_MAX  255
struct azs_rt_ntp_config {
	uint32_t mode;
	uint32_t fallback; /* 0 or 1: the default server after these */
	char primary[AZS_RT_NTP_NAME_MAX + 1];
	char secondary[AZS_RT_NTP_NAME_MAX + 1];
};

/* AZS_RT_OP_TIMESYNC_LAST: the last successful synchronisation, UTC seconds. */
struct azs_rt_ntp_last {
	char server[AZS_RT_NTP_NAME_MAX + 1]; /* NUL-terminated */
	int64_t before;                       /* the device's time just before */
	int64_t after;                        /* the time the server gave */
};

/*
 * AZS_RT_OP_NET_DHCPD (Networking_DhcpServer_Start): count addresses from
 * start, leases of lease_hours, optionally NTP servers (option 42).
 */
struct azs_rt_net_dhcpd {
	char name[16]; /* as azs_rt_net_iface_req */
	uint8_t start[4], mask[4], gw[4];
	uint32_t count;       /* 1..254 */
	uint32_t lease_hours; /* 1..24*365 */
	uint32_t n_ntp;       /* 0..AZS_RT_DNS_MAX */
	uint8_t ntp[AZS_RT_DNS_MAX][4];
};

/* AZS_RT_OP_NET_HWADDR_SET / _GET. */
struct azs_rt_net_hwaddr {
	char name[16]; /* as azs_rt_net_iface_req */
	uint8_t addr[6];
	uint8_t pad[2];
};

/*
 * AZS_RT_OP_PROXY_APPLY / _GET: the device's HTTP proxy. Strings are
 * printable ASCII, NUL, zeros to the end. options: Networking_ProxyOptions
 * (None 1, Enabled 2); enabled needs an address and a port.
 */
#define AZS_RT_PROXY_ADDRESS_MAX 255
#define AZS_RT_PROXY_USER_MAX    63
struct azs_rt_proxy {
	uint32_t options;
	uint8_t type; /* Networking_ProxyType_HTTP 0 */
	uint8_t auth; /* Networking_ProxyAuthType: Anonymous 0, Basic 1 */
	uint16_t port;
	char address[AZS_RT_PROXY_ADDRESS_MAX + 1];
	char no_proxy[AZS_RT_PROXY_ADDRESS_MAX + 1];
	char user[AZS_RT_PROXY_USER_MAX + 1];
	char password[AZS_RT_PROXY_USER_MAX + 1];
};

/*
 * AZS_RT_OP_APP_CONNECT (Application_Connect): the partner RT app's component
 * ID, 36 characters 8-4-4-4-12 hex digits (either case), then zeros. A
 * successful answer carries the connected socket as SCM_RIGHTS on the reply
 * packet (docs/iocore.md, "The mailbox").
 */
#define AZS_RT_COMPONENT_ID_LEN 36
struct azs_rt_app_connect {
	char component_id[40];
};

/* AZS_RT_OP_POWER. */
#define AZS_RT_POWER_REBOOT     0 /* z__PowerManagement_TransitionToSystemPowerState states */
#define AZS_RT_POWER_POWER_DOWN 1
struct azs_rt_power {
	uint32_t state;
	uint32_t max_residency_s; /* POWER_DOWN: 1 .. AZS_RT_POWER_MAX_RESIDENCY */
};
#define AZS_RT_POWER_MAX_RESIDENCY (365u * 24 * 3600)

/* AZS_RT_OP_MEMORY: the app's cgroup, in KiB. */
struct azs_rt_memory {
	uint32_t total_kb;     /* memory.current */
	uint32_t user_kb;      /* anonymous memory (memory.stat anon) */
	uint32_t peak_user_kb; /* memory.peak */
	uint32_t pad;
};

/* AZS_RT_OP_SYSEVENT_DEFER. */
#define AZS_RT_DEFER_MAX_MINUTES 1440
struct azs_rt_defer {
	uint32_t event; /* SysEvent_Events_UpdateReadyForInstall */
	uint32_t minutes;
};

/* op | AZS_RT_EVENT, runtime to app: one system event. */
struct azs_rt_sysevent {
	uint32_t event;  /* SysEvent_Events */
	uint32_t status; /* SysEvent_Status */
	uint32_t update_type;
	uint32_t max_deferral_minutes;
};

/* Wi-Fi configuration store. */
#define AZS_RT_WIFI_MAX_NETWORKS 37
#define AZS_RT_WIFI_SSID_MAX     32
#define AZS_RT_WIFI_PSK_MAX      64
#define AZS_RT_WIFI_NAME_MAX     16

enum azs_rt_wifi_attr {
	AZS_RT_WIFI_SSID = 1,      /* 1..32 bytes */
	AZS_RT_WIFI_SECURITY = 2,  /* 1 byte: WifiConfig_Security_Type Open 1 / Wpa2_Psk 2 */
	AZS_RT_WIFI_PSK = 3,       /* 8..63 printable ASCII, or 64 hex digits */
	AZS_RT_WIFI_ENABLED = 4,   /* 1 byte: 0 or 1 */
	AZS_RT_WIFI_NAME = 5,      /* 0..16 printable ASCII: the config name */
	AZS_RT_WIFI_TARGETED = 6,  /* 1 byte: 0 or 1 */
	AZS_RT_WIFI_DUPLICATE = 7, /* a copy of the network named value (0..16 bytes) */
};

struct azs_rt_wifi_set {
	int32_t id;
	uint32_t attr;
	uint32_t len;
	uint32_t pad;
	uint8_t value[AZS_RT_WIFI_PSK_MAX];
};

struct azs_rt_wifi_net {
	int32_t id;
	uint8_t ssid[AZS_RT_WIFI_SSID_MAX];
	uint8_t ssid_len;
	uint8_t security;
	uint8_t enabled;
	uint8_t targeted;
	char name[AZS_RT_WIFI_NAME_MAX + 1];
	uint8_t has_psk;
	uint8_t pad[2];
};

struct azs_rt_wifi_list {
	uint32_t n;
	uint32_t pad;
	struct azs_rt_wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS];
};

/* AZS_RT_OP_WIFI_SCAN / _CURRENT: what the radio sees (WifiConfig_ScannedNetwork). */
#define AZS_RT_WIFI_MAX_SCAN 16
struct azs_rt_wifi_seen {
	uint8_t ssid[AZS_RT_WIFI_SSID_MAX];
	uint8_t bssid[6];
	uint8_t ssid_len;
	uint8_t security; /* WifiConfig_Security_Type */
	uint32_t freq_mhz;
	int8_t rssi; /* dBm */
	uint8_t pad[3];
};

struct azs_rt_wifi_scan {
	uint32_t n;
	uint32_t pad;
	struct azs_rt_wifi_seen nets[AZS_RT_WIFI_MAX_SCAN];
};

struct azs_rt_wifi_current {
	int32_t id; /* the stored network it is connected with */
	uint32_t pad;
	struct azs_rt_wifi_seen net;
};

/* Certificate store (device-wide, capability CertStore). */
#define AZS_RT_CERT_ID_MAX   16   /* CERTSTORE_MAX_IDENTIFIER_LENGTH */
#define AZS_RT_CERT_MAX      8192 /* CERTSTORE_MAX_CERT_SIZE, also for a private key */
#define AZS_RT_CERT_PW_MAX   256
#define AZS_RT_CERT_NAME_MAX 300
#define AZS_RT_CERT_ROOT_CA  1
#define AZS_RT_CERT_CLIENT   2

/* 1..16 of [A-Za-z0-9._-], not starting with '.', NUL, zeros to the end. */
struct azs_rt_cert_id {
	char id[20];
};

/* Followed by cert_len + key_len + pw_len bytes: certificate PEM, key PEM, password. */
struct azs_rt_cert_install {
	struct azs_rt_cert_id id;
	uint32_t kind; /* AZS_RT_CERT_* */
	uint32_t cert_len;
	uint32_t key_len; /* client only */
	uint32_t pw_len;  /* client only, may be 0 */
};

struct azs_rt_cert_move {
	struct azs_rt_cert_id from, to;
};

#define AZS_RT_CERT_SUBJECT    0 /* z__CERTSTORE_INFO_* */
#define AZS_RT_CERT_ISSUER     1
#define AZS_RT_CERT_NOT_BEFORE 2
#define AZS_RT_CERT_NOT_AFTER  3
struct azs_rt_cert_info_req {
	struct azs_rt_cert_id id;
	uint32_t type;
};

struct azs_rt_cert_info {
	char name[AZS_RT_CERT_NAME_MAX + 4];            /* subject or issuer, NUL-terminated */
	int32_t year, month, day, hour, minute, second; /* UTC time (year 1970.., month 1..12) */
};

_Static_assert(sizeof(struct azs_rt_hdr) == 16, "azs_rt_hdr layout");
_Static_assert(sizeof(struct azs_rt_cert_install) == 36, "azs_rt_cert_install layout");
_Static_assert(sizeof(struct azs_rt_cert_info) == 328, "azs_rt_cert_info layout");
_Static_assert(sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_cert_install) +
			       2 * AZS_RT_CERT_MAX + AZS_RT_CERT_PW_MAX <=
		       AZS_RT_MSG_MAX,
	       "the largest request fits a packet");
_Static_assert(sizeof(struct azs_rt_wifi_set) == 80, "azs_rt_wifi_set layout");
_Static_assert(sizeof(struct azs_rt_net_iface_req) == 24, "azs_rt_net_iface_req layout");
_Static_assert(sizeof(struct azs_rt_net_iface) == 24, "azs_rt_net_iface layout");
_Static_assert(sizeof(struct azs_rt_net_ifaces) == 104, "azs_rt_net_ifaces layout");
_Static_assert(sizeof(struct azs_rt_net_ipconfig) == 48, "azs_rt_net_ipconfig layout");
_Static_assert(sizeof(struct azs_rt_ntp_config) == 520, "azs_rt_ntp_config layout");
_Static_assert(sizeof(struct azs_rt_ntp_last) == 272, "azs_rt_ntp_last layout");
_Static_assert(sizeof(struct azs_rt_net_dhcpd) == 52, "azs_rt_net_dhcpd layout");
_Static_assert(sizeof(struct azs_rt_proxy) == 648, "azs_rt_proxy layout");
_Static_assert(sizeof(struct azs_rt_net_hwaddr) == 24, "azs_rt_net_hwaddr layout");
_Static_assert(sizeof(struct azs_rt_wifi_seen) == 48, "azs_rt_wifi_seen layout");
_Static_assert(sizeof(struct azs_rt_wifi_scan) == 776, "azs_rt_wifi_scan layout");
_Static_assert(sizeof(struct azs_rt_wifi_current) == 56, "azs_rt_wifi_current layout");
_Static_assert(sizeof(struct azs_rt_wifi_net) == 60, "azs_rt_wifi_net layout");
_Static_assert(sizeof(struct azs_rt_hdr) + sizeof(struct azs_rt_reply) +
			       sizeof(struct azs_rt_wifi_list) <=
		       AZS_RT_MSG_MAX,
	       "the largest reply fits a packet");

_Static_assert(sizeof(struct azs_rt_reply) == 8, "azs_rt_reply layout");
_Static_assert(sizeof(struct azs_rt_u32) == 4 && sizeof(struct azs_rt_i32) == 4, "azs_rt_u32/i32 layout");
_Static_assert(sizeof(struct azs_rt_net_status) == 24, "azs_rt_net_status layout");
_Static_assert(sizeof(struct azs_rt_power) == 8, "azs_rt_power layout");
_Static_assert(sizeof(struct azs_rt_app_connect) == 40, "azs_rt_app_connect layout");
_Static_assert(sizeof(struct azs_rt_memory) == 16, "azs_rt_memory layout");
_Static_assert(sizeof(struct azs_rt_defer) == 8, "azs_rt_defer layout");
_Static_assert(sizeof(struct azs_rt_sysevent) == 16, "azs_rt_sysevent layout");
_Static_assert(sizeof(struct azs_rt_wifi_list) == 2228, "azs_rt_wifi_list layout");
_Static_assert(sizeof(struct azs_rt_cert_id) == 20, "azs_rt_cert_id layout");
_Static_assert(sizeof(struct azs_rt_cert_move) == 40, "azs_rt_cert_move layout");
_Static_assert(sizeof(struct azs_rt_cert_info_req) == 24, "azs_rt_cert_info_req layout");
/*
 * Both ends copy these structs as they are in memory: the protocol's
 * little-endian order is the build's own (x86-64, ARMv7). A big-endian build
 * would speak another protocol, so it does not build.
 */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the runtime protocol is little-endian");

#endif /* AZS_RUNTIME_PROTO_H */
