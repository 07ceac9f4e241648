// SPDX-License-Identifier: MIT
/*
 * PWM dimmer: steps LED1 red's brightness from 0 to 100 % in 10 % steps on
 * PWM-CONTROLLER-2 channel 0 (1 kHz), 200 ms per step, then leaves it on
 * full. LED1 is active low: with normal polarity the brightness is the
 * share of the period the line is low, so duty = period * (100 - b) / 100.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <applibs/log.h>
#include <applibs/pwm.h>

#include <hw/mt3620_rdb.h>

#define PERIOD_NS 1000000u

int main(void)
{
	int fd = PWM_Open(MT3620_RDB_LED_PWM_CONTROLLER2);

	if (fd < 0) {
		Log_Debug("ERROR: PWM_Open: %s (%d)\n", strerror(errno), errno);
		return 2;
	}
	for (unsigned int b = 0; b <= 100; b += 10) {
		const struct timespec wait = {0, 200 * 1000 * 1000};
		PwmState s = {
			.period_nsec = PERIOD_NS,
			.dutyCycle_nsec = PERIOD_NS / 100 * (100 - b),
			.polarity = PWM_Polarity_Normal,
			.enabled = true,
		};

		if (PWM_Apply(fd, MT3620_PWM_CHANNEL0, &s) != 0) {
			Log_Debug("ERROR: PWM_Apply: %s (%d)\n", strerror(errno), errno);
			return 3;
		}
		Log_Debug("INFO: LED1 red brightness %u %% (duty %u ns)\n", b, s.dutyCycle_nsec);
		nanosleep(&wait, NULL);
	}
	close(fd);
	return 0;
}
