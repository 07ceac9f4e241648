// SPDX-License-Identifier: MIT
/*
 * The peripheral firewall resources an app needs, and whether an app can be
 * installed beside others without fighting over them.
 *
 * A manifest's resources are the firewall's (kind, index) pairs of
 * <azsphere/firewall.h>: a GPIO pin, an ISU in one role (UART, I2C master,
 * SPI master), a PWM or ADC controller, an I2S interface. The conflict check
 * replays the firewall's own decisions (kernel/core/fw_table.c) over a
 * simulated register file, so the rules are the firewall's:
 *
 *   - high-level apps (ApplicationType Default) use the HL core, each as its
 *     own owner; real-time apps take IO0 then IO1 (installed ones in list
 *     order, then the candidate), so no two real-time apps and no real-time
 *     and high-level app share a pin block, and a third real-time app has no
 *     core left;
 *   - a resource has one owner: the same pin, ISU, controller twice is refused;
 *   - a pin block serves one function: an ISU in two roles, or a PWM/ADC
 *     controller whose pins another app uses as GPIOs, is refused;
 *   - several high-level apps may use different pins of one block as GPIOs.
 *
 * TCP and UDP server ports are checked as well: one app per port.
 */
#ifndef AZS_RESOURCES_H
#define AZS_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <azsphere/firewall.h>

#include "azs_error.h"
#include "manifest.h"

#define AZS_RESOURCES_MAX 128

struct azs_resource_list {
	size_t n;
	struct azs_fw_resource res[AZS_RESOURCES_MAX]; /* by kind, then index; each once */
};

/* The resources M needs, in canonical order: 0, or -E2BIG if they don't fit. */
int azs_manifest_resources(const struct azs_manifest *m, struct azs_resource_list *out);

/* Same resources (both lists canonical)? */
bool azs_resources_equal(const struct azs_resource_list *a, const struct azs_resource_list *b);

/* "GPIO 8", "ISU0", "PWM-CONTROLLER-2", "ADC-CONTROLLER-0", "I2S1". */
void azs_resource_name(uint32_t kind, uint32_t index, char *buf, size_t size);

/* "GPIO", "UART", "I2C master", "SPI master", "PWM", "ADC", "I2S". */
const char *azs_resource_role(uint32_t kind);

/*
 * Can CANDIDATE be installed beside the N apps INSTALLED? An installed app
 * with the candidate's ComponentId is the one being replaced and is left
 * out. 0 if so; -EBUSY with err naming the candidate's field
 * ("Capabilities.Gpio[0]"), both apps and the resource if not; -EINVAL if
 * the installed apps already conflict among themselves or one ComponentId is
 * installed twice.
 */
int azs_check_conflicts(const struct azs_manifest *const *installed, size_t n,
			const struct azs_manifest *candidate, struct azs_error *err);

#endif /* AZS_RESOURCES_H */
