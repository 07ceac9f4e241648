/* SPDX-License-Identifier: MIT */
/* The applibs struct versions this app is written against. */
#pragma once

#define SPI_STRUCTS_VERSION 1
