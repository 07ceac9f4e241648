// SPDX-License-Identifier: MIT
// blink-rt: an RTApp on an I/O core. LED1 red (GPIO8; the RDB's LEDs are
// active low) blinks every half second, timed by GPT0's interrupt (the core
// sleeps in WFI in between); the core's debug UART says each transition.
#include "mt3620-m4.h"

#define LED1_RED 8

_Noreturn void RTCoreMain(void)
{
	bool on = false;

	mt3620_uart_puts("blink-rt: start\r\n");
	mt3620_gpio_output(LED1_RED, true); /* off */
	for (;;) {
		on = !on;
		mt3620_gpio_set(LED1_RED, !on);
		mt3620_uart_puts(on ? "blink-rt: led1_red on\r\n" : "blink-rt: led1_red off\r\n");
		mt3620_sleep_ms(500); /* GPT0 interrupt, WFI */
	}
}
