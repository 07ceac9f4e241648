// SPDX-License-Identifier: MIT
// periph-rt: an RTApp using the peripheral blocks the firewall assigned to
// its core. It reads ADC channels 0 and 1, the LSM6DS3 sensor's WHO_AM_I
// over ISU2's I2C, says hello on ISU0's UART, dims LED1 red with PWM
// controller 2 channel 0 (1 ms period, line high 250 us: 75 % lit, the LED
// being active low) and then prints ADC channel 0 whenever it changes and
// each line ISU0's UART receives. Every value goes to the core's debug UART.
#include "mt3620-m4.h"

#define SENSOR_ISU  2
#define SENSOR_ADDR 0x6a
#define WHO_AM_I    0x0f
#define HELLO_ISU   0
#define LED_PWM     2 /* PWM-CONTROLLER-2: LED1 red, green, blue */
#define LED_RED_CH  0
#define PERIOD_NS   1000000u
#define DUTY_NS     250000u

static void say_adc(unsigned int ch, uint32_t v)
{
	mt3620_uart_puts("periph-rt: adc");
	mt3620_uart_putu(ch);
	mt3620_uart_puts(" ");
	mt3620_uart_putu(v);
	mt3620_uart_puts("\r\n");
}

_Noreturn void RTCoreMain(void)
{
	const uint8_t reg = WHO_AM_I;
	uint8_t who = 0, c;
	char line[33];
	unsigned int n = 0;
	uint32_t last;

	mt3620_uart_puts("periph-rt: start\r\n");
	last = mt3620_adc_read(0);
	say_adc(0, last);
	say_adc(1, mt3620_adc_read(1));

	mt3620_uart_puts("periph-rt: who_am_i ");
	if (mt3620_i2c_transfer(SENSOR_ISU, SENSOR_ADDR, &reg, 1, &who, 1))
		mt3620_uart_puthex8(who);
	else
		mt3620_uart_puts("nack");
	mt3620_uart_puts("\r\n");

	mt3620_isu_uart_puts(HELLO_ISU, "hello from periph-rt\n");
	mt3620_uart_puts("periph-rt: isu0 uart sent\r\n");

	mt3620_pwm_set(LED_PWM, LED_RED_CH, PERIOD_NS, DUTY_NS, true);
	mt3620_uart_puts("periph-rt: pwm2 ch0 period ");
	mt3620_uart_putu(PERIOD_NS);
	mt3620_uart_puts(" duty ");
	mt3620_uart_putu(DUTY_NS);
	mt3620_uart_puts(" enabled\r\n");

	for (;;) {
		uint32_t v;

		mt3620_gpt3_wait_us(100000);
		v = mt3620_adc_read(0);
		if (v != last) {
			say_adc(0, v);
			last = v;
		}
		while (mt3620_isu_uart_getc(HELLO_ISU, &c)) {
			if (c != '\n' && n < sizeof(line) - 1) {
				line[n++] = (char)c;
				continue;
			}
			line[n] = '\0';
			mt3620_uart_puts("periph-rt: isu0 rx ");
			mt3620_uart_puts(line);
			mt3620_uart_puts("\r\n");
			n = 0;
		}
	}
}
