// SPDX-License-Identifier: MIT
/*
 * Can an app be installed beside others (see resources.h)? The installed
 * apps' resources, then the candidate's, are assigned through the pure
 * firewall core over a simulated register file, exactly as the firewall
 * driver would assign them; the first refusal is explained.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "fw_table.h"
#include "resources.h"

#define FIRST_UID 1000u /* owners of the simulated HL apps: FIRST_UID + slot */
#define NO_APP    ((size_t)-1)

static const char *const core_names[] = {"none", "HL", "IO0", "IO1"};

struct app {
	const struct azs_manifest *m;
	u32 core;
	u32 owner;
	char label[80]; /* "'Name' (component-id)" */
};

struct holder {
	u32 kind, index;
	size_t app;
};

struct sim {
	struct azs_fw_table t;
	struct azs_fw_block_reg reg[AZS_INV_NUM_BLOCKS];
	struct holder held[AZS_INV_MAX_GPIO + 1 + AZS_INV_NUM_BLOCKS];
	size_t n_held;
	struct app *apps;
	size_t n_apps;
	struct azs_error *err;
};

static void set_label(struct app *a)
{
	snprintf(a->label, sizeof(a->label), "'%.24s' (%s)", a->m->name ? a->m->name : "",
		 a->m->component_id.str);
}

/* The field of M that requests (KIND, INDEX): "Capabilities.Gpio[0]". */
static void resource_field(const struct azs_manifest *m, u32 kind, u32 index, char *buf,
			   size_t size)
{
	const struct azs_manifest_periph *p = &m->caps.periph[kind];

	for (size_t i = 0; i < p->n && i < AZS_MANIFEST_MAX_PERIPHERALS; i++) {
		if (p->index[i] == index) {
			snprintf(buf, size, "Capabilities.%s[%zu]", azs_manifest_periph_key(kind),
				 i);
			return;
		}
	}
	snprintf(buf, size, "Capabilities.%s", azs_manifest_periph_key(kind));
}

static bool is_isu_role(u32 kind)
{
	return kind == AZS_FW_KIND_UART || kind == AZS_FW_KIND_I2C || kind == AZS_FW_KIND_SPI;
}

/* Who holds (KIND, INDEX) itself, else anything of its block: NULL if nobody. */
static const struct holder *find_holder(const struct sim *s, u32 kind, u32 index, int block)
{
	for (size_t i = 0; i < s->n_held; i++)
		if (s->held[i].kind == kind && s->held[i].index == index)
			return &s->held[i];
	for (size_t i = 0; i < s->n_held; i++)
		if (azs_fw_resource_block(s->held[i].kind, s->held[i].index) == block)
			return &s->held[i];
	return NULL;
}

/* Explain why APP may not have (KIND, INDEX): the firewall said RC. */
static int explain(struct sim *s, int code, const char *prefix, size_t app, u32 kind, u32 index,
		   int rc)
{
	const struct app *a = &s->apps[app];
	int block = azs_fw_resource_block(kind, index);
	char field[AZS_PATH_MAX], name[48], hname[48], pins[24];
	const struct holder *h;
	const struct app *o;

	resource_field(a->m, kind, index, field, sizeof(field));
	azs_resource_name(kind, index, name, sizeof(name));
	if (block < 0)
		return azs_error_set(s->err, code, field,
				     "%s%s requested by %s is not an MT3620 %s", prefix, name,
				     a->label, azs_resource_role(kind));
	if (rc != -EBUSY)
		return azs_error_set(s->err, code, field,
				     "%s%s requested by %s cannot be used on core %s", prefix, name,
				     a->label, core_names[a->core]);
	h = find_holder(s, kind, index, block);
	if (!h)
		return azs_error_set(s->err, code, field, "%s%s requested by %s is busy", prefix,
				     name, a->label);
	o = &s->apps[h->app];
	azs_resource_name(h->kind, h->index, hname, sizeof(hname));
	snprintf(pins, sizeof(pins), "GPIO%u-%u", azs_inv_blocks[block].first_pin,
		 azs_inv_blocks[block].first_pin + azs_inv_blocks[block].num_pins - 1);
	if (h->kind == kind && h->index == index)
		return azs_error_set(s->err, code, field,
				     "%s%s requested by %s is already used by %s", prefix, name,
				     a->label, o->label);
	if (o->core != a->core)
		return azs_error_set(s->err, code, field,
				     "%s%s requested by %s (core %s) is in pin block %s, which %s "
				     "uses on core %s; a pin block belongs to one core",
				     prefix, name, a->label, core_names[a->core],
				     azs_inv_blocks[block].name, o->label, core_names[o->core]);
	if (is_isu_role(kind) && is_isu_role(h->kind))
		return azs_error_set(
			s->err, code, field,
			"%s%s requested as %s by %s is already used as %s by %s; an ISU "
			"serves one role at a time",
			prefix, name, azs_resource_role(kind), a->label, azs_resource_role(h->kind),
			o->label);
	if (kind == AZS_FW_KIND_GPIO)
		return azs_error_set(s->err, code, field,
				     "%s%s requested by %s belongs to %s, which %s uses", prefix,
				     name, a->label, hname, o->label);
	if (h->kind == AZS_FW_KIND_GPIO)
		return azs_error_set(s->err, code, field,
				     "%s%s requested by %s needs pins %s, and %s uses %s as a GPIO",
				     prefix, name, a->label, pins, o->label, hname);
	return azs_error_set(s->err, code, field,
			     "%s%s requested by %s: pin block %s already serves %s for %s", prefix,
			     name, a->label, azs_inv_blocks[block].name, azs_resource_role(h->kind),
			     o->label);
}

/* Assign every resource of app APP; the first refusal is explained with CODE. */
static int assign_app(struct sim *s, size_t app, int code, const char *prefix)
{
	const struct app *a = &s->apps[app];
	struct azs_resource_list list;
	int ret = azs_manifest_resources(a->m, &list);

	if (ret)
		return azs_error_set(s->err, code, "Capabilities",
				     "%s%s requests too many resources", prefix, a->label);
	for (size_t i = 0; i < list.n; i++) {
		u32 kind = list.res[i].kind, index = list.res[i].index;
		int block = azs_fw_resource_block(kind, index);
		struct azs_fw_plan plan;

		if (block < 0)
			return explain(s, code, prefix, app, kind, index, -EINVAL);
		ret = azs_fw_plan_assign(&s->t, &s->reg[block], kind, index, a->core, a->owner,
					 &plan);
		if (ret)
			return explain(s, code, prefix, app, kind, index, ret);
		if (plan.noop)
			continue;
		s->reg[block] = plan.next;
		azs_fw_commit_assign(&s->t, kind, index, a->core, a->owner);
		if (s->n_held < sizeof(s->held) / sizeof(s->held[0]))
			s->held[s->n_held++] = (struct holder){kind, index, app};
	}
	return 0;
}

/* The server ports of M, bounded (a manifest built by hand may claim more). */
static size_t server_ports(const struct azs_manifest *m, bool udp, const uint16_t **ports)
{
	size_t n = udp ? m->caps.n_udp_server_ports : m->caps.n_tcp_server_ports;

	*ports = udp ? m->caps.udp_server_ports : m->caps.tcp_server_ports;
	return n < AZS_MANIFEST_MAX_SERVER_PORTS ? n : AZS_MANIFEST_MAX_SERVER_PORTS;
}

/* One app per server port: the candidate's against every other app's. */
static int check_ports(struct sim *s, size_t cand, bool udp)
{
	const uint16_t *ports;
	size_t n = server_ports(s->apps[cand].m, udp, &ports);
	const char *key = udp ? "AllowedUdpServerPorts" : "AllowedTcpServerPorts";
	char field[AZS_PATH_MAX];

	for (size_t i = 0; i < n; i++) {
		for (size_t a = 0; a < s->n_apps; a++) {
			const uint16_t *theirs;
			size_t m = server_ports(s->apps[a].m, udp, &theirs);

			if (a == cand)
				continue;
			for (size_t k = 0; k < m; k++) {
				if (theirs[k] != ports[i])
					continue;
				snprintf(field, sizeof(field), "Capabilities.%s[%zu]", key, i);
				return azs_error_set(s->err, -EBUSY, field,
						     "%s port %u requested by %s is already a "
						     "server port of %s",
						     udp ? "UDP" : "TCP", ports[i],
						     s->apps[cand].label, s->apps[a].label);
			}
		}
	}
	return 0;
}

/* Cores: HL for high-level apps; IO0 then IO1 for real-time apps. */
static int place(struct sim *s, size_t app, size_t *io_used, size_t io_apps[2], bool candidate)
{
	struct app *a = &s->apps[app];

	if (a->m->app_type != AZS_APP_TYPE_REALTIME) {
		a->core = AZS_FW_CORE_HL;
		a->owner = FIRST_UID + (u32)app;
		return 0;
	}
	if (*io_used == 2) {
		if (candidate)
			return azs_error_set(
				s->err, -EBUSY, "ApplicationType",
				"no real-time core left for %s: IO0 runs %s, IO1 runs %s", a->label,
				s->apps[io_apps[0]].label, s->apps[io_apps[1]].label);
		return azs_error_set(s->err, -EINVAL, "ApplicationType",
				     "installed apps conflict: more than two real-time apps (%s)",
				     a->label);
	}
	io_apps[*io_used] = app;
	a->core = *io_used == 0 ? AZS_FW_CORE_IO0 : AZS_FW_CORE_IO1;
	a->owner = AZS_FW_NO_OWNER;
	(*io_used)++;
	return 0;
}

int azs_check_conflicts(const struct azs_manifest *const *installed, size_t n,
			const struct azs_manifest *candidate, struct azs_error *err)
{
	azs_cleanup(azs_freep) struct sim *s = calloc(1, sizeof(*s));
	azs_cleanup(azs_freep) struct app *apps = NULL;
	size_t io_used = 0, io_apps[2] = {NO_APP, NO_APP}, cand;
	int ret;

	azs_error_clear(err);
	if (!candidate || (n && !installed))
		return azs_error_set(err, -EINVAL, "", "no candidate or installed list");
	if (!s || n > SIZE_MAX / sizeof(*apps) - 1)
		return azs_error_set(err, -ENOMEM, "", "out of memory");
	apps = calloc(n + 1, sizeof(*apps));
	if (!apps)
		return azs_error_set(err, -ENOMEM, "", "out of memory");
	azs_fw_table_init(&s->t);
	s->apps = apps;
	s->err = err;

	for (size_t i = 0; i < n; i++) {
		if (!installed[i])
			return azs_error_set(err, -EINVAL, "", "installed[%zu] is NULL", i);
		for (size_t j = 0; j < i; j++)
			if (azs_guid_equal(&installed[i]->component_id,
					   &installed[j]->component_id))
				return azs_error_set(err, -EINVAL, "ComponentId",
						     "installed apps conflict: %s is installed "
						     "twice",
						     installed[i]->component_id.str);
		/* The app the candidate replaces is not in its way. */
		if (azs_guid_equal(&installed[i]->component_id, &candidate->component_id))
			continue;
		apps[s->n_apps].m = installed[i];
		set_label(&apps[s->n_apps]);
		ret = place(s, s->n_apps, &io_used, io_apps, false);
		if (ret)
			return ret;
		s->n_apps++;
	}
	cand = s->n_apps++;
	apps[cand].m = candidate;
	set_label(&apps[cand]);
	ret = place(s, cand, &io_used, io_apps, true);
	if (ret)
		return ret;

	for (size_t a = 0; a < cand; a++) {
		ret = assign_app(s, a, -EINVAL, "installed apps conflict: ");
		if (ret)
			return ret;
	}
	ret = assign_app(s, cand, -EBUSY, "");
	if (!ret)
		ret = check_ports(s, cand, false);
	if (!ret)
		ret = check_ports(s, cand, true);
	return ret;
}
