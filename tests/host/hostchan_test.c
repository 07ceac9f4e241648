// SPDX-License-Identifier: MIT
/*
 * The host channel's request decoder (containerd-lite/lib/hostchan.c), what
 * azs-gatewayd acts on: every op with its fields, the refusals azs-gatewayd
 * answers with, and strict hex (the decoder it replaced read hex with
 * sscanf("%2x"), which took " a", "+f", "-1" and "0x" as bytes). The
 * decoder is also fuzzed (fuzz/fuzz_hostchan.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hostchan.h"
#include "kselftest_harness.h"

static int decode(const char *line, struct azs_hc_request *req, char *why)
{
	return azs_hc_decode(line, strlen(line), req, why, 256);
}

TEST(every_op_decodes)
{
	static const struct {
		const char *line;
		enum azs_hc_op op;
	} cases[] = {
		{"{\"op\":\"show-attached\"}", AZS_HC_SHOW_ATTACHED},
		{"{\"op\":\"manufacturing-state\"}", AZS_HC_MFG_STATE},
		{"{\"op\":\"manufacturing-state-update\",\"state\":\"Module1Complete\"}",
		 AZS_HC_MFG_STATE_UPDATE},
		{"{\"op\":\"capabilities\"}", AZS_HC_CAPABILITIES},
		{"{\"op\":\"capability-update\",\"file\":\"00ff\"}", AZS_HC_CAPABILITY_UPDATE},
		{"{\"op\":\"capability-clear\"}", AZS_HC_CAPABILITY_CLEAR},
		{"{\"op\":\"sideload-deploy\",\"package\":\"0A0b\"}", AZS_HC_SIDELOAD_DEPLOY},
		{"{\"op\":\"sideload-delete\",\"componentId\":\"c\"}", AZS_HC_SIDELOAD_DELETE},
		{"{\"op\":\"cloud-update\",\"manifest\":\"41\",\"packages\":{\"a.azsp\":\"\"}}",
		 AZS_HC_CLOUD_UPDATE},
		{"{\"op\":\"app-start\",\"componentId\":\"c\"}", AZS_HC_APP_START},
		{"{\"op\":\"app-stop\",\"componentId\":\"c\"}", AZS_HC_APP_STOP},
		{"{\"op\":\"app-logs\",\"componentId\":\"c\"}", AZS_HC_APP_LOGS},
		{"{\"op\":\"app-status\"}", AZS_HC_APP_STATUS},
		{"{\"op\":\"restart\",\"id\":\"42\"}", AZS_HC_RESTART},
		{"{\"op\":\"hello\",\"id\":\"1-2-h1\"}", AZS_HC_HELLO},
		{"{\"op\":\"os-version\"}", AZS_HC_OS_VERSION},
		{"{\"op\":\"image-list\"}", AZS_HC_IMAGE_LIST},
		{"{\"op\":\"debug-io\",\"data\":\"\"}", AZS_HC_DEBUG_IO},
		{"{\"op\":\"debug-io\",\"data\":\"2b24\"}", AZS_HC_DEBUG_IO},
		{"{\"op\":\"wifi-scan\"}", AZS_HC_WIFI_SCAN},
		{"{\"op\":\"proxy-show\"}", AZS_HC_PROXY_SHOW},
		{"{\"op\":\"proxy-apply\",\"address\":\"p.test\",\"port\":\"80\"}",
		 AZS_HC_PROXY_APPLY},
		{"{\"op\":\"proxy-delete\"}", AZS_HC_PROXY_DELETE},
		{"{\"op\":\"recover\",\"image\":\"617a73\"}", AZS_HC_RECOVER},
		{"{\"op\":\"app-stats\"}", AZS_HC_APP_STATS},
		{"{\"op\":\"net-status\"}", AZS_HC_NET_STATUS},
		{"{\"op\":\"net-interfaces\"}", AZS_HC_NET_INTERFACES},
		{"{\"op\":\"support-data\"}", AZS_HC_SUPPORT_DATA},
		{"{\"op\":\"wifi-list\"}", AZS_HC_WIFI_LIST},
		{"{\"op\":\"wifi-add\",\"ssid\":\"s\",\"psk\":\"p\"}", AZS_HC_WIFI_ADD},
		{"{\"op\":\"wifi-remove\",\"networkId\":0}", AZS_HC_WIFI_REMOVE},
		{"{\"op\":\"wifi-set\",\"networkId\":36,\"enabled\":false}", AZS_HC_WIFI_SET},
		{"{\"op\":\"wifi-status\"}", AZS_HC_WIFI_STATUS},
		{"{\"op\":\"cert-list\"}", AZS_HC_CERT_LIST},
		{"{\"op\":\"cert-quota\"}", AZS_HC_CERT_QUOTA},
		{"{\"op\":\"cert-show\",\"certId\":\"c\"}", AZS_HC_CERT_SHOW},
		{"{\"op\":\"cert-delete\",\"certId\":\"c\"}", AZS_HC_CERT_DELETE},
		{"{\"op\":\"cert-add\",\"certId\":\"c\",\"certType\":\"rootca\",\"cert\":\"P\"}",
		 AZS_HC_CERT_ADD},
		{"{\"op\":\"net-set\",\"interface\":\"wlan0\",\"state\":\"down\"}", AZS_HC_NET_SET},
	};
	struct azs_hc_request req;
	char why[256];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(0, decode(cases[i].line, &req, why)) TH_LOG("%s: %s", cases[i].line, why);
		EXPECT_EQ(cases[i].op, req.op) TH_LOG("%s", cases[i].line);
		azs_hc_request_free(&req);
	}
}

TEST(fields_are_decoded)
{
	struct azs_hc_request req;
	char why[256];

	ASSERT_EQ(0, decode("{\"op\":\"sideload-deploy\",\"package\":\"0A0bFf\",\"id\":\"x\"}",
			    &req, why));
	ASSERT_EQ(3, req.data_len);
	EXPECT_EQ(0x0a, req.data[0]);
	EXPECT_EQ(0x0b, req.data[1]);
	EXPECT_EQ(0xff, req.data[2]);
	ASSERT_NE(NULL, req.id);
	EXPECT_STREQ("x", json_object_get_string(req.id));
	azs_hc_request_free(&req);

	ASSERT_EQ(0, decode("{\"op\":\"manufacturing-state-update\",\"state\":\"DeviceComplete\"}",
			    &req, why));
	EXPECT_EQ(2, req.mfg_state);
	azs_hc_request_free(&req);

	ASSERT_EQ(0, decode("{\"op\":\"app-stop\",\"componentId\":\"5a0e2c1b\"}", &req, why));
	EXPECT_STREQ("5a0e2c1b", req.component_id);
	azs_hc_request_free(&req);
}

/* The flags are booleans, strictly; app-stats' filter is optional but a string. */
TEST(flags_and_filters)
{
	struct azs_hc_request req;
	char why[256];

	ASSERT_EQ(0,
		  decode("{\"op\":\"app-start\",\"componentId\":\"c\",\"debug\":true}", &req, why));
	EXPECT_TRUE(req.debug);
	azs_hc_request_free(&req);
	ASSERT_EQ(0, decode("{\"op\":\"app-start\",\"componentId\":\"c\"}", &req, why));
	EXPECT_FALSE(req.debug);
	azs_hc_request_free(&req);
	EXPECT_EQ(EINVAL, decode("{\"op\":\"app-start\",\"componentId\":\"c\",\"debug\":\"yes\"}",
				 &req, why));
	EXPECT_NE(NULL, strstr(why, "\"debug\" must be true or false"));
	EXPECT_FALSE(req.debug);
	azs_hc_request_free(&req);
	ASSERT_EQ(0, decode("{\"op\":\"sideload-deploy\",\"package\":\"00\",\"manualStart\":true}",
			    &req, why));
	EXPECT_TRUE(req.manual_start);
	azs_hc_request_free(&req);
	EXPECT_EQ(EINVAL,
		  decode("{\"op\":\"sideload-deploy\",\"package\":\"00\",\"manualStart\":1}", &req,
			 why));
	EXPECT_EQ(NULL, req.data);
	azs_hc_request_free(&req);
	ASSERT_EQ(0, decode("{\"op\":\"app-stats\",\"componentId\":\"c\"}", &req, why));
	EXPECT_STREQ("c", req.component_id);
	azs_hc_request_free(&req);
	ASSERT_EQ(0, decode("{\"op\":\"app-stats\"}", &req, why));
	EXPECT_EQ(NULL, req.component_id);
	azs_hc_request_free(&req);
	EXPECT_EQ(EINVAL, decode("{\"op\":\"app-stats\",\"componentId\":7}", &req, why));
	azs_hc_request_free(&req);
}

/* The host's Wi-Fi, certificate and interface requests: fields typed and in range. */
TEST(store_requests_are_checked)
{
	static const char *const bad[] = {
		"{\"op\":\"wifi-add\"}",
		"{\"op\":\"wifi-add\",\"ssid\":1}",
		"{\"op\":\"wifi-add\",\"ssid\":\"s\",\"psk\":[]}",
		"{\"op\":\"wifi-remove\",\"networkId\":37}",
		"{\"op\":\"wifi-remove\",\"networkId\":-1}",
		"{\"op\":\"wifi-remove\",\"networkId\":\"1\"}",
		"{\"op\":\"wifi-set\",\"networkId\":1}",
		"{\"op\":\"wifi-set\",\"networkId\":1,\"enabled\":1}",
		"{\"op\":\"cert-show\"}",
		"{\"op\":\"cert-add\",\"certId\":\"c\",\"certType\":\"rootca\"}",
		"{\"op\":\"cert-add\",\"certId\":\"c\",\"certType\":\"rootca\",\"cert\":\"P\","
		"\"key\":5}",
		"{\"op\":\"net-set\",\"interface\":\"lo\",\"state\":\"down\"}",
		"{\"op\":\"net-set\",\"interface\":\"wlan0\",\"state\":\"off\"}",
	};
	struct azs_hc_request req;
	char why[256];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(EINVAL, decode(bad[i], &req, why)) TH_LOG("%s", bad[i]);
		EXPECT_EQ(NULL, req.ssid);
		EXPECT_EQ(NULL, req.cert_id);
		EXPECT_EQ(NULL, req.interface);
		azs_hc_request_free(&req);
	}
	ASSERT_EQ(0, decode("{\"op\":\"wifi-set\",\"networkId\":3,\"enabled\":true}", &req, why));
	EXPECT_EQ(3, req.network_id);
	EXPECT_TRUE(req.enabled);
	azs_hc_request_free(&req);
	ASSERT_EQ(0, decode("{\"op\":\"net-set\",\"interface\":\"eth0\",\"state\":\"up\"}", &req,
			    why));
	EXPECT_STREQ("eth0", req.interface);
	EXPECT_TRUE(req.enabled);
	azs_hc_request_free(&req);
}

/* Hex is hex digits only: what sscanf("%2x") took is refused. */
TEST(hex_is_strict)
{
	static const char *const bad[] = {" a", "+f", "-1", "0x", "a ", "g0", "0", "0\\u0000"};
	struct azs_hc_request req;
	char line[128], why[256];

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(line, sizeof(line), "{\"op\":\"capability-update\",\"file\":\"%s\"}",
			 bad[i]);
		EXPECT_EQ(EINVAL, decode(line, &req, why)) TH_LOG("%s", bad[i]);
		EXPECT_STREQ("capability-update needs \"file\": the file as hex", why);
		EXPECT_EQ(NULL, req.data);
		azs_hc_request_free(&req);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		uint8_t *out = NULL;
		size_t len = 99;

		EXPECT_EQ(-EINVAL, azs_hc_unhex(bad[i][1] == '\\' ? "0" : bad[i], &out, &len))
		TH_LOG("%s", bad[i]);
		EXPECT_EQ(NULL, out);
	}
}

TEST(refusals_name_the_rule)
{
	static const struct {
		const char *line;
		int err;
		const char *why;
	} cases[] = {
		{"", EINVAL, "a request is one JSON object on one line"},
		{"{\"op\":\"app-status\"} {}", EINVAL, "a request is one JSON object on one line"},
		{"[1]", EINVAL, "a request is an object with a string \"op\""},
		{"{\"op\":7}", EINVAL, "a request is an object with a string \"op\""},
		{"{\"op\":\"format-disk\"}", EOPNOTSUPP, "unknown op"},
		{"{\"op\":\"app-start\"}", EINVAL, "this request needs \"componentId\""},
		{"{\"op\":\"manufacturing-state-update\",\"state\":\"Blank\"}", EINVAL,
		 "state must be Module1Complete or DeviceComplete"},
		{"{\"op\":\"sideload-deploy\"}", EINVAL,
		 "sideload-deploy needs \"package\": the package as hex"},
		{"{\"op\":\"debug-io\"}", EINVAL,
		 "debug-io needs \"data\": the bytes for gdbserver as hex (may be \"\")"},
		{"{\"op\":\"recover\"}", EINVAL,
		 "recover needs \"image\": the recovery image as hex"},
		{"{\"op\":\"proxy-apply\",\"port\":80}", EINVAL,
		 "proxy-apply: \"port\" must be a string"},
		{"{\"op\":\"recover\",\"image\":\"6g\"}", EINVAL,
		 "recover needs \"image\": the recovery image as hex"},
		{"{\"op\":\"debug-io\",\"data\":\"2b2\"}", EINVAL,
		 "debug-io needs \"data\": the bytes for gdbserver as hex (may be \"\")"},
		{"{\"op\":\"cloud-update\",\"manifest\":\"41\"}", EINVAL,
		 "cloud-update needs \"manifest\" (hex) and \"packages\" (an object: file name -> "
		 "hex)"},
		{"{\"op\":\"cloud-update\",\"manifest\":\"4\",\"packages\":{}}", EINVAL,
		 "cloud-update: \"manifest\" is not hex"},
		{"{\"op\":\"cloud-update\",\"manifest\":\"41\",\"packages\":{\"../x\":\"00\"}}",
		 EINVAL, "cloud-update: each package is \"FILE\": hex, FILE a plain file name"},
		{"{\"op\":\"cloud-update\",\"manifest\":\"41\",\"packages\":{\"deployment.azsd\":"
		 "\"\"}}",
		 EINVAL, "cloud-update: each package is \"FILE\": hex, FILE a plain file name"},
		{"{\"op\":\"cloud-update\",\"manifest\":\"41\",\"packages\":{\"a\":\" 0\"}}",
		 EINVAL, "cloud-update: each package is \"FILE\": hex, FILE a plain file name"},
	};
	struct azs_hc_request req;
	char why[256];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].err, decode(cases[i].line, &req, why))
		TH_LOG("%s", cases[i].line);
		EXPECT_STREQ(cases[i].why, why) TH_LOG("%s", cases[i].line);
		/* A refused request carries nothing but its id. */
		EXPECT_EQ(NULL, req.data);
		EXPECT_EQ(NULL, req.packages);
		EXPECT_EQ(NULL, req.component_id);
		azs_hc_request_free(&req);
	}
}

/* The answer to a refused request still carries the request's id. */
TEST(refusal_keeps_the_id)
{
	struct azs_hc_request req;
	char why[256];

	ASSERT_EQ(EOPNOTSUPP, decode("{\"op\":\"nope\",\"id\":\"7-8-9\"}", &req, why));
	ASSERT_NE(NULL, req.id);
	EXPECT_STREQ("7-8-9", json_object_get_string(req.id));
	azs_hc_request_free(&req);
}

TEST(plain_names)
{
	EXPECT_TRUE(azs_hc_plain_name("5a0e2c1b-6d3f.azsp"));
	EXPECT_TRUE(azs_hc_plain_name("a_b"));
	EXPECT_FALSE(azs_hc_plain_name(""));
	EXPECT_FALSE(azs_hc_plain_name(".hidden"));
	EXPECT_FALSE(azs_hc_plain_name("a/b"));
	EXPECT_FALSE(azs_hc_plain_name("a b"));
	EXPECT_FALSE(
		azs_hc_plain_name("0123456789012345678901234567890123456789012345678901234567890123"
				  "4"));
}

TEST_HARNESS_MAIN
