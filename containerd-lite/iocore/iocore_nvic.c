// SPDX-License-Identifier: MIT
/* azs-iocore's exception model (see iocore_nvic.h, docs/iocore.md). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "iocore_map.h"
#include "iocore_nvic.h"

/* System Control Space offsets (the page at AZS_IOC_SCS_BASE). */
#define SCS_ICTR   0x004u
#define SYST_CSR   0x010u
#define SYST_RVR   0x014u
#define SYST_CVR   0x018u
#define SYST_CALIB 0x01Cu
#define NVIC_ISER  0x100u
#define NVIC_ICER  0x180u
#define NVIC_ISPR  0x200u
#define NVIC_ICPR  0x280u
#define NVIC_IABR  0x300u
#define NVIC_IPR   0x400u
#define SCB_CPUID  0xD00u
#define SCB_ICSR   0xD04u
#define SCB_VTOR   0xD08u
#define SCB_AIRCR  0xD0Cu
#define SCB_SCR    0xD10u
#define SCB_CCR    0xD14u
#define SCB_SHPR1  0xD18u /* ..0xD23: SHPR1-3, one byte per exception 4..15 */
#define SCB_SHCSR  0xD24u
#define SCB_CFSR   0xD28u
#define SCB_HFSR   0xD2Cu
#define SCB_MMFAR  0xD34u
#define SCB_BFAR   0xD38u
#define SCB_CPACR  0xD88u
#define NVIC_STIR  0xF00u

#define CORTEX_M4_R0P1 0x410FC241u
#define CSR_ENABLE     1u
#define CSR_TICKINT    2u
#define CSR_CLKSOURCE  4u
#define CSR_COUNTFLAG  (1u << 16)
#define ICSR_PENDSTCLR (1u << 25)
#define ICSR_PENDSTSET (1u << 26)
#define ICSR_PENDSVCLR (1u << 27)
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_NMIPENDSET (1u << 31)
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define HFSR_FORCED    (1u << 30)
#define CCR_STKALIGN   (1u << 9)
#define XPSR_ALIGN     (1u << 9)
#define XPSR_T         (1u << 24)
#define NO_PRIO        256

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

__attribute__((format(printf, 2, 3))) static int stop(struct azs_nvic *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(n->why, sizeof(n->why), fmt, ap);
	va_end(ap);
	return -1;
}

static const char *exc_name(unsigned int exc, char *buf, size_t size)
{
	static const char *const names[16] = {
		[AZS_EXC_NMI] = "NMI",		     [AZS_EXC_HARDFAULT] = "HardFault",
		[AZS_EXC_MEMMANAGE] = "MemManage",   [AZS_EXC_BUSFAULT] = "BusFault",
		[AZS_EXC_USAGEFAULT] = "UsageFault", [AZS_EXC_SVCALL] = "SVCall",
		[12] = "DebugMonitor",		     [AZS_EXC_PENDSV] = "PendSV",
		[AZS_EXC_SYSTICK] = "SysTick",
	};

	if (exc < 16)
		snprintf(buf, size, "%s", names[exc] ? names[exc] : "reserved");
	else
		snprintf(buf, size, "IRQ %u%s", exc - AZS_EXC_IRQ0,
			 exc - AZS_EXC_IRQ0 == AZS_IRQ_GPT    ? " (GPT)"
			 : exc - AZS_EXC_IRQ0 == AZS_IRQ_MBOX ? " (mailbox)"
							      : "");
	return buf;
}

/* The priority an exception runs at: fixed ones negative. */
static int exc_prio(const struct azs_nvic *n, unsigned int exc)
{
	if (exc == AZS_EXC_NMI)
		return -2;
	if (exc == AZS_EXC_HARDFAULT)
		return -1;
	return n->prio[exc] & AZS_NVIC_PRIO_MASK;
}

static uint32_t reg(struct azs_nvic *n, int r)
{
	uint32_t v = 0;

	uc_reg_read(n->uc, r, &v);
	return v;
}

static void set_reg(struct azs_nvic *n, int r, uint32_t v)
{
	uc_reg_write(n->uc, r, &v);
}

/* The running priority: the active exceptions' and, unless IGNORE_MASKS,
 * FAULTMASK's, PRIMASK's and BASEPRI's boost. */
static int running_prio(struct azs_nvic *n, bool ignore_masks)
{
	int p = NO_PRIO;

	for (unsigned int i = 0; i < n->depth; i++) {
		int q = exc_prio(n, n->stack[i]);

		if (q < p)
			p = q;
	}
	if (!ignore_masks) {
		uint32_t basepri = reg(n, UC_ARM_REG_BASEPRI) & AZS_NVIC_PRIO_MASK;

		if (reg(n, UC_ARM_REG_FAULTMASK) & 1u)
			p = p < -1 ? p : -1;
		else if (reg(n, UC_ARM_REG_PRIMASK) & 1u)
			p = p < 0 ? p : 0;
		else if (basepri && (int)basepri < p)
			p = (int)basepri;
	}
	return p;
}

/* The pending exception taken next: the lowest priority value, then the
 * lowest number. 0 if none. */
static unsigned int best_pending(const struct azs_nvic *n)
{
	unsigned int best = 0;

	if (!n->npending)
		return 0;
	for (unsigned int e = 1; e < AZS_NVIC_EXCS; e++) {
		if (!n->pending[e] || n->active[e] || (e >= AZS_EXC_IRQ0 && !n->enabled[e]))
			continue;
		if (!best || exc_prio(n, e) < exc_prio(n, best))
			best = e;
	}
	return best;
}

static void set_pending(struct azs_nvic *n, unsigned int exc, bool on)
{
	if (exc == 0 || exc >= AZS_NVIC_EXCS || n->pending[exc] == on)
		return;
	n->pending[exc] = on;
	if (on) {
		n->npending++;
		n->kick = true;
	} else {
		n->npending--;
	}
}

void azs_nvic_irq(struct azs_nvic *n, unsigned int irq)
{
	if (irq < AZS_NVIC_IRQS)
		set_pending(n, AZS_EXC_IRQ0 + irq, true);
}

bool azs_nvic_ready(struct azs_nvic *n, bool ignore_masks)
{
	unsigned int e = best_pending(n);

	return e && exc_prio(n, e) < running_prio(n, ignore_masks);
}

/* ---- timers ---- */

static uint64_t systick_period_ns(const struct azs_nvic *n)
{
	uint64_t ns = ((uint64_t)n->st_rvr + 1u) * 1000000000u / AZS_SYSTICK_HZ;

	return ns < 10000u ? 10000u : ns; /* at most 100000 ticks a second */
}

static void systick_start(struct azs_nvic *n, uint64_t now)
{
	n->st_start_ns = now;
	n->st_period_ns = systick_period_ns(n);
	n->st_due_ns = (n->st_csr & CSR_ENABLE) && n->st_rvr ? now + n->st_period_ns : 0;
}

static uint64_t gpt_tick_ns(const struct azs_nvic_timer *t)
{
	return t->ctrl & AZS_GPT_CTRL_32K ? 30518u : 1000000u; /* 32.768 kHz or 1 kHz */
}

static void gpt_start(struct azs_nvic_timer *t, uint64_t now)
{
	t->start_ns = now;
	t->period_ns = (uint64_t)(t->icnt ? t->icnt : 1u) * gpt_tick_ns(t);
	t->due_ns = now + t->period_ns;
}

/* Next due after NOW on a periodic timer: missed periods are skipped (an
 * emulated core that fell behind gets one interrupt, not a burst). */
static uint64_t next_period(uint64_t due, uint64_t period, uint64_t now)
{
	if (now >= due)
		due += ((now - due) / period + 1u) * period;
	return due;
}

void azs_nvic_tick(struct azs_nvic *n, uint64_t now)
{
	if (n->st_due_ns && now >= n->st_due_ns) {
		n->st_csr |= CSR_COUNTFLAG;
		if (n->st_csr & CSR_TICKINT)
			set_pending(n, AZS_EXC_SYSTICK, true);
		n->st_due_ns = next_period(n->st_due_ns, n->st_period_ns, now);
	}
	for (unsigned int i = 0; i < 2; i++) {
		struct azs_nvic_timer *t = &n->gpt[i];

		if (!t->due_ns || now < t->due_ns)
			continue;
		n->gpt_isr |= 1u << i;
		if (n->gpt_ier & (1u << i))
			azs_nvic_irq(n, AZS_IRQ_GPT);
		if (t->ctrl & AZS_GPT_CTRL_AUTO) {
			t->due_ns = next_period(t->due_ns, t->period_ns, now);
		} else {
			t->due_ns = 0; /* one-shot: it stops, enable bit cleared */
			t->ctrl &= ~AZS_GPT_CTRL_EN;
		}
	}
}

uint64_t azs_nvic_next_due(const struct azs_nvic *n)
{
	uint64_t due = UINT64_MAX;

	if (n->st_due_ns && n->st_due_ns < due)
		due = n->st_due_ns;
	for (unsigned int i = 0; i < 2; i++)
		if (n->gpt[i].due_ns && n->gpt[i].due_ns < due)
			due = n->gpt[i].due_ns;
	return due;
}

bool azs_nvic_gpt_read(struct azs_nvic *n, uint32_t off, uint32_t *v)
{
	switch (off) {
	case AZS_GPT_ISR:
		azs_nvic_tick(n, now_ns());
		*v = n->gpt_isr;
		return true;
	case AZS_GPT_IER:
		*v = n->gpt_ier;
		return true;
	case AZS_GPT0_CTRL:
	case AZS_GPT1_CTRL:
		azs_nvic_tick(n, now_ns());
		*v = n->gpt[off == AZS_GPT1_CTRL].ctrl;
		return true;
	case AZS_GPT0_ICNT:
	case AZS_GPT1_ICNT:
		*v = n->gpt[off == AZS_GPT1_ICNT].icnt;
		return true;
	case AZS_GPT0_CNT:
	case AZS_GPT1_CNT: {
		struct azs_nvic_timer *t = &n->gpt[off == AZS_GPT1_CNT];

		*v = t->due_ns ? (uint32_t)((now_ns() - t->start_ns) / gpt_tick_ns(t)) : 0;
		return true;
	}
	default:
		return false;
	}
}

bool azs_nvic_gpt_write(struct azs_nvic *n, uint32_t off, uint32_t v)
{
	switch (off) {
	case AZS_GPT_ISR:
		n->gpt_isr &= ~v;
		return true;
	case AZS_GPT_IER:
		n->gpt_ier = v & 3u;
		if (n->gpt_isr & n->gpt_ier)
			azs_nvic_irq(n, AZS_IRQ_GPT);
		return true;
	case AZS_GPT0_CTRL:
	case AZS_GPT1_CTRL: {
		struct azs_nvic_timer *t = &n->gpt[off == AZS_GPT1_CTRL];
		bool was = t->ctrl & AZS_GPT_CTRL_EN;

		t->ctrl = v & 7u;
		if (!(t->ctrl & AZS_GPT_CTRL_EN))
			t->due_ns = 0;
		else if (!was)
			gpt_start(t, now_ns());
		return true;
	}
	case AZS_GPT0_ICNT:
	case AZS_GPT1_ICNT:
		n->gpt[off == AZS_GPT1_ICNT].icnt = v;
		return true;
	default:
		return false;
	}
}

/* ---- the System Control Space ---- */

static uint32_t bits_of(const bool *set, uint32_t word)
{
	uint32_t v = 0;

	for (unsigned int b = 0; b < 32; b++) {
		unsigned int irq = word * 32u + b;

		if (irq < AZS_NVIC_IRQS && set[AZS_EXC_IRQ0 + irq])
			v |= 1u << b;
	}
	return v;
}

static uint64_t scs_read(uc_engine *uc, uint64_t off64, unsigned size, void *user)
{
	struct azs_nvic *n = user;
	uint32_t off = (uint32_t)off64, v = 0;

	(void)uc;
	if (off >= NVIC_IPR && off < NVIC_IPR + AZS_NVIC_IRQS) {
		for (unsigned int i = 0; i < size && off + i < NVIC_IPR + AZS_NVIC_IRQS; i++)
			v |= (uint32_t)n->prio[AZS_EXC_IRQ0 + off - NVIC_IPR + i] << (8 * i);
		return v;
	}
	if (off >= SCB_SHPR1 && off < SCB_SHPR1 + 12) {
		for (unsigned int i = 0; i < size && off + i < SCB_SHPR1 + 12; i++)
			v |= (uint32_t)n->prio[4 + off - SCB_SHPR1 + i] << (8 * i);
		return v;
	}
	if (off >= NVIC_ISER && off < NVIC_IABR + 0x80 && (off & 0x7f) < AZS_NVIC_IRQS / 8) {
		uint32_t word = (off & 0x7f) / 4;

		switch (off & ~0x7fu) {
		case NVIC_ISER:
		case NVIC_ICER:
			return bits_of(n->enabled, word);
		case NVIC_ISPR:
		case NVIC_ICPR:
			return bits_of(n->pending, word);
		default:
			return bits_of(n->active, word);
		}
	}
	switch (off) {
	case SCS_ICTR:
		return AZS_NVIC_IRQS / 32u - 1u;
	case SYST_CSR:
		azs_nvic_tick(n, now_ns());
		v = n->st_csr | CSR_CLKSOURCE;
		n->st_csr &= ~CSR_COUNTFLAG; /* a read clears it */
		return v;
	case SYST_RVR:
		return n->st_rvr;
	case SYST_CVR:
		if (!n->st_due_ns)
			return 0;
		return n->st_rvr - (uint32_t)(((now_ns() - n->st_start_ns) % n->st_period_ns) *
					      AZS_SYSTICK_HZ / 1000000000u) %
					   (n->st_rvr + 1u);
	case SYST_CALIB:
		return (1u << 31) | (AZS_SYSTICK_HZ / 100u - 1u); /* NOREF; 10 ms */
	case SCB_CPUID:
		return CORTEX_M4_R0P1;
	case SCB_ICSR: {
		unsigned int best = best_pending(n);

		v = n->depth ? n->stack[n->depth - 1] : 0;
		v |= (best & 0x1ffu) << 12;
		for (unsigned int e = AZS_EXC_IRQ0; e < AZS_NVIC_EXCS; e++)
			if (n->pending[e])
				v |= 1u << 22; /* ISRPENDING */
		if (n->pending[AZS_EXC_SYSTICK])
			v |= ICSR_PENDSTSET;
		if (n->pending[AZS_EXC_PENDSV])
			v |= ICSR_PENDSVSET;
		if (n->depth <= 1)
			v |= 1u << 11; /* RETTOBASE */
		return v;
	}
	case SCB_VTOR:
		return n->vtor;
	case SCB_AIRCR:
		return 0xFA050000u | (n->aircr & 0x700u);
	case SCB_SCR:
		return n->scr;
	case SCB_CCR:
		return n->ccr;
	case SCB_SHCSR: {
		v = n->shcsr;
		if (n->active[AZS_EXC_MEMMANAGE])
			v |= 1u << 0;
		if (n->active[AZS_EXC_BUSFAULT])
			v |= 1u << 1;
		if (n->active[AZS_EXC_USAGEFAULT])
			v |= 1u << 3;
		if (n->active[AZS_EXC_SVCALL])
			v |= 1u << 7;
		if (n->active[AZS_EXC_PENDSV])
			v |= 1u << 10;
		if (n->active[AZS_EXC_SYSTICK])
			v |= 1u << 11;
		return v;
	}
	case SCB_CFSR:
		return n->cfsr;
	case SCB_HFSR:
		return n->hfsr;
	case SCB_MMFAR:
		return n->mmfar;
	case SCB_BFAR:
		return n->bfar;
	case SCB_CPACR:
		return n->cpacr;
	default:
		return 0;
	}
}

static void set_bits(struct azs_nvic *n, uint32_t base_off, uint32_t off, uint32_t v)
{
	uint32_t word = (off - base_off) / 4;

	for (unsigned int b = 0; b < 32; b++) {
		unsigned int irq = word * 32u + b, e = AZS_EXC_IRQ0 + word * 32u + b;

		if (!(v & (1u << b)) || irq >= AZS_NVIC_IRQS)
			continue;
		switch (base_off) {
		case NVIC_ISER:
			n->enabled[e] = true;
			if (n->pending[e])
				n->kick = true;
			break;
		case NVIC_ICER:
			n->enabled[e] = false;
			break;
		case NVIC_ISPR:
			set_pending(n, e, true);
			break;
		default: /* NVIC_ICPR */
			set_pending(n, e, false);
			break;
		}
	}
}

static void scs_write(uc_engine *uc, uint64_t off64, unsigned size, uint64_t v64, void *user)
{
	struct azs_nvic *n = user;
	uint32_t off = (uint32_t)off64, v = (uint32_t)v64;

	(void)uc;
	if (off >= NVIC_IPR && off < NVIC_IPR + AZS_NVIC_IRQS) {
		for (unsigned int i = 0; i < size && off + i < NVIC_IPR + AZS_NVIC_IRQS; i++)
			n->prio[AZS_EXC_IRQ0 + off - NVIC_IPR + i] =
				(uint8_t)(v >> (8 * i)) & AZS_NVIC_PRIO_MASK;
		n->kick = true;
		return;
	}
	if (off >= SCB_SHPR1 && off < SCB_SHPR1 + 12) {
		for (unsigned int i = 0; i < size && off + i < SCB_SHPR1 + 12; i++)
			n->prio[4 + off - SCB_SHPR1 + i] = (uint8_t)(v >> (8 * i)) & AZS_NVIC_PRIO_MASK;
		n->kick = true;
		return;
	}
	if (off >= NVIC_ISER && off < NVIC_IABR && (off & 0x7f) < AZS_NVIC_IRQS / 8) {
		set_bits(n, off & ~0x7fu, off, v);
		return;
	}
	switch (off) {
	case SYST_CSR: {
		bool was = n->st_csr & CSR_ENABLE;

		n->st_csr = (n->st_csr & CSR_COUNTFLAG) | (v & (CSR_ENABLE | CSR_TICKINT));
		if (!(v & CSR_ENABLE))
			n->st_due_ns = 0;
		else if (!was)
			systick_start(n, now_ns());
		break;
	}
	case SYST_RVR:
		n->st_rvr = v & 0xffffffu;
		break;
	case SYST_CVR: /* any write clears the count: the next period starts now */
		n->st_csr &= ~CSR_COUNTFLAG;
		if (n->st_csr & CSR_ENABLE)
			systick_start(n, now_ns());
		break;
	case SCB_ICSR:
		if (v & ICSR_PENDSVSET)
			set_pending(n, AZS_EXC_PENDSV, true);
		if (v & ICSR_PENDSVCLR)
			set_pending(n, AZS_EXC_PENDSV, false);
		if (v & ICSR_PENDSTSET)
			set_pending(n, AZS_EXC_SYSTICK, true);
		if (v & ICSR_PENDSTCLR)
			set_pending(n, AZS_EXC_SYSTICK, false);
		if (v & ICSR_NMIPENDSET)
			set_pending(n, AZS_EXC_NMI, true);
		break;
	case SCB_VTOR:
		n->vtor = v & ~0x7fu;
		break;
	case SCB_AIRCR:
		if ((v >> 16) == 0x05FAu)
			n->aircr = v & 0x700u; /* PRIGROUP kept, not applied (docs) */
		break;
	case SCB_SCR:
		n->scr = v & 0x16u;
		break;
	case SCB_CCR:
		n->ccr = (v & 0x31bu) | CCR_STKALIGN;
		break;
	case SCB_SHCSR:
		n->shcsr = v & (SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA);
		break;
	case SCB_CFSR:
		n->cfsr &= ~v;
		break;
	case SCB_HFSR:
		n->hfsr &= ~v;
		break;
	case SCB_CPACR:
		n->cpacr = v;
		break;
	case NVIC_STIR:
		azs_nvic_irq(n, v & 0x1ffu);
		break;
	default:
		break;
	}
}

void azs_nvic_init(struct azs_nvic *n, uc_engine *uc, const char *name, uint32_t vtor)
{
	memset(n, 0, sizeof(*n));
	n->uc = uc;
	n->name = name;
	n->vtor = vtor;
	n->ccr = CCR_STKALIGN;
}

int azs_nvic_map(struct azs_nvic *n)
{
	return uc_mmio_map(n->uc, AZS_IOC_SCS_BASE, AZS_IOC_DEV_SIZE, scs_read, n, scs_write, n) ==
			       UC_ERR_OK
		       ? 0
		       : -1;
}

/* ---- entry and return ---- */

static bool in_ram(uint32_t addr, uint32_t size)
{
	struct azs_ioc_target t;
	enum azs_ioc_region r = azs_ioc_decode(addr, size, &t);

	return r == AZS_IOC_TCM || r == AZS_IOC_SYSRAM;
}

/* EXC's handler from the vector table: 0 with *ENTRY, or -1. */
static int vector(struct azs_nvic *n, unsigned int exc, uint32_t *entry)
{
	uint32_t addr = n->vtor + 4u * exc, v = 0;
	struct azs_ioc_target t;
	enum azs_ioc_region r = azs_ioc_decode(addr, 4, &t);
	char name[32];

	exc_name(exc, name, sizeof(name));
	if ((r != AZS_IOC_FLASH && r != AZS_IOC_TCM && r != AZS_IOC_SYSRAM) ||
	    uc_mem_read(n->uc, addr, &v, 4) != UC_ERR_OK)
		return stop(n, "the vector table entry of %s at 0x%08x is outside memory", name,
			    addr);
	if (!v)
		return stop(n, "no handler for %s (exception %u; vector table at 0x%08x)", name, exc,
			    n->vtor);
	if (!(v & 1u))
		return stop(n, "the handler of %s, 0x%08x, is not a Thumb address", name, v);
	*entry = v & ~1u;
	return 0;
}

/* Stacks the frame for EXC with return address RET and enters its handler. */
static int enter(struct azs_nvic *n, unsigned int exc, uint32_t ret, uint32_t *pc)
{
	static const int regs[5] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
				    UC_ARM_REG_R12};
	uint32_t frame[8], entry = 0, control = reg(n, UC_ARM_REG_CONTROL);
	bool handler = n->depth > 0, psp = !handler && (control & 2u);
	uint32_t sp = reg(n, psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP), fsp = sp - 32u;
	uint32_t xpsr = reg(n, UC_ARM_REG_XPSR);
	char name[32];

	exc_name(exc, name, sizeof(name));
	if (vector(n, exc, &entry))
		return -1;
	if (fsp & 4u) {
		fsp -= 4u;
		xpsr |= XPSR_ALIGN;
	} else {
		xpsr &= ~XPSR_ALIGN;
	}
	if ((sp & 3u) || sp < 36u || !in_ram(fsp, 32u))
		return stop(n, "the frame for %s at sp 0x%08x is outside RAM (stacking)", name, sp);
	for (unsigned int i = 0; i < 5; i++)
		frame[i < 4 ? i : 4] = reg(n, regs[i]);
	frame[5] = reg(n, UC_ARM_REG_LR);
	frame[6] = ret & ~1u;
	frame[7] = xpsr;
	if (uc_mem_write(n->uc, fsp, frame, sizeof(frame)) != UC_ERR_OK)
		return stop(n, "the frame for %s at 0x%08x could not be written (stacking)", name,
			    fsp);
	if (psp) {
		/* Thread mode on the process stack: the handler runs on MSP. */
		set_reg(n, UC_ARM_REG_PSP, fsp);
		set_reg(n, UC_ARM_REG_CONTROL, control & ~2u);
	} else {
		set_reg(n, UC_ARM_REG_SP, fsp);
	}
	set_reg(n, UC_ARM_REG_LR, handler ? 0xFFFFFFF1u : psp ? 0xFFFFFFFDu : 0xFFFFFFF9u);
	set_reg(n, UC_ARM_REG_IPSR, exc);
	set_pending(n, exc, false);
	n->active[exc] = true;
	n->stack[n->depth++] = (uint8_t)exc;
	*pc = entry;
	return 0;
}

int azs_nvic_take(struct azs_nvic *n, uint32_t *pc)
{
	unsigned int e;

	n->kick = false;
	e = best_pending(n);
	if (!e || exc_prio(n, e) >= running_prio(n, false))
		return 0;
	/* Not inside an IT block: the next boundary will do (ours, not the
	 * architecture's: its IT state is not stacked). */
	if (reg(n, UC_ARM_REG_XPSR) & 0x0600fc00u) {
		n->kick = true;
		return 0;
	}
	return enter(n, e, *pc, pc) ? -1 : 1;
}

int azs_nvic_sync(struct azs_nvic *n, unsigned int exc, uint32_t cfsr, uint32_t *pc,
		  const char *what)
{
	unsigned int target = exc;
	int running = running_prio(n, false);
	char name[32];

	if ((exc == AZS_EXC_USAGEFAULT && !(n->shcsr & SHCSR_USGFAULTENA)) ||
	    (exc == AZS_EXC_BUSFAULT && !(n->shcsr & SHCSR_BUSFAULTENA)) ||
	    (exc == AZS_EXC_MEMMANAGE && !(n->shcsr & SHCSR_MEMFAULTENA)) ||
	    (target != AZS_EXC_HARDFAULT && exc_prio(n, target) >= running))
		target = AZS_EXC_HARDFAULT;
	n->cfsr |= cfsr;
	if (target == AZS_EXC_HARDFAULT && exc != AZS_EXC_HARDFAULT)
		n->hfsr |= HFSR_FORCED;
	if (target == AZS_EXC_HARDFAULT && running <= -1)
		return stop(n, "%s in the %s handler: lockup", what,
			    exc_name(n->stack[n->depth - 1], name, sizeof(name)));
	if (enter(n, target, *pc, pc)) {
		char why[sizeof(n->why)];

		snprintf(why, sizeof(why), "%s", n->why);
		return stop(n, "%s; %s", what, why);
	}
	return 0;
}

int azs_nvic_return(struct azs_nvic *n, uint32_t exc_return, uint32_t *pc)
{
	static const int regs[5] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
				    UC_ARM_REG_R12};
	uint32_t frame[8], sp, control;
	unsigned int exc;
	bool to_thread = exc_return == 0xFFFFFFF9u || exc_return == 0xFFFFFFFDu;
	char name[32];

	if (!n->depth)
		return stop(n, "EXC_RETURN 0x%08x in thread mode (no exception is active)",
			    exc_return);
	exc = n->stack[n->depth - 1];
	exc_name(exc, name, sizeof(name));
	if (!to_thread && exc_return != 0xFFFFFFF1u)
		return stop(n,
			    "bad EXC_RETURN 0x%08x from the %s handler (0xFFFFFFF1, 0xFFFFFFF9 or "
			    "0xFFFFFFFD; no FP frames)",
			    exc_return, name);
	if (to_thread != (n->depth == 1))
		return stop(n, "bad EXC_RETURN 0x%08x from the %s handler: it returns to %s mode "
			       "with %u exception(s) active",
			    exc_return, name, to_thread ? "thread" : "handler", n->depth);
	n->active[exc] = false;
	n->depth--;
	set_reg(n, UC_ARM_REG_IPSR, n->depth ? n->stack[n->depth - 1] : 0u);
	control = reg(n, UC_ARM_REG_CONTROL);
	if (exc_return == 0xFFFFFFFDu) {
		set_reg(n, UC_ARM_REG_CONTROL, control | 2u);
		sp = reg(n, UC_ARM_REG_PSP);
	} else {
		sp = reg(n, UC_ARM_REG_MSP);
	}
	if ((sp & 3u) || !in_ram(sp, 32u) || uc_mem_read(n->uc, sp, frame, sizeof(frame)))
		return stop(n, "the frame of the %s handler's return at sp 0x%08x is outside RAM "
			       "(unstacking)",
			    name, sp);
	for (unsigned int i = 0; i < 5; i++)
		set_reg(n, regs[i], frame[i]);
	set_reg(n, UC_ARM_REG_LR, frame[5]);
	sp += 32u + (frame[7] & XPSR_ALIGN ? 4u : 0u);
	set_reg(n, UC_ARM_REG_SP, sp);
	/* APSR's flags and the EPSR (T, IT); IPSR stays ours. */
	set_reg(n, UC_ARM_REG_XPSR, (frame[7] & ~0x1ffu) | (n->depth ? n->stack[n->depth - 1] : 0u));
	*pc = frame[6];
	if (!(frame[7] & XPSR_T))
		return stop(n, "the %s handler returns to 0x%08x with the Thumb bit clear in its "
			       "stacked xPSR",
			    name, frame[6]);
	n->kick = true;
	return 0;
}
