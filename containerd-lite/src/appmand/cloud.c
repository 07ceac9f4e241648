// SPDX-License-Identifier: MIT
/*
 * Cloud updates: a deployment from the Security Service (docs/deployment.md),
 * staged in a directory by azs-gatewayd, applied as the device's new set of
 * apps. The rules:
 *
 *  - refused, with nothing changed, while the device has the appDevelopment
 *    capability (enable-development stops cloud application updates);
 *  - the whole deployment is verified first, with the security monitor's
 *    root-of-trust production key: the signed manifest, then every package
 *    (present, of the listed size and SHA-256, production-signed: one
 *    SDK-signed package refuses the whole deployment), and the new set's
 *    manifests must not conflict with each other. Nothing is installed unless
 *    all of it holds;
 *  - then: an app of the deployment that is not installed is installed; an
 *    installed one whose package differs is updated; one whose package is
 *    byte-identical is left alone (not restarted); an installed app that the
 *    deployment does not list is removed (the deployment is the device's
 *    complete set of apps);
 *  - the update rule (update_rule.h) applies to each change as to a
 *    sideload: if any change needs a reboot (the peripheral configuration is
 *    locked and the change acquires or releases peripherals), every change is
 *    stored on the flash and the device reboots once to apply them all;
 *  - no rollback: the deployment's sequence number must not be below the
 *    security monitor's anti-rollback counter (Secure World flash, only
 *    grows), and equal to it only for the same deployment delivered again
 *    (its id is kept on the data flash, "deployment-applied"); the counter is
 *    advanced before anything is applied;
 *  - system events (sysevent.h, docs/runtime-channel.md): a deployment that
 *    changes something is first announced to the apps subscribed to
 *    UpdateReadyForInstall (status Pending) and answered "pending" with a
 *    time to deliver it again; apps with SoftwareUpdateDeferral may defer it
 *    within that window (up to 1440 minutes) and resume it any time; while it
 *    is deferred a delivery is answered "deferred" with the time left; then
 *    UpdateStarted (Final) goes out and it is applied. A deployment that
 *    changes nothing sends NoUpdateAvailable (Final). The cloud delivers
 *    again, as the real cloud's device polls again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include <azsphere/security.h>

#include "cloud.h"
#include "lifecycle.h"
#include "platform.h"
#include "runtime.h"
#include "store.h"
#include "util.h"
#include "deployment.h"
#include "package.h"
#include "update_rule.h"

/* How long subscribed apps have to defer an announced update. */
#define DEFER_WINDOW_MS 2000

#define NOT_IN_DEVELOPMENT                                                                         \
	"cloud application updates are refused: the device has the appDevelopment capability "     \
	"(enable-development stops them; azsphere device enable-cloud-test restores them)"

struct plan {
	struct azs_deployment dep;
	int memfds[AZS_DEPLOY_MAX_PACKAGES];
	struct azs_package_info infos[AZS_DEPLOY_MAX_PACKAGES];
	struct azs_manifest manifests[AZS_DEPLOY_MAX_PACKAGES];
	struct azs_resource_list res[AZS_DEPLOY_MAX_PACKAGES];
	bool unchanged[AZS_DEPLOY_MAX_PACKAGES];
	size_t n_manifests;
	struct app *removals[APPMAND_MAX_APPS];
	size_t n_removals;
	bool reboot;
};

static json_object *refuse(int err, const char *field, const char *reason)
{
	json_object *o = json_object_new_object();
	char text[512];

	if (field && field[0])
		snprintf(text, sizeof(text), "the deployment was refused: %s: %s", field, reason);
	else
		snprintf(text, sizeof(text), "%s", reason);
	json_object_object_add(o, "ok", json_object_new_boolean(0));
	json_object_object_add(o, "errno", json_object_new_int(-err));
	json_object_object_add(o, "error", json_object_new_string(text));
	return o;
}

static void plan_free(struct plan *p)
{
	for (size_t i = 0; i < AZS_DEPLOY_MAX_PACKAGES; i++) {
		if (p->memfds[i] >= 0)
			close(p->memfds[i]);
		p->memfds[i] = -1;
	}
	for (size_t i = 0; i < p->n_manifests; i++)
		azs_manifest_free(&p->manifests[i]);
	p->n_manifests = 0;
}

static bool listed(const struct plan *p, const struct app *a)
{
	for (size_t i = 0; i < p->dep.n; i++)
		if (azs_guid_equal(&p->dep.entries[i].component_id, &a->cid))
			return true;
	return false;
}

/* Every package's manifest, and no two of the new set in conflict. */
static int check_set(struct plan *p, struct azs_error *err)
{
	const struct azs_manifest *others[AZS_DEPLOY_MAX_PACKAGES];
	int ret;

	for (size_t i = 0; i < p->dep.n; i++) {
		ret = store_read_package_manifest(p->memfds[i], &p->infos[i], &p->manifests[i],
						  err);
		if (ret)
			return ret;
		p->n_manifests = i + 1;
		if (azs_manifest_resources(&p->manifests[i], &p->res[i]))
			return azs_error_set(err, -EINVAL, p->dep.entries[i].component_id.str,
					     "too many peripherals");
	}
	for (size_t i = 0; i < p->dep.n; i++) {
		size_t n = 0;

		for (size_t j = 0; j < p->dep.n; j++)
			if (j != i)
				others[n++] = &p->manifests[j];
		ret = azs_check_conflicts(others, n, &p->manifests[i], err);
		if (ret)
			return ret;
	}
	return 0;
}

/* What changes, and whether the update rule defers any change to a reboot. */
static void decide(struct appmand *d, struct plan *p)
{
	for (size_t i = 0; i < p->dep.n; i++) {
		struct app *a = store_find(d, p->dep.entries[i].component_id.str);
		enum azs_change_timing when;

		p->unchanged[i] = a && store_package_equal(a, p->memfds[i], &p->infos[i]);
		if (p->unchanged[i])
			continue;
		when = a ? azs_update_rule(d->locked, AZS_CHANGE_UPDATE, &a->res, &p->res[i])
			 : azs_update_rule(d->locked, AZS_CHANGE_INSTALL, NULL, &p->res[i]);
		p->reboot |= when == AZS_APPLY_AFTER_REBOOT;
	}
	for (int i = 0; i < APPMAND_MAX_APPS; i++) {
		struct app *a = &d->apps[i];

		if (!a->used || listed(p, a))
			continue;
		p->removals[p->n_removals++] = a;
		p->reboot |= azs_update_rule(d->locked, AZS_CHANGE_REMOVE, &a->res, NULL) ==
			     AZS_APPLY_AFTER_REBOOT;
	}
}

/* Removals first (they may free peripherals the new set takes), then the packages. */
static int apply(struct appmand *d, struct plan *p, json_object *o, struct azs_error *err)
{
	json_object *installed = json_object_new_array(), *updated = json_object_new_array();
	json_object *unchanged = json_object_new_array(), *removed = json_object_new_array();
	int ret = 0;

	json_object_object_add(o, "installed", installed);
	json_object_object_add(o, "updated", updated);
	json_object_object_add(o, "unchanged", unchanged);
	json_object_object_add(o, "removed", removed);
	for (size_t i = 0; i < p->n_removals; i++) {
		struct app *a = p->removals[i];

		json_object_array_add(removed, json_object_new_string(a->cid.str));
		app_log(a, "cloud update: removed (not in deployment %s)", p->dep.id.str);
		/* Stopped first either way; with a reboot coming, the next boot
		 * configures the firewall without it. */
		lifecycle_remove(d, a, !p->reboot);
	}
	for (size_t i = 0; i < p->dep.n && !ret; i++) {
		const char *cid = p->dep.entries[i].component_id.str;
		struct azs_resource_list before;
		json_object *detail;
		struct app *a;
		bool is_update;

		if (p->unchanged[i]) {
			json_object_array_add(unchanged, json_object_new_string(cid));
			continue;
		}
		ret = store_install_sealed(d, p->memfds[i], &p->infos[i], &a, &is_update, &before,
					   err);
		if (ret)
			break;
		json_object_array_add(is_update ? updated : installed, json_object_new_string(cid));
		app_log(a, "cloud update: %s from deployment %s",
			is_update ? "updated" : "installed", p->dep.id.str);
		if (p->reboot)
			continue;
		detail = json_object_new_object();
		lifecycle_apply(d, a, is_update, &before, detail);
		json_object_put(detail);
	}
	return ret;
}

#define APPLIED_FILE  "deployment-applied"
#define TARGETED_FILE "deployment-targeted"
#define TARGETED_MAX  16384 /* 16 images, each at most ~400 bytes */

/* The last applied deployment: "SEQUENCE ID". 0 if there is none yet. */
static int last_applied(struct appmand *d, uint64_t *seq, char *id, size_t id_size)
{
	char text[96], *end, *sp;
	unsigned long long n;
	int ret = store_get(d, APPLIED_FILE, text, sizeof(text));

	*seq = 0;
	id[0] = 0;
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	errno = 0;
	n = strtoull(text, &end, 10);
	sp = end;
	if (errno || end == text || *sp != ' ' || strlen(sp + 1) != AZS_GUID_STRLEN + 1 ||
	    sp[1 + AZS_GUID_STRLEN] != '\n' || id_size <= AZS_GUID_STRLEN)
		return -EINVAL;
	memcpy(id, sp + 1, AZS_GUID_STRLEN);
	id[AZS_GUID_STRLEN] = 0;
	*seq = n;
	return 0;
}

static int check_rollback(struct appmand *d, const struct plan *p, struct azs_error *err)
{
	char id[AZS_GUID_STRLEN + 1];
	uint64_t last, recorded;
	int ret = platform_update_counter(&last, false);

	if (ret)
		return azs_error_set(err, ret, "security monitor",
				     "cannot read the anti-rollback counter: %s", strerror(-ret));
	/* The data flash only names the deployment behind the monitor's counter. */
	if (last_applied(d, &recorded, id, sizeof(id)) || recorded != last)
		snprintf(id, sizeof(id), "unknown");
	if (p->dep.sequence < last)
		return azs_error_set(
			err, -ESTALE, "Sequence",
			"rollback: sequence %llu is older than the applied deployment's "
			"%llu (%s)",
			(unsigned long long)p->dep.sequence, (unsigned long long)last, id);
	if (p->dep.sequence == last && strcmp(id, p->dep.id.str))
		return azs_error_set(err, -ESTALE, "Sequence",
				     "sequence %llu was applied as deployment %s, not %s",
				     (unsigned long long)last, id, p->dep.id.str);
	return 0;
}

/*
 * What the deployment targets this device with (azsphere device image
 * list-targeted): one JSON object, {"deployment","sequence","images":[...]}.
 */
static int record_targeted(struct appmand *d, const struct plan *p)
{
	json_object *o = json_object_new_object(), *images = json_object_new_array();
	int ret;

	json_object_object_add(o, "deployment", json_object_new_string(p->dep.id.str));
	json_object_object_add(o, "sequence", json_object_new_int64((int64_t)p->dep.sequence));
	for (size_t i = 0; i < p->dep.n; i++) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "componentId",
				       json_object_new_string(p->infos[i].component_id.str));
		json_object_object_add(e, "imageId",
				       json_object_new_string(p->infos[i].image_id.str));
		json_object_object_add(e, "name", json_object_new_string(p->infos[i].name));
		json_object_object_add(e, "imageType", json_object_new_string("Applications"));
		json_object_array_add(images, e);
	}
	json_object_object_add(o, "images", images);
	ret = store_put(d, TARGETED_FILE, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return ret;
}

static int record_applied(struct appmand *d, const struct plan *p)
{
	uint64_t seq = p->dep.sequence;
	char text[96];
	int ret;

	snprintf(text, sizeof(text), "%llu %s\n", (unsigned long long)seq, p->dep.id.str);
	ret = store_put(d, APPLIED_FILE, text);
	if (!ret)
		ret = record_targeted(d, p);
	return ret ? ret : platform_update_counter(&seq, true);
}

json_object *cloud_targeted(struct appmand *d)
{
	static char text[TARGETED_MAX];
	json_object *o, *r;
	int ret = store_get(d, TARGETED_FILE, text, sizeof(text));

	if (ret == -ENOENT) {
		r = json_object_new_object();
		json_object_object_add(r, "ok", json_object_new_boolean(1));
		json_object_object_add(r, "images", json_object_new_array());
		return r;
	}
	o = ret ? NULL : json_tokener_parse(text);
	if (!o || !json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		r = json_object_new_object();
		json_object_object_add(r, "ok", json_object_new_boolean(0));
		json_object_object_add(r, "errno", json_object_new_int(ret ? -ret : EINVAL));
		json_object_object_add(r, "error",
				       json_object_new_string("cannot read the record of the "
							      "applied deployment"));
		json_object_object_add(r, "field", json_object_new_string(TARGETED_FILE));
		return r;
	}
	json_object_object_add(o, "ok", json_object_new_boolean(1));
	return o;
}

static json_object *not_yet(const struct plan *p, const char *why, uint64_t wait_ms)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_object_object_add(o, "deployment", json_object_new_string(p->dep.id.str));
	json_object_object_add(o, "applied", json_object_new_boolean(0));
	json_object_object_add(o, why, json_object_new_boolean(1));
	json_object_object_add(o, "retryAfterSeconds",
			       json_object_new_int64((int64_t)((wait_ms + 999) / 1000)));
	return o;
}

/*
 * Whether the apps let the update go ahead now: NULL if so, else the answer
 * that says when to deliver it again.
 */
static json_object *ask_apps(struct appmand *d, const struct plan *p)
{
	const uint32_t ready = 0x01 /* UpdateReadyForInstall */, app_update = 1;
	uint64_t now = appmand_now_ms();
	bool same = d->update_pending && !strcmp(d->pending_id, p->dep.id.str);

	if (same && d->deferring && d->deferred_until_ms > now)
		return not_yet(p, "deferred", d->deferred_until_ms - now);
	if (!same && runtime_subscribers(d, ready)) {
		d->update_pending = true;
		d->deferring = NULL;
		d->deferred_until_ms = 0;
		snprintf(d->pending_id, sizeof(d->pending_id), "%s", p->dep.id.str);
		d->pending_until_ms = now + DEFER_WINDOW_MS;
		fprintf(stderr, "appmand: cloud update: deployment %s announced to the apps\n",
			p->dep.id.str);
		runtime_broadcast(d, ready, 1 /* Pending */, app_update);
		return not_yet(p, "pending", DEFER_WINDOW_MS);
	}
	if (same && now < d->pending_until_ms)
		return not_yet(p, "pending", d->pending_until_ms - now);
	return NULL;
}

json_object *cloud_update(struct appmand *d, const char *dir, bool *reboot)
{
	static struct plan p;
	struct azs_trusted_key keys[8];
	struct azs_error err;
	json_object *o;
	size_t n;
	int ret;

	memset(&p, 0, sizeof(p));
	for (int i = 0; i < AZS_DEPLOY_MAX_PACKAGES; i++)
		p.memfds[i] = -1;
	azs_error_clear(&err);
	ret = platform_read_security(d);
	if (ret)
		return refuse(ret, NULL, "cannot read the device's capabilities");
	if (d->caps_present & (UINT64_C(1) << AZS_CAP_APP_DEVELOPMENT))
		return refuse(-EPERM, NULL, NOT_IN_DEVELOPMENT);
	ret = platform_trusted_keys(keys, 8, &n);
	if (ret)
		return refuse(ret, NULL, "cannot read the security monitor's keys");
	ret = azs_deployment_open_dir(dir, keys, n, &p.dep, p.memfds, p.infos, &err);
	if (!ret)
		ret = check_rollback(d, &p, &err);
	if (!ret)
		ret = check_set(&p, &err);
	if (ret) {
		plan_free(&p);
		fprintf(stderr, "appmand: cloud update refused: %s: %s\n", err.field, err.reason);
		return refuse(ret, err.field, err.reason);
	}
	decide(d, &p);
	{
		bool changes = p.n_removals > 0;

		for (size_t i = 0; i < p.dep.n; i++)
			changes |= !p.unchanged[i];
		if (!changes) {
			runtime_broadcast(d, 0x04 /* NoUpdateAvailable */, 2 /* Final */, 1);
		} else if ((o = ask_apps(d, &p))) {
			plan_free(&p);
			return o;
		} else {
			d->update_pending = false;
			d->deferring = NULL;
			d->deferred_until_ms = 0;
			runtime_broadcast(d, 0x02 /* UpdateStarted */, 2 /* Final */, 1);
		}
	}
	o = json_object_new_object();
	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_object_object_add(o, "deployment", json_object_new_string(p.dep.id.str));
	json_object_object_add(o, "applied", json_object_new_boolean(1));
	/* Recorded first: a failure part-way must not let an older one back in. */
	ret = record_applied(d, &p);
	if (ret)
		azs_error_set(&err, ret, APPLIED_FILE, "cannot record the deployment");
	else
		ret = apply(d, &p, o, &err);
	plan_free(&p);
	if (ret) {
		char why[512];

		json_object_put(o);
		azs_format(
			why, sizeof(why),
			"the cloud update failed part-way (changes before it are applied): %s: %s",
			err.field, err.reason);
		fprintf(stderr, "appmand: %s\n", why);
		return refuse(ret, NULL, why);
	}
	json_object_object_add(o, "reboot", json_object_new_boolean(p.reboot));
	fprintf(stderr, "appmand: cloud update: deployment %s applied%s\n", p.dep.id.str,
		p.reboot ? "; rebooting to apply it" : "");
	*reboot = p.reboot;
	return o;
}
