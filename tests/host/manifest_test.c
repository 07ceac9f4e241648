// SPDX-License-Identifier: MIT
/*
 * app_manifest.json parsing (containerd-lite/lib/manifest.c): the manifests
 * quoted from the public samples parse, every key of the schema is read
 * into the right field, and a table of invalid manifests is refused, each
 * with the field path and a reason naming the rule.
 *
 * "$NAME" values resolve through the real manifests/mt3620/mt3620_rdb.json
 * (AZS_HWDEF_DIR) and, for the LowPowerMcuToCloud sample's app-level names,
 * tests/host/data/sodamachine.json, which imports it through the search path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "manifest.h"

#define CID    "25025d2c-66da-4448-bae1-ac26fcdd3627"
#define RT_CID "005180bc-402f-4cb3-a662-72937dbcde47"
#define HEAD                                                                                       \
	"\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID                           \
	"\", \"EntryPoint\": \"/bin/app\""
#define HL(caps) "{" HEAD ", \"Capabilities\": {" caps "}}"
#define RT(caps)                                                                                   \
	"{" HEAD ", \"ApplicationType\": \"RealTimeCapable\", \"Capabilities\": {" caps "}}"
/* Top-level keys other than the four of HEAD. */
#define TOP(extra) "{" HEAD ", " extra ", \"Capabilities\": {}}"

enum hw_choice { NO_HW, RDB_HW, SODA_HW };

static struct azs_hwdef *load_hw(enum hw_choice which)
{
	static const char *const dirs[] = {AZS_HWDEF_DIR};
	struct azs_hwdef *hw = NULL;
	struct azs_error err;
	int ret;

	switch (which) {
	case RDB_HW:
		ret = azs_hwdef_load(AZS_HWDEF_DIR "/mt3620_rdb.json", dirs, 1, &hw, &err);
		break;
	case SODA_HW:
		ret = azs_hwdef_load(AZS_TEST_DATA "/sodamachine.json", dirs, 1, &hw, &err);
		break;
	default:
		return NULL;
	}
	if (ret) {
		fprintf(stderr, "cannot load the hardware definition: %s: %s\n", err.field,
			err.reason);
		abort();
	}
	return hw;
}

static int parse(const char *json, enum hw_choice which, struct azs_manifest *m,
		 struct azs_error *err)
{
	struct azs_hwdef *hw = load_hw(which);
	int ret = azs_manifest_parse(json, strlen(json), hw, m, err);

	azs_hwdef_free(hw);
	return ret;
}

/* ---- The manifests of the public samples (spec 3.3) ------------------------------ */

static const char low_power_mcu_to_cloud[] =
	"{ \"SchemaVersion\": 1, \"Name\": \"LowPowerMcuToCloud\",\n"
	"  \"ComponentId\": \"55286fbe-3ec7-4a16-f997-6e0670fc97e2\", \"EntryPoint\": "
	"\"/bin/app\",\n"
	"  \"CmdArgs\": [\"--ScopeID\", \"<scopeid>\"],\n"
	"  \"Capabilities\": {\n"
	"    \"Uart\": [\"$SODAMACHINE_STM32_UART\", \"$SODAMACHINE_DEBUG_UART\"],\n"
	"    \"Gpio\": [\"$SODAMACHINE_RGBLED_RED\", \"$SODAMACHINE_RGBLED_GREEN\", "
	"\"$SODAMACHINE_RGBLED_BLUE\"],\n"
	"    \"MutableStorage\": { \"SizeKB\": 8 },\n"
	"    \"DeviceAuthentication\": \"00000000-0000-0000-0000-000000000000\",\n"
	"    \"AllowedConnections\": [\"global.azure-devices-provisioning.net\"],\n"
	"    \"SoftwareUpdateDeferral\": true, \"SystemEventNotifications\": true,\n"
	"    \"PowerControls\": [\"ForcePowerDown\", \"ForceReboot\", \"SetPowerProfile\"] },\n"
	"  \"ApplicationType\": \"Default\", \"MallocVersion\": 2 }\n";

static const char private_network_services[] =
	"{ \"SchemaVersion\": 1, \"Name\": \"PrivateNetworkServices\",\n"
	"  \"ComponentId\": \"283b16c8-d6a2-4d56-8abb-f390b0d3dda9\", \"EntryPoint\": "
	"\"/bin/app\", "
	"\"CmdArgs\": [],\n"
	"  \"Capabilities\": { \"AllowedTcpServerPorts\": [11000], \"NetworkConfig\": true,\n"
	"                    \"SntpService\": true, \"DhcpService\": true },\n"
	"  \"ApplicationType\": \"Default\", \"MallocVersion\": 2 }\n";

/* The spec quotes only its ComponentId and AllowedApplicationConnections. */
static const char intercore_comms_hl[] =
	"{ \"SchemaVersion\": 1, \"Name\": \"IntercoreComms_HighLevelApp\",\n"
	"  \"ComponentId\": \"25025d2c-66da-4448-bae1-ac26fcdd3627\", \"EntryPoint\": "
	"\"/bin/app\",\n"
	"  \"Capabilities\": { \"AllowedApplicationConnections\": "
	"[\"005180BC-402F-4CB3-A662-72937DBCDE47\"] },\n"
	"  \"ApplicationType\": \"Default\", \"MallocVersion\": 2 }\n";

static const char intercore_comms_rt[] =
	"{ \"SchemaVersion\": 1, \"Name\": \"IntercoreComms_RTApp_MT3620_BareMetal\",\n"
	"  \"ComponentId\": \"005180bc-402f-4cb3-a662-72937dbcde47\", \"EntryPoint\": "
	"\"/bin/app\",\n"
	"  \"Capabilities\": { \"AllowedApplicationConnections\": "
	"[\"25025d2c-66da-4448-bae1-ac26fcdd3627\"] },\n"
	"  \"ApplicationType\": \"RealTimeCapable\", \"MallocVersion\": 2 }\n";

TEST(sample_low_power_mcu_to_cloud)
{
	struct azs_manifest m;
	struct azs_error err;
	const struct azs_manifest_periph *uart = &m.caps.periph[AZS_FW_KIND_UART];
	const struct azs_manifest_periph *gpio = &m.caps.periph[AZS_FW_KIND_GPIO];

	ASSERT_EQ(0, parse(low_power_mcu_to_cloud, SODA_HW, &m, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(1, m.schema_version);
	EXPECT_STREQ("LowPowerMcuToCloud", m.name);
	EXPECT_STREQ("55286fbe-3ec7-4a16-f997-6e0670fc97e2", m.component_id.str);
	EXPECT_EQ(0x55, m.component_id.bytes[0]);
	EXPECT_EQ(0xe2, m.component_id.bytes[15]);
	EXPECT_STREQ("/bin/app", m.entry_point);
	ASSERT_EQ(2u, m.n_cmd_args);
	EXPECT_STREQ("--ScopeID", m.cmd_args[0]);
	EXPECT_STREQ("<scopeid>", m.cmd_args[1]);
	EXPECT_EQ(AZS_APP_TYPE_DEFAULT, m.app_type);
	EXPECT_EQ(2, m.malloc_version);
	/* STM32 UART: RDB header 2, ISU0; debug UART: header 3, ISU3. */
	ASSERT_EQ(2u, uart->n);
	EXPECT_EQ(0u, uart->index[0]);
	EXPECT_EQ(3u, uart->index[1]);
	/* The RGB LED is RDB LED1: GPIO 8, 9, 10. */
	ASSERT_EQ(3u, gpio->n);
	EXPECT_EQ(8u, gpio->index[0]);
	EXPECT_EQ(9u, gpio->index[1]);
	EXPECT_EQ(10u, gpio->index[2]);
	EXPECT_EQ(8u, m.caps.mutable_storage_kb);
	EXPECT_TRUE(m.caps.device_authentication);
	EXPECT_TRUE(azs_guid_is_nil(&m.caps.device_auth_tenant));
	ASSERT_EQ(1u, m.caps.n_allowed_connections);
	EXPECT_STREQ("global.azure-devices-provisioning.net", m.caps.allowed_connections[0]);
	EXPECT_EQ(AZS_MCAP_SOFTWARE_UPDATE_DEFERRAL | AZS_MCAP_SYSTEM_EVENT_NOTIFICATIONS,
		  m.caps.flags);
	EXPECT_EQ(AZS_POWER_FORCE_POWER_DOWN | AZS_POWER_FORCE_REBOOT | AZS_POWER_SET_POWER_PROFILE,
		  m.caps.power_controls);
	azs_manifest_free(&m);
}

TEST(sample_private_network_services)
{
	struct azs_manifest m;
	struct azs_error err;

	ASSERT_EQ(0, parse(private_network_services, NO_HW, &m, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_STREQ("PrivateNetworkServices", m.name);
	EXPECT_EQ(0u, m.n_cmd_args);
	ASSERT_EQ(1u, m.caps.n_tcp_server_ports);
	EXPECT_EQ(11000, m.caps.tcp_server_ports[0]);
	EXPECT_EQ(0u, m.caps.n_udp_server_ports);
	EXPECT_EQ(AZS_MCAP_NETWORK_CONFIG | AZS_MCAP_SNTP_SERVICE | AZS_MCAP_DHCP_SERVICE,
		  m.caps.flags);
	EXPECT_EQ(0u, m.caps.mutable_storage_kb);
	EXPECT_FALSE(m.caps.device_authentication);
	azs_manifest_free(&m);
}

TEST(sample_intercore_comms_pair)
{
	struct azs_manifest hl, rt;
	struct azs_error err;

	ASSERT_EQ(0, parse(intercore_comms_hl, NO_HW, &hl, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	ASSERT_EQ(0, parse(intercore_comms_rt, NO_HW, &rt, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(AZS_APP_TYPE_DEFAULT, hl.app_type);
	EXPECT_EQ(AZS_APP_TYPE_REALTIME, rt.app_type);
	/* Each lists the other, whatever the case of the GUID. */
	ASSERT_EQ(1u, hl.caps.n_app_connections);
	ASSERT_EQ(1u, rt.caps.n_app_connections);
	EXPECT_STREQ("005180bc-402f-4cb3-a662-72937dbcde47", hl.caps.app_connections[0].str);
	EXPECT_TRUE(azs_guid_equal(&hl.caps.app_connections[0], &rt.component_id));
	EXPECT_TRUE(azs_guid_equal(&rt.caps.app_connections[0], &hl.component_id));
	azs_manifest_free(&hl);
	azs_manifest_free(&rt);
}

/* The samples parse with or without a hardware definition they don't need. */
TEST(samples_without_names_ignore_the_hardware_definition)
{
	const char *const samples[] = {private_network_services, intercore_comms_hl,
				       intercore_comms_rt};

	for (size_t i = 0; i < ARRAY_SIZE(samples); i++) {
		for (int hw = NO_HW; hw <= SODA_HW; hw++) {
			struct azs_manifest m;
			struct azs_error err;

			EXPECT_EQ(0, parse(samples[i], hw, &m, &err))
			TH_LOG("sample %zu hw %d: %s: %s", i, hw, err.field, err.reason);
			azs_manifest_free(&m);
		}
	}
}

/* ---- Every key, read into its field ------------------------------------------------ */

TEST(every_high_level_key)
{
	static const char json[] =
		"{\"SchemaVersion\": 1, \"Name\": \"Everything\", "
		"\"ComponentId\": \"ABCDEF01-2345-6789-ABCD-EF0123456789\", "
		"\"EntryPoint\": \"/bin/sub/app.elf\", \"CmdArgs\": [\"-v\", \"\", \"x y\"], "
		"\"ApplicationType\": \"Default\", \"MallocVersion\": 1, "
		"\"TargetApplicationRuntimeVersion\": 3, \"TargetBetaApis\": \"Beta1905\", "
		"\"Capabilities\": {"
		" \"Gpio\": [\"$MT3620_RDB_BUTTON_A\", 0, 80, \"$MT3620_RDB_LED2_RED\"],"
		" \"Uart\": [\"ISU3\"], \"I2cMaster\": [\"$MT3620_RDB_HEADER4_ISU2_I2C\"],"
		" \"SpiMaster\": [\"ISU1\"], \"Pwm\": [\"$MT3620_RDB_LED_PWM_CONTROLLER2\"],"
		" \"Adc\": [\"ADC-CONTROLLER-0\"],"
		" \"AllowedConnections\": [\"example.com\", \"10.0.0.1\", \"_svc._tcp.local\"],"
		" \"AllowedTcpServerPorts\": [1024, 65535], \"AllowedUdpServerPorts\": [1024],"
		" \"AllowedApplicationConnections\": [\"" RT_CID "\"],"
		" \"WifiConfig\": true, \"EnterpriseWifiConfig\": true, \"NetworkConfig\": true,"
		" \"ReadNetworkProxyConfig\": true, \"TimeSyncConfig\": true, \"SystemTime\": true,"
		" \"DhcpService\": true, \"SntpService\": true, \"HardwareAddressConfig\": true,"
		" \"CertStore\": true, \"SystemEventNotifications\": true,"
		" \"SoftwareUpdateDeferral\": true, \"HeapMemStats\": true,"
		" \"ResetMemoryWatermarks\": false,"
		" \"DeviceAuthentication\": \"11111111-2222-3333-4444-555555555555\","
		" \"MutableStorage\": {\"SizeKB\": 64}, \"PowerControls\": [\"SetPowerProfile\"]}}";
	const struct azs_manifest_caps *c;
	struct azs_manifest m;
	struct azs_error err;

	ASSERT_EQ(0, parse(json, RDB_HW, &m, &err)) TH_LOG("%s: %s", err.field, err.reason);
	c = &m.caps;
	EXPECT_STREQ("abcdef01-2345-6789-abcd-ef0123456789", m.component_id.str);
	EXPECT_EQ(0xab, m.component_id.bytes[0]);
	EXPECT_EQ(0x89, m.component_id.bytes[15]);
	EXPECT_STREQ("/bin/sub/app.elf", m.entry_point);
	ASSERT_EQ(3u, m.n_cmd_args);
	EXPECT_STREQ("", m.cmd_args[1]);
	EXPECT_EQ(1, m.malloc_version);
	EXPECT_EQ(3, m.target_runtime_version);
	EXPECT_STREQ("Beta1905", m.target_beta_apis);
	ASSERT_EQ(4u, c->periph[AZS_FW_KIND_GPIO].n);
	EXPECT_EQ(12u, c->periph[AZS_FW_KIND_GPIO].index[0]);
	EXPECT_EQ(0u, c->periph[AZS_FW_KIND_GPIO].index[1]);
	EXPECT_EQ(80u, c->periph[AZS_FW_KIND_GPIO].index[2]);
	EXPECT_EQ(15u, c->periph[AZS_FW_KIND_GPIO].index[3]);
	ASSERT_EQ(1u, c->periph[AZS_FW_KIND_UART].n);
	EXPECT_EQ(3u, c->periph[AZS_FW_KIND_UART].index[0]);
	ASSERT_EQ(1u, c->periph[AZS_FW_KIND_I2C].n);
	EXPECT_EQ(2u, c->periph[AZS_FW_KIND_I2C].index[0]);
	ASSERT_EQ(1u, c->periph[AZS_FW_KIND_SPI].n);
	EXPECT_EQ(1u, c->periph[AZS_FW_KIND_SPI].index[0]);
	ASSERT_EQ(1u, c->periph[AZS_FW_KIND_PWM].n);
	EXPECT_EQ(2u, c->periph[AZS_FW_KIND_PWM].index[0]);
	ASSERT_EQ(1u, c->periph[AZS_FW_KIND_ADC].n);
	EXPECT_EQ(0u, c->periph[AZS_FW_KIND_ADC].index[0]);
	EXPECT_EQ(0u, c->periph[AZS_FW_KIND_I2S].n);
	ASSERT_EQ(3u, c->n_allowed_connections);
	EXPECT_STREQ("_svc._tcp.local", c->allowed_connections[2]);
	ASSERT_EQ(2u, c->n_tcp_server_ports);
	EXPECT_EQ(65535, c->tcp_server_ports[1]);
	ASSERT_EQ(1u, c->n_udp_server_ports);
	ASSERT_EQ(1u, c->n_app_connections);
	EXPECT_STREQ(RT_CID, c->app_connections[0].str);
	EXPECT_EQ(AZS_MCAP_WIFI_CONFIG | AZS_MCAP_ENTERPRISE_WIFI_CONFIG | AZS_MCAP_NETWORK_CONFIG |
			  AZS_MCAP_READ_NETWORK_PROXY_CONFIG | AZS_MCAP_TIME_SYNC_CONFIG |
			  AZS_MCAP_SYSTEM_TIME | AZS_MCAP_DHCP_SERVICE | AZS_MCAP_SNTP_SERVICE |
			  AZS_MCAP_HARDWARE_ADDRESS_CONFIG | AZS_MCAP_CERT_STORE |
			  AZS_MCAP_SYSTEM_EVENT_NOTIFICATIONS | AZS_MCAP_SOFTWARE_UPDATE_DEFERRAL |
			  AZS_MCAP_HEAP_MEM_STATS,
		  c->flags);
	EXPECT_TRUE(c->device_authentication);
	EXPECT_STREQ("11111111-2222-3333-4444-555555555555", c->device_auth_tenant.str);
	EXPECT_EQ(64u, c->mutable_storage_kb);
	EXPECT_EQ(AZS_POWER_SET_POWER_PROFILE, c->power_controls);
	azs_manifest_free(&m);
	/* Freeing twice is harmless. */
	azs_manifest_free(&m);
}

TEST(every_real_time_key)
{
	static const char json[] =
		RT("\"Gpio\": [0, 1, 12], \"Uart\": [\"ISU0\"], \"I2cMaster\": [\"ISU1\"],"
		   " \"SpiMaster\": [\"ISU2\", \"ISU4\"], \"Pwm\": [\"PWM-CONTROLLER-1\"],"
		   " \"Adc\": [\"ADC-CONTROLLER-0\"], \"I2sSubordinate\": [\"I2S0\", \"I2S1\"],"
		   " \"ExternalInterrupt\": [\"EINT_A\", \"eint-12\"],"
		   " \"AllowedApplicationConnections\": [\"" RT_CID "\"]");
	const struct azs_manifest_caps *c;
	struct azs_manifest m;
	struct azs_error err;

	ASSERT_EQ(0, parse(json, NO_HW, &m, &err)) TH_LOG("%s: %s", err.field, err.reason);
	c = &m.caps;
	EXPECT_EQ(AZS_APP_TYPE_REALTIME, m.app_type);
	EXPECT_EQ(3u, c->periph[AZS_FW_KIND_GPIO].n);
	EXPECT_EQ(2u, c->periph[AZS_FW_KIND_SPI].n);
	EXPECT_EQ(4u, c->periph[AZS_FW_KIND_SPI].index[1]);
	EXPECT_EQ(1u, c->periph[AZS_FW_KIND_PWM].index[0]);
	ASSERT_EQ(2u, c->periph[AZS_FW_KIND_I2S].n);
	EXPECT_EQ(0u, c->periph[AZS_FW_KIND_I2S].index[0]);
	EXPECT_EQ(1u, c->periph[AZS_FW_KIND_I2S].index[1]);
	ASSERT_EQ(2u, c->n_external_interrupts);
	EXPECT_STREQ("eint-12", c->external_interrupts[1]);
	EXPECT_EQ(1u, c->n_app_connections);
	EXPECT_EQ(0u, c->flags);
	azs_manifest_free(&m);
}

/* Every RDB name resolves to the value the board gives it. */
TEST(rdb_names_resolve)
{
	static const struct {
		const char *key, *name;
		uint32_t kind, index;
	} names[] = {
		{"Gpio", "MT3620_RDB_LED1_RED", AZS_FW_KIND_GPIO, 8},
		{"Gpio", "MT3620_RDB_LED1_GREEN", AZS_FW_KIND_GPIO, 9},
		{"Gpio", "MT3620_RDB_LED1_BLUE", AZS_FW_KIND_GPIO, 10},
		{"Gpio", "MT3620_RDB_LED2_RED", AZS_FW_KIND_GPIO, 15},
		{"Gpio", "MT3620_RDB_LED2_BLUE", AZS_FW_KIND_GPIO, 17},
		{"Gpio", "MT3620_RDB_LED3_GREEN", AZS_FW_KIND_GPIO, 19},
		{"Gpio", "MT3620_RDB_LED4_BLUE", AZS_FW_KIND_GPIO, 23},
		{"Gpio", "MT3620_RDB_STATUS_LED_RED", AZS_FW_KIND_GPIO, 45},
		{"Gpio", "MT3620_RDB_STATUS_LED_BLUE", AZS_FW_KIND_GPIO, 47},
		{"Gpio", "MT3620_RDB_NETWORKING_LED_RED", AZS_FW_KIND_GPIO, 48},
		{"Gpio", "MT3620_RDB_NETWORKING_LED_GREEN", AZS_FW_KIND_GPIO, 14},
		{"Gpio", "MT3620_RDB_NETWORKING_LED_BLUE", AZS_FW_KIND_GPIO, 11},
		{"Gpio", "MT3620_RDB_BUTTON_A", AZS_FW_KIND_GPIO, 12},
		{"Gpio", "MT3620_RDB_BUTTON_B", AZS_FW_KIND_GPIO, 13},
		{"Gpio", "MT3620_GPIO80", AZS_FW_KIND_GPIO, 80},
		{"Uart", "MT3620_RDB_HEADER2_ISU0_UART", AZS_FW_KIND_UART, 0},
		{"I2cMaster", "MT3620_RDB_HEADER4_ISU2_I2C", AZS_FW_KIND_I2C, 2},
		{"SpiMaster", "MT3620_RDB_HEADER4_ISU1_SPI", AZS_FW_KIND_SPI, 1},
		{"Uart", "MT3620_ISU4_UART", AZS_FW_KIND_UART, 4},
		{"Pwm", "MT3620_RDB_LED_PWM_CONTROLLER2", AZS_FW_KIND_PWM, 2},
		{"Pwm", "MT3620_PWM_CONTROLLER0", AZS_FW_KIND_PWM, 0},
		{"Adc", "MT3620_RDB_ADC_CONTROLLER0", AZS_FW_KIND_ADC, 0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char json[512];
		struct azs_manifest m;
		struct azs_error err;

		snprintf(json, sizeof(json), HL("\"%s\": [\"$%s\"]"), names[i].key, names[i].name);
		ASSERT_EQ(0, parse(json, RDB_HW, &m, &err))
		TH_LOG("%s: %s: %s", names[i].name, err.field, err.reason);
		ASSERT_EQ(1u, m.caps.periph[names[i].kind].n) TH_LOG("%s", names[i].name);
		EXPECT_EQ(names[i].index, m.caps.periph[names[i].kind].index[0])
		TH_LOG("%s", names[i].name);
		azs_manifest_free(&m);
	}
}

TEST(small_valid_variants)
{
	static const char *const ok[] = {
		/* Capabilities may be empty; ApplicationType defaults to Default. */
		"{\"SchemaVersion\":1,\"Name\":\"n\",\"ComponentId\":\"" CID "\","
		"\"EntryPoint\":\"/a\",\"Capabilities\":{}}",
		/* Key order and whitespace don't matter. */
		"\n\t { \"Capabilities\" : { } , \"EntryPoint\" : \"/bin/app\" , \"ComponentId\" : "
		"\"" CID "\" , \"Name\" : \"x\" , \"SchemaVersion\" : 1 } \r\n",
		/* Several pins of one block as GPIOs. */
		HL("\"Gpio\": [8, 9, 10, 11]"),
		/* An ISU in one role, other ISUs in others. */
		HL("\"Uart\": [\"ISU0\"], \"I2cMaster\": [\"ISU1\"], \"SpiMaster\": [\"ISU2\"]"),
		/* A PWM controller and GPIOs of other blocks. */
		HL("\"Pwm\": [\"PWM-CONTROLLER-0\"], \"Gpio\": [4, 12]"),
		/* Empty lists. */
		HL("\"Gpio\": [], \"AllowedConnections\": [], \"AllowedTcpServerPorts\": []"),
		/* Booleans may be false; a name with escapes and non-ASCII. */
		TOP("\"MallocVersion\": 2"),
		"{\"SchemaVersion\":1,\"Name\":\"caf\\u00e9 \\\"app\\\"\",\"ComponentId\":\"" CID
		"\","
		"\"EntryPoint\":\"/bin/app\",\"Capabilities\":{\"WifiConfig\":false}}",
		/* The same port as TCP and UDP. */
		HL("\"AllowedTcpServerPorts\": [5000], \"AllowedUdpServerPorts\": [5000]"),
		/* A name of exactly the longest length. */
		HL("\"AllowedConnections\": [\"a123456789012345678901234567890123456789012345678901"
		   "23456789012.b\"]"),
	};

	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		struct azs_manifest m;
		struct azs_error err;

		EXPECT_EQ(0, parse(ok[i], NO_HW, &m, &err))
		TH_LOG("case %zu: %s: %s", i, err.field, err.reason);
		azs_manifest_free(&m);
	}
}

TEST(long_name_is_kept_whole)
{
	char name[AZS_MANIFEST_NAME_MAX + 1], json[1024];
	struct azs_manifest m;
	struct azs_error err;

	memset(name, 'n', AZS_MANIFEST_NAME_MAX);
	name[AZS_MANIFEST_NAME_MAX] = '\0';
	snprintf(json, sizeof(json),
		 "{\"SchemaVersion\":1,\"Name\":\"%s\",\"ComponentId\":\"" CID
		 "\",\"EntryPoint\":\"/bin/app\",\"Capabilities\":{}}",
		 name);
	ASSERT_EQ(0, parse(json, NO_HW, &m, &err)) TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_STREQ(name, m.name);
	azs_manifest_free(&m);
}

/* ---- Refusals ---------------------------------------------------------------- */

static const struct bad {
	const char *json;
	enum hw_choice hw;
	const char *field;
	const char *reason; /* a substring of the reason */
} bad[] = {
	/* The document. */
	{"", NO_HW, "", "empty document"},
	{"   ", NO_HW, "", "empty document"},
	{"[]", NO_HW, "", "must be a JSON object"},
	{"\"SchemaVersion\"", NO_HW, "", "must be a JSON object"},
	{HL("") " x", NO_HW, "", "unexpected content"},
	{HL("") HL(""), NO_HW, "", "unexpected content"},
	{"{\"SchemaVersion\": 1", NO_HW, "", "unexpected end of document"},
	{"{'SchemaVersion': 1}", NO_HW, "", "a key in double quotes"},
	{"{\"SchemaVersion\": 1,}", NO_HW, "", "a key in double quotes"},
	{TOP("\"MallocVersion\": NaN"), NO_HW, "MallocVersion", "malformed JSON"},
	{TOP("\"MallocVersion\": 2."), NO_HW, "MallocVersion", "a digit after '.'"},
	{TOP("\"MallocVersion\": 02"), NO_HW, "MallocVersion", "leading zero"},
	{TOP("\"MallocVersion\": 18446744073709551618"), NO_HW, "MallocVersion",
	 "integer out of range"},
	{TOP("\"TargetBetaApis\": \"a\tb\""), NO_HW, "TargetBetaApis", "control character"},
	{TOP("\"TargetBetaApis\": \"\\ud800\""), NO_HW, "TargetBetaApis", "surrogate"},
	{TOP("\"TargetBetaApis\": \"a\\u0000b\""), NO_HW, "TargetBetaApis", "NUL"},
	{TOP("\"TargetBetaApis\": \"\\q\""), NO_HW, "TargetBetaApis", "invalid escape"},
	{HL("\"MutableStorage\": {\"SizeKB\": [[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}"), NO_HW,
	 "Capabilities.MutableStorage.SizeKB[0][0][0][0][0][0][0][0][0][0][0][0][0]",
	 "nested deeper than 16"},
	/* Duplicate keys, at every level, also spelled with escapes. */
	{"{\"SchemaVersion\": 1, \"SchemaVersion\": 1, \"Name\": \"T\"}", NO_HW, "SchemaVersion",
	 "duplicate key"},
	{TOP("\"Na\\u006de\": \"U\""), NO_HW, "Name", "duplicate key"},
	{HL("\"Gpio\": [8], \"Gpio\": [9]"), NO_HW, "Capabilities.Gpio", "duplicate key"},
	{HL("\"MutableStorage\": {\"SizeKB\": 8, \"SizeKB\": 9}"), NO_HW,
	 "Capabilities.MutableStorage.SizeKB", "duplicate key"},
	{HL("\"Gpio\": [{\"a\": 1, \"a\": 2}]"), NO_HW, "Capabilities.Gpio[0].a", "duplicate key"},
	/* Unknown keys, at every level. */
	{TOP("\"Policy\": {}"), NO_HW, "Policy", "unknown key"},
	{TOP("\"schemaVersion\": 1"), NO_HW, "schemaVersion", "unknown key"},
	{HL("\"Gpoi\": [8]"), NO_HW, "Capabilities.Gpoi", "unknown capability"},
	{HL("\"MutableStorage\": {\"SizeKB\": 8, \"Quota\": 1}"), NO_HW,
	 "Capabilities.MutableStorage.Quota", "unknown key"},
	/* SchemaVersion. */
	{"{\"Name\": \"T\", \"ComponentId\": \"" CID "\", \"EntryPoint\": \"/bin/app\", "
	 "\"Capabilities\": {}}",
	 NO_HW, "SchemaVersion", "missing required key"},
	{"{\"SchemaVersion\": 2, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/bin/app\", \"Capabilities\": {}}",
	 NO_HW, "SchemaVersion", "must be 1 (got 2)"},
	{"{\"SchemaVersion\": \"1\"}", NO_HW, "SchemaVersion", "expected an integer, got a string"},
	{"{\"SchemaVersion\": 1.0}", NO_HW, "SchemaVersion",
	 "expected an integer, got a non-integer number"},
	/* Name. */
	{"{\"SchemaVersion\": 1, \"ComponentId\": \"" CID "\"}", NO_HW, "Name",
	 "missing required key"},
	{"{\"SchemaVersion\": 1, \"Name\": \"\"}", NO_HW, "Name", "must not be empty"},
	{"{\"SchemaVersion\": 1, \"Name\": 5}", NO_HW, "Name", "expected a string, got an integer"},
	{"{\"SchemaVersion\": 1, \"Name\": \"a\\u0001\"}", NO_HW, "Name", "control character"},
	{"{\"SchemaVersion\": 1, \"Name\": \"a\\u0000b\"}", NO_HW, "Name", "NUL"},
	/* ComponentId. */
	{"{\"SchemaVersion\": 1, \"Name\": \"T\"}", NO_HW, "ComponentId", "missing required key"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"not-a-guid\"}", NO_HW,
	 "ComponentId", "not a GUID"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"{" CID "}\"}", NO_HW,
	 "ComponentId", "not a GUID"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", "
	 "\"ComponentId\": \"25025d2c-66da-4448-bae1-ac26fcdd362g\"}",
	 NO_HW, "ComponentId", "not a GUID"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", "
	 "\"ComponentId\": \"25025d2c66da-4448-bae1-ac26-fcdd3627\"}",
	 NO_HW, "ComponentId", "not a GUID"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", "
	 "\"ComponentId\": \"00000000-0000-0000-0000-000000000000\"}",
	 NO_HW, "ComponentId", "nil GUID"},
	/* EntryPoint. */
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\"}", NO_HW,
	 "EntryPoint", "missing required key"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"bin/app\"}",
	 NO_HW, "EntryPoint", "absolute path"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/bin/../app\"}",
	 NO_HW, "EntryPoint", "\"..\""},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/bin/./app\"}",
	 NO_HW, "EntryPoint", "\".\""},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/bin//app\"}",
	 NO_HW, "EntryPoint", "\"//\""},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/bin/\"}",
	 NO_HW, "EntryPoint", "not a directory"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/\"}",
	 NO_HW, "EntryPoint", "not a directory"},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": \"/..\"}",
	 NO_HW, "EntryPoint", "\"..\""},
	{"{\"SchemaVersion\": 1, \"Name\": \"T\", \"ComponentId\": \"" CID "\", "
	 "\"EntryPoint\": [\"/bin/app\"]}",
	 NO_HW, "EntryPoint", "expected a string, got an array"},
	/* CmdArgs. */
	{TOP("\"CmdArgs\": \"-v\""), NO_HW, "CmdArgs", "expected an array"},
	{TOP("\"CmdArgs\": [\"-v\", 1]"), NO_HW, "CmdArgs[1]", "expected a string"},
	{TOP("\"CmdArgs\": [\"a\\u0000\"]"), NO_HW, "CmdArgs[0]", "NUL"},
	/* ApplicationType. */
	{TOP("\"ApplicationType\": \"Debugger\""), NO_HW, "ApplicationType",
	 "reserved for the platform's debugger"},
	{TOP("\"ApplicationType\": \"Realtime\""), NO_HW, "ApplicationType",
	 "unknown application type"},
	{TOP("\"ApplicationType\": \"default\""), NO_HW, "ApplicationType",
	 "unknown application type"},
	{TOP("\"ApplicationType\": 1"), NO_HW, "ApplicationType", "expected a string"},
	/* MallocVersion and the legacy keys. */
	{TOP("\"MallocVersion\": 3"), NO_HW, "MallocVersion", "between 1 and 2 (got 3)"},
	{TOP("\"MallocVersion\": 0"), NO_HW, "MallocVersion", "between 1 and 2 (got 0)"},
	{TOP("\"MallocVersion\": \"2\""), NO_HW, "MallocVersion", "expected an integer"},
	{TOP("\"TargetApplicationRuntimeVersion\": \"3\""), NO_HW,
	 "TargetApplicationRuntimeVersion", "expected an integer"},
	{TOP("\"TargetApplicationRuntimeVersion\": 0"), NO_HW, "TargetApplicationRuntimeVersion",
	 "between 1 and"},
	{TOP("\"TargetBetaApis\": 1905"), NO_HW, "TargetBetaApis", "expected a string"},
	{TOP("\"TargetBetaApis\": \"Beta 1905\""), NO_HW, "TargetBetaApis", "API set name"},
	{TOP("\"TargetBetaApis\": \"\""), NO_HW, "TargetBetaApis", "must not be empty"},
	/* Capabilities. */
	{"{" HEAD "}", NO_HW, "Capabilities", "missing required key"},
	{"{" HEAD ", \"Capabilities\": []}", NO_HW, "Capabilities", "expected an object"},
	{"{" HEAD ", \"Capabilities\": null}", NO_HW, "Capabilities", "null is not a valid value"},
	/* Gpio. */
	{HL("\"Gpio\": [24]"), NO_HW, "Capabilities.Gpio[0]", "GPIO 24 is not an MT3620 GPIO"},
	{HL("\"Gpio\": [8, 9, 24]"), NO_HW, "Capabilities.Gpio[2]",
	 "GPIO 24 is not an MT3620 GPIO"},
	{HL("\"Gpio\": [81]"), NO_HW, "Capabilities.Gpio[0]", "GPIO 81 is not an MT3620 GPIO"},
	{HL("\"Gpio\": [-1]"), NO_HW, "Capabilities.Gpio[0]", "GPIO -1 is not an MT3620 GPIO"},
	{HL("\"Gpio\": [4294967304]"), NO_HW, "Capabilities.Gpio[0]", "not an MT3620 GPIO"},
	{HL("\"Gpio\": [8.0]"), NO_HW, "Capabilities.Gpio[0]", "expected a GPIO number"},
	{HL("\"Gpio\": [\"8\"]"), NO_HW, "Capabilities.Gpio[0]", "expected a GPIO number"},
	{HL("\"Gpio\": [true]"), NO_HW, "Capabilities.Gpio[0]", "expected a GPIO number"},
	{HL("\"Gpio\": 8"), NO_HW, "Capabilities.Gpio", "expected an array, got an integer"},
	{HL("\"Gpio\": [8, 8]"), NO_HW, "Capabilities.Gpio[1]",
	 "GPIO 8 is already requested by Capabilities.Gpio[0]"},
	{HL("\"Gpio\": [8, \"$MT3620_RDB_LED1_RED\"]"), RDB_HW, "Capabilities.Gpio[1]",
	 "$MT3620_RDB_LED1_RED is GPIO 8, already requested by Capabilities.Gpio[0]"},
	{HL("\"Gpio\": [\"$MT3620_GPIO12\", \"$MT3620_RDB_BUTTON_A\"]"), RDB_HW,
	 "Capabilities.Gpio[1]", "already requested by Capabilities.Gpio[0]"},
	{HL("\"Gpio\": [\"$MT3620_RDB_LED1_RED\"]"), NO_HW, "Capabilities.Gpio[0]",
	 "$MT3620_RDB_LED1_RED needs a hardware definition"},
	{HL("\"Gpio\": [\"$NO_SUCH_LED\"]"), RDB_HW, "Capabilities.Gpio[0]",
	 "$NO_SUCH_LED: unknown hardware definition name"},
	{HL("\"Gpio\": [\"$MT3620_ISU0_UART\"]"), RDB_HW, "Capabilities.Gpio[0]",
	 "$MT3620_ISU0_UART is of type Uart, not Gpio"},
	{HL("\"Gpio\": [\"$MT3620_PWM_CHANNEL0\"]"), RDB_HW, "Capabilities.Gpio[0]",
	 "is of type int, not Gpio"},
	{HL("\"Pwm\": [\"$MT3620_PWM_CHANNEL1\"]"), RDB_HW, "Capabilities.Pwm[0]",
	 "is of type int, not Pwm"},
	{HL("\"Gpio\": [\"$\"]"), RDB_HW, "Capabilities.Gpio[0]", "not a hardware definition name"},
	{HL("\"Gpio\": [\"$9LIVES\"]"), RDB_HW, "Capabilities.Gpio[0]",
	 "not a hardware definition name"},
	{HL("\"Gpio\": [\"\"]"), RDB_HW, "Capabilities.Gpio[0]", "must not be empty"},
	/* Uart, I2cMaster, SpiMaster. */
	{HL("\"Uart\": [\"ISU5\"]"), NO_HW, "Capabilities.Uart[0]",
	 "\"ISU5\" is not an MT3620 ISU"},
	{HL("\"Uart\": [\"isu0\"]"), NO_HW, "Capabilities.Uart[0]", "not an MT3620 ISU"},
	{HL("\"I2cMaster\": [\"ISU01\"]"), NO_HW, "Capabilities.I2cMaster[0]", "not an MT3620 ISU"},
	{HL("\"SpiMaster\": [\"ISU\"]"), NO_HW, "Capabilities.SpiMaster[0]", "not an MT3620 ISU"},
	{HL("\"Uart\": [0]"), NO_HW, "Capabilities.Uart[0]",
	 "expected a Uart name or \"$NAME\", got an integer"},
	{HL("\"Uart\": [\"$MT3620_RDB_LED1_RED\"]"), RDB_HW, "Capabilities.Uart[0]",
	 "is of type Gpio, not Uart"},
	{HL("\"Uart\": [\"$MT3620_RDB_HEADER2_ISU0_I2C\"]"), RDB_HW, "Capabilities.Uart[0]",
	 "is of type I2cMaster, not Uart"},
	{HL("\"Uart\": [\"ISU1\", \"ISU1\"]"), NO_HW, "Capabilities.Uart[1]",
	 "ISU1 is already requested by Capabilities.Uart[0]"},
	{HL("\"Uart\": [\"ISU0\"], \"I2cMaster\": [\"ISU0\"]"), NO_HW, "Capabilities.I2cMaster[0]",
	 "ISU0 is already requested as UART by Capabilities.Uart[0]"},
	{HL("\"I2cMaster\": [\"ISU2\"], \"SpiMaster\": [\"$MT3620_RDB_HEADER4_ISU2_SPI\"]"), RDB_HW,
	 "Capabilities.SpiMaster[0]", "ISU2 is already requested as I2C master"},
	{HL("\"Gpio\": [26], \"Uart\": [\"ISU0\"]"), NO_HW, "Capabilities.Uart[0]",
	 "ISU0 uses pins GPIO26-30, but GPIO 26 is requested by Capabilities.Gpio[0]"},
	{HL("\"Gpio\": [75], \"SpiMaster\": [\"ISU4\"]"), NO_HW, "Capabilities.SpiMaster[0]",
	 "ISU4 uses pins GPIO71-75"},
	/* Pwm, Adc. */
	{HL("\"Pwm\": [\"PWM-CONTROLLER-3\"]"), NO_HW, "Capabilities.Pwm[0]",
	 "not an MT3620 PWM controller"},
	{HL("\"Pwm\": [\"PWM-CONTROLLER0\"]"), NO_HW, "Capabilities.Pwm[0]",
	 "not an MT3620 PWM controller"},
	{HL("\"Gpio\": [9], \"Pwm\": [\"$MT3620_RDB_LED_PWM_CONTROLLER2\"]"), RDB_HW,
	 "Capabilities.Pwm[0]", "PWM-CONTROLLER-2 uses pins GPIO8-11, but GPIO 9 is requested"},
	{HL("\"Pwm\": [\"PWM-CONTROLLER-1\", \"PWM-CONTROLLER-1\"]"), NO_HW, "Capabilities.Pwm[1]",
	 "already requested"},
	{HL("\"Adc\": [\"ADC-CONTROLLER-1\"]"), NO_HW, "Capabilities.Adc[0]",
	 "not an MT3620 ADC controller"},
	{HL("\"Gpio\": [48], \"Adc\": [\"ADC-CONTROLLER-0\"]"), NO_HW, "Capabilities.Adc[0]",
	 "ADC-CONTROLLER-0 uses pins GPIO41-48, but GPIO 48 is requested"},
	/* High-level-only and real-time-only capabilities. */
	{HL("\"I2sSubordinate\": [\"I2S0\"]"), NO_HW, "Capabilities.I2sSubordinate",
	 "only for real-time apps"},
	{HL("\"ExternalInterrupt\": []"), NO_HW, "Capabilities.ExternalInterrupt",
	 "only for real-time apps"},
	{RT("\"WifiConfig\": false"), NO_HW, "Capabilities.WifiConfig",
	 "not available to real-time apps"},
	{RT("\"AllowedConnections\": [\"example.com\"]"), NO_HW, "Capabilities.AllowedConnections",
	 "not available to real-time apps"},
	{RT("\"AllowedTcpServerPorts\": [2000]"), NO_HW, "Capabilities.AllowedTcpServerPorts",
	 "not available to real-time apps"},
	{RT("\"MutableStorage\": {\"SizeKB\": 8}"), NO_HW, "Capabilities.MutableStorage",
	 "not available to real-time apps"},
	{RT("\"PowerControls\": [\"ForceReboot\"]"), NO_HW, "Capabilities.PowerControls",
	 "not available to real-time apps"},
	{RT("\"DeviceAuthentication\": \"" CID "\""), NO_HW, "Capabilities.DeviceAuthentication",
	 "not available to real-time apps"},
	{RT("\"Gpio\": [\"$MT3620_RDB_LED1_RED\"]"), RDB_HW, "Capabilities.Gpio[0]",
	 "real-time apps must use raw values"},
	/* I2sSubordinate, ExternalInterrupt (real-time apps). */
	{RT("\"I2sSubordinate\": [\"I2S2\"]"), NO_HW, "Capabilities.I2sSubordinate[0]",
	 "not an MT3620 I2S interface"},
	{RT("\"I2sSubordinate\": [\"I2S0\", \"I2S0\"]"), NO_HW, "Capabilities.I2sSubordinate[1]",
	 "I2S0 is already requested"},
	{RT("\"Gpio\": [56], \"I2sSubordinate\": [\"I2S0\"]"), NO_HW,
	 "Capabilities.I2sSubordinate[0]", "I2S0 uses pins GPIO56-60"},
	{RT("\"ExternalInterrupt\": [\"\"]"), NO_HW, "Capabilities.ExternalInterrupt[0]",
	 "must not be empty"},
	{RT("\"ExternalInterrupt\": [\"a b\"]"), NO_HW, "Capabilities.ExternalInterrupt[0]",
	 "not an interrupt name"},
	{RT("\"ExternalInterrupt\": [\"EINT1\", \"EINT1\"]"), NO_HW,
	 "Capabilities.ExternalInterrupt[1]", "already listed"},
	{RT("\"ExternalInterrupt\": \"EINT1\""), NO_HW, "Capabilities.ExternalInterrupt",
	 "expected an array"},
	/* AllowedConnections. */
	{HL("\"AllowedConnections\": [\"*.azure-devices.net\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "wildcards are not allowed"},
	{HL("\"AllowedConnections\": [\"example.com:443\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "no ports"},
	{HL("\"AllowedConnections\": [\"https://example.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "URLs are not allowed"},
	{HL("\"AllowedConnections\": [\"example.com/x\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "'/' is not allowed"},
	{HL("\"AllowedConnections\": [\"fe80::1\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "IPv6"},
	{HL("\"AllowedConnections\": [\"ex ample.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "invalid character"},
	{HL("\"AllowedConnections\": [\"-bad.example.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "starts or ends with '-'"},
	{HL("\"AllowedConnections\": [\"bad-.example.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "starts or ends with '-'"},
	{HL("\"AllowedConnections\": [\"a..b\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "empty label"},
	{HL("\"AllowedConnections\": [\".example.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "empty label"},
	{HL("\"AllowedConnections\": [\"example.com.\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "trailing"},
	{HL("\"AllowedConnections\": [\"a123456789012345678901234567890123456789012345678901234567"
	    "890123.com\"]"),
	 NO_HW, "Capabilities.AllowedConnections[0]", "longer than 63"},
	{HL("\"AllowedConnections\": [\"a23456789.a23456789.a23456789.a23456789.a23456789."
	    "a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789."
	    "a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789.a23456789."
	    "a23456789.a23456789.a23456789.a23456789.abcd\"]"),
	 NO_HW, "Capabilities.AllowedConnections[0]", "longer than 253"},
	{HL("\"AllowedConnections\": [\"256.1.1.1\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "not a valid IPv4 address"},
	{HL("\"AllowedConnections\": [\"1.2.3\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "not a valid IPv4 address"},
	{HL("\"AllowedConnections\": [\"01.2.3.4\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "not a valid IPv4 address"},
	{HL("\"AllowedConnections\": [\"host.123\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "all-numeric"},
	{HL("\"AllowedConnections\": [\"exa_mple.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "'_' is allowed only at the start"},
	{HL("\"AllowedConnections\": [\"_._tcp.local\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "has no name"},
	{HL("\"AllowedConnections\": [\"Example.com\", \"example.COM\"]"), NO_HW,
	 "Capabilities.AllowedConnections[1]",
	 "already listed at Capabilities.AllowedConnections[0]"},
	{HL("\"AllowedConnections\": [\"\"]"), NO_HW, "Capabilities.AllowedConnections[0]",
	 "must not be empty"},
	{HL("\"AllowedConnections\": [\"caf\\u00e9.com\"]"), NO_HW,
	 "Capabilities.AllowedConnections[0]", "invalid character"},
	/* Server ports. */
	{HL("\"AllowedTcpServerPorts\": [80]"), NO_HW, "Capabilities.AllowedTcpServerPorts[0]",
	 "between 1024 and 65535 (got 80)"},
	{HL("\"AllowedTcpServerPorts\": [65536]"), NO_HW, "Capabilities.AllowedTcpServerPorts[0]",
	 "between 1024 and 65535 (got 65536)"},
	{HL("\"AllowedUdpServerPorts\": [1023]"), NO_HW, "Capabilities.AllowedUdpServerPorts[0]",
	 "between 1024 and 65535 (got 1023)"},
	{HL("\"AllowedTcpServerPorts\": [11000, 11000]"), NO_HW,
	 "Capabilities.AllowedTcpServerPorts[1]",
	 "port 11000 is already listed at Capabilities.AllowedTcpServerPorts[0]"},
	{HL("\"AllowedTcpServerPorts\": [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, "
	    "2010, 2011]"),
	 NO_HW, "Capabilities.AllowedTcpServerPorts", "more than 10 ports"},
	{HL("\"AllowedUdpServerPorts\": [\"5000\"]"), NO_HW,
	 "Capabilities.AllowedUdpServerPorts[0]", "expected an integer"},
	/* AllowedApplicationConnections. */
	{HL("\"AllowedApplicationConnections\": [\"nope\"]"), NO_HW,
	 "Capabilities.AllowedApplicationConnections[0]", "not a GUID"},
	{HL("\"AllowedApplicationConnections\": [\"" CID "\"]"), NO_HW,
	 "Capabilities.AllowedApplicationConnections[0]", "this app's own ComponentId"},
	{HL("\"AllowedApplicationConnections\": [\"" RT_CID "\", "
	    "\"005180BC-402F-4CB3-A662-72937DBCDE47\"]"),
	 NO_HW, "Capabilities.AllowedApplicationConnections[1]", "already listed"},
	{HL("\"AllowedApplicationConnections\": [\"00000000-0000-0000-0000-000000000000\"]"), NO_HW,
	 "Capabilities.AllowedApplicationConnections[0]", "nil GUID"},
	{HL("\"AllowedApplicationConnections\": \"" RT_CID "\""), NO_HW,
	 "Capabilities.AllowedApplicationConnections", "expected an array"},
	/* Booleans. */
	{HL("\"WifiConfig\": \"true\""), NO_HW, "Capabilities.WifiConfig",
	 "expected a boolean, got a string"},
	{HL("\"SystemTime\": 1"), NO_HW, "Capabilities.SystemTime",
	 "expected a boolean, got an integer"},
	{HL("\"HeapMemStats\": null"), NO_HW, "Capabilities.HeapMemStats",
	 "null is not a valid value"},
	{HL("\"Gpio\": [8, null]"), NO_HW, "Capabilities.Gpio[1]", "null is not a valid value"},
	{TOP("\"CmdArgs\": null"), NO_HW, "CmdArgs", "null is not a valid value"},
	{HL("\"CertStore\": [true]"), NO_HW, "Capabilities.CertStore",
	 "expected a boolean, got an array"},
	/* DeviceAuthentication. */
	{HL("\"DeviceAuthentication\": \"my-tenant\""), NO_HW, "Capabilities.DeviceAuthentication",
	 "not a GUID"},
	{HL("\"DeviceAuthentication\": true"), NO_HW, "Capabilities.DeviceAuthentication",
	 "expected a string"},
	/* MutableStorage. */
	{HL("\"MutableStorage\": {}"), NO_HW, "Capabilities.MutableStorage.SizeKB",
	 "missing required key"},
	{HL("\"MutableStorage\": {\"SizeKB\": 0}"), NO_HW, "Capabilities.MutableStorage.SizeKB",
	 "between 1 and 64 (got 0)"},
	{HL("\"MutableStorage\": {\"SizeKB\": 65}"), NO_HW, "Capabilities.MutableStorage.SizeKB",
	 "between 1 and 64 (got 65)"},
	{HL("\"MutableStorage\": {\"SizeKB\": \"8\"}"), NO_HW, "Capabilities.MutableStorage.SizeKB",
	 "expected an integer"},
	{HL("\"MutableStorage\": 8"), NO_HW, "Capabilities.MutableStorage", "expected an object"},
	/* PowerControls. */
	{HL("\"PowerControls\": []"), NO_HW, "Capabilities.PowerControls", "must not be empty"},
	{HL("\"PowerControls\": [\"ForceReboot\", \"ForceReboot\"]"), NO_HW,
	 "Capabilities.PowerControls[1]", "already listed at Capabilities.PowerControls[0]"},
	{HL("\"PowerControls\": [\"Reboot\"]"), NO_HW, "Capabilities.PowerControls[0]",
	 "unknown power control"},
	{HL("\"PowerControls\": \"ForceReboot\""), NO_HW, "Capabilities.PowerControls",
	 "expected an array"},
	{HL("\"PowerControls\": [1]"), NO_HW, "Capabilities.PowerControls[0]", "expected a string"},
};

TEST(invalid_manifests_are_refused_with_field_and_reason)
{
	EXPECT_LE(40, (int)ARRAY_SIZE(bad));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct azs_manifest m;
		struct azs_error err;
		int ret;

		memset(&m, 0x5a, sizeof(m));
		memset(&err, 0, sizeof(err));
		ret = parse(bad[i].json, bad[i].hw, &m, &err);
		EXPECT_EQ(-EINVAL, ret) TH_LOG("case %zu: %s", i, bad[i].json);
		if (ret == 0) {
			azs_manifest_free(&m);
			continue;
		}
		EXPECT_STREQ(bad[i].field, err.field)
		TH_LOG("case %zu: %s (reason: %s)", i, bad[i].json, err.reason);
		EXPECT_TRUE(strstr(err.reason, bad[i].reason) != NULL)
		TH_LOG("case %zu: reason \"%s\" lacks \"%s\"", i, err.reason, bad[i].reason);
		/* A refusal leaves the manifest empty. */
		EXPECT_EQ(NULL, m.name) TH_LOG("case %zu", i);
		EXPECT_EQ(0u, m.caps.periph[AZS_FW_KIND_GPIO].n) TH_LOG("case %zu", i);
	}
}

TEST(document_limits)
{
	static const char nul_inside[] = "{\"SchemaVersion\": 1\0}";
	struct azs_manifest m;
	struct azs_error err;
	char *big;

	/* A NUL byte inside the given length. */
	EXPECT_EQ(-EINVAL, azs_manifest_parse(nul_inside, sizeof(nul_inside) - 1, NULL, &m, &err));
	EXPECT_STREQ("", err.field);
	EXPECT_TRUE(strstr(err.reason, "NUL byte at offset 19") != NULL) TH_LOG("%s", err.reason);

	/* Larger than the limit, even if it is whitespace. */
	big = malloc(AZS_MANIFEST_MAX_SIZE + 1);
	ASSERT_NE(NULL, big);
	memset(big, ' ', AZS_MANIFEST_MAX_SIZE + 1);
	EXPECT_EQ(-EFBIG, azs_manifest_parse(big, AZS_MANIFEST_MAX_SIZE + 1, NULL, &m, &err));
	EXPECT_TRUE(strstr(err.reason, "larger than") != NULL) TH_LOG("%s", err.reason);
	free(big);

	/* No text at all. */
	EXPECT_EQ(-EINVAL, azs_manifest_parse(NULL, 0, NULL, &m, &err));

	/* The length given is what counts: a valid prefix is a valid manifest. */
	{
		static const char json[] = HL("") "garbage";
		struct azs_manifest ok;

		EXPECT_EQ(0, azs_manifest_parse(json, sizeof(json) - 1 - strlen("garbage"), NULL,
						&ok, &err))
		TH_LOG("%s: %s", err.field, err.reason);
		azs_manifest_free(&ok);
	}
}

TEST(too_many_entries)
{
	char json[8192];
	size_t used;
	struct azs_manifest m;
	struct azs_error err;

	/* 65 CmdArgs. */
	used = (size_t)snprintf(json, sizeof(json),
				"{" HEAD ", \"Capabilities\": {}, \"CmdArgs\": [");
	for (int i = 0; i <= AZS_MANIFEST_MAX_CMD_ARGS; i++)
		used += (size_t)snprintf(json + used, sizeof(json) - used, "%s\"a\"", i ? "," : "");
	snprintf(json + used, sizeof(json) - used, "]}");
	EXPECT_EQ(-EINVAL, parse(json, NO_HW, &m, &err));
	EXPECT_STREQ("CmdArgs", err.field);
	EXPECT_TRUE(strstr(err.reason, "more than 64") != NULL) TH_LOG("%s", err.reason);

	/* 97 GPIOs. */
	used = (size_t)snprintf(json, sizeof(json), "{" HEAD ", \"Capabilities\": {\"Gpio\": [");
	for (int i = 0; i <= AZS_MANIFEST_MAX_PERIPHERALS; i++)
		used += (size_t)snprintf(json + used, sizeof(json) - used, "%s%d", i ? "," : "", i);
	snprintf(json + used, sizeof(json) - used, "]}}");
	EXPECT_EQ(-EINVAL, parse(json, NO_HW, &m, &err));
	EXPECT_STREQ("Capabilities.Gpio", err.field);

	/* Every MT3620 GPIO at once is fine. */
	used = (size_t)snprintf(json, sizeof(json), "{" HEAD ", \"Capabilities\": {\"Gpio\": [");
	for (int i = 0, n = 0; i <= 80; i++) {
		if ((i >= 24 && i <= 25) || (i >= 49 && i <= 55) || (i >= 76 && i <= 79))
			continue;
		used += (size_t)snprintf(json + used, sizeof(json) - used, "%s%d", n++ ? "," : "",
					 i);
	}
	snprintf(json + used, sizeof(json) - used, "]}}");
	ASSERT_EQ(0, parse(json, NO_HW, &m, &err)) TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_EQ(68u, m.caps.periph[AZS_FW_KIND_GPIO].n);
	azs_manifest_free(&m);
}

TEST(errors_are_printable)
{
	/* Unknown keys with control characters and bytes beyond ASCII. */
	static const char json[] = TOP("\"\\u0007\\u00ff\": 1");
	struct azs_manifest m;
	struct azs_error err;

	EXPECT_EQ(-EINVAL, parse(json, NO_HW, &m, &err));
	for (const char *p = err.field; *p; p++)
		EXPECT_TRUE(*p >= 0x20 && *p < 0x7f);
	EXPECT_STREQ("unknown key", err.reason);
}

TEST_HARNESS_MAIN
