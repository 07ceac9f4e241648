// SPDX-License-Identifier: MIT
/*
 * The runtime's decoder of app requests on the runtime channel
 * (libapplibs/src/runtime_proto.h). Pure and strict: a request is accepted
 * only if every byte is as the protocol says, so the broker acts on checked
 * values only. Fuzzed in host.rt_decode.
 */
#ifndef AZS_RT_DECODE_H
#define AZS_RT_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include <azsphere/runtime_proto.h>

struct azs_rt_request {
	uint16_t op;
	uint32_t seq;
	union {
		struct azs_rt_u32 u32;
		struct azs_rt_i32 i32;
		struct azs_rt_power power;
		struct azs_rt_defer defer;
		struct azs_rt_wifi_set wifi_set;
		struct azs_rt_cert_id cert_id;
		struct azs_rt_cert_install cert_install;
		struct azs_rt_cert_move cert_move;
		struct azs_rt_cert_info_req cert_info;
		struct azs_rt_net_iface_req iface;
		struct azs_rt_net_ipconfig ipconfig;
		struct azs_rt_ntp_config ntp;
		struct azs_rt_net_dhcpd dhcpd;
		struct azs_rt_net_hwaddr hwaddr;
		struct azs_rt_proxy proxy;
		struct azs_rt_app_connect app_connect;
	} p;
	/* CERT_INSTALL's data, pointing into the caller's packet buffer. */
	const char *cert, *key, *password;
};

/*
 * Decode the LEN bytes of one packet. 0 and *req; or -EBADMSG (wrong magic,
 * size, padding, value), -EPROTONOSUPPORT (version), -EOPNOTSUPP (unknown op),
 * -EINVAL (a value the API refuses, as applibs' own checks would) or -ERANGE
 * (a certificate identifier, certificate or password length out of range, as
 * CertStore reports it) with the reason in WHY (SIZE bytes). When the header was readable,
 * req->op and req->seq are set even on failure, so the refusal can be answered.
 */
int azs_rt_decode_request(const void *buf, size_t len, struct azs_rt_request *req, char *why,
			  size_t size);

/* Payload bytes of OP's request (the fixed part for CERT_INSTALL), or -1 for an unknown op. */
int azs_rt_request_size(unsigned int op);

#endif /* AZS_RT_DECODE_H */
