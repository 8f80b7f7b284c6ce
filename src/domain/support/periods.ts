import { periodLastDay } from "../convention/delays.js";
import { addDays, type CalendarDate, minDate } from "../shared/calendarDate.js";

/**
 * Support periods as calendar dates, counted « de quantième à quantième » like every delay of a
 * convention (delays.ts periodLastDay, ADR 0006): a period of N months starting on day D ends the
 * day before the day bearing D's day of the month N months later (entry on 15 January for 6 months
 * → last day 14 July), or on the last day of that month when it has no such day (1 month from
 * 31 January → 28 February, never 27 February). A renewal starts the day after the previous
 * period, so nothing overlaps.
 */
export const lastDayOf = (startsOn: CalendarDate, months: number): CalendarDate => periodLastDay(startsOn, { value: months, unit: "months" });

/** Longest support a convention writes (in months) that a period end is looked for in: 20 years. */
const LONGEST_MONTHS = 240;

/**
 * The last day of a support once `months` more are added to the period ending on `periodEndsOn`.
 * Counted from the entry when the current period is a whole number of months from it, so that
 * 6 months then 6 more end on the same day as 12 months (entry on 31 August: 28 February, then
 * 30 August — the eve of 31 August, like the 12-month hard stop); otherwise (a period ended by
 * an older rule) from the day after the current period.
 */
export function extendedPeriodEnd(enteredOn: CalendarDate | null, periodEndsOn: CalendarDate, months: number): CalendarDate {
  if (enteredOn) {
    for (let m = 1; m <= LONGEST_MONTHS; m++) {
      const end = lastDayOf(enteredOn, m);
      if (end === periodEndsOn) return lastDayOf(enteredOn, m + months);
      if (end > periodEndsOn) break;
    }
  }
  return lastDayOf(addDays(periodEndsOn, 1), months);
}

/** The period a renewal of `months` adds after the current one, never past the hard stop. */
export function renewedPeriodEnd(
  c: { enteredOn: CalendarDate | null; periodEndsOn: CalendarDate },
  months: number,
  maxEndsOn: CalendarDate,
): { endsOn: CalendarDate; capped: boolean } {
  const uncapped = extendedPeriodEnd(c.enteredOn, c.periodEndsOn, months);
  return { endsOn: minDate(uncapped, maxEndsOn), capped: uncapped > maxEndsOn };
}
