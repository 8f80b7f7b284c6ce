import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonths, type CalendarDate } from "../shared/calendarDate.js";

/** Signed when every party has at least one signature; the date is the last signature's. */
export function lastSignature(terms: ConventionTerms): CalendarDate | null {
  let last: CalendarDate | null = null;
  for (const party of terms.parties) {
    const dates = party.signatories.map((s) => s.signedOn).filter((d): d is string => d !== null);
    if (dates.length === 0) return null;
    for (const d of dates) if (!last || d > last) last = d;
  }
  return last;
}

export function effectiveOn(terms: ConventionTerms): CalendarDate | null {
  return "date" in terms.period.effective ? terms.period.effective.date : lastSignature(terms);
}

/** Problems a set of terms has once its dates are known (what zod alone cannot see). */
export function dateProblems(terms: ConventionTerms): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const start = effectiveOn(terms);
  if (start && terms.period.endsOn < start) {
    problems.push({ path: "period.endsOn", message: "La date de fin précède la date d'effet." });
  }
  if (start && terms.period.maxTotalMonths) {
    const cap = addDays(addMonths(start, terms.period.maxTotalMonths), -1);
    if (terms.period.endsOn > cap) {
      problems.push({
        path: "period.endsOn",
        message: `La durée totale ne peut dépasser ${terms.period.maxTotalMonths} mois à compter du ${start} (fin au plus tard le ${cap}).`,
      });
    }
  }
  return problems;
}
