/* SPDX-License-Identifier: MIT */
/* The applibs struct versions this app is written against. */
#pragma once

#define NETWORKING_STRUCTS_VERSION 1
#define WIFICONFIG_STRUCTS_VERSION 1
