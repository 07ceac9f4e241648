/* SPDX-License-Identifier: MIT */
/* The applibs API versions this app is written against (as the SDK's samples). */
#pragma once

#define NETWORKING_STRUCTS_VERSION 1
