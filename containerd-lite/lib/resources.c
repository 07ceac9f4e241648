// SPDX-License-Identifier: MIT
/* The firewall resources of a manifest (see resources.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "resources.h"

void azs_resource_name(uint32_t kind, uint32_t index, char *buf, size_t size)
{
	switch (kind) {
	case AZS_FW_KIND_GPIO:
		snprintf(buf, size, "GPIO %u", index);
		break;
	case AZS_FW_KIND_UART:
	case AZS_FW_KIND_I2C:
	case AZS_FW_KIND_SPI:
		snprintf(buf, size, "ISU%u", index);
		break;
	case AZS_FW_KIND_PWM:
		snprintf(buf, size, "PWM-CONTROLLER-%u", index);
		break;
	case AZS_FW_KIND_ADC:
		snprintf(buf, size, "ADC-CONTROLLER-%u", index);
		break;
	case AZS_FW_KIND_I2S:
		snprintf(buf, size, "I2S%u", index);
		break;
	default:
		snprintf(buf, size, "resource %u/%u", kind, index);
		break;
	}
}

const char *azs_resource_role(uint32_t kind)
{
	static const char *const roles[AZS_FW_KIND_MAX + 1] = {
		[AZS_FW_KIND_GPIO] = "GPIO",      [AZS_FW_KIND_UART] = "UART",
		[AZS_FW_KIND_I2C] = "I2C master", [AZS_FW_KIND_SPI] = "SPI master",
		[AZS_FW_KIND_PWM] = "PWM",        [AZS_FW_KIND_ADC] = "ADC",
		[AZS_FW_KIND_I2S] = "I2S",
	};

	return kind >= AZS_FW_KIND_GPIO && kind <= AZS_FW_KIND_MAX ? roles[kind] : "?";
}

int azs_manifest_resources(const struct azs_manifest *m, struct azs_resource_list *out)
{
	out->n = 0;
	for (uint32_t kind = AZS_FW_KIND_GPIO; kind <= AZS_FW_KIND_MAX; kind++) {
		const struct azs_manifest_periph *p = &m->caps.periph[kind];
		size_t first = out->n;

		for (size_t i = 0; i < p->n && i < AZS_MANIFEST_MAX_PERIPHERALS; i++) {
			uint32_t index = p->index[i];
			size_t at = out->n;
			bool dup = false;

			/* Insertion into this kind's sorted run; once each. */
			for (size_t k = first; k < out->n; k++) {
				if (out->res[k].index == index)
					dup = true;
				if (out->res[k].index >= index) {
					at = k;
					break;
				}
			}
			if (dup)
				continue;
			if (out->n == AZS_RESOURCES_MAX)
				return -E2BIG;
			memmove(&out->res[at + 1], &out->res[at],
				(out->n - at) * sizeof(out->res[0]));
			out->res[at].kind = kind;
			out->res[at].index = index;
			out->n++;
		}
	}
	return 0;
}

bool azs_resources_equal(const struct azs_resource_list *a, const struct azs_resource_list *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->res[i].kind != b->res[i].kind || a->res[i].index != b->res[i].index)
			return false;
	return true;
}
