// SPDX-License-Identifier: MIT
/*
 * device-certificate deliver: the Security Service's side of the device's
 * client certificate (device_cert.h, docs/security-service.md). Over the
 * host channel, as cloud updates go: {"op":"deviceauth-csr"} asks the device
 * for a certificate request for its own key (made on the device, never sent)
 * and its certificate's state; the service checks and signs the request and
 * sends {"op":"deviceauth-cert","cert":PEM}, which the device checks (its
 * key, its ID, the device CA it trusts) before it stores it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "channel.h"
#include "device_cert.h"
#include "log.h"

static struct json_object *call1(const char *socket_path, struct json_object *req)
{
	struct azs_call_opts o = {.timeout_s = 120};
	struct json_object *resp = azs_call(socket_path, req, &o), *v;

	json_object_put(req);
	if (!resp) {
		ss_error("no answer from the device at %s", socket_path);
		return NULL;
	}
	if (!json_object_object_get_ex(resp, "ok", &v) || !json_object_get_boolean(v)) {
		json_object_object_get_ex(resp, "error", &v);
		ss_error("the device refused: %s",
			 v ? json_object_get_string(v) : "no reason given");
		json_object_put(resp);
		return NULL;
	}
	return resp;
}

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : NULL;
}

int ss_device_certificate_deliver(const char *store, const char *socket_path, unsigned int days,
				  int force)
{
	struct json_object *req = json_object_new_object(), *resp, *v;
	const char *csr, *until;
	char *cert = NULL;
	size_t cert_len;
	int ret, renew;

	json_object_object_add(req, "op", json_object_new_string("deviceauth-csr"));
	resp = call1(socket_path, req);
	if (!resp)
		return -EIO;
	csr = str(resp, "csr");
	until = str(resp, "notAfter");
	renew = !json_object_object_get_ex(resp, "renew", &v) || json_object_get_boolean(v);
	if (!csr) {
		ss_error("the device sent no certificate request (\"csr\")");
		json_object_put(resp);
		return -EIO;
	}
	if (!renew && !force) {
		printf("The device's certificate is valid until %s and not due for renewal: "
		       "nothing delivered.\n",
		       until ? until : "?");
		json_object_put(resp);
		return 0;
	}
	ret = ss_sign_device_csr(store, csr, strlen(csr), NULL, days, &cert, &cert_len);
	json_object_put(resp);
	if (ret)
		return ret;
	req = json_object_new_object();
	json_object_object_add(req, "op", json_object_new_string("deviceauth-cert"));
	json_object_object_add(req, "cert", json_object_new_string_len(cert, (int)cert_len));
	free(cert);
	resp = call1(socket_path, req);
	if (!resp)
		return -EPERM;
	printf("Device certificate delivered: device %.16s..., valid until %s.\n",
	       str(resp, "deviceId") ?: "?", str(resp, "notAfter") ?: "?");
	json_object_put(resp);
	return 0;
}
