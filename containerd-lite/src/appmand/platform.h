/* SPDX-License-Identifier: MIT */
/*
 * platform.c: the firewall, the security state, device nodes.
 * Layer: services, the device (docs/application-manager.md, "Layers"): includes
 * only the utilities' headers.
 */
#ifndef AZS_APPMAND_PLATFORM_H
#define AZS_APPMAND_PLATFORM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "appmand.h"

int platform_read_security(struct appmand *d);
int platform_assign(struct appmand *d, struct app *a);
void platform_release(struct appmand *d, struct app *a, const struct azs_resource_list *res);
int platform_lock(struct appmand *d);
/* The security monitor's anti-rollback counter: read it, or advance it to *VALUE
 * (-ESTALE if that is lower). 0 or -errno. */
int platform_update_counter(uint64_t *value, bool advance);
struct azs_trusted_key;
int platform_trusted_keys(struct azs_trusted_key *keys, size_t max, size_t *n);
void platform_prepare_nodes(void);
int platform_device_paths(const struct app *a, char paths[][64], char names[][32], size_t max,
			  size_t *n);
/* The sysfs directories of the app's PWM and ADC controllers, granted to its uid. */
int platform_sysfs(const struct app *a, char app_paths[][PATH_MAX], char host_paths[][PATH_MAX],
		   size_t max, size_t *n);

#endif /* AZS_APPMAND_PLATFORM_H */
