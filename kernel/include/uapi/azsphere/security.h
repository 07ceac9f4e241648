/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * Security state uAPI: /dev/azsphere-security, Normal World's window onto
 * what the security monitor keeps in its flash region: the device ID, the
 * manufacturing state and the device capabilities.
 *
 * Reading is open to whoever can open the device; changes need
 * CAP_SYS_ADMIN in the initial user namespace. Structs follow the rules of
 * firewall.h (size first, flags 0, reserved 0, fixed layout).
 *
 * Errors: as firewall.h, plus for AZS_SEC_IOC_SET_MFG_STATE: EINVAL unknown
 * or non-settable state (Blank), EPERM going backwards; for
 * AZS_SEC_IOC_STORE_CAPS: EINVAL malformed file (magic, version, length,
 * reserved bytes, capability values), EKEYREJECTED unknown signer or bad
 * signature, ENODEV issued for another device ID, ESTALE not newer than the
 * capability file already accepted (replay); its reason field then names
 * the rule (AZS_CAPFILE_*). A failed call changes nothing.
 */
#ifndef _UAPI_AZSPHERE_SECURITY_H
#define _UAPI_AZSPHERE_SECURITY_H

#include <linux/ioctl.h>
#include <linux/types.h>

#include "firewall.h" /* AZS_IOC_MAGIC */

#define AZS_SEC_DEVICE "/dev/azsphere-security"

/* Manufacturing states: one-way, Blank -> Module1Complete -> DeviceComplete. */
#define AZS_MFG_BLANK		 0
#define AZS_MFG_MODULE1_COMPLETE 1
#define AZS_MFG_DEVICE_COMPLETE	 2

/* Device capability values (as the real platform numbers them). */
#define AZS_CAP_NONE		     0
#define AZS_CAP_ALLOW_TEST_KEY	     1
#define AZS_CAP_ENABLE_PLUTON_DEBUG  2
#define AZS_CAP_ENABLE_HLOS_DEBUG    3
#define AZS_CAP_ENABLE_N9_DEBUG	     4
#define AZS_CAP_ENABLE_HLOS_CONSOLE  8
#define AZS_CAP_ENABLE_SLT_LOADER    9
#define AZS_CAP_ENABLE_SYSTEM_SW_DEV 10
#define AZS_CAP_APP_DEVELOPMENT	     11
#define AZS_CAP_ENABLE_RF_TEST_MODE  12
#define AZS_CAP_FIELD_SERVICING	     13
#define AZS_CAP_MAX		     13

#define AZS_DEVICE_ID_SIZE	     64

struct azs_sec_device_id {
	__u32 size;
	__u32 flags;
	__u8 id[AZS_DEVICE_ID_SIZE]; /* out */
	__u64 reserved[2];
};

struct azs_sec_mfg_state {
	__u32 size;
	__u32 flags;
	__u32 state; /* in (SET) or out (GET): AZS_MFG_* */
	__u32 pad;
	__u64 reserved[2];
};

struct azs_sec_caps {
	__u32 size;
	__u32 flags;
	__u64 present;	/* out: bit n set = capability value n present */
	__u64 sequence; /* out: sequence number of the accepted capability file
			 */
	__u64 reserved[2];
};

/*
 * The anti-rollback counter the security monitor keeps in its flash: the
 * sequence number of the newest cloud deployment applied. GET reads it;
 * ADVANCE (flags AZS_SEC_COUNTER_ADVANCE, CAP_SYS_ADMIN) raises it to
 * counter: equal changes nothing, lower is refused with ESTALE.
 */
#define AZS_SEC_COUNTER_ADVANCE (1u << 0)
struct azs_sec_update_counter {
	__u32 size;
	__u32 flags;
	__u64 counter; /* out (GET) or in (ADVANCE) */
	__u64 reserved[2];
};

/* A signed capability file (format: docs/security-monitor.md). */
#define AZS_CAPFILE_SIZE 256

/* Why a capability file was refused (azs_sec_store_caps.reason). */
#define AZS_CAPFILE_OK			 0
#define AZS_CAPFILE_BAD_LENGTH		 1  /* not AZS_CAPFILE_SIZE bytes */
#define AZS_CAPFILE_BAD_MAGIC		 2  /* bytes 0-3 */
#define AZS_CAPFILE_BAD_VERSION		 3  /* bytes 4-7 */
#define AZS_CAPFILE_BAD_HEADER		 4  /* bytes 8-15: length or flags */
#define AZS_CAPFILE_BAD_SEQUENCE	 5  /* bytes 16-23: must not be 0 */
#define AZS_CAPFILE_BAD_CAPABILITY	 6  /* bytes 88-151: unknown value */
#define AZS_CAPFILE_DUPLICATE_CAPABILITY 7  /* bytes 88-151: value twice */
#define AZS_CAPFILE_BAD_RESERVED	 8  /* bytes 160-191: must be 0 */
#define AZS_CAPFILE_UNKNOWN_SIGNER	 9  /* bytes 152-159: no such key */
#define AZS_CAPFILE_BAD_SIGNATURE	 10 /* bytes 192-255 */
#define AZS_CAPFILE_WRONG_DEVICE	 11 /* bytes 24-87: another device */
#define AZS_CAPFILE_REPLAYED		 12 /* sequence not newer than stored */

struct azs_sec_store_caps {
	__u32 size;
	__u32 flags;
	__u32 length; /* bytes at data: AZS_CAPFILE_SIZE */
	__u32 reason; /* out: AZS_CAPFILE_* (also written on failure) */
	__u64 data;   /* user pointer to the file's bytes */
	__u64 reserved[2];
};

/* Roles of the root-of-trust public keys the security monitor holds. */
#define AZS_KEY_ROLE_CAPABILITY 1 /* Security Service: capability files */
#define AZS_KEY_ROLE_PRODUCTION                                                \
	2 /* Security Service: production-signed apps                          \
	   */
#define AZS_KEY_ROLE_SDK                                                       \
	3 /* SDK: test-signed apps (trusted only with appDevelopment) */
#define AZS_KEY_ROLE_PLATFORM 4 /* platform components, boot chain */

#define AZS_KEY_ID_SIZE	      8 /* first 8 bytes of SHA-256 of the public point */
#define AZS_KEY_PUB_SIZE      65 /* uncompressed P-256 point: 0x04 || X || Y */

/* One root-of-trust public key; slots 0 .. num_keys - 1. Read-only. */
struct azs_sec_rot_key {
	__u32 size;
	__u32 flags;
	__u32 slot;		      /* in */
	__u32 role;		      /* out: AZS_KEY_ROLE_* */
	__u8 key_id[AZS_KEY_ID_SIZE]; /* out */
	__u8 pub[AZS_KEY_PUB_SIZE];   /* out */
	__u8 pad[3];
	__u32 num_keys; /* out: number of slots */
	__u64 reserved[2];
};

#define AZS_SEC_IOC_GET_DEVICE_ID                                              \
	_IOWR(AZS_IOC_MAGIC, 0x20, struct azs_sec_device_id)
#define AZS_SEC_IOC_GET_MFG_STATE                                              \
	_IOWR(AZS_IOC_MAGIC, 0x21, struct azs_sec_mfg_state)
#define AZS_SEC_IOC_SET_MFG_STATE                                              \
	_IOW(AZS_IOC_MAGIC, 0x22, struct azs_sec_mfg_state)
#define AZS_SEC_IOC_GET_CAPS _IOWR(AZS_IOC_MAGIC, 0x23, struct azs_sec_caps)
#define AZS_SEC_IOC_STORE_CAPS                                                 \
	_IOWR(AZS_IOC_MAGIC, 0x24, struct azs_sec_store_caps)
/* Drop every capability (e.g. enable-cloud-test); no argument (pass 0). */
#define AZS_SEC_IOC_CLEAR_CAPS _IO(AZS_IOC_MAGIC, 0x25)
#define AZS_SEC_IOC_GET_ROT_KEY                                                \
	_IOWR(AZS_IOC_MAGIC, 0x26, struct azs_sec_rot_key)
#define AZS_SEC_IOC_UPDATE_COUNTER                                             \
	_IOWR(AZS_IOC_MAGIC, 0x27, struct azs_sec_update_counter)

#endif /* _UAPI_AZSPHERE_SECURITY_H */
