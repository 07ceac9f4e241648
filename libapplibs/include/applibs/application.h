/* SPDX-License-Identifier: MIT */
/* applibs application: connections to partner real-time apps. */
#ifndef APPLIBS_APPLICATION_H
#define APPLIBS_APPLICATION_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A socket to the partner app (capability AllowedApplicationConnections). */
int Application_Connect(const char *componentId);
/* 0 and whether device authentication is ready, or -1: EFAULT. */
int Application_IsDeviceAuthReady(bool *outIsDeviceAuthReady);

#ifdef __cplusplus
}
#endif

#endif /* APPLIBS_APPLICATION_H */
