/* SPDX-License-Identifier: MIT */
/*
 * The firewalled peripheral blocks of an emulated I/O core as register
 * models (docs/iocore.md, "Peripheral registers"): the ADC, the PWM
 * channels of GPIO/PWM blocks 0..2 and the ISUs (I2C master, UART). Pure: every register access
 * decodes to at most one action on the board, which the caller's ops perform as this core
 * (azs-iocore: the initiator device, each after the firewall check for the core), so host tests
 * drive the decode with their own ops.
 *
 * The layouts are ours: MT3620's M4-side registers are public only through
 * MediaTek's M4 drivers; the names follow their shape (a channel select and
 * a data register per ADC channel, a control/period/duty triple per PWM
 * channel, an ISU with a data FIFO and a status register), the offsets and
 * bits do not claim to match the silicon.
 */
#ifndef AZS_IOCORE_PERIPH_H
#define AZS_IOCORE_PERIPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iocore_map.h"

/* ADC block (AZS_IOC_ADC_BASE): CH_DATA(n), read: converts channel n now. */
#define AZS_ADC_CH_DATA(n) (0x10u + 4u * (n))
#define AZS_ADC_CHANNELS   8u

/* PWM channel c (0..3) of GPIO/PWM block k (0..2): at AZS_PWM_CH(c). */
#define AZS_PWM_CH(c)    (0x40u + 0x10u * (c))
#define AZS_PWM_CTRL     0x0u /* RW: bit 0 enable, bit 1 inverse; a write applies */
#define AZS_PWM_PERIOD   0x4u /* RW: ns, 1000..1000000000 */
#define AZS_PWM_DUTY     0x8u /* RW: ns, <= PERIOD */
#define AZS_PWM_CTRL_EN  (1u << 0)
#define AZS_PWM_CTRL_INV (1u << 1)
#define AZS_PWM_BLOCKS   3u
#define AZS_PWM_CHANNELS 4u

/* ISU block n: I2C master. */
#define AZS_ISU_I2C_ADDR   0x00u /* RW: 7-bit address */
#define AZS_ISU_I2C_WLEN   0x04u /* RW: bytes to write from TXBUF, 0..64 */
#define AZS_ISU_I2C_RLEN   0x08u /* RW: bytes to read into RXBUF, 0..64 */
#define AZS_ISU_I2C_START  0x0Cu /* WO: 1 runs the transfer (write, then read) */
#define AZS_ISU_I2C_STATUS 0x10u /* RO: bit 0 done, bit 1 NACK */
#define AZS_ISU_I2C_DONE   (1u << 0)
#define AZS_ISU_I2C_NACK   (1u << 1)
#define AZS_ISU_I2C_TXBUF  0x40u /* 64 bytes */
#define AZS_ISU_I2C_RXBUF  0x80u /* 64 bytes, RO */
#define AZS_ISU_I2C_BUF    64u
/* ISU block n: UART (its far end: the board's uart/isu<n>/tx and rx). */
#define AZS_ISU_UART_THR      0xC0u /* WO: one byte to send */
#define AZS_ISU_UART_RBR      0xC4u /* RO: the next byte received (0: none) */
#define AZS_ISU_UART_LSR      0xD4u /* RO: THRE | TEMT always, DR when a byte waits */
#define AZS_ISU_UART_LSR_IDLE 0x60u
#define AZS_ISU_UART_LSR_DR   0x01u
#define AZS_ISU_UART_RX       64u /* bytes fetched from the board at a time */

/* What the board does for the core. Each returns 0 or -errno: -EACCES the
 * block is not the core's, -ENXIO (I2C) no device acknowledged, anything
 * else a refusal. */
struct azs_periph_ops {
	void *ctx;
	int (*adc_read)(void *ctx, uint32_t channel, uint32_t *sample);
	int (*pwm_set)(void *ctx, uint32_t controller, uint32_t channel, uint32_t period_ns,
		       uint32_t duty_ns, bool inversed, bool enabled);
	int (*i2c_xfer)(void *ctx, uint32_t isu, uint32_t addr, const uint8_t *wbuf, uint32_t wlen,
			uint8_t *rbuf, uint32_t rlen);
	int (*uart_write)(void *ctx, uint32_t isu, uint8_t byte);
	/* Up to LEN bytes received; *GOT of them (0: none waiting). */
	int (*uart_read)(void *ctx, uint32_t isu, uint8_t *buf, uint32_t len, uint32_t *got);
	/* The app polled and nothing was there: give the host CPU a moment. */
	void (*idle)(void *ctx);
};

struct azs_pwm_regs {
	uint32_t ctrl, period, duty;
};

struct azs_isu_regs {
	uint32_t addr, wlen, rlen, status;
	uint8_t tx[AZS_ISU_I2C_BUF], rx[AZS_ISU_I2C_BUF];
	/* UART bytes fetched from the board, not read yet: uart_rx[uart_pos..uart_len). */
	uint8_t uart_rx[AZS_ISU_UART_RX];
	uint32_t uart_pos, uart_len;
};

struct azs_periph {
	struct azs_periph_ops ops;
	struct azs_pwm_regs pwm[AZS_PWM_BLOCKS][AZS_PWM_CHANNELS];
	struct azs_isu_regs isu[AZS_IOC_ISU_BLOCKS];
};

/* Is T (a decoded GPIO/PWM block, ADC or ISU address) one of these models'? */
bool azs_periph_claims(const struct azs_ioc_target *t);

/*
 * One access of SIZE bytes (1, 2 or 4; little-endian) at T, which the
 * firewall already allowed. 0, or -1 with ERR saying what is wrong (no
 * register there, a bad value, the board's refusal): the caller faults the
 * core with it.
 */
int azs_periph_read(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		    uint32_t *value, char *err, size_t esize);
int azs_periph_write(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		     uint32_t value, char *err, size_t esize);

#endif
