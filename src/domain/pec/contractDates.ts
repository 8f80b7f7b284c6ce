import type { CalendarDelay, PecTerms } from "../../shared/contracts/conventionFile.js";
import { periodLastDay } from "../convention/delays.js";
import { addDays, addMonths, type CalendarDate, maxDate } from "../shared/calendarDate.js";

/**
 * A PEC contract's dates (000 art. 3.1 a). A contract of N months starting on a day ends on the last
 * day of that period, « de quantième à quantième »: 12 months from 5 January 2026 end on 4 January 2027.
 */
export const contractEnd = (startsOn: CalendarDate, months: number): CalendarDate => periodLastDay(startsOn, { value: months, unit: "months" });

/** « N avant » a day: months counted back from the same day of the month (clamped to the month's last day), days and weeks as days. */
export function delayBefore(day: CalendarDate, d: CalendarDelay): CalendarDate {
  if (d.unit === "months") return addMonths(day, -d.value);
  if (d.unit === "years") return addMonths(day, -12 * d.value);
  return addDays(day, -(d.unit === "weeks" ? 7 * d.value : d.value));
}

/**
 * The work-experience certificate is delivered « à la demande de celui-ci ou au plus tard, un mois avant
 * la fin du contrat »: the deadline is the contract's (current) last day less the terms' delay, or the
 * day the employee asked for it when that is earlier — never before the contract starts.
 */
export function certificateDeadline(
  contract: { startsOn: CalendarDate; endsOn: CalendarDate; requestedOn?: CalendarDate | null },
  terms: Pick<PecTerms, "certificate">,
): CalendarDate {
  const latest = maxDate(contract.startsOn, delayBefore(contract.endsOn, terms.certificate.latestBeforeEnd));
  return contract.requestedOn && contract.requestedOn < latest ? contract.requestedOn : latest;
}
