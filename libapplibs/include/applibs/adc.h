/* SPDX-License-Identifier: MIT */
/*
 * applibs ADC: open the ADC controller and sample its channels.
 * Manifest capability: Adc.
 */
#ifndef APPLIBS_ADC_H
#define APPLIBS_ADC_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t ADC_ControllerId;
typedef uint32_t ADC_ChannelId;

/* An fd for the controller, or -1: EACCES, ENODEV, EBUSY. */
int ADC_Open(ADC_ControllerId id);

/* The sample width in bits (12 on the MT3620), or -1: EBADF, EINVAL. */
int ADC_GetSampleBitCount(int fd, ADC_ChannelId channel);

/* 0, or -1: EINVAL (out of range), EBADF. */
int ADC_SetReferenceVoltage(int fd, ADC_ChannelId channel, float referenceVoltage);

/* 0 and the sample, or -1: EFAULT, EINVAL, EBADF, EACCES. */
int ADC_Poll(int fd, ADC_ChannelId channel, uint32_t *outSampleValue);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_ADC_H */
