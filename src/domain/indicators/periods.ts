import { type CalendarDate, addDays, endOfMonth } from "../shared/calendarDate.js";

/**
 * The periods indicators are reported on, written as a key: « 2026-T4 » (quarter), « 2026-S2 »
 * (semester), « 2026 » (year). A period runs from its first to its last day, both counted: an entry
 * on 31 December counts in the fourth quarter, one on 1 January in the first of the next year.
 */
export const PERIOD_KINDS = ["quarter", "semester", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Period = { key: string; kind: PeriodKind; from: CalendarDate; to: CalendarDate; label: string };

const MONTHS_PER: Record<PeriodKind, number> = { quarter: 3, semester: 6, year: 12 };
export const PERIOD_KEY_PATTERN = /^(\d{4})(?:-(T[1-4]|S[12]))?$/;

function build(kind: PeriodKind, year: number, index: number): Period {
  const months = MONTHS_PER[kind];
  const firstMonth = (index - 1) * months + 1;
  const from = `${year}-${String(firstMonth).padStart(2, "0")}-01`;
  const to = endOfMonth(year, firstMonth + months - 1);
  const key = kind === "year" ? `${year}` : `${year}-${kind === "quarter" ? "T" : "S"}${index}`;
  const label = kind === "year" ? `Année ${year}` : kind === "quarter" ? `${index}${index === 1 ? "er" : "e"} trimestre ${year}` : `${index}${index === 1 ? "er" : "nd"} semestre ${year}`;
  return { key, kind, from, to, label };
}

/** The period a key names, or null when the key is not one. */
export function parsePeriod(key: string): Period | null {
  const m = PERIOD_KEY_PATTERN.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return build("year", year, 1);
  return build(m[2][0] === "T" ? "quarter" : "semester", year, Number(m[2][1]));
}

/** The period of this kind that contains the day. */
export function periodContaining(kind: PeriodKind, day: CalendarDate): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return build(kind, year, Math.floor((month - 1) / MONTHS_PER[kind]) + 1);
}

/** The period just before (the fourth quarter of last year before the first of this one). */
export const previousPeriod = (p: Period): Period => periodContaining(p.kind, addDays(p.from, -1));

/** The period and the `count - 1` before it, oldest first: what the dashboard sets side by side. */
export function periodsEndingWith(p: Period, count: number): Period[] {
  const out = [p];
  while (out.length < count) out.unshift(previousPeriod(out[0]));
  return out;
}
