import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonths, type CalendarDate, daysBetween, minDate } from "../shared/calendarDate.js";

/**
 * Money is exact: decimal strings in, integer cents inside, never floats.
 * [004 art. 3]: 41 626 € per FTE × 0.80 FTE = 33 300,80 € for the year.
 */
const SCALE = 10_000n; // decimals up to 4 places (FTE "0.8000", share "0.5000")

function toScaled(decimal: string): bigint {
  const [whole, frac = ""] = decimal.split(".");
  return BigInt(whole) * SCALE + BigInt(`${frac}0000`.slice(0, 4));
}
export const toCents = (amount: string) => toScaled(amount) / 100n;

/** Rounds a / b to the nearest integer, halves away from zero. */
function divideRounded(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  return r * 2n >= b ? q + 1n : q;
}

export function formatEuros(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${negative ? "-" : ""}${euros},${(abs % 100n).toString().padStart(2, "0")} €`;
}

export type ScheduledPayment = { label: string; dueOn: CalendarDate | null; dueWhen: "signature" | "end"; amountCents: bigint };

export type FinancialSituation = {
  yearlyAmountCents: bigint;
  schedule: ScheduledPayment[];
  paidCents: bigint;
  outstandingCents: bigint;
  /** On early termination: the share of the year actually served, and what the payer gets back. */
  earlyEnd: { endedOn: CalendarDate; servedCents: bigint; refundCents: bigint } | null;
};

export function financialSituation(
  finance: NonNullable<ConventionTerms["finance"]>,
  ctx: { effectiveOn: CalendarDate | null; endsOn: CalendarDate; signedOn: CalendarDate | null; paidCents: bigint; terminatedOn: CalendarDate | null },
): FinancialSituation {
  const perFteCents = toCents(finance.yearlyAmountPerFte);
  const yearlyAmountCents = divideRounded(perFteCents * toScaled(finance.fte), SCALE);
  let scheduled = 0n;
  const schedule = finance.schedule.map((item): ScheduledPayment => {
    const amountCents = item.share === "balance" ? yearlyAmountCents - scheduled : divideRounded(yearlyAmountCents * toScaled(item.share), SCALE);
    scheduled += amountCents;
    return { label: item.label, dueWhen: item.due, dueOn: item.due === "signature" ? ctx.signedOn : ctx.endsOn, amountCents };
  });
  let earlyEnd: FinancialSituation["earlyEnd"] = null;
  if (ctx.terminatedOn && ctx.effectiveOn && ctx.terminatedOn < ctx.endsOn && finance.earlyEndRefund === "pro_rata") {
    // The amount is yearly: pro rata of the days served in the contractual year the end falls in.
    let yearStart = ctx.effectiveOn;
    while (addMonths(yearStart, 12) <= ctx.terminatedOn) yearStart = addMonths(yearStart, 12);
    const yearEnd = minDate(addDays(addMonths(yearStart, 12), -1), ctx.endsOn);
    const total = BigInt(daysBetween(yearStart, yearEnd) + 1);
    const served = BigInt(Math.max(0, daysBetween(yearStart, ctx.terminatedOn) + 1));
    const servedCents = divideRounded(yearlyAmountCents * served, total);
    earlyEnd = { endedOn: ctx.terminatedOn, servedCents, refundCents: ctx.paidCents > servedCents ? ctx.paidCents - servedCents : 0n };
  }
  const owed = earlyEnd ? earlyEnd.servedCents : yearlyAmountCents;
  return { yearlyAmountCents, schedule, paidCents: ctx.paidCents, outstandingCents: owed > ctx.paidCents ? owed - ctx.paidCents : 0n, earlyEnd };
}
