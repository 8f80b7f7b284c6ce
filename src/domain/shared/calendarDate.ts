/**
 * Calendar dates ("2024-12-31") as the conventions write them: no time, no time zone.
 * All arithmetic is done on UTC midnights so that no daylight-saving shift can move a day.
 */
export type CalendarDate = string;

const toUtc = (d: CalendarDate) => {
  const [y, m, day] = d.split("-").map(Number);
  return Date.UTC(y, m - 1, day);
};
const fromUtc = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

export const isCalendarDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && fromUtc(toUtc(s)) === s;

export const addDays = (d: CalendarDate, days: number): CalendarDate => fromUtc(toUtc(d) + days * 86_400_000);

/** Adds months, clamping to the month's last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(d: CalendarDate, months: number): CalendarDate {
  const [y, m, day] = d.split("-").map(Number);
  const targetMonth = m - 1 + months;
  const year = y + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(day, lastDay)));
}

/**
 * The day bearing `d`'s day of the month `months` later (or earlier, when negative); when that
 * month has no such day (31 → April, 29/30/31 → February), the first day of the month after it.
 * Never clamps: a period of months that starts on `d` ends the day before this day (ADR 0006).
 */
export function addMonthsOrNextDay(d: CalendarDate, months: number): CalendarDate {
  const [y, m, day] = d.split("-").map(Number);
  const targetMonth = m - 1 + months;
  const year = y + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return day <= lastDay ? fromUtc(Date.UTC(year, month, day)) : fromUtc(Date.UTC(year, month + 1, 1));
}

/** Whether `d` is the last day of its month (30 April, 28 February 2026, 29 February 2028…). */
export const isLastDayOfMonth = (d: CalendarDate) => addDays(d, 1).endsWith("-01");

export const daysBetween = (from: CalendarDate, to: CalendarDate) => Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

export const endOfMonth = (year: number, month1to12: number): CalendarDate => fromUtc(Date.UTC(year, month1to12, 0));

export const minDate = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);
export const maxDate = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

/** "31/12/2024", the way French users read a date ("—" when there is none). Accepts an ISO timestamp too. */
export const frenchDate = (d: CalendarDate | null | undefined) => (d ? d.slice(0, 10).split("-").reverse().join("/") : "—");

// Built once: constructing an Intl.DateTimeFormat costs more than a whole route's own work (issue 15's profile).
const PARIS_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in Europe/Paris, e.g. "2026-11-22": the day every rule is decided on. */
export function parisToday(now: Date = new Date()): CalendarDate {
  return PARIS_DATE.format(now);
}
