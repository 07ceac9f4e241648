// SPDX-License-Identifier: MIT
/* Component ID to app uid map (see uidmap.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "uidmap.h"

void azs_uidmap_init(struct azs_uidmap *m)
{
	m->n = 0;
}

static int find(const struct azs_uidmap *m, const struct azs_guid *cid)
{
	for (size_t i = 0; i < m->n; i++)
		if (azs_guid_equal(&m->e[i].cid, cid))
			return (int)i;
	return -1;
}

int azs_uidmap_parse(const char *text, size_t len, struct azs_uidmap *m, struct azs_error *err)
{
	size_t pos = 0;
	unsigned int line = 0;

	azs_uidmap_init(m);
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		char field[24];
		struct azs_guid cid;
		unsigned long uid = 0;
		size_t i = pos, digits = 0;

		line++;
		snprintf(field, sizeof(field), "line %u", line);
		if (!nl)
			return azs_error_set(err, -EINVAL, field, "missing newline at the end");
		while (i < end && text[i] >= '0' && text[i] <= '9' && digits < 6) {
			uid = uid * 10 + (unsigned long)(text[i++] - '0');
			digits++;
		}
		if (digits == 0 || i >= end || text[i] != ' ')
			return azs_error_set(err, -EINVAL, field,
					     "expected \"<uid> <component id>\"");
		if (uid < AZS_APP_UID_MIN || uid > AZS_APP_UID_MAX)
			return azs_error_set(err, -EINVAL, field, "uid %lu outside %u..%u", uid,
					     AZS_APP_UID_MIN, AZS_APP_UID_MAX);
		if (azs_guid_parse(text + i + 1, end - i - 1, &cid))
			return azs_error_set(err, -EINVAL, field, "not a component id");
		if (find(m, &cid) >= 0)
			return azs_error_set(err, -EINVAL, field, "component %s listed twice",
					     cid.str);
		for (size_t k = 0; k < m->n; k++)
			if (m->e[k].uid == uid)
				return azs_error_set(err, -EINVAL, field,
						     "uid %lu given to two components", uid);
		if (m->n == AZS_UIDMAP_MAX)
			return azs_error_set(err, -EINVAL, field, "more than %d entries",
					     AZS_UIDMAP_MAX);
		m->e[m->n].cid = cid;
		m->e[m->n].uid = (uint32_t)uid;
		m->n++;
		pos = end + 1;
	}
	return 0;
}

int azs_uidmap_format(const struct azs_uidmap *m, char *buf, size_t size)
{
	size_t off = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		int n = snprintf(buf + off, size - off, "%u %s\n", m->e[i].uid, m->e[i].cid.str);

		if (n < 0 || (size_t)n >= size - off)
			return -ENOSPC;
		off += (size_t)n;
	}
	return (int)off;
}

int azs_uidmap_get(struct azs_uidmap *m, const struct azs_guid *cid, uint32_t *uid, bool *created)
{
	int i = find(m, cid);
	uint32_t next = AZS_APP_UID_MIN;

	*created = false;
	if (i >= 0) {
		*uid = m->e[i].uid;
		return 0;
	}
	for (size_t k = 0; k < m->n; k++)
		if (m->e[k].uid >= next)
			next = m->e[k].uid + 1;
	if (next > AZS_APP_UID_MAX || m->n == AZS_UIDMAP_MAX)
		return -ENOSPC;
	m->e[m->n].cid = *cid;
	m->e[m->n].uid = next;
	m->n++;
	*uid = next;
	*created = true;
	return 0;
}
