import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { type CalendarDate, frenchDate } from "../shared/calendarDate.js";
import { delayLabel, periodLastDay } from "./delays.js";

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
  if (start && terms.period.maxDuration) {
    // « sans pouvoir dépasser une durée de 3 ans à compter de la date d’effet » (004 art. 9): a period from the start.
    const cap = periodLastDay(start, terms.period.maxDuration);
    if (terms.period.endsOn > cap) {
      problems.push({
        path: "period.endsOn",
        message: `La durée totale ne peut dépasser ${delayLabel(terms.period.maxDuration)} à compter du ${frenchDate(start)} (fin au plus tard le ${frenchDate(cap)}).`,
      });
    }
  }
  return problems;
}
