import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { AppError } from "../platform/errors.js";
import { authorizeReview, type ReviewCtx } from "./reviewAccess.js";
import { reviewErrors } from "./reviewErrors.js";
import { findReview, type ReviewRow } from "./reviewRepository.js";

export type ReviewCommandArgs = { tx: Db; review: ReviewRow };
export type ReviewCommandOutcome<R> = { details?: Record<string, unknown>; result?: R };

/**
 * The one path of every write on an existing review, as `runCaseCommand` is for a case: open
 * the transaction, lock the review row, check who asks against what was locked, check its
 * state, apply, audit — e-mails are enqueued by the command on the same transaction. Nothing
 * read before the lock decides anything, and the commands on one review run one after the other
 * in the order they came: two that race end with one winner and a clean refusal (a second close
 * finds the review closed and sends nothing; a decision that comes after a close is refused; a
 * close includes every decision recorded before it).
 */
export async function runReviewCommand<R = void>(
  db: Db,
  ctx: ReviewCtx,
  reviewId: string,
  opts: {
    audit: string;
    /** The status (or one of the statuses) the review must have, and the refusal when it has not. */
    requires: { status: ReviewRow["status"] | readonly ReviewRow["status"][]; otherwise: () => AppError };
  },
  command: (args: ReviewCommandArgs) => Promise<ReviewCommandOutcome<R>>,
): Promise<R | undefined> {
  return reviewTransaction(db, async (tx) => {
    const review = await findReview(tx, reviewId, true);
    if (!review) throw reviewErrors.notFound();
    await authorizeReview(tx, ctx, review);
    const allowed: readonly ReviewRow["status"][] = typeof opts.requires.status === "string" ? [opts.requires.status] : opts.requires.status;
    if (!allowed.includes(review.status)) throw opts.requires.otherwise();
    const outcome = await command({ tx, review });
    await audit(tx, ctx, { action: opts.audit, subjectType: "portfolio_review", subjectId: reviewId, details: outcome.details ?? {} });
    return outcome.result;
  });
}

/**
 * The review's own unique keys, backstops of a race between participants: hitting one means
 * another participant changed the review at the same moment. Any other unique key (a bug in a
 * support command a decision applies) goes on to the platform's mapping (platform/databaseErrors.ts).
 */
const REVIEW_RACE_CONSTRAINTS = new Set([
  "portfolio_review_agencies_convention_id_agency_id_sequence_key",
  "portfolio_reviews_numbering_key",
  "portfolio_review_items_pkey",
  "portfolio_review_decisions_review_id_case_id_version_key",
  "portfolio_review_documents_review_id_version_kind_key",
]);

/** One transaction of a review write: a race on the review's own keys, or a deadlock, is a clean 409. */
export async function reviewTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: string };
    if ((code === "23505" && constraint && REVIEW_RACE_CONSTRAINTS.has(constraint)) || code === "40P01") throw reviewErrors.conflict();
    throw error;
  }
}
