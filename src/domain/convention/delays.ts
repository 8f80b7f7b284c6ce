import type { CalendarDelay, Delay, DelayUnit } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonths, addMonthsOrNextDay, type CalendarDate, parisToday } from "../shared/calendarDate.js";

/**
 * Delays as a convention writes them — a value and its unit (« 2 mois », « 36 heures »,
 * « 21 jours ») — and the calendar dates they give. "1 month" is never 30 days: months and years
 * are counted « de quantième à quantième » (ADR 0006, code de procédure civile art. 640 to 642):
 *
 * - expiryAfter: a delay that runs from an act or an event on a day (a letter received, an
 *   orientation, a formal notice) expires on the day bearing the same day of the month N months
 *   later, or the last day of that month when it has none (art. 641); a delay in days or weeks
 *   does not count the day of the event (art. 641 al. 1).
 * - periodLastDay: a period that starts on a day (« un an à compter du 1er janvier ») ends the
 *   day before the same day of the month N months later, or on the last day of that month when it
 *   has none (1 month from 31 January ends on 28 February, never on 27 February).
 * - afterEnd: « N mois après la fin » runs from the day after the end (the convention applies
 *   until 24:00 on its last day, art. 642): the last day of the period that starts then.
 * - latestNoticeDay: « préavis de N mois avant l'échéance » — the last day a notice may be
 *   received so that its delay, run from that day (expiryAfter), has expired by the échéance,
 *   the eve of the anniversary: the eve of the day bearing the anniversary's day of the month N
 *   months earlier, or of the first day of the following month when that month has none.
 *
 * Hours are not calendar days: a delay in hours runs from an instant and gives an instant
 * (deadlineAfter), counted in elapsed hours.
 */

const UNIT_WORDS: Record<DelayUnit, [string, string]> = {
  hours: ["heure", "heures"],
  days: ["jour", "jours"],
  weeks: ["semaine", "semaines"],
  months: ["mois", "mois"],
  years: ["an", "ans"],
};

/** « 2 mois », « 36 heures », « 1 jour », « 3 ans »: the delay as the convention says it. */
export function delayLabel(d: Delay): string {
  const [one, many] = UNIT_WORDS[d.unit];
  return `${d.value} ${d.value >= 2 ? many : one}`;
}

/** Whole months of a delay in months or years; null for days and weeks. */
const monthsOf = (d: CalendarDelay): number | null => (d.unit === "months" ? d.value : d.unit === "years" ? d.value * 12 : null);
const daysOf = (d: CalendarDelay): number => (d.unit === "weeks" ? d.value * 7 : d.value);

/** Art. 641: the last day of a delay that runs from an act or an event on `from`. */
export function expiryAfter(from: CalendarDate, d: CalendarDelay): CalendarDate {
  const months = monthsOf(d);
  return months === null ? addDays(from, daysOf(d)) : addMonths(from, months);
}

/** The last day of a period of `d` that starts on `start` (the start counted): a year from 1 January ends on 31 December. */
export function periodLastDay(start: CalendarDate, d: CalendarDelay): CalendarDate {
  const months = monthsOf(d);
  return addDays(months === null ? addDays(start, daysOf(d)) : addMonthsOrNextDay(start, months), -1);
}

/** « N après la fin »: the last day of the period of `d` that starts the day after `end`. */
export const afterEnd = (end: CalendarDate, d: CalendarDelay): CalendarDate => periodLastDay(addDays(end, 1), d);

/**
 * The last day a notice may be received for a termination at the échéance whose anniversary
 * (the day after the échéance) is `anniversary`: its delay, run from that day, expires at the
 * latest on the échéance.
 */
export function latestNoticeDay(anniversary: CalendarDate, d: CalendarDelay): CalendarDate {
  const months = monthsOf(d);
  return addDays(months === null ? addDays(anniversary, -daysOf(d)) : addMonthsOrNextDay(anniversary, -months), -1);
}

/**
 * The k-th anniversary of an effective date (k ≥ 1): the same day of the month k years later,
 * or 1 March when the effective date is 29 February and the year has none. The yearly échéance
 * is the day before.
 */
export const anniversary = (effectiveOn: CalendarDate, k: number): CalendarDate => addMonthsOrNextDay(effectiveOn, 12 * k);

/**
 * When a delay that starts at an instant (a breach discovered, a request received) runs out:
 * in hours, the instant that many elapsed hours later (36 hours from 14:20 is 02:20 two days
 * later, whatever a daylight-saving change does to the clocks); in calendar units, the last day
 * (Europe/Paris) of the delay run from the day of the instant — it expires at 24:00 that day
 * (art. 642).
 */
export function deadlineAfter(at: Date, d: Delay): { dueAt: string } | { dueOn: CalendarDate } {
  if (d.unit === "hours") return { dueAt: new Date(at.getTime() + d.value * 3_600_000).toISOString() };
  return { dueOn: expiryAfter(parisToday(at), d as CalendarDelay) };
}

/** The delay as a PostgreSQL interval ("21 days", "1 months"): date + interval counts months as art. 641 does. */
export function delayInterval(d: CalendarDelay): string {
  const months = monthsOf(d);
  return months === null ? `${daysOf(d)} days` : `${months} months`;
}
