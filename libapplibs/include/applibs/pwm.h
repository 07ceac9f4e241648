/* SPDX-License-Identifier: MIT */
/*
 * applibs PWM: open a PWM controller and set its channels' state.
 * Manifest capability: Pwm.
 */
#ifndef APPLIBS_PWM_H
#define APPLIBS_PWM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The controller number (PWM-CONTROLLER-k is k). */
typedef unsigned int PWM_ControllerId;
/* The channel within the controller (0..3 on the MT3620). */
typedef uint32_t PWM_ChannelId;

typedef uint32_t PwmPolarity;
enum {
	PWM_Polarity_Normal,
	PWM_Polarity_Inversed,
};

typedef struct PwmState {
	unsigned int period_nsec;
	unsigned int dutyCycle_nsec;
	PwmPolarity polarity;
	bool enabled;
} PwmState;

/* An fd for the controller, or -1: EACCES, ENODEV, EBUSY. */
int PWM_Open(PWM_ControllerId pwm);

/* 0, or -1: EBADF, ENODEV, EINVAL, EFAULT, EACCES. */
int PWM_Apply(int pwmFd, PWM_ChannelId pwmChannel, const PwmState *newState);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_PWM_H */
