import type { CalendarDelay, ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { addDays, type CalendarDate, daysBetween, frenchDate, minDate } from "../shared/calendarDate.js";
import { afterEnd, anniversary, delayLabel } from "./delays.js";

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

export type Finance = NonNullable<ConventionTerms["finance"]>;
export type ScheduledPayment = { label: string; dueOn: CalendarDate | null; dueWhen: "signature" | "end" | "statement"; amountCents: bigint };

export type FinancialSituation = {
  yearlyAmountCents: bigint;
  schedule: ScheduledPayment[];
  /** What the convention makes due over its whole period: each contractual year's amount, pro rata on early termination. */
  dueCents: bigint;
  paidCents: bigint;
  outstandingCents: bigint;
  /** On early termination: what the period actually served makes due, and what the payer gets back. */
  earlyEnd: { endedOn: CalendarDate; servedCents: bigint; refundCents: bigint } | null;
};

const yearlyCentsOf = (finance: Finance) => divideRounded(toCents(finance.yearlyAmountPerFte) * toScaled(finance.fte), SCALE);

/**
 * The yearly amount of the contractual year that starts on `yearStart`, the k-th from the
 * effective date (k = 0 the first), after the revaluation the file writes: by a rate, each year's
 * amount is the previous year's × (1 + rate), rounded to the cent every year; by an index, the
 * amount × the index value in force on the year's first day ÷ the reference value, to the cent;
 * by amendment (or none), the amount the terms in force that year state.
 */
export function revaluedYearlyCents(finance: Finance, k: number, yearStart: CalendarDate): bigint {
  let cents = yearlyCentsOf(finance);
  const r = finance.revaluation;
  if (!r) return cents;
  if ("rate" in r) {
    const factor = SCALE + toScaled(r.rate);
    for (let i = 0; i < k; i++) cents = divideRounded(cents * factor, SCALE);
    return cents;
  }
  if ("index" in r) {
    const inForce = [...r.index.values].filter((v) => v.from <= yearStart).sort((a, b) => b.from.localeCompare(a.from))[0];
    return inForce ? divideRounded(cents * toScaled(inForce.value), toScaled(r.index.reference)) : cents;
  }
  return cents;
}

/** Each schedule line's amount for one year: its share of the yearly amount, or what remains of it. */
function scheduleAmounts(finance: Finance, yearly: bigint = yearlyCentsOf(finance)): bigint[] {
  let scheduled = 0n;
  return finance.schedule.map((item) => {
    const amount = item.share === "balance" ? yearly - scheduled : divideRounded(yearly * toScaled(item.share), SCALE);
    scheduled += amount;
    return amount;
  });
}

/** What a payment may pay: one schedule line of one contractual year (« 2013-01-01:0 »). */
export type Instalment = { key: string; label: string; amountCents: bigint };

/**
 * The instalments of a signed convention: for each contractual year, each line of the schedule
 * in force on its first day (amendments and revaluation included), at its nominal amount.
 */
export function instalments(
  finance: Finance,
  ctx: { effectiveOn: CalendarDate | null; endsOn: CalendarDate; financeOn?: (onDate: CalendarDate) => Finance | null },
): Instalment[] {
  if (!ctx.effectiveOn) return [];
  const financeOn = ctx.financeOn ?? (() => finance);
  return contractualYears(ctx.effectiveOn, ctx.endsOn).flatMap((year, k) => {
    const terms = financeOn(year.start);
    if (!terms) return [];
    const amounts = scheduleAmounts(terms, revaluedYearlyCents(terms, k, year.start));
    return terms.schedule.map((item, i) => ({
      key: `${year.start}:${i}`,
      label: `${item.label} — année du ${frenchDate(year.start)} au ${frenchDate(year.end)}`,
      amountCents: amounts[i],
    }));
  });
}

/**
 * The contractual years from the effective date, the last one cut at the convention's end. Each
 * starts on an anniversary of the effective date (counted from it, so that a 31st does not drift;
 * from 29 February, on 1 March of a year without one: the year before ends on 28 February, ADR 0006).
 */
export function contractualYears(effectiveOn: CalendarDate, endsOn: CalendarDate): { start: CalendarDate; end: CalendarDate }[] {
  const years: { start: CalendarDate; end: CalendarDate }[] = [];
  for (let k = 0; ; k++) {
    const start = k === 0 ? effectiveOn : anniversary(effectiveOn, k);
    if (start > endsOn) return years;
    years.push({ start, end: minDate(addDays(anniversary(effectiveOn, k + 1), -1), endsOn) });
  }
}

/**
 * The money situation of a convention. The amount is yearly [004 art. 3]: each contractual year
 * begun is due at the amount its terms set on its first day (`financeOn`: amendments and yearly
 * revaluation included); on early termination with a pro-rata refund, the year the end falls in
 * is due pro rata of the days served (its days counted up to the convention's own end), and the
 * years after it are not due. Before the effective date is known, one year is shown as due.
 */
export function financialSituation(
  finance: Finance,
  ctx: {
    effectiveOn: CalendarDate | null;
    endsOn: CalendarDate;
    signedOn: CalendarDate | null;
    paidCents: bigint;
    terminatedOn: CalendarDate | null;
    /** The finance terms in force on a date (defaults to `finance` for every year). */
    financeOn?: (onDate: CalendarDate) => Finance | null;
  },
): FinancialSituation {
  const yearlyAmountCents = yearlyCentsOf(finance);
  const amounts = scheduleAmounts(finance);
  const schedule = finance.schedule.map(
    (item, i): ScheduledPayment => ({
      label: item.label,
      dueWhen: item.due,
      // On statement: due once the statement is recorded (the calendar says when), never at the end date.
      dueOn: item.due === "signature" ? ctx.signedOn : item.due === "end" ? ctx.endsOn : null,
      amountCents: amounts[i],
    }),
  );
  const financeOn = ctx.financeOn ?? (() => finance);
  const early = ctx.terminatedOn && ctx.terminatedOn < ctx.endsOn ? ctx.terminatedOn : null;
  const proRata = finance.earlyEndRefund === "pro_rata";
  let dueCents = ctx.effectiveOn ? 0n : yearlyAmountCents;
  if (ctx.effectiveOn) {
    for (const [k, year] of contractualYears(ctx.effectiveOn, ctx.endsOn).entries()) {
      if (early && year.start > early) break;
      const terms = financeOn(year.start);
      if (!terms) continue;
      const yearly = revaluedYearlyCents(terms, k, year.start);
      if (early && proRata && early <= year.end) {
        const total = BigInt(daysBetween(year.start, year.end) + 1);
        const served = BigInt(daysBetween(year.start, early) + 1);
        dueCents += divideRounded(yearly * served, total);
        break;
      }
      dueCents += yearly;
    }
  }
  const earlyEnd: FinancialSituation["earlyEnd"] =
    early && ctx.effectiveOn && proRata
      ? { endedOn: early, servedCents: dueCents, refundCents: ctx.paidCents > dueCents ? ctx.paidCents - dueCents : 0n }
      : null;
  return {
    yearlyAmountCents,
    schedule,
    dueCents,
    paidCents: ctx.paidCents,
    outstandingCents: dueCents > ctx.paidCents ? dueCents - ctx.paidCents : 0n,
    earlyEnd,
  };
}

export type PaymentIssue = { path: "paidOn" | "amount"; message: string };

/**
 * The dates a payment may bear: from the day the last party signed to the convention's end (its
 * termination date when earlier), plus the payment window the convention states, if any.
 */
export function paymentPeriod(c: { signedOn: CalendarDate; endsOn: CalendarDate; terminatedOn: CalendarDate | null; paymentWindow: CalendarDelay | null }) {
  const end = c.terminatedOn && c.terminatedOn < c.endsOn ? c.terminatedOn : c.endsOn;
  // « N mois après la fin » runs from the day after the end (ADR 0006).
  return { from: c.signedOn, end, until: c.paymentWindow && c.paymentWindow.value > 0 ? afterEnd(end, c.paymentWindow) : end };
}

/**
 * Whether a payment is plausible (issue 9): an act that has happened (not in the future), made
 * once every party has signed and before the convention's end — or its end plus the payment
 * window the convention states, when the balance is paid on a statement after the end — and
 * never more than what is still due. `exceeds` says the amount is the problem.
 */
export function paymentProblems(
  p: { paidOn: CalendarDate; amountCents: bigint },
  c: {
    today: CalendarDate;
    signedOn: CalendarDate;
    endsOn: CalendarDate;
    terminatedOn: CalendarDate | null;
    paymentWindow: CalendarDelay | null;
    situation: Pick<FinancialSituation, "dueCents" | "paidCents" | "outstandingCents">;
  },
): { issues: PaymentIssue[]; exceeds: boolean } {
  const issues: PaymentIssue[] = [];
  const { end, until: lastDay } = paymentPeriod(c);
  if (p.paidOn > c.today) issues.push({ path: "paidOn", message: "La date du versement ne peut pas être dans le futur." });
  else if (p.paidOn < c.signedOn) {
    issues.push({ path: "paidOn", message: `Un versement ne peut pas précéder la signature de la convention par toutes les parties (${frenchDate(c.signedOn)}).` });
  } else if (p.paidOn > lastDay) {
    issues.push({
      path: "paidOn",
      message: c.paymentWindow && lastDay > end
        ? `Un versement ne peut pas être postérieur au ${frenchDate(lastDay)} : fin de la convention (${frenchDate(end)}) plus le délai de versement de ${delayLabel(c.paymentWindow)}.`
        : `Un versement ne peut pas être postérieur à la fin de la convention (${frenchDate(end)}).`,
    });
  }
  let exceeds = false;
  if (p.amountCents <= 0n) issues.push({ path: "amount", message: "Le montant d’un versement doit être supérieur à zéro." });
  else if (p.amountCents > c.situation.outstandingCents) {
    exceeds = true;
    const { dueCents, paidCents, outstandingCents } = c.situation;
    issues.push({
      path: "amount",
      message:
        outstandingCents === 0n
          ? `Plus rien n’est dû : ${formatEuros(paidCents)} déjà versé pour un montant dû de ${formatEuros(dueCents)}.`
          : `Reste dû : ${formatEuros(outstandingCents)} (montant dû ${formatEuros(dueCents)}, déjà versé ${formatEuros(paidCents)}).`,
    });
  }
  return { issues, exceeds };
}
