import { buildAgenda, secretariatFor } from "../../domain/review/agenda.js";
import { addDays, addMonths, daysBetween, parisToday } from "../../domain/shared/calendarDate.js";
import { reviewDateProblem } from "../../domain/support/eventDateRules.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import { conventionPartyOrganisationIds, conventionPeriod, globalSupportTermsOf } from "../convention/conventionTerms.js";
import { type ReviewCtx, reviewRef } from "./reviewAccess.js";
import { reviewErrors } from "./reviewErrors.js";
import { reviewTransaction } from "./reviewCommand.js";
import { casesForAgenda, insertReviewAgencies, insertReviewItems, lockReviewNumbering, nextReviewSequence, toSnapshot } from "./reviewRepository.js";

/**
 * Opens the review of some agencies under a convention, on a day: the agenda builds itself from
 * the cases (awaiting entry, due for renewal, reaching the maximum, social-only, disagreement,
 * no-shows since the last review), the secretariat alternates as the convention says.
 * Numbered after the last review of its agencies, under the convention's numbering lock, in the
 * transaction that creates it: reviews scheduled at the same time get consecutive numbers.
 * Its day lies within the convention's period and at its cadence from today (eventDateRules.ts).
 */
export async function scheduleReview(
  db: Db,
  ctx: ReviewCtx,
  input: { conventionId: string; agencyIds: string[]; heldOn: string },
  today = parisToday(),
): Promise<{ id: string }> {
  const agencyIds = [...new Set(input.agencyIds)];
  return reviewTransaction(db, async (tx) => {
    const gs = await globalSupportTermsOf(tx, input.conventionId, input.heldOn);
    if (!gs) throw reviewErrors.noGlobalSupport();
    const franceTravail = await conventionPartyOrganisationIds(tx, input.conventionId, input.heldOn, "france_travail");
    if (agencyIds.some((a) => !franceTravail.includes(a))) throw reviewErrors.agencyNotParty();
    authorize(ctx.user, "review.take_part", await reviewRef(tx, input.conventionId, agencyIds, input.heldOn));
    const period = await conventionPeriod(tx, input.conventionId);
    if (!period) throw reviewErrors.noGlobalSupport();
    const problem = reviewDateProblem({ heldOn: input.heldOn, today, convention: period, rules: { conventionNumber: gs.number, terms: gs.terms } });
    if (problem) throw reviewErrors.implausibleDate(problem.code, problem.message);

    await lockReviewNumbering(tx, input.conventionId);
    const sequence = await nextReviewSequence(tx, input.conventionId, agencyIds);
    // The last review before this one's day bounds the no-shows it hears about.
    const [previous] = await tx.query<{ held_on: string }>(
      "SELECT held_on FROM portfolio_reviews WHERE convention_id = $1 AND agency_ids && $2::uuid[] AND held_on < $3 ORDER BY held_on DESC LIMIT 1",
      [input.conventionId, agencyIds, input.heldOn],
    );
    // Periods ending before the next review (at the convention's cadence) are decided now.
    const horizonDays = daysBetween(input.heldOn, addMonths(input.heldOn, gs.terms.reviewCadenceMonths));
    const day = { reviewDate: input.heldOn, previousReviewDate: previous?.held_on ?? null, horizonDays };
    // Only the cases the agenda takes are read (the same horizon as buildAgenda's), then buildAgenda decides.
    const cases = await casesForAgenda(tx, input.conventionId, agencyIds, { ...day, horizon: addDays(input.heldOn, horizonDays) });
    const agenda = buildAgenda(cases.map((c) => toSnapshot(c, gs.terms.renewalsAllowed)), day);
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO portfolio_reviews (convention_id, agency_ids, held_on, sequence, secretariat, status, created_by)
       VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id`,
      [input.conventionId, agencyIds, input.heldOn, sequence, secretariatFor(sequence, gs.terms.reviewSecretariat ?? "alternate"), ctx.user.id],
    );
    await insertReviewAgencies(tx, { id, conventionId: input.conventionId, agencyIds, sequence });
    await insertReviewItems(tx, id, agenda);
    await audit(tx, ctx, { action: "review.scheduled", subjectType: "portfolio_review", subjectId: id, details: { cases: agenda.length, sequence } });
    return { id };
  });
}
