// SPDX-License-Identifier: MIT
/*
 * The application manager's stores and trust decision, pure parts
 * (containerd-lite/src/appmand/wifi_store.c, trust.c):
 *  - the Wi-Fi store's file: what the writer writes reads back exactly; a
 *    table of damaged files (null where a string goes, the old lax forms,
 *    unknown and missing keys, duplicates, out-of-range values, bad hex) is
 *    each refused naming the field, and leaves nothing half-loaded;
 *  - the trust decision at every start: an SDK-signed package needs
 *    appDevelopment now, a package whose key is gone (or changed role or
 *    public key) is refused, a production-signed one starts.
 * Built with AddressSanitizer and UBSan.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <azsphere/security.h>

#include "kselftest_harness.h"
#include "trust.h"
#include "wifi_store.h"

static const char good[] =
	"{\"SchemaVersion\":1,\"Networks\":["
	"{\"id\":0,\"ssid\":\"686f6d65\",\"security\":2,\"enabled\":true,\"targeted\":false,"
	"\"name\":\"home\",\"psk\":\"7365637265742d31\"},"
	"{\"id\":5,\"ssid\":\"\",\"security\":0,\"enabled\":false,\"targeted\":true,"
	"\"name\":\"\",\"psk\":\"\"}]}";

static int parse(const char *text, struct wifi_net *nets, struct azs_error *err)
{
	azs_error_clear(err);
	return wifi_store_parse(text, strlen(text), nets, err);
}

TEST(good_file_reads_and_writes_back)
{
	struct wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS], again[AZS_RT_WIFI_MAX_NETWORKS];
	struct azs_error err;
	char *text = NULL;

	ASSERT_EQ(0, parse(good, nets, &err)) TH_LOG("%s: %s", err.field, err.reason);
	ASSERT_TRUE(nets[0].used);
	EXPECT_EQ(4, nets[0].pub.ssid_len);
	EXPECT_EQ(0, memcmp(nets[0].pub.ssid, "home", 4));
	EXPECT_EQ(8, nets[0].psk_len);
	EXPECT_EQ(1, nets[0].pub.has_psk);
	EXPECT_EQ(2, nets[0].pub.security);
	EXPECT_EQ(1, nets[0].pub.enabled);
	EXPECT_STREQ("home", nets[0].pub.name);
	ASSERT_TRUE(nets[5].used);
	EXPECT_EQ(5, nets[5].pub.id);
	EXPECT_EQ(0, nets[5].pub.ssid_len);
	EXPECT_EQ(0, nets[5].pub.has_psk);
	EXPECT_EQ(1, nets[5].pub.targeted);
	for (int i = 1; i < AZS_RT_WIFI_MAX_NETWORKS; i++) {
		if (i != 5) {
			EXPECT_FALSE(nets[i].used);
		}
	}

	ASSERT_EQ(0, wifi_store_format(nets, &text));
	ASSERT_EQ(0, parse(text, again, &err)) TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(0, memcmp(nets, again, sizeof(nets)));
	free(text);
}

TEST(empty_store_reads)
{
	struct wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS];
	struct azs_error err;

	ASSERT_EQ(0, parse("{\"SchemaVersion\":1,\"Networks\":[]}", nets, &err));
	for (int i = 0; i < AZS_RT_WIFI_MAX_NETWORKS; i++) {
		EXPECT_FALSE(nets[i].used);
	}
}

/* One network with MEMBERS (the seven keys, changed as the case needs). */
#define NET(members) "{\"SchemaVersion\":1,\"Networks\":[{" members "}]}"
#define OK_ID        "\"id\":1,"
#define OK_REST      "\"security\":1,\"enabled\":true,\"targeted\":false,\"name\":\"n\",\"psk\":\"\""
#define OK_SSID      "\"ssid\":\"41\","

static const struct {
	const char *text;
	const char *field; /* what the refusal must name */
} bad[] = {
	/* What made the old loader call strlen(NULL) at boot. */
	{NET(OK_ID "\"ssid\":null," OK_REST), "ssid"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":true,\"targeted\":false,\"name\":null,"
			   "\"psk\":\"\""),
	 ""},
	/* The old format, and what json-c alone would let through. */
	{"[{\"id\":0,\"ssid\":\"41\",\"psk\":\"\"}]", ""},
	{"{'SchemaVersion':1,'Networks':[]}", ""},
	{"{\"SchemaVersion\":1,\"Networks\":[]} trailing", ""},
	{"{\"SchemaVersion\":1,\"Networks\":[]", ""},
	{"", ""},
	{"{\"SchemaVersion\":1,\"SchemaVersion\":1,\"Networks\":[]}", "SchemaVersion"},
	{"{\"SchemaVersion\":2,\"Networks\":[]}", "SchemaVersion"},
	{"{\"Networks\":[]}", "SchemaVersion"},
	{"{\"SchemaVersion\":1}", "Networks"},
	{"{\"SchemaVersion\":1,\"Networks\":{}}", "Networks"},
	{"{\"SchemaVersion\":1,\"Networks\":[],\"Extra\":0}", "Extra"},
	{"{\"SchemaVersion\":1,\"Networks\":[1]}", "Networks[0]"},
	/* Each key: missing, wrong type, out of range. */
	{NET(OK_SSID OK_REST), "Networks[0].id"},
	{NET("\"id\":-1," OK_SSID OK_REST), "Networks[0].id"},
	{NET("\"id\":37," OK_SSID OK_REST), "Networks[0].id"},
	{NET("\"id\":\"1\"," OK_SSID OK_REST), "Networks[0].id"},
	{NET("\"id\":1.5," OK_SSID OK_REST), "Networks[0].id"},
	{NET("\"id\":99999999999999999999," OK_SSID OK_REST), ""},
	{NET(OK_ID OK_REST), "Networks[0].ssid"},
	{NET(OK_ID "\"ssid\":\"4\"," OK_REST), "Networks[0].ssid"},
	{NET(OK_ID "\"ssid\":\"zz\"," OK_REST), "Networks[0].ssid"},
	{NET(OK_ID "\"ssid\":7," OK_REST), "Networks[0].ssid"},
	{NET(OK_ID "\"ssid\":\"4141414141414141414141414141414141414141414141414141414141414141"
		   "41\"," OK_REST),
	 "Networks[0].ssid"},
	{NET(OK_ID OK_SSID "\"security\":3,\"enabled\":true,\"targeted\":false,\"name\":\"n\","
			   "\"psk\":\"\""),
	 "Networks[0].security"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":1,\"targeted\":false,\"name\":\"n\","
			   "\"psk\":\"\""),
	 "Networks[0].enabled"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":true,\"name\":\"n\",\"psk\":\"\""),
	 "Networks[0].targeted"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":true,\"targeted\":false,"
			   "\"name\":\"seventeen-chars-x\",\"psk\":\"\""),
	 "Networks[0].name"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":true,\"targeted\":false,"
			   "\"name\":\"a\\u0001b\",\"psk\":\"\""),
	 "Networks[0].name"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":true,\"targeted\":false,\"name\":\"n\","
			   "\"psk\":\"41\""),
	 "Networks[0].psk"},
	{NET(OK_ID OK_SSID "\"security\":1,\"enabled\":true,\"targeted\":false,\"name\":\"n\""),
	 "Networks[0].psk"},
	{NET(OK_ID OK_SSID OK_REST ",\"color\":\"red\""), "color"},
	/* Twice the same id, twice the same name. */
	{"{\"SchemaVersion\":1,\"Networks\":[{" OK_ID OK_SSID OK_REST "},{" OK_ID OK_SSID
	 "\"security\":1,\"enabled\":true,\"targeted\":false,\"name\":\"m\",\"psk\":\"\"}]}",
	 "Networks[1].id"},
	{"{\"SchemaVersion\":1,\"Networks\":[{" OK_ID OK_SSID OK_REST "},{\"id\":2," OK_SSID OK_REST
	 "}]}",
	 "Networks[1].name"},
};

TEST(bad_files_are_refused_naming_the_field)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS];
		struct azs_error err;
		int ret;

		memset(nets, 0xa5, sizeof(nets));
		ret = parse(bad[i].text, nets, &err);
		EXPECT_NE(0, ret) TH_LOG("case %zu accepted: %s", i, bad[i].text);
		EXPECT_NE(0, err.reason[0]) TH_LOG("case %zu: no reason", i);
		if (bad[i].field[0]) {
			EXPECT_NE(NULL, strstr(err.field, bad[i].field))
			{
				TH_LOG("case %zu: field \"%s\" (%s), expected %s", i, err.field,
				       err.reason, bad[i].field);
			}
		}
		/* Nothing half-loaded. */
		for (int j = 0; j < AZS_RT_WIFI_MAX_NETWORKS; j++) {
			EXPECT_FALSE(nets[j].used)
			{
				TH_LOG("case %zu left network %d", i, j);
			}
		}
	}
}

TEST(oversized_file_is_refused)
{
	struct wifi_net nets[AZS_RT_WIFI_MAX_NETWORKS];
	struct azs_error err;
	size_t n = WIFI_STORE_MAX_BYTES + 2;
	char *text = malloc(n + 1);

	ASSERT_NE(NULL, text);
	memset(text, ' ', n);
	memcpy(text, "{}", 2);
	text[n] = 0;
	EXPECT_NE(0, wifi_store_parse(text, n, nets, &err));
	free(text);
}

/* ---- The trust decision at every start ------------------------------------------------- */

static const uint64_t dev_caps = UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT;

static void key(struct azs_trusted_key *k, uint8_t tag, unsigned int role)
{
	memset(k, tag, sizeof(*k));
	k->role = role;
}

static void signed_by(struct app_signer *s, const struct azs_trusted_key *k)
{
	struct azs_package_info info = {.verified = true};

	info.signer_role = (uint16_t)k->role;
	memcpy(info.signer_key_id, k->id, sizeof(info.signer_key_id));
	trust_signer_from(s, &info, k, 1);
}

TEST(trust_at_start)
{
	struct azs_trusted_key keys[2], other[2];
	struct app_signer prod, sdk, never = {0};
	struct azs_error err;

	key(&keys[0], 0x11, AZS_PKG_ROLE_PRODUCTION);
	key(&keys[1], 0x22, AZS_PKG_ROLE_SDK);
	signed_by(&prod, &keys[0]);
	signed_by(&sdk, &keys[1]);
	ASSERT_TRUE(prod.known);
	ASSERT_TRUE(sdk.known);

	/* Production-signed: with or without appDevelopment. */
	EXPECT_EQ(0, trust_decide(&prod, keys, 2, 0, &err));
	EXPECT_EQ(0, trust_decide(&prod, keys, 2, dev_caps, &err));
	/* SDK-signed: only while the device has appDevelopment. */
	EXPECT_EQ(0, trust_decide(&sdk, keys, 2, dev_caps, &err));
	azs_error_clear(&err);
	EXPECT_EQ(-EPERM, trust_decide(&sdk, keys, 2, 0, &err));
	EXPECT_NE(NULL, strstr(err.reason, "appDevelopment")) TH_LOG("%s", err.reason);
	/* The key is gone from the device's trusted keys. */
	azs_error_clear(&err);
	EXPECT_EQ(-ENOKEY, trust_decide(&prod, &keys[1], 1, dev_caps, &err));
	EXPECT_NE(NULL, strstr(err.reason, "no longer trusted")) TH_LOG("%s", err.reason);
	/* The same key id now holds another role, or another public key. */
	memcpy(other, keys, sizeof(keys));
	other[0].role = AZS_PKG_ROLE_SDK;
	EXPECT_EQ(-ENOKEY, trust_decide(&prod, other, 2, dev_caps, &err));
	memcpy(other, keys, sizeof(keys));
	other[0].pub[10] ^= 1;
	EXPECT_EQ(-ENOKEY, trust_decide(&prod, other, 2, dev_caps, &err));
	/* Never verified: refused. */
	EXPECT_EQ(-EACCES, trust_decide(&never, keys, 2, dev_caps, &err));
	/* A signer not among the keys at verification stays unknown. */
	{
		struct azs_package_info info = {.verified = true};
		struct app_signer s;

		memset(info.signer_key_id, 0x33, sizeof(info.signer_key_id));
		trust_signer_from(&s, &info, keys, 2);
		EXPECT_FALSE(s.known);
	}
}

TEST_HARNESS_MAIN
