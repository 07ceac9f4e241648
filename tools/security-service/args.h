// SPDX-License-Identifier: MIT
/*
 * Values of the command line's arguments. Each parser returns 0, or -EINVAL
 * after a message naming the option it parses.
 */
#ifndef SS_ARGS_H
#define SS_ARGS_H

#include "capfile.h"

/* --device-id: exactly 2 * AZS_DEVICE_ID_SIZE hex digits. */
int ss_parse_device_id(const char *arg, u8 id[AZS_DEVICE_ID_SIZE]);

/* --sequence: a decimal number from 1 to 2^64 - 1. */
int ss_parse_sequence(const char *arg, u64 *sequence);

#endif /* SS_ARGS_H */
