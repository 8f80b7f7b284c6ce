import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { conventionPartyOrganisationIds, conventionPartyOrganisationIdsOnDates } from "../convention/conventionTerms.js";
import { reviewErrors } from "./reviewErrors.js";
import { findReview, type ReviewRow } from "./reviewRepository.js";

export type ReviewCtx = RequestContext & { user: SessionUser };

/** Who takes part in a review: the advisors of its agencies, the social workers of the convention's partners. */
export async function reviewRef(db: Db, conventionId: string, agencyIds: string[], onDate: string) {
  return { agencyIds, partnerOrganisationIds: await conventionPartyOrganisationIds(db, conventionId, onDate, "partner") };
}

/**
 * The same as `reviewRef` for each review of a list, in one statement whatever its length (the
 * reviews of a page are authorised one by one, in memory, from these refs).
 */
export async function reviewRefs(db: Db, reviews: { convention_id: string; agency_ids: string[]; held_on: string }[]) {
  const keyOf = (r: { convention_id: string; held_on: string }) => `${r.convention_id}:${r.held_on}`;
  const asked = [...new Map(reviews.map((r) => [keyOf(r), { conventionId: r.convention_id, onDate: r.held_on }])).values()];
  const partners = await conventionPartyOrganisationIdsOnDates(db, asked, "partner");
  const byKey = new Map(asked.map((a, i) => [`${a.conventionId}:${a.onDate}`, partners[i]]));
  return reviews.map((r) => ({ agencyIds: r.agency_ids, partnerOrganisationIds: byKey.get(keyOf(r)) ?? [] }));
}

/** Loads a review the user takes part in; anyone else is told it does not exist. */
export async function reviewForParticipant(db: Db, ctx: ReviewCtx, id: string): Promise<ReviewRow> {
  const review = await findReview(db, id);
  if (!review) throw reviewErrors.notFound();
  await authorizeReview(db, ctx, review);
  return review;
}

/** Checks that the user takes part in this review (as loaded, or as locked by a command); anyone else is told it does not exist. */
export async function authorizeReview(db: Db, ctx: ReviewCtx, review: ReviewRow): Promise<void> {
  try {
    authorize(ctx.user, "review.take_part", await reviewRef(db, review.convention_id, review.agency_ids, review.held_on));
  } catch {
    throw reviewErrors.notFound();
  }
}
