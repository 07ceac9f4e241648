/* SPDX-License-Identifier: MIT */
/* The versioned ABI behind uart.h's inline functions. */
#ifndef APPLIBS_UART_INTERNAL_H
#define APPLIBS_UART_INTERNAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Upper 16 bits of z__magicAndVersion; the lower 16 bits are the version. */
#define z__UART_CONFIG_MAGIC 0xde2a0000u

/* The view of any version of UART_Config: only its first field. */
struct z__UART_Config_Base {
	uint32_t z__magicAndVersion;
};

void z__UART_InitConfig(struct z__UART_Config_Base *uartConfig, uint32_t uartConfigStructVersion);
int z__UART_Open(int uartId, const struct z__UART_Config_Base *uartConfig);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_UART_INTERNAL_H */
