import { addDays, addMonths, type CalendarDate, minDate } from "../shared/calendarDate.js";

/**
 * Support periods as calendar dates. A period of N months starting on day D ends the day before
 * D + N months (entry on 15 January for 6 months → last day 14 July), so that a renewal starts the
 * day after the previous period and nothing overlaps.
 */
export const lastDayOf = (startsOn: CalendarDate, months: number): CalendarDate => addDays(addMonths(startsOn, months), -1);

/** The period a renewal of `months` adds after a period ending on `periodEndsOn`, never past the hard stop. */
export function renewedPeriodEnd(periodEndsOn: CalendarDate, months: number, maxEndsOn: CalendarDate): { endsOn: CalendarDate; capped: boolean } {
  const uncapped = lastDayOf(addDays(periodEndsOn, 1), months);
  return { endsOn: minDate(uncapped, maxEndsOn), capped: uncapped > maxEndsOn };
}
