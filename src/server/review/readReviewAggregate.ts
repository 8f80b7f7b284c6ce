import type { ReviewAggregate } from "../../shared/contracts/review.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import { loadAgenda } from "./readReview.js";
import { type ReviewCtx, reviewRef } from "./reviewAccess.js";
import { aggregateOf } from "./reviewAggregate.js";
import { distributionOf, listedReaders } from "./reviewDistribution.js";
import { reviewErrors } from "./reviewErrors.js";
import { reviewHeading } from "./reviewHeading.js";
import { findReview } from "./reviewRepository.js";

/**
 * A review in counts, for whoever its distribution list names (steering staff, a city's
 * representative) as well as its participants: nobody named, no row — the page the follow-up
 * e-mail links to for those who do not take part. Anyone else is told it does not exist.
 */
export async function readReviewAggregate(db: Db, ctx: ReviewCtx, id: string): Promise<ReviewAggregate> {
  const review = await findReview(db, id);
  if (!review) throw reviewErrors.notFound();
  const agenda = await loadAgenda(db, review);
  const rows = agenda.map((a) => a.row);
  const ref = { ...(await reviewRef(db, review.convention_id, review.agency_ids, review.held_on)), ...(await listedReaders(db, review, rows)) };
  if (!can(ctx.user, "review.summary.read", ref)) throw reviewErrors.notFound();
  const heading = await reviewHeading(db, review);
  const me = (await distributionOf(db, review, rows)).flatMap((l) => l.recipients).find((r) => r.userId === ctx.user.id);
  await auditRead(db, ctx, { action: "review.summary_read", subjectType: "portfolio_review", subjectId: id, details: {} });
  return {
    id,
    conventionNumber: heading.conventionNumber,
    conventionTitle: heading.conventionTitle,
    agencies: heading.agencies,
    heldOn: review.held_on,
    status: review.status,
    version: review.version,
    ...aggregateOf(agenda.map((a) => a.item)),
    inReach: me?.caseIds.size ?? null,
  };
}
