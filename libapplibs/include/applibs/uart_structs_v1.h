/* SPDX-License-Identifier: MIT */
/* Version 1 of the UART configuration struct (see uart.h). */
#ifndef APPLIBS_UART_STRUCTS_V1_H
#define APPLIBS_UART_STRUCTS_V1_H

#include <stdint.h>

typedef uint32_t UART_BaudRate_Type;
typedef uint8_t UART_BlockingMode_Type;
typedef uint8_t UART_DataBits_Type;
typedef uint8_t UART_Parity_Type;
typedef uint8_t UART_StopBits_Type;
typedef uint8_t UART_FlowControl_Type;

struct z__UART_Config_v1 {
	uint32_t z__magicAndVersion;
	UART_BaudRate_Type baudRate;
	UART_BlockingMode_Type blockingMode;
	UART_DataBits_Type dataBits;
	UART_Parity_Type parity;
	UART_StopBits_Type stopBits;
	UART_FlowControl_Type flowControl;
};

#endif /* APPLIBS_UART_STRUCTS_V1_H */
