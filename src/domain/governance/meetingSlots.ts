import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonthsOrNextDay, type CalendarDate, endOfMonth } from "../shared/calendarDate.js";

export type GovernanceBody = ConventionTerms["governance"][number];
export type Side = "france_travail" | "partner";

/**
 * A meeting a governance body owes: the window it should be held in and its last day (`dueOn`, the
 * same key as the calendar's obligation), and the side of the convention that holds the secretariat.
 */
export type DueSlot = { bodyKey: string; from: CalendarDate; dueOn: CalendarDate; month: number | null; secretariat: Side; label: string };

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
export const monthName = (month: number) => MONTHS[month - 1];

const other = (side: Side): Side => (side === "france_travail" ? "partner" : "france_travail");

/**
 * The meetings a body owes from the convention's effect to its end, in order:
 * - months written (« en juin et en décembre ») → one slot per month and year, the whole month;
 * - otherwise `minPerYear` slots a year, each a period of 12 / minPerYear months counted from the
 *   effective date like the calendar's periods (« au moins une fois par an » → one slot a year).
 * The secretariat alternates between the two sides slot after slot, starting with the side of the
 * first listed party (`firstSide`), unless the file names a side (`france_travail`, `partner`) that holds it always.
 */
export function dueSlots(body: GovernanceBody, period: { effectiveOn: CalendarDate; endsOn: CalendarDate }, firstSide: Side): DueSlot[] {
  const { effectiveOn: start, endsOn: end } = period;
  const windows: { from: CalendarDate; dueOn: CalendarDate; month: number | null }[] = [];
  if (body.requiredMonths.length > 0) {
    const months = [...body.requiredMonths].sort((a, b) => a - b);
    for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
      for (const month of months) {
        const from = `${year}-${String(month).padStart(2, "0")}-01`;
        const dueOn = endOfMonth(year, month);
        if (dueOn >= start && from <= end) windows.push({ from: from < start ? start : from, dueOn: dueOn > end ? end : dueOn, month });
      }
    }
  } else if (body.minPerYear > 0) {
    const months = Math.max(1, Math.floor(12 / body.minPerYear));
    for (let i = 0; ; i++) {
      const from = addMonthsOrNextDay(start, months * i);
      if (from > end) break;
      const last = addDays(addMonthsOrNextDay(start, months * (i + 1)), -1);
      windows.push({ from, dueOn: last > end ? end : last, month: null });
    }
  }
  const fixed = body.secretariat === "france_travail" || body.secretariat === "partner" ? (body.secretariat as Side) : null;
  return windows.map((w, i) => ({
    bodyKey: body.key,
    ...w,
    secretariat: fixed ?? (i % 2 === 0 ? firstSide : other(firstSide)),
    label: w.month ? `${body.name} de ${monthName(w.month)} ${w.dueOn.slice(0, 4)}` : `${body.name} (période du ${frDate(w.from)} au ${frDate(w.dueOn)})`,
  }));
}

const frDate = (d: CalendarDate) => d.split("-").reverse().join("/");

/** Where a due slot stands: held once its meeting's minutes are adopted, overdue once its last day passed without that. */
export type SlotState = "held" | "scheduled" | "overdue" | "due";
export function slotState(slot: Pick<DueSlot, "dueOn">, meeting: { minutesAdoptedOn: CalendarDate | null } | null, today: CalendarDate): SlotState {
  if (meeting?.minutesAdoptedOn) return "held";
  if (slot.dueOn < today) return "overdue";
  return meeting ? "scheduled" : "due";
}

export const SLOT_STATE_LABELS: Record<SlotState, string> = { held: "Tenue", scheduled: "Programmée", overdue: "En retard", due: "À programmer" };

/** Why a meeting date is refused for a convention, or null. */
export function meetingDateProblem(heldOn: CalendarDate, period: { effectiveOn: CalendarDate; endsOn: CalendarDate }): string | null {
  if (heldOn < period.effectiveOn) return `La réunion ne peut pas précéder la prise d’effet de la convention (le ${frDate(period.effectiveOn)}).`;
  if (heldOn > period.endsOn) return `La réunion ne peut pas suivre la fin de la convention (le ${frDate(period.endsOn)}).`;
  return null;
}

/** Minutes need every side of the convention to adopt them; they are locked once all have. */
export function adoptedByAll(sides: readonly Side[], adopted: readonly Side[]): boolean {
  return sides.length > 0 && sides.every((s) => adopted.includes(s));
}
