/* SPDX-License-Identifier: MIT */
/* Helpers shared by the applibs implementation (not installed). */
#ifndef APPLIBS_SRC_INTERNAL_H
#define APPLIBS_SRC_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <azs/cleanup.h>

/* Set errno and return -1: the applibs failure convention. */
static inline int azs_fail(int err)
{
	errno = err;
	return -1;
}

/* Scope-bound cleanup (common/include/azs/cleanup.h keeps errno as it was). */
#define AZS_CLEANUP_FD   azs_cleanup(azs_closep)
#define AZS_CLEANUP_FREE azs_cleanup(azs_freep)

/* A versioned struct's header: magic in the upper 16 bits, version below. */
static inline bool azs_struct_ok(uint32_t magic_and_version, uint32_t magic, uint32_t version)
{
	return magic_and_version == (magic | version);
}

/*
 * Claim a peripheral fd for this open file description: EBUSY when another
 * descriptor already holds the same device (the app opened it twice).
 */
int azs_claim(int fd);

/* ISUs, PWM controllers and the ADC of the MT3620. */
#define AZS_MT3620_NUM_ISU      5
#define AZS_MT3620_NUM_GPIO     81
#define AZS_MT3620_NUM_PWM      3
#define AZS_MT3620_PWM_CHANNELS 4
#define AZS_MT3620_ADC_CHANNELS 8
#define AZS_MT3620_ADC_BITS     12
#define AZS_MT3620_ADC_REF_MV   2500

/* Whether n is an MT3620 GPIO (the inventory's pins: 0-23, 26-48, 56-75, 80). */
bool azs_gpio_id_valid(int n);

/* The UART configuration as termios settings (pure: tested on the host). */
struct z__UART_Config_v1;
int azs_uart_config_to_termios(const struct z__UART_Config_v1 *c, struct termios *t);
/* The termios speed constant of a baud rate, or 0 if unsupported. */
speed_t azs_uart_speed(uint32_t baud);

/*
 * PWM_Open's bookkeeping: fd is controller k's, nothing known yet of what
 * was applied to its channels (see pwm.c; the host test gives it a stand-in
 * directory).
 */
void azs_pwm_adopt(unsigned int k, int fd);

/* The image package root of this app (see storage.c). */
const char *azs_image_root(void);

#endif /* APPLIBS_SRC_INTERNAL_H */
