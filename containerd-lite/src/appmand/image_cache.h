/* SPDX-License-Identifier: MIT */
/*
 * image_cache.c: the app's image in the page cache at the daemon's cost
 * (XIP, emulated).
 * Layer: utilities (docs/application-manager.md, "Layers"): pure of the
 * daemon's state; includes none of its headers.
 */
#ifndef AZS_APPMAND_IMAGE_CACHE_H
#define AZS_APPMAND_IMAGE_CACHE_H

void image_cache_warm(const char *root);
/* The platform's files shared by every app (the libraries): once per daemon. */
void image_cache_warm_platform(const char *dir);

#endif /* AZS_APPMAND_IMAGE_CACHE_H */
