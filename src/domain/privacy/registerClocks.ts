import type { CalendarDelay, Delay } from "../../shared/contracts/conventionFile.js";
import { deadlineAfter, expiryAfter } from "../convention/delays.js";
import { addDays, type CalendarDate, daysBetween, parisToday } from "../shared/calendarDate.js";

/**
 * The clocks of the data-protection registers (ADR 0031), from the delays the convention writes
 * in their own unit (domain/convention/delays.ts):
 * - a rights request received on a day is answered by the last day of the delay run from that
 *   day (« un mois » from 31 January is 28 or 29 February, art. 641, never 30 days);
 * - a breach discovered (or a complaint received) at an instant is notified by the instant that
 *   many elapsed hours later (36 hours from 22:30 the day before a clock change is 11:30 or 09:30
 *   on the wall clock, not 10:30).
 */

/** The last day to answer a request received on `receivedOn`; a delay in hours counts from the end of that day. */
export function rightsAnswerDueOn(receivedOn: CalendarDate, delay: Delay): CalendarDate {
  if (delay.unit === "hours") return parisToday(new Date(parisInstant(addDays(receivedOn, 1), "00:00").getTime() + delay.value * 3_600_000));
  return expiryAfter(receivedOn, delay as CalendarDelay);
}

/** The instant by which the other party must be told of a breach discovered at `discoveredAt`; a calendar delay ends at 24:00 (Paris) of its last day. */
export function breachNoticeDeadline(discoveredAt: Date, delay: Delay): Date {
  const due = deadlineAfter(discoveredAt, delay);
  return "dueAt" in due ? new Date(due.dueAt) : parisInstant(addDays(due.dueOn, 1), "00:00");
}

const PARIS_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The wall clock in Paris at an instant: { date: "2027-03-29", time: "11:30" }. */
export function parisWallClock(at: Date): { date: CalendarDate; time: string } {
  const p = Object.fromEntries(PARIS_PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * The instant a Paris wall clock shows `date` at `time` ("22:30"). In the hour skipped in spring
 * (02:00–03:00) there is none: the instant after the jump is given; in the hour repeated in
 * autumn, the first one.
 */
export function parisInstant(date: CalendarDate, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  // Paris is UTC+1 or UTC+2: try the larger offset first (the first of a repeated hour).
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const wall = parisWallClock(candidate);
    if (wall.date === date && wall.time === time.slice(0, 5)) return candidate;
  }
  return new Date(asUtc - 3_600_000);
}

/** Whether a Paris wall-clock time exists (not in the hour skipped in spring). */
export const parisTimeExists = (date: CalendarDate, time: string) => {
  const w = parisWallClock(parisInstant(date, time));
  return w.date === date && w.time === time.slice(0, 5);
};

/** « 3 jours » late for a request due on `dueOn` and still open `today`; null when not late. */
export function daysLate(dueOn: CalendarDate, today: CalendarDate): number | null {
  const n = daysBetween(dueOn, today);
  return n > 0 ? n : null;
}

/** « en retard de 3 jours », « en retard d’un jour ». */
export const lateLabel = (days: number) => (days === 1 ? "en retard d’un jour" : `en retard de ${days} jours`);

/** « en retard de 5 heures » (whole hours, under two days), « en retard de 2 jours » after, for an instant passed; null before it. */
export function lateSinceLabel(deadline: Date, now: Date): string | null {
  const ms = now.getTime() - deadline.getTime();
  if (ms <= 0) return null;
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return "en retard de moins d’une heure";
  if (hours < 48) return hours === 1 ? "en retard d’une heure" : `en retard de ${hours} heures`;
  return lateLabel(Math.floor(hours / 24));
}
