/* SPDX-License-Identifier: MIT */
#pragma once

/* The applibs structs this app was written against, as the public samples set them. */
#define UART_STRUCTS_VERSION 1
#define SPI_STRUCTS_VERSION 1
#define NETWORKING_STRUCTS_VERSION 1
#define WIFICONFIG_STRUCTS_VERSION 1
