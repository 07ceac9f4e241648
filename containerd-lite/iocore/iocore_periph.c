// SPDX-License-Identifier: MIT
/* The I/O core's ADC, PWM and ISU register models (see iocore_periph.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "iocore_periph.h"

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t esize, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, esize, fmt, ap);
	va_end(ap);
	return -1;
}

/* The board refused: the firewall (the block left the core meanwhile) or a value. */
static int refused(char *err, size_t esize, const char *what, int ret)
{
	if (ret == -EACCES)
		return fail(err, esize, "firewall: %s is not assigned to this core", what);
	return fail(err, esize, "%s: the board refused it: %s", what, strerror(-ret));
}

static bool in(uint32_t off, uint32_t size, uint32_t base, uint32_t len)
{
	return off >= base && off - base <= len && size <= len - (off - base);
}

/* A 32-bit register: one aligned word access. */
static bool reg_access(uint32_t off, uint32_t size, uint32_t reg)
{
	return off == reg && size == 4;
}

bool azs_periph_claims(const struct azs_ioc_target *t)
{
	switch (t->region) {
	case AZS_IOC_ADC:
	case AZS_IOC_ISU:
		return true;
	case AZS_IOC_GPIO:
		return t->offset >= AZS_PWM_CH(0);
	default:
		return false;
	}
}

static int no_reg(const struct azs_ioc_target *t, uint32_t size, bool write, char *err,
		  size_t esize)
{
	return fail(err, esize, "%s of %u bytes at 0x%08x (no register there)",
		    write ? "write" : "read", size, t->base + t->offset);
}

/* ---- ADC ---- */

static int adc_read(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		    uint32_t *value, char *err, size_t esize)
{
	uint32_t ch = (t->offset - AZS_ADC_CH_DATA(0)) / 4u;
	char what[48];
	int ret;

	if (t->offset < AZS_ADC_CH_DATA(0) || ch >= AZS_ADC_CHANNELS ||
	    !reg_access(t->offset, size, AZS_ADC_CH_DATA(ch)))
		return no_reg(t, size, false, err, esize);
	ret = p->ops.adc_read(p->ops.ctx, ch, value);
	if (ret) {
		snprintf(what, sizeof(what), "adc channel %u", ch);
		return refused(err, esize, what, ret);
	}
	return 0;
}

/* ---- PWM (GPIO/PWM blocks 0..2) ---- */

static struct azs_pwm_regs *pwm_regs(struct azs_periph *p, const struct azs_ioc_target *t,
				     uint32_t size, uint32_t *reg, uint32_t *ch)
{
	uint32_t rel = t->offset - AZS_PWM_CH(0);

	*ch = rel / 0x10u;
	*reg = rel % 0x10u;
	if (t->block >= AZS_PWM_BLOCKS || *ch >= AZS_PWM_CHANNELS || size != 4 ||
	    (*reg != AZS_PWM_CTRL && *reg != AZS_PWM_PERIOD && *reg != AZS_PWM_DUTY))
		return NULL;
	return &p->pwm[t->block][*ch];
}

static int pwm_read(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		    uint32_t *value, char *err, size_t esize)
{
	uint32_t reg, ch;
	struct azs_pwm_regs *r = pwm_regs(p, t, size, &reg, &ch);

	if (!r)
		return no_reg(t, size, false, err, esize);
	*value = reg == AZS_PWM_CTRL ? r->ctrl : reg == AZS_PWM_PERIOD ? r->period : r->duty;
	return 0;
}

static int pwm_write(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		     uint32_t v, char *err, size_t esize)
{
	uint32_t reg, ch;
	struct azs_pwm_regs *r = pwm_regs(p, t, size, &reg, &ch);
	char what[48];
	int ret;

	if (!r)
		return no_reg(t, size, true, err, esize);
	if (reg == AZS_PWM_PERIOD) {
		r->period = v;
		return 0;
	}
	if (reg == AZS_PWM_DUTY) {
		r->duty = v;
		return 0;
	}
	snprintf(what, sizeof(what), "pwm controller %u channel %u", t->block, ch);
	if (v & ~(AZS_PWM_CTRL_EN | AZS_PWM_CTRL_INV))
		return fail(err, esize, "%s: CTRL 0x%x has bits other than EN and INV", what, v);
	/* The whole state at once: the board validates the period and duty. */
	ret = p->ops.pwm_set(p->ops.ctx, t->block, ch, r->period, r->duty, v & AZS_PWM_CTRL_INV,
			     v & AZS_PWM_CTRL_EN);
	if (ret == -EINVAL)
		return fail(err, esize,
			    "%s: period %u ns, duty %u ns refused (period 1000..1000000000, "
			    "duty <= period)",
			    what, r->period, r->duty);
	if (ret)
		return refused(err, esize, what, ret);
	r->ctrl = v;
	return 0;
}

/* ---- ISU: I2C master, UART ---- */

/* Fetch what the board received for this ISU's UART once the last is read. */
static int isu_uart_fill(struct azs_periph *p, uint32_t n, char *err, size_t esize)
{
	struct azs_isu_regs *r = &p->isu[n];
	uint32_t got = 0;
	char what[48];
	int ret;

	if (r->uart_pos < r->uart_len)
		return 0;
	r->uart_pos = r->uart_len = 0;
	ret = p->ops.uart_read(p->ops.ctx, n, r->uart_rx, AZS_ISU_UART_RX, &got);
	if (ret) {
		snprintf(what, sizeof(what), "isu %u uart", n);
		return refused(err, esize, what, ret);
	}
	r->uart_len = got <= AZS_ISU_UART_RX ? got : AZS_ISU_UART_RX;
	return 0;
}

static int isu_read(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		    uint32_t *value, char *err, size_t esize)
{
	struct azs_isu_regs *r = &p->isu[t->block];
	uint32_t off = t->offset, i;
	int ret;

	if (in(off, size, AZS_ISU_I2C_TXBUF, 2 * AZS_ISU_I2C_BUF)) {
		/* TXBUF and RXBUF are adjacent: one array each, no straddling. */
		const uint8_t *b = off < AZS_ISU_I2C_RXBUF ? r->tx + (off - AZS_ISU_I2C_TXBUF)
							   : r->rx + (off - AZS_ISU_I2C_RXBUF);

		if (off < AZS_ISU_I2C_RXBUF && !in(off, size, AZS_ISU_I2C_TXBUF, AZS_ISU_I2C_BUF))
			return no_reg(t, size, false, err, esize);
		*value = 0;
		for (i = 0; i < size; i++)
			*value |= (uint32_t)b[i] << (8 * i);
		return 0;
	}
	if (size != 4)
		return no_reg(t, size, false, err, esize);
	switch (off) {
	case AZS_ISU_I2C_ADDR:
		*value = r->addr;
		return 0;
	case AZS_ISU_I2C_WLEN:
		*value = r->wlen;
		return 0;
	case AZS_ISU_I2C_RLEN:
		*value = r->rlen;
		return 0;
	case AZS_ISU_I2C_STATUS:
		*value = r->status;
		return 0;
	case AZS_ISU_UART_LSR:
		ret = isu_uart_fill(p, t->block, err, esize);
		if (ret)
			return ret;
		*value = AZS_ISU_UART_LSR_IDLE |
			 (r->uart_pos < r->uart_len ? AZS_ISU_UART_LSR_DR : 0);
		if (r->uart_pos == r->uart_len && p->ops.idle)
			p->ops.idle(p->ops.ctx); /* a poll that found nothing */
		return 0;
	case AZS_ISU_UART_RBR:
		ret = isu_uart_fill(p, t->block, err, esize);
		if (ret)
			return ret;
		*value = r->uart_pos < r->uart_len ? r->uart_rx[r->uart_pos++] : 0;
		return 0;
	default:
		return no_reg(t, size, false, err, esize);
	}
}

static int isu_i2c_start(struct azs_periph *p, uint32_t n, char *err, size_t esize)
{
	struct azs_isu_regs *r = &p->isu[n];
	char what[48];
	int ret;

	snprintf(what, sizeof(what), "isu %u i2c", n);
	if (!r->wlen && !r->rlen)
		return fail(err, esize, "%s: START with WLEN and RLEN both 0", what);
	r->status = 0;
	ret = p->ops.i2c_xfer(p->ops.ctx, n, r->addr, r->tx, r->wlen, r->rx, r->rlen);
	if (ret == -ENXIO) {
		r->status = AZS_ISU_I2C_DONE | AZS_ISU_I2C_NACK;
		return 0;
	}
	if (ret)
		return refused(err, esize, what, ret);
	r->status = AZS_ISU_I2C_DONE;
	return 0;
}

static int isu_write(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		     uint32_t v, char *err, size_t esize)
{
	struct azs_isu_regs *r = &p->isu[t->block];
	uint32_t off = t->offset, i;
	char what[48];
	int ret;

	if (in(off, size, AZS_ISU_I2C_TXBUF, AZS_ISU_I2C_BUF)) {
		for (i = 0; i < size; i++)
			r->tx[off - AZS_ISU_I2C_TXBUF + i] = (uint8_t)(v >> (8 * i));
		return 0;
	}
	/* THR takes a byte store as well as a word. */
	if (off == AZS_ISU_UART_THR && (size == 1 || size == 4)) {
		snprintf(what, sizeof(what), "isu %u uart", t->block);
		ret = p->ops.uart_write(p->ops.ctx, t->block, (uint8_t)v);
		return ret ? refused(err, esize, what, ret) : 0;
	}
	if (size != 4)
		return no_reg(t, size, true, err, esize);
	switch (off) {
	case AZS_ISU_I2C_ADDR:
		if (v > 0x7f)
			return fail(err, esize, "isu %u i2c: ADDR 0x%x is not a 7-bit address",
				    t->block, v);
		r->addr = v;
		return 0;
	case AZS_ISU_I2C_WLEN:
	case AZS_ISU_I2C_RLEN:
		if (v > AZS_ISU_I2C_BUF)
			return fail(err, esize, "isu %u i2c: %s %u over the %u-byte buffer",
				    t->block, off == AZS_ISU_I2C_WLEN ? "WLEN" : "RLEN", v,
				    AZS_ISU_I2C_BUF);
		if (off == AZS_ISU_I2C_WLEN)
			r->wlen = v;
		else
			r->rlen = v;
		return 0;
	case AZS_ISU_I2C_START:
		if (v != 1)
			return fail(err, esize, "isu %u i2c: START 0x%x (1 starts)", t->block, v);
		return isu_i2c_start(p, t->block, err, esize);
	default:
		return no_reg(t, size, true, err, esize);
	}
}

int azs_periph_read(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		    uint32_t *value, char *err, size_t esize)
{
	*value = 0;
	switch (t->region) {
	case AZS_IOC_ADC:
		return adc_read(p, t, size, value, err, esize);
	case AZS_IOC_GPIO:
		return pwm_read(p, t, size, value, err, esize);
	case AZS_IOC_ISU:
		return isu_read(p, t, size, value, err, esize);
	default:
		return no_reg(t, size, false, err, esize);
	}
}

int azs_periph_write(struct azs_periph *p, const struct azs_ioc_target *t, uint32_t size,
		     uint32_t value, char *err, size_t esize)
{
	switch (t->region) {
	case AZS_IOC_GPIO:
		return pwm_write(p, t, size, value, err, esize);
	case AZS_IOC_ISU:
		return isu_write(p, t, size, value, err, esize);
	default: /* the ADC has no writable register */
		return no_reg(t, size, true, err, esize);
	}
}
