import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonths, type CalendarDate } from "../shared/calendarDate.js";

/**
 * The last signature date the file writes, once every party has one. Information only (ADR 0008):
 * it says when the parties are expected to have signed, it signs nothing. It stands in for the
 * real date when a file is checked before anyone has signed in Tandem.
 */
export function fileSignatureDate(terms: ConventionTerms): CalendarDate | null {
  let last: CalendarDate | null = null;
  for (const party of terms.parties) {
    const dates = party.signatories.map((s) => s.signedOn).filter((d): d is string => d !== null);
    if (dates.length === 0) return null;
    for (const d of dates) if (!last || d > last) last = d;
  }
  return last;
}

/** A fixed date, or the day the last party signed in Tandem (`signedOn`, null while a party has not). */
export function effectiveOn(terms: ConventionTerms, signedOn: CalendarDate | null): CalendarDate | null {
  return "date" in terms.period.effective ? terms.period.effective.date : signedOn;
}

/**
 * Problems a set of terms has once its dates are known (what zod alone cannot see). Without the
 * date the parties signed in Tandem, the file's own signature dates give the expected start.
 */
export function dateProblems(terms: ConventionTerms, signedOn: CalendarDate | null = fileSignatureDate(terms)): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const start = effectiveOn(terms, signedOn);
  if (start && terms.period.endsOn < start) {
    problems.push({ path: "period.endsOn", message: "La date de fin précède la date d’effet." });
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
