/* SPDX-License-Identifier: MIT */
/* The applibs struct versions this app is written against. */
#pragma once

#define UART_STRUCTS_VERSION 1
