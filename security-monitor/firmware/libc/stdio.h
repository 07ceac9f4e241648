/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Mbed TLS includes it; the firmware has no stdio. */
