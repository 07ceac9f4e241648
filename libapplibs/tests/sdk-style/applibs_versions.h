/* SPDX-License-Identifier: MIT */
/*
 * The applibs struct versions an SDK-built app targets, defined where SDK
 * samples define them.
 */
#pragma once

#define UART_STRUCTS_VERSION       1
#define SPI_STRUCTS_VERSION        1
#define NETWORKING_STRUCTS_VERSION 1
#define WIFICONFIG_STRUCTS_VERSION 1
