/* SPDX-License-Identifier: MIT */
/*
 * applibs UART: open an ISU as a serial port. Manifest capability: Uart.
 * The fd is non-blocking; move data with read(2)/write(2), wait with poll.
 *
 * Define UART_STRUCTS_VERSION (only 1 exists) before including this header,
 * usually in the app's applibs_versions.h; it defaults to 1.
 */
#ifndef APPLIBS_UART_H
#define APPLIBS_UART_H

#include <stdint.h>

#include <applibs/uart_structs_v1.h>
#include <applibs/uart_internal.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef UART_STRUCTS_VERSION
#define UART_STRUCTS_VERSION 1
#endif

#if UART_STRUCTS_VERSION == 1
typedef struct z__UART_Config_v1 UART_Config;
#else
#error "unsupported UART_STRUCTS_VERSION (this SDK has version 1)"
#endif

/* UART_Id = ISU + 4 on the MT3620 (ISU0 is 4 .. ISU4 is 8). */
typedef int UART_Id;

typedef enum {
	UART_BlockingMode_NonBlocking = 0,
} UART_BlockingMode;

typedef enum {
	UART_DataBits_Five = 5,
	UART_DataBits_Six = 6,
	UART_DataBits_Seven = 7,
	UART_DataBits_Eight = 8,
} UART_DataBits;

typedef enum {
	UART_Parity_None = 0,
	UART_Parity_Even = 1,
	UART_Parity_Odd = 2,
} UART_Parity;

typedef enum {
	UART_StopBits_One = 1,
	UART_StopBits_Two = 2,
} UART_StopBits;

typedef enum {
	UART_FlowControl_None = 0,
	UART_FlowControl_RTSCTS = 1,
	UART_FlowControl_XONXOFF = 2,
} UART_FlowControl;

/* Defaults: 115200 baud, 8 data bits, no parity, 1 stop bit, no flow control. */
static inline void UART_InitConfig(UART_Config *uartConfig)
{
	z__UART_InitConfig((struct z__UART_Config_Base *)uartConfig, UART_STRUCTS_VERSION);
}

/* An fd, or -1: EACCES, ENODEV, EINVAL, EBUSY, EFAULT. */
static inline int UART_Open(UART_Id uartId, const UART_Config *uartConfig)
{
	return z__UART_Open(uartId, (const struct z__UART_Config_Base *)uartConfig);
}

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_UART_H */
