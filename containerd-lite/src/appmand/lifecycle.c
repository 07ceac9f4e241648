// SPDX-License-Identifier: MIT
/*
 * The one path of each operation on an installed app, whoever asks for it:
 * the control socket (sideloads, the device CLI through azs-gatewayd) and
 * cloud updates. Starting checks the app's trust of the moment (store_mount),
 * and removing always stops the app first, so no sandbox, pidfd, timer or
 * channel of a freed slot is left in the event loop.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "lifecycle.h"
#include "platform.h"
#include "store.h"
#include "supervisor.h"

/* Bounded: a sandbox slower than this is waited for by the event loop alone. */
#define HANDOVER_WAIT_MS 1000

int lifecycle_start(struct appmand *d, struct app *a)
{
	int ret = 0;

	a->want_running = true;
	azs_restart_init(&a->restart);
	if (!a->sandbox) {
		if (!a->peripherals_ok && platform_assign(d, a))
			ret = -EACCES;
		else
			ret = supervisor_start(d, a);
		if (ret == -EACCES)
			a->state = APP_FAILED;
	}
	/*
	 * The wanted state goes to the flash (if it changed) once the sandbox
	 * has set itself up (its listener handed over, the app at its execve):
	 * the flash's work does not compete with the setup on the device's one
	 * CPU. The request is answered after both.
	 */
	if (!ret)
		supervisor_await_handover(a, HANDOVER_WAIT_MS);
	store_save_state(d, a);
	return ret;
}

void lifecycle_stop(struct appmand *d, struct app *a)
{
	a->want_running = false;
	store_save_state(d, a);
	supervisor_stop(d, a);
}

void lifecycle_apply(struct appmand *d, struct app *a, bool is_update,
		     const struct azs_resource_list *before, json_object *o)
{
	lifecycle_apply_ex(d, a, is_update, before, o, true);
}

void lifecycle_apply_ex(struct appmand *d, struct app *a, bool is_update,
			const struct azs_resource_list *before, json_object *o, bool start)
{
	if (is_update) {
		supervisor_stop(d, a);
		supervisor_forget(d, a); /* its sandbox was the old version's */
		store_unmount(a); /* the new version mounts at start */
		if (!azs_resources_equal(before, &a->res)) {
			platform_release(d, a, before);
			a->peripherals_ok = false;
		}
	}
	if (!a->peripherals_ok && platform_assign(d, a)) {
		a->state = APP_FAILED;
		json_object_object_add(o, "started", json_object_new_boolean(0));
		json_object_object_add(o, "why", json_object_new_string(a->why));
		return;
	}
	azs_restart_init(&a->restart);
	a->want_running = start;
	store_save_state(d, a);
	if (!start) {
		a->state = APP_STOPPED;
		json_object_object_add(o, "started", json_object_new_boolean(0));
		return;
	}
	json_object_object_add(o, "started", json_object_new_boolean(supervisor_start(d, a) == 0));
}

void lifecycle_remove(struct appmand *d, struct app *a, bool release_now)
{
	struct azs_resource_list res = a->res;
	struct azs_guid cid = a->cid;
	int ret;

	a->want_running = false;
	supervisor_stop(d, a);
	supervisor_forget(d, a);
	if (release_now)
		platform_release(d, a, &res);
	ret = store_remove(d, a);
	if (ret)
		fprintf(stderr, "appmand: %s: cannot delete it from the flash: %s\n", cid.str,
			strerror(-ret));
}
