// SPDX-License-Identifier: MIT
/* The app's own network namespace: only the loopback interface, up (AC-30). */
#ifndef AZS_SANDBOX_NET_H
#define AZS_SANDBOX_NET_H

/* Bring lo up in the caller's network namespace. Returns 0 or a negative errno. */
int sb_loopback_up(void);

#endif /* AZS_SANDBOX_NET_H */
