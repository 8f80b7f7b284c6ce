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
    /** The status the review must have, and the refusal when it has not. */
    requires: { status: ReviewRow["status"]; otherwise: () => AppError };
  },
  command: (args: ReviewCommandArgs) => Promise<ReviewCommandOutcome<R>>,
): Promise<R | undefined> {
  return reviewTransaction(db, async (tx) => {
    const review = await findReview(tx, reviewId, true);
    if (!review) throw reviewErrors.notFound();
    await authorizeReview(tx, ctx, review);
    if (review.status !== opts.requires.status) throw opts.requires.otherwise();
    const outcome = await command({ tx, review });
    await audit(tx, ctx, { action: opts.audit, subjectType: "portfolio_review", subjectId: reviewId, details: outcome.details ?? {} });
    return outcome.result;
  });
}

/**
 * One transaction of a review write. A unique key the command did not foresee (the backstop of
 * a race) or a deadlock rolls everything back and is a clean 409, never a 500.
 */
export async function reviewTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "23505" || code === "40P01") throw reviewErrors.conflict();
    throw error;
  }
}
