// SPDX-License-Identifier: MIT
/*
 * An app written the way Azure Sphere SDK samples are written: versions in
 * applibs_versions.h, <applibs/...> headers, SDK types and constants, every
 * peripheral API called. It only has to compile and link: it proves that
 * our headers accept SDK-style code.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "applibs_versions.h"
#include <applibs/adc.h>
#include <applibs/application.h>
#include <applibs/applications.h>
#include <applibs/certstore.h>
#include <applibs/eventloop.h>
#include <applibs/gpio.h>
#include <applibs/i2c.h>
#include <applibs/log.h>
#include <applibs/networking.h>
#include <applibs/powermanagement.h>
#include <applibs/pwm.h>
#include <applibs/rtc.h>
#include <applibs/spi.h>
#include <applibs/storage.h>
#include <applibs/sysevent.h>
#include <applibs/uart.h>
#include <applibs/wificonfig.h>

typedef enum {
	ExitCode_Success = 0,
	ExitCode_TermHandler_SigTerm = 1,
	ExitCode_Init_Gpio = 2,
} ExitCode;

static volatile sig_atomic_t exitCode = ExitCode_Success;
static int ledFd = -1;
static EventRegistration *uartEventReg = NULL;

static void TerminationHandler(int signalNumber)
{
	(void)signalNumber;
	exitCode = ExitCode_TermHandler_SigTerm;
}

static void UartEventHandler(EventLoop *el, int fd, EventLoop_IoEvents events, void *context)
{
	uint8_t receiveBuffer[32];
	ssize_t bytesRead;

	(void)el;
	(void)events;
	(void)context;
	bytesRead = read(fd, receiveBuffer, sizeof(receiveBuffer));
	if (bytesRead < 0)
		Log_Debug("ERROR: Could not read UART: %s (%d).\n", strerror(errno), errno);
}

static void SysEventHandler(SysEvent_Events event, SysEvent_Status state, const SysEvent_Info *info,
			    void *context)
{
	SysEvent_Info_UpdateData data;

	(void)event;
	(void)state;
	(void)context;
	if (SysEvent_Info_GetUpdateData(info, &data) == 0 &&
	    data.update_type == SysEvent_UpdateType_App)
		SysEvent_DeferEvent(SysEvent_Events_UpdateReadyForInstall, 1);
}

static ExitCode Peripherals(EventLoop *eventLoop)
{
	static const uint8_t whoAmI = 0x0f;
	uint8_t id;
	GPIO_Value_Type value;

	ledFd = GPIO_OpenAsOutput(8, GPIO_OutputMode_PushPull, GPIO_Value_High);
	if (ledFd == -1)
		return ExitCode_Init_Gpio;
	GPIO_SetValue(ledFd, GPIO_Value_Low);
	GPIO_GetValue(ledFd, &value);
	int buttonFd = GPIO_OpenAsInput(12);
	(void)buttonFd;
	(void)GPIO_OpenAsOutput(9, GPIO_OutputMode_OpenDrain, GPIO_Value_Low);
	(void)GPIO_OpenAsOutput(10, GPIO_OutputMode_OpenSource, GPIO_Value_Low);

	UART_Config uartConfig;
	UART_InitConfig(&uartConfig);
	uartConfig.baudRate = 115200;
	uartConfig.blockingMode = UART_BlockingMode_NonBlocking;
	uartConfig.dataBits = UART_DataBits_Eight;
	uartConfig.parity = UART_Parity_None;
	uartConfig.stopBits = UART_StopBits_One;
	uartConfig.flowControl = UART_FlowControl_None;
	UART_Id uartId = 4;
	int uartFd = UART_Open(uartId, &uartConfig);
	uartEventReg =
		EventLoop_RegisterIo(eventLoop, uartFd, EventLoop_Input, UartEventHandler, NULL);
	EventLoop_ModifyIoEvents(eventLoop, uartEventReg, EventLoop_Input | EventLoop_Error);

	I2C_InterfaceId i2cId = 2;
	int i2cFd = I2CMaster_Open(i2cId);
	I2CMaster_SetBusSpeed(i2cFd, I2C_BUS_SPEED_STANDARD);
	I2CMaster_SetTimeout(i2cFd, 100);
	I2CMaster_SetDefaultTargetAddress(i2cFd, 0x6a);
	I2C_DeviceAddress address = 0x6a;
	ssize_t transferredBytes =
		I2CMaster_WriteThenRead(i2cFd, address, &whoAmI, sizeof(whoAmI), &id, sizeof(id));
	transferredBytes = I2CMaster_Write(i2cFd, address, &whoAmI, 1);
	transferredBytes = I2CMaster_Read(i2cFd, address, &id, 1);
	(void)transferredBytes;

	SPIMaster_Config spiConfig;
	SPIMaster_InitConfig(&spiConfig);
	spiConfig.csPolarity = SPI_ChipSelectPolarity_ActiveLow;
	SPI_InterfaceId spiId = 1;
	SPI_ChipSelectId csId = -1;
	int spiFd = SPIMaster_Open(spiId, csId, &spiConfig);
	SPIMaster_SetBusSpeed(spiFd, 400000);
	SPIMaster_SetMode(spiFd, SPI_Mode_3);
	SPIMaster_SetBitOrder(spiFd, SPI_BitOrder_MsbFirst);
	SPIMaster_WriteThenRead(spiFd, &whoAmI, 1, &id, 1);
	SPIMaster_Transfer transfers[2];
	SPIMaster_InitTransfers(transfers, 2);
	transfers[0].flags = SPI_TransferFlags_Write;
	transfers[0].writeData = &whoAmI;
	transfers[0].length = 1;
	transfers[1].flags = SPI_TransferFlags_Read;
	transfers[1].readData = &id;
	transfers[1].length = 1;
	SPIMaster_TransferSequential(spiFd, transfers, 2);
	(void)SPI_MASTER_MAX_TRANSFERS;

	PWM_ControllerId pwmController = 2;
	PWM_ChannelId pwmChannel = 0;
	int pwmFd = PWM_Open(pwmController);
	PwmState ledPwmState = {.period_nsec = 1000000,
				.dutyCycle_nsec = 500000,
				.polarity = PWM_Polarity_Inversed,
				.enabled = true};
	PWM_Apply(pwmFd, pwmChannel, &ledPwmState);
	ledPwmState.polarity = PWM_Polarity_Normal;

	ADC_ControllerId adcController = 0;
	ADC_ChannelId adcChannel = 1;
	int adcFd = ADC_Open(adcController);
	int sampleBitCount = ADC_GetSampleBitCount(adcFd, adcChannel);
	ADC_SetReferenceVoltage(adcFd, adcChannel, 2.5f);
	uint32_t sample;
	ADC_Poll(adcFd, adcChannel, &sample);
	float voltage = ((float)sample * 2.5f) / (float)((1 << sampleBitCount) - 1);
	Log_Debug("The out sample value is %.3f V\n", (double)voltage);
	return ExitCode_Success;
}

static void Others(EventLoop *eventLoop)
{
	bool isNetworkingReady = false;
	Networking_NetworkInterface interfaces[2];
	Networking_InterfaceConnectionStatus status;
	WifiConfig_StoredNetwork storedNetworks[4];
	WifiConfig_ConnectedNetwork network;
	WifiConfig_ScannedNetwork scanned[4];
	CertStore_Identifier certId;
	struct tm notBefore;

	Networking_IsNetworkingReady(&isNetworkingReady);
	Networking_GetInterfaces(interfaces, 2);
	Networking_GetInterfaceConnectionStatus("wlan0", &status);
	if (status & Networking_InterfaceConnectionStatus_ConnectedToInternet)
		Log_Debug("online\n");
	Networking_IpConfig ipConfig;
	Networking_IpConfig_Init(&ipConfig);
	Networking_IpConfig_EnableDynamicIp(&ipConfig);
	Networking_IpConfig_Apply("eth0", &ipConfig);
	Networking_IpConfig_Destroy(&ipConfig);
	Networking_TimeSync_EnableCustomNtp("time.example", NULL,
					    Networking_NtpOption_FallbackServerDisabled);
	Networking_Interface_HardwareAddress mac;
	Networking_GetHardwareAddress("eth0", &mac);
	Networking_ProxyConfig *proxy = Networking_Proxy_Create();
	Networking_Proxy_Destroy(proxy);

	WifiConfig_GetStoredNetworks(storedNetworks, 4);
	WifiConfig_GetCurrentNetwork(&network);
	WifiConfig_GetScannedNetworks(scanned, 4);
	int networkId = WifiConfig_AddNetwork();
	WifiConfig_SetSecurityType(networkId, WifiConfig_Security_Wpa2_Psk);
	WifiConfig_SetSSID(networkId, (const uint8_t *)"ssid", 4);
	WifiConfig_SetPSK(networkId, "password", 8);
	WifiConfig_SetNetworkEnabled(networkId, true);
	WifiConfig_PersistConfig();
	WifiConfig_GetClientCertStoreIdentifier(networkId, &certId);

	CertStore_GetCertificateNotBefore("id", &notBefore);
	CertStore_InstallRootCACertificate("id", "pem", 3);

	SysEvent_RegisterForEventNotifications(eventLoop, SysEvent_Events_Mask, SysEventHandler,
					       NULL);
	PowerManagement_SetSystemPowerProfile(PowerManagement_HighPerformance);
	PowerManagement_ForceSystemPowerDown(60);
	clock_systohc();

	int partnerFd = Application_Connect("005180bc-402f-4cb3-a662-72937dbcde47");
	(void)partnerFd;
	size_t peak = Applications_GetPeakUserModeMemoryUsageInKB();
	(void)peak;

	char *path = Storage_GetAbsolutePathInImagePackage("certs/root.pem");
	free(path);
	int fileFd = Storage_OpenFileInImagePackage("certs/root.pem");
	(void)fileFd;
	int mutableFd = Storage_OpenMutableFile();
	(void)mutableFd;
}

int main(void)
{
	struct sigaction action;
	memset(&action, 0, sizeof(struct sigaction));
	action.sa_handler = TerminationHandler;
	sigaction(SIGTERM, &action, NULL);

	EventLoop *eventLoop = EventLoop_Create();
	if (eventLoop == NULL)
		return 1;
	exitCode = Peripherals(eventLoop);
	Others(eventLoop);
	while (exitCode == ExitCode_Success) {
		EventLoop_Run_Result result = EventLoop_Run(eventLoop, -1, true);
		if (result == EventLoop_Run_Failed && errno != EINTR)
			exitCode = 1;
	}
	EventLoop_UnregisterIo(eventLoop, uartEventReg);
	EventLoop_Close(eventLoop);
	close(ledFd);
	return exitCode;
}
