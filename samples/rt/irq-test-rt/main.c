// SPDX-License-Identifier: MIT
// irq-test-rt: a test image for the I/O core's exception model. It sleeps
// (WFI, the mailbox interrupt) until a message names a case, runs it and
// says what happened on its debug UART:
//   order     IRQs 20 (priority 0xC0), 21 and 22 (0x40) pended while masked
//             run by priority, then number: "order: 21 22 20"
//   nest      IRQ 20's handler pends 21 (higher: preempts at once) and 23
//             (lower: runs after 20 returns): "nest: 20< 21 >20 23"
//   systick   SysTick every millisecond for a GPT0 sleep of 200 ms:
//             "systick: N ticks in 200 ms"
//   svc       SVC 7 reaches SVC_Handler, which reads its number from the
//             stacked PC: "svc: 7", then "svc: back"
//   hardfault an undefined instruction goes to HardFault_Handler (UsageFault
//             not enabled: escalated), which prints CFSR and HFSR and sleeps
//   busfault  a read of an unmapped address: HardFault_Handler, BFAR
//   nohandler IRQ 30 enabled and pended, no vector: the core stops
//   badret    IRQ 24's handler returns to EXC_RETURN 0xFFFFFFF5: the core stops
//   psp       thread mode on the process stack (CONTROL.SPSEL): IRQ 21's
//             frame goes there, its handler runs on MSP, the return comes
//             back to PSP: "psp: 21 control 2 sp kept"
//   udf       the vector table moved (VTOR) to a RAM copy without a
//             HardFault handler, then an undefined instruction: the core stops
#include <string.h>

#include "intercore.h"
#include "mt3620-m4.h"

#define TABLE_WORDS 128 /* 16 + 64 IRQs, VTOR alignment 512 */

extern const uintptr_t ExceptionVectorTable[];
static uintptr_t table[TABLE_WORDS] __attribute__((aligned(512)));
static volatile uint32_t log_ids[16], log_n, ticks;
static volatile uint32_t svc_number, nesting;

static void put_hex32(uint32_t v)
{
	char s[11] = "0x";

	for (int i = 9; i >= 2; i--, v >>= 4)
		s[i] = "0123456789abcdef"[v & 0xfu];
	s[10] = 0;
	mt3620_uart_puts(s);
}

static void put_dec(uint32_t v)
{
	char s[11];
	int i = 10;

	s[i] = 0;
	do
		s[--i] = (char)('0' + v % 10);
	while (v /= 10);
	mt3620_uart_puts(s + i);
}

static void note(uint32_t id)
{
	if (log_n < 16)
		log_ids[log_n++] = id;
}

static void pend(unsigned int irq)
{
	mt3620_write32(NVIC_ISPR(irq / 32u), 0, 1u << (irq % 32u));
}

static void irq20(void)
{
	note(20);
	if (nesting) {
		mt3620_write32(NVIC_STIR, 0, 21); /* higher: preempts here */
		pend(23);                         /* lower: waits for us */
		note(120);                        /* "back in 20" */
	}
}

static void irq21(void)
{
	note(21);
}

static void irq22(void)
{
	note(22);
}

static void irq23(void)
{
	note(23);
}

static void __attribute__((naked)) irq24_bad_return(void)
{
	__asm__ volatile("ldr r0, =0xFFFFFFF5\n\tbx r0\n\t.ltorg");
}

void SysTick_Handler(void);
void SysTick_Handler(void)
{
	ticks++;
}

void SVC_Handler(void);
void SVC_Handler(void)
{
	uint32_t *frame;

	__asm__ volatile("mrs %0, msp" : "=r"(frame));
	/* The stacked PC is after the SVC: its immediate is the byte before. */
	svc_number = *(const uint8_t *)(frame[6] - 2u);
}

void HardFault_Handler(void);
void HardFault_Handler(void)
{
	mt3620_uart_puts("hardfault: cfsr ");
	put_hex32(mt3620_read32(SCB_CFSR, 0));
	mt3620_uart_puts(" hfsr ");
	put_hex32(mt3620_read32(SCB_CFSR + 4u, 0));
	mt3620_uart_puts(" bfar ");
	put_hex32(mt3620_read32(0xE000ED38u, 0));
	mt3620_uart_puts("\r\n");
	for (;;)
		__asm__ volatile("wfi");
}

static void print_log(const char *what)
{
	mt3620_uart_puts(what);
	for (uint32_t i = 0; i < log_n; i++) {
		mt3620_uart_puts(" ");
		if (log_ids[i] == 120)
			mt3620_uart_puts(">20");
		else
			put_dec(log_ids[i]);
	}
	mt3620_uart_puts("\r\n");
	log_n = 0;
}

static void run_case(const char *c)
{
	if (!strcmp(c, "order")) {
		__asm__ volatile("cpsid i" ::: "memory");
		mt3620_nvic_enable(20, 0xC0);
		mt3620_nvic_enable(21, 0x40);
		mt3620_nvic_enable(22, 0x40);
		pend(20);
		pend(22);
		pend(21);
		__asm__ volatile("cpsie i\n\tisb" ::: "memory");
		print_log("order:");
	} else if (!strcmp(c, "nest")) {
		nesting = 1;
		mt3620_nvic_enable(20, 0xC0);
		mt3620_nvic_enable(21, 0x40);
		mt3620_nvic_enable(23, 0xE0);
		pend(20);
		__asm__ volatile("isb" ::: "memory");
		print_log("nest:");
	} else if (!strcmp(c, "systick")) {
		*(volatile uint8_t *)(uintptr_t)SCB_SHPR(15) = 0x20;
		mt3620_write32(SYST_RVR, 0, 26000u - 1u); /* 1 ms at 26 MHz */
		mt3620_write32(SYST_CVR, 0, 0);
		mt3620_write32(SYST_CSR, 0, 7u); /* enable, interrupt, core clock */
		mt3620_sleep_ms(200);
		mt3620_write32(SYST_CSR, 0, 0);
		mt3620_uart_puts("systick: ");
		put_dec(ticks);
		mt3620_uart_puts(" ticks in 200 ms\r\n");
	} else if (!strcmp(c, "svc")) {
		__asm__ volatile("svc 7" ::: "memory");
		mt3620_uart_puts("svc: ");
		put_dec(svc_number);
		mt3620_uart_puts("\r\nsvc: back\r\n");
	} else if (!strcmp(c, "hardfault")) {
		__asm__ volatile("udf #0");
	} else if (!strcmp(c, "busfault")) {
		(void)mt3620_read32(0x30000000u, 0);
	} else if (!strcmp(c, "nohandler")) {
		mt3620_nvic_enable(30, 0x80);
		pend(30);
	} else if (!strcmp(c, "badret")) {
		mt3620_nvic_enable(24, 0x80);
		pend(24);
	} else if (!strcmp(c, "psp")) {
		static uint32_t handler_stack[128] __attribute__((aligned(8)));
		uint32_t control, sp0, sp1;

		/* Thread mode moves to PSP (at the same place), handlers get a
		 * main stack of their own. */
		__asm__ volatile("mrs r0, msp\n\tmsr psp, r0\n\tmovs r0, #2\n\tmsr control, r0\n\t"
				 "isb\n\tmsr msp, %0" ::"r"(&handler_stack[128])
				 : "r0", "memory");
		mt3620_nvic_enable(21, 0x40);
		__asm__ volatile("mov %0, sp" : "=r"(sp0));
		pend(21);
		__asm__ volatile("isb\n\tmov %0, sp\n\tmrs %1, control" : "=r"(sp1), "=r"(control)::"memory");
		__asm__ volatile("mrs r0, psp\n\tmsr msp, r0\n\tmovs r0, #0\n\tmsr control, r0\n\tisb" ::
					 : "r0", "memory");
		print_log("psp:");
		mt3620_uart_puts(control == 2u ? "psp: control 2" : "psp: control not 2");
		mt3620_uart_puts(sp0 == sp1 ? " sp kept\r\n" : " sp moved\r\n");
	} else if (!strcmp(c, "udf")) {
		table[3] = 0; /* no HardFault handler */
		mt3620_write32(SCB_VTOR, 0, (uint32_t)(uintptr_t)table);
		__asm__ volatile("dsb\n\tisb\n\tudf #1" ::: "memory");
	} else {
		mt3620_uart_puts("irq-test-rt: unknown case\r\n");
	}
}

_Noreturn void RTCoreMain(void)
{
	static uint8_t buf[64];
	Intercore ic;

	/* The IRQ handlers live in a RAM copy of the vector table. */
	memcpy(table, ExceptionVectorTable, 48 * sizeof(uintptr_t));
	table[16 + 20] = (uintptr_t)irq20;
	table[16 + 21] = (uintptr_t)irq21;
	table[16 + 22] = (uintptr_t)irq22;
	table[16 + 23] = (uintptr_t)irq23;
	table[16 + 24] = (uintptr_t)irq24_bad_return;
	table[16 + 30] = 0;
	mt3620_write32(SCB_VTOR, 0, (uint32_t)(uintptr_t)table);
	if (intercore_init(&ic)) {
		mt3620_uart_puts("irq-test-rt: no mailbox\r\n");
		for (;;)
			__asm__ volatile("wfi");
	}
	mt3620_uart_puts("irq-test-rt: ready\r\n");
	for (;;) {
		ComponentId from;
		uint32_t len;

		intercore_wait(&ic);
		while (intercore_recv(&ic, &from, buf, sizeof(buf) - 1, &len) == 1) {
			buf[len] = 0;
			run_case((const char *)buf);
		}
	}
}
