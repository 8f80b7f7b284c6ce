import { type CalendarDate, frenchDate } from "../shared/calendarDate.js";

/**
 * How a party's signature came into Tandem (ADR 0008): signed in the application by a user of
 * that party, or recorded from a scanned signed copy by the platform admin (or by the system,
 * for the demo's seed conventions).
 */
export const SIGNATURE_MODES = ["in_app", "scanned_copy"] as const;
export type SignatureMode = (typeof SIGNATURE_MODES)[number];

/**
 * The convention is signed once every party that signs it has signed in Tandem; its signature
 * date is then the last of theirs. Null while one party is missing.
 */
export function conventionSignedOn(signingPartyIds: string[], signatures: { organisationId: string; signedOn: CalendarDate }[]): CalendarDate | null {
  if (signingPartyIds.length === 0) return null;
  let last: CalendarDate | null = null;
  for (const party of signingPartyIds) {
    const signature = signatures.find((s) => s.organisationId === party);
    if (!signature) return null;
    if (!last || signature.signedOn > last) last = signature.signedOn;
  }
  return last;
}

/** A signature is an act that has happened, within the convention's life: never in the future, never after its end. */
export function signatureDateProblems(signedOn: CalendarDate, c: { today: CalendarDate; endsOn: CalendarDate }): { path: string; message: string }[] {
  if (signedOn > c.today) return [{ path: "signedOn", message: "La date de signature ne peut pas être dans le futur." }];
  if (signedOn > c.endsOn) {
    return [{ path: "signedOn", message: `La date de signature ne peut pas être postérieure à la fin de la convention (${frenchDate(c.endsOn)}).` }];
  }
  return [];
}

/**
 * An amendment's signature (ADR 0008, « Avenants »): an act that has happened, once the
 * convention it amends is signed by every party, and not after the convention's end as it stands
 * without this amendment (a renewal is signed before the end it moves).
 */
export function amendmentSignatureDateProblems(
  signedOn: CalendarDate,
  c: { today: CalendarDate; conventionSignedOn: CalendarDate; endsOn: CalendarDate },
): { path: string; message: string }[] {
  if (signedOn > c.today) return [{ path: "signedOn", message: "La date de signature ne peut pas être dans le futur." }];
  if (signedOn < c.conventionSignedOn) {
    return [{ path: "signedOn", message: `Un avenant ne peut pas être signé avant la convention qu’il modifie (signée le ${frenchDate(c.conventionSignedOn)}).` }];
  }
  if (signedOn > c.endsOn) {
    return [{ path: "signedOn", message: `La date de signature ne peut pas être postérieure à la fin de la convention (${frenchDate(c.endsOn)}).` }];
  }
  return [];
}
