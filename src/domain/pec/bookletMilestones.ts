import type { PecTerms } from "../../shared/contracts/conventionFile.js";
import { expiryAfter, periodLastDay } from "../convention/delays.js";
import { addDays, addMonths, addMonthsOrNextDay, type CalendarDate, daysBetween } from "../shared/calendarDate.js";

/**
 * When the follow-up booklet of a PEC contract is due (000 art. 3.1 a: « au 1er mois du contrat,
 * à mi-parcours, au ¾ de l'exécution du contrat (soit au 9ème mois pour un contrat de 12 mois) »),
 * from the contract's first and last day (ADR 0038).
 *
 * - A milestone « after » a delay falls on the last day of the period of that delay that starts
 *   on the contract's first day: « au 1er mois » of a contract starting on 5 January is 4 February,
 *   of one starting on 31 January is 28 February (periodLastDay, « de quantième à quantième »).
 * - A milestone at a fraction of the contract falls on the day that fraction of it is completed,
 *   the contract counted in whole months then days (M months and d days from its first to its
 *   last day): the fraction of the months, in whole months, is a period of months (¾ of 12 months
 *   is the last day of the 9th month); what remains of a month is counted in days of the month it
 *   falls in, plus the fraction of the d days, rounded up to a whole day (the booklet is never due
 *   before the fraction is reached). ½ of 9 months starting on 5 January: 4 months to 4 May, then
 *   half of the 5th month (5 May–4 June, 31 days) = 15.5 → 16 days: 20 May.
 */

export type BookletMilestoneTerm = PecTerms["booklet"]["milestones"][number];
export type ContractDates = { startsOn: CalendarDate; endsOn: CalendarDate };
export type MilestoneDue = { position: number; label: string; dueOn: CalendarDate };

/** The contract's length in whole months (de quantième à quantième) and the days left over. */
export function contractLength({ startsOn, endsOn }: ContractDates): { months: number; days: number } {
  if (endsOn < startsOn) throw new RangeError(`Le contrat se termine (${endsOn}) avant de commencer (${startsOn}).`);
  let months = 0;
  while (periodLastDay(startsOn, { value: months + 1, unit: "months" }) <= endsOn) months++;
  const monthsEnd = months === 0 ? addDays(startsOn, -1) : periodLastDay(startsOn, { value: months, unit: "months" });
  return { months, days: daysBetween(monthsEnd, endsOn) };
}

/** "0.75" → [75, 100]: the fraction as integers, so that no floating point moves a day. */
function fractionParts(fraction: string): [number, number] {
  const decimals = fraction.split(".")[1] ?? "";
  return [Number(decimals), 10 ** decimals.length];
}

/** The day `fraction` (a decimal string, "0.5") of the contract is completed. */
export function fractionDueOn(contract: ContractDates, fraction: string): CalendarDate {
  const { months, days } = contractLength(contract);
  const [num, den] = fractionParts(fraction);
  const wholeMonths = Math.floor((num * months) / den);
  const monthRemainder = (num * months) % den; // over den: the part of a month left after the whole months
  const monthsEnd = wholeMonths === 0 ? addDays(contract.startsOn, -1) : periodLastDay(contract.startsOn, { value: wholeMonths, unit: "months" });
  // The month in which the remainder falls: from the day after monthsEnd to the end of the next month of the contract.
  const nextMonthDays = daysBetween(addDays(monthsEnd, 1), addMonthsOrNextDay(contract.startsOn, wholeMonths + 1));
  const extraDays = Math.ceil((monthRemainder * nextMonthDays + num * days) / den);
  return addDays(monthsEnd, extraDays);
}

/** One milestone's due date. */
export function milestoneDueOn(contract: ContractDates, m: BookletMilestoneTerm): CalendarDate {
  return "after" in m ? periodLastDay(contract.startsOn, m.after) : fractionDueOn(contract, m.fraction);
}

/**
 * The milestones of a contract running from startsOn to endsOn, in the convention's order, each
 * with its due date. A milestone due after the contract's last day has no booklet (`withinContract`).
 */
export function bookletMilestones(contract: ContractDates, milestones: BookletMilestoneTerm[]): (MilestoneDue & { withinContract: boolean })[] {
  return milestones.map((m, position) => {
    const dueOn = milestoneDueOn(contract, m);
    return { position, label: m.label, dueOn, withinContract: dueOn <= contract.endsOn };
  });
}

/**
 * The days the booklet's e-mails go out for a milestone (ADR 0038): the reminder `remindBefore`
 * the due date (« 7 jours » before 4 February is 28 January), the link on the due date, and the
 * reminder `remindAfter` it if unanswered (expiryAfter: 7 days after 4 February is 11 February).
 */
export function bookletNoticeDays(dueOn: CalendarDate, terms: Pick<PecTerms["booklet"], "remindBefore" | "remindAfter">): { before: CalendarDate; invitation: CalendarDate; after: CalendarDate } {
  const b = terms.remindBefore;
  const before =
    b.unit === "months" || b.unit === "years" ? addMonths(dueOn, -(b.unit === "years" ? 12 * b.value : b.value)) : addDays(dueOn, -(b.unit === "weeks" ? 7 * b.value : b.value));
  return { before, invitation: dueOn, after: expiryAfter(dueOn, terms.remindAfter) };
}
