/* SPDX-License-Identifier: MIT */
/*
 * azs-iocore's exception model (docs/iocore.md, "Exceptions and
 * interrupts"): the Cortex-M4's NVIC, System Control Block and SysTick (the
 * System Control Space page, 0xE000E000), the GPT's interrupting timers
 * GPT0/GPT1, and exception entry and return, done in software between the
 * engine's runs. Unicorn 2.0.1 hands every CPU exception to a hook instead of
 * qemu's M-profile entry code and has no NVIC device, so the stacking, the
 * priorities and EXC_RETURN are ours; the engine only reports an exception
 * return (a branch to 0xFFFFFFxx: hook intno 8), an SVC (intno 2), WFI (the
 * run ends after it) and the faults.
 */
#ifndef AZS_IOCORE_NVIC_H
#define AZS_IOCORE_NVIC_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

/* Exception numbers. */
#define AZS_EXC_NMI        2u
#define AZS_EXC_HARDFAULT  3u
#define AZS_EXC_MEMMANAGE  4u
#define AZS_EXC_BUSFAULT   5u
#define AZS_EXC_USAGEFAULT 6u
#define AZS_EXC_SVCALL     11u
#define AZS_EXC_PENDSV     14u
#define AZS_EXC_SYSTICK    15u
#define AZS_EXC_IRQ0       16u

#define AZS_NVIC_IRQS 64u /* IRQ 0..63: exceptions 16..79 */
#define AZS_NVIC_EXCS (AZS_EXC_IRQ0 + AZS_NVIC_IRQS)

/* The I/O core's interrupt lines we model (the numbers the public MT3620
 * RT samples use for these blocks). */
#define AZS_IRQ_GPT  1u  /* GPT0/GPT1 expiry (GPT_ISR) */
#define AZS_IRQ_MBOX 11u /* the mailbox: a message came in, or space was freed */

/* The configurable priority's implemented bits (MT3620's M4: 3). */
#define AZS_NVIC_PRIO_MASK 0xE0u

/* CFSR bits we set. */
#define AZS_CFSR_PRECISERR  (1u << 9)
#define AZS_CFSR_BFARVALID  (1u << 15)
#define AZS_CFSR_UNDEFINSTR (1u << 16)
#define AZS_CFSR_INVSTATE   (1u << 17)
#define AZS_CFSR_INVPC      (1u << 18)

struct azs_nvic_timer {
	uint32_t ctrl, icnt;
	uint64_t start_ns, due_ns, period_ns; /* due_ns 0: not running */
};

struct azs_nvic {
	uc_engine *uc;
	const char *name; /* "IO0", for messages */
	/* Exception state, per exception number. */
	bool pending[AZS_NVIC_EXCS], active[AZS_NVIC_EXCS], enabled[AZS_NVIC_EXCS];
	uint8_t prio[AZS_NVIC_EXCS]; /* configurable ones: IPR / SHPR bytes */
	uint8_t stack[AZS_NVIC_EXCS]; /* active exceptions, the innermost last */
	unsigned int depth;
	unsigned int npending;
	/* Something changed that may let an exception be taken: the run loop
	 * ends the engine's run at the next instruction (and clears it). */
	bool kick;
	/* System Control Block. */
	uint32_t vtor, cpacr, aircr, scr, ccr, shcsr, cfsr, hfsr, bfar, mmfar;
	/* SysTick. */
	uint32_t st_csr, st_rvr;
	uint64_t st_start_ns, st_due_ns, st_period_ns;
	/* GPT0/GPT1 (GPT3 stays the run loop's free-running counter). */
	uint32_t gpt_isr, gpt_ier;
	struct azs_nvic_timer gpt[2];
	/* Why the core must stop (set when a call returns -1). */
	char why[256];
};

/* GPT registers of the interrupting timers (the GPT page, 0x21030000). */
#define AZS_GPT_ISR       0x00u /* bit N: GPTN expired; write 1 to clear */
#define AZS_GPT_IER       0x04u /* bit N: GPTN's expiry raises IRQ 1 */
#define AZS_GPT0_CTRL     0x10u /* bit 0 enable, bit 1 auto-repeat, bit 2 32.768 kHz (else 1 kHz) */
#define AZS_GPT0_ICNT     0x14u /* ticks to expiry */
#define AZS_GPT1_CTRL     0x20u
#define AZS_GPT1_ICNT     0x24u
#define AZS_GPT0_CNT      0x3Cu /* RO: ticks since enabled */
#define AZS_GPT1_CNT      0x40u
#define AZS_GPT_CTRL_EN   1u
#define AZS_GPT_CTRL_AUTO 2u
#define AZS_GPT_CTRL_32K  4u

/* SysTick counts at the core's nominal clock, on the host's monotonic clock. */
#define AZS_SYSTICK_HZ 26000000u

void azs_nvic_init(struct azs_nvic *n, uc_engine *uc, const char *name, uint32_t vtor);

/* Maps the System Control Space page (NVIC, SCB, SysTick): 0 or -1. */
int azs_nvic_map(struct azs_nvic *n);

/* The GPT page's interrupting timers: true if OFF is theirs. */
bool azs_nvic_gpt_read(struct azs_nvic *n, uint32_t off, uint32_t *v);
bool azs_nvic_gpt_write(struct azs_nvic *n, uint32_t off, uint32_t v);

/* An interrupt line fired: IRQ becomes pending. */
void azs_nvic_irq(struct azs_nvic *n, unsigned int irq);

/* The timers due by NOW_NS raise their interrupts. */
void azs_nvic_tick(struct azs_nvic *n, uint64_t now_ns);

/* When the next timer is due (ns, monotonic), or UINT64_MAX. */
uint64_t azs_nvic_next_due(const struct azs_nvic *n);

/* Is an exception pending that would preempt now (PRIMASK/BASEPRI
 * counted), or, IGNORE_MASKS, that would end a WFI? */
bool azs_nvic_ready(struct azs_nvic *n, bool ignore_masks);

/* Takes the pending exception that preempts, if any, at the boundary
 * before *PC: 1 taken (*PC the handler), 0 none, -1 the core must stop. */
int azs_nvic_take(struct azs_nvic *n, uint32_t *pc);

/* A synchronous exception at *PC (the address stacked: the faulting
 * instruction, or the one after an SVC): EXC is AZS_EXC_SVCALL or a fault,
 * escalated to HardFault as the architecture does. WHAT names it for a stop.
 * 0 (*PC the handler) or -1. */
int azs_nvic_sync(struct azs_nvic *n, unsigned int exc, uint32_t cfsr, uint32_t *pc,
		  const char *what);

/* A branch to EXC_RETURN (the value, bit 0 set) in handler mode: unstacks,
 * *PC the return address: 0 or -1 (a bad EXC_RETURN or frame). */
int azs_nvic_return(struct azs_nvic *n, uint32_t exc_return, uint32_t *pc);

#endif
