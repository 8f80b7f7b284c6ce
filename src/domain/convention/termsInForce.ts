import type { Amendment } from "../../shared/contracts/conventionFile.js";
import type { CalendarDate } from "../shared/calendarDate.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON merge patch (RFC 7386): objects merge, arrays and values replace, null removes. */
export function mergePatch<T>(target: T, patch: Json): T {
  const result: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (isObject(value)) result[key] = mergePatch(result[key], value);
    else result[key] = value;
  }
  return result as T;
}

/** The terms as they stand on a date: the signed terms, then each amendment in force by then, in order. */
export function termsOn<T>(base: T, amendments: Pick<Amendment, "effectiveOn" | "changes">[], onDate: CalendarDate): T {
  return [...amendments]
    .filter((a) => a.effectiveOn <= onDate)
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))
    .reduce((terms, a) => mergePatch(terms, a.changes), base);
}

/** The latest terms (every amendment applied), which give the current end date and the calendar. */
export const latestTerms = <T>(base: T, amendments: Pick<Amendment, "effectiveOn" | "changes">[]) => termsOn(base, amendments, "9999-12-31");
