/* SPDX-License-Identifier: MIT */
/*
 * control.c: the control socket (non-blocking, a deadline per connection).
 * Layer: transport (docs/application-manager.md, "Layers"): the top module below
 * main.c; includes the operations', services' and utilities' headers.
 */
#ifndef AZS_APPMAND_CONTROL_H
#define AZS_APPMAND_CONTROL_H

#include "appmand.h"

int control_listen(struct appmand *d, const char *path);
void control_event(struct appmand *d, int fd);

#endif /* AZS_APPMAND_CONTROL_H */
