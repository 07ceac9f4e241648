/* SPDX-License-Identifier: MIT */
/*
 * Attributes the applibs headers put on deprecated and obsoleted calls.
 * Written for this project from the public description of the SDK's API.
 */
#ifndef APPLIBS_INTERNAL_API_TRAITS_H
#define APPLIBS_INTERNAL_API_TRAITS_H

#define _AZSPHERE_STR(x) #x

/* A call that still works but has a replacement: a warning. */
#define _AZSPHERE_DEPRECATED_BY(replacement)                                                       \
	__attribute__((deprecated("use " _AZSPHERE_STR(replacement) " instead")))

/* A call that is gone: using it is a compile-time error. */
#define _AZSPHERE_OBSOLETED_BY(replacement)                                                        \
	__attribute__((error("obsolete: use " _AZSPHERE_STR(replacement) " instead")))

#endif /* APPLIBS_INTERNAL_API_TRAITS_H */
