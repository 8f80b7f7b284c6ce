import { cadenceWording } from "../../domain/shared/cadence.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { conventionPartyOrganisationIds, globalSupportTermsOf } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import type { ReviewRow } from "./reviewRepository.js";

export type ReviewHeading = {
  /** « Revue de portefeuille du 12/03/2026 — France Travail — Agence Strasbourg Meinau » */
  title: string;
  conventionNumber: string;
  conventionTitle: string;
  agencies: string[];
  /** The partner parties of the convention on the review's day (the social workers' side). */
  partners: string[];
  /** « bimestrielle », « tous les 5 mois »: the convention's cadence on the review's day (domain/shared/cadence.ts). */
  cadence: string;
};

/** What names a review in its documents and e-mails: its day, its agencies, its convention. */
export async function reviewHeading(db: Db, review: ReviewRow): Promise<ReviewHeading> {
  const [convention] = await db.query<{ number: string; title: string }>("SELECT number, title FROM conventions WHERE id = $1", [review.convention_id]);
  const names = (ids: string[]) => db.query<{ name: string }>("SELECT name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name", [ids]);
  const agencies = (await names(review.agency_ids)).map((a) => a.name);
  const partnerIds = await conventionPartyOrganisationIds(db, review.convention_id, review.held_on, "partner");
  // The convention's own partner parties, not each of their child organisations (CCAS, services…).
  const [{ top }] = await db.query<{ top: string[] }>(
    "SELECT coalesce(array_agg(id), '{}') AS top FROM organisations WHERE id = ANY($1::uuid[]) AND (parent_id IS NULL OR NOT parent_id = ANY($1::uuid[]))",
    [partnerIds],
  );
  const partners = (await names(top)).map((p) => p.name);
  const gs = await globalSupportTermsOf(db, review.convention_id, review.held_on);
  return {
    title: `Revue de portefeuille du ${frenchDate(review.held_on)} — ${agencies.join(", ")}`,
    conventionNumber: convention.number,
    conventionTitle: convention.title,
    agencies,
    partners,
    cadence: cadenceWording(gs?.terms.reviewCadenceMonths ?? 1),
  };
}
