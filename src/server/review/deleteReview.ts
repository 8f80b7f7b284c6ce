import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import type { ReviewCtx } from "./reviewAccess.js";
import { runReviewCommand } from "./reviewCommand.js";
import { distributionOf } from "./reviewDistribution.js";
import { reviewErrors } from "./reviewErrors.js";
import { reviewHeading } from "./reviewHeading.js";
import { sendDeletionMails } from "./reviewMail.js";
import { casesByIds, reviewItems } from "./reviewRepository.js";

type Deps = { db: Db; mailer: Mailer; config: Config };

/**
 * Deletes a review scheduled by mistake. Only while it holds no decision: a decision was applied
 * to its case the moment it was taken, so a review that holds one is corrected by reopening it,
 * never erased. If its table was already sent (closed without any decision), those it was sent
 * to are told it no longer stands. The audit keeps what the review was.
 */
export async function deleteReview(deps: Deps, ctx: ReviewCtx, reviewId: string) {
  const opts = { audit: "review.deleted", requires: { status: ["open", "closed"], otherwise: reviewErrors.notFound } } as const;
  await runReviewCommand(deps.db, ctx, reviewId, opts, async ({ tx, review }) => {
    const [{ decisions }] = await tx.query<{ decisions: number }>("SELECT count(*)::int AS decisions FROM portfolio_review_decisions WHERE review_id = $1", [reviewId]);
    if (decisions > 0) throw reviewErrors.holdsDecisions();
    const [{ sent }] = await tx.query<{ sent: boolean }>("SELECT EXISTS (SELECT 1 FROM portfolio_review_documents WHERE review_id = $1) AS sent", [reviewId]);
    const items = await reviewItems(tx, reviewId);
    let told: string[] = [];
    if (sent) {
      const lists = await distributionOf(tx, review, await casesByIds(tx, items.map((i) => i.case_id)));
      told = await sendDeletionMails(tx, deps, await reviewHeading(tx, review), lists, `${ctx.user.firstName} ${ctx.user.lastName}`);
    }
    await tx.query("DELETE FROM portfolio_reviews WHERE id = $1", [reviewId]);
    return {
      details: { conventionId: review.convention_id, agencyIds: review.agency_ids, heldOn: review.held_on, sequence: review.sequence, version: review.version, cases: items.length, told },
    };
  });
}
