// SPDX-License-Identifier: MIT
/*
 * ADC: samples ADC-CONTROLLER-0 channel 1 and logs its voltage in
 * millivolts (2.5 V reference, 12-bit samples).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <applibs/adc.h>
#include <applibs/log.h>

#include <hw/mt3620_rdb.h>

#define ADC_CHANNEL 1
#define REF_VOLTAGE 2.5f

int main(void)
{
	uint32_t value, mv;
	int fd, bits;

	fd = ADC_Open(MT3620_RDB_ADC_CONTROLLER0);
	if (fd < 0) {
		Log_Debug("ERROR: ADC_Open: %s (%d)\n", strerror(errno), errno);
		return 2;
	}
	bits = ADC_GetSampleBitCount(fd, ADC_CHANNEL);
	if (bits <= 0 || ADC_SetReferenceVoltage(fd, ADC_CHANNEL, REF_VOLTAGE) != 0) {
		Log_Debug("ERROR: ADC setup: %s (%d)\n", strerror(errno), errno);
		return 3;
	}
	if (ADC_Poll(fd, ADC_CHANNEL, &value) != 0) {
		Log_Debug("ERROR: ADC_Poll: %s (%d)\n", strerror(errno), errno);
		return 4;
	}
	mv = (uint32_t)((value * 2500ull + ((1u << bits) - 1) / 2) / ((1u << bits) - 1));
	Log_Debug("INFO: ADC channel %d: sample %u of %d bits, %u mV\n", ADC_CHANNEL, value, bits,
		  mv);
	close(fd);
	return 0;
}
