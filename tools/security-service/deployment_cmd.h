// SPDX-License-Identifier: MIT
/*
 * The Security Service's deployments (docs/deployment.md): create one from
 * production-signed packages, verify one as a device would, and deliver one
 * to a device over the host<->device channel as a cloud update.
 */
#ifndef SS_DEPLOYMENT_CMD_H
#define SS_DEPLOYMENT_CMD_H

#include <stddef.h>

/*
 * Verify each of PACKAGES[0..N) as production-signed with the store's key,
 * then write OUTPUT (a new or empty directory): the packages as
 * <ComponentId>.azsp and the signed manifest deployment.azsd. On failure
 * nothing is left in OUTPUT. 0 or -errno after a message.
 */
/*
 * SEQUENCE: the deployment's sequence number as given (--sequence), or NULL
 * for the key store's next one. Either way it must be above every sequence
 * the store has signed (its "deployment-sequence" file), which then records it.
 */
int ss_deployment_create(const char *store, const char *output, const char *sequence,
			 char *const *packages, size_t n);

/* Check DIR as a device does (azs_deployment_open_dir) and print what it holds. */
int ss_deployment_verify(const char *store, const char *dir);

/*
 * Send DIR (the manifest and every package file in it, as they are: the
 * device is the judge) to the device's azs-gatewayd at SOCKET as a cloud
 * update and print its answer (JSON if AS_JSON). 0 applied, -EPERM refused
 * by the device, other -errno after a message.
 */
int ss_deployment_deliver(const char *dir, const char *socket_path, int as_json);

#endif /* SS_DEPLOYMENT_CMD_H */
