/* SPDX-License-Identifier: MIT */
/*
 * app_libs.c: the platform's shared libraries for apps (musl's loader,
 * libcurl, libwolfssl; docs/sdk.md), mapped read-only at /lib in every app:
 * the memory they cost an app that maps them (their writable pages and page
 * tables: the platform's, added to its memory.max), and whether the app's
 * executable is dynamic (has a loader).
 * Layer: utilities (docs/application-manager.md, "Layers"): pure of the
 * daemon's state; includes none of its headers.
 */
#ifndef AZS_APPMAND_APP_LIBS_H
#define AZS_APPMAND_APP_LIBS_H

#include <stdbool.h>
#include <stdint.h>

#define APP_LIBS_DIR "/usr/lib/azsphere/app-lib"

uint64_t app_libs_allowance(const char *dir);
bool app_is_dynamic(const char *root, const char *entry_point);

#endif /* AZS_APPMAND_APP_LIBS_H */
