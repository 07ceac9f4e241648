// SPDX-License-Identifier: MIT
/*
 * The appliance test app: prints the ids its board's sample_appliance.json
 * gives the samples' names, through the generated headers.
 */
#include "applibs_versions.h"

#include <applibs/gpio.h>
#include <applibs/log.h>
#include <applibs/uart.h>

#include <hw/sample_appliance.h>

int main(void)
{
	Log_Debug("button %d, LED %d, RGB %d %d %d, nRF52 reset %d\n", SAMPLE_BUTTON_1, SAMPLE_LED,
		  SAMPLE_RGBLED_RED, SAMPLE_RGBLED_GREEN, SAMPLE_RGBLED_BLUE, SAMPLE_NRF52_RESET);
	Log_Debug("UART %d, I2C %d, SPI %d CS %d, PWM %d channel %d, ADC %d channel %d\n",
		  SAMPLE_UART_LOOPBACK, SAMPLE_LSM6DS3_I2C, SAMPLE_LSM6DS3_SPI,
		  SAMPLE_LSM6DS3_SPI_CS, SAMPLE_PWM_CONTROLLER, SAMPLE_PWM_CHANNEL,
		  SAMPLE_ADC_CONTROLLER0, SAMPLE_ADC_CHANNEL);
	return 0;
}
