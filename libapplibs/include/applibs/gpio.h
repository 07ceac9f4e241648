/* SPDX-License-Identifier: MIT */
/*
 * applibs GPIO: open a pin as input or output, read and drive it.
 * Manifest capability: Gpio. A pin's fd is a GPIO character device line
 * request (uAPI v2); close() it to release the pin.
 */
#ifndef APPLIBS_GPIO_H
#define APPLIBS_GPIO_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An MT3620 GPIO number (0..80, as in the hardware definitions). */
typedef int GPIO_Id;

typedef uint8_t GPIO_Value_Type;
typedef enum {
	GPIO_Value_Low = 0,
	GPIO_Value_High = 1,
} GPIO_Value;

typedef uint8_t GPIO_OutputMode_Type;
typedef enum {
	GPIO_OutputMode_PushPull = 0,
	GPIO_OutputMode_OpenDrain = 1,
	GPIO_OutputMode_OpenSource = 2,
} GPIO_OutputMode;

/* An fd for the pin, or -1: EACCES, ENODEV, EBUSY. */
int GPIO_OpenAsInput(GPIO_Id gpioId);

/* An fd for the pin, or -1: EACCES, EBUSY, ENODEV, EINVAL. */
int GPIO_OpenAsOutput(GPIO_Id gpioId, GPIO_OutputMode_Type outputMode,
		      GPIO_Value_Type initialValue);

/* 0, or -1: EFAULT, EBADF. */
int GPIO_GetValue(int gpioFd, GPIO_Value_Type *outValue);

/* 0, or -1: EINVAL, EBADF. No effect on a pin opened as input. */
int GPIO_SetValue(int gpioFd, GPIO_Value_Type value);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_GPIO_H */
