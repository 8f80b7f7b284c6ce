import type { Db } from "../platform/db.js";

/**
 * A convention's end purge (privacy/retention, ADR 0032) deletes closed cases: the reviews forget
 * them first — their agenda items and decisions — and drop the stored documents of the reviews that
 * named them (minutes and follow-up tables carry their names). Returns the counts per kind.
 */
export async function forgetPurgedCases(tx: Db, caseIds: string[]): Promise<{ reviewItems: number; reviewDecisions: number; reviewDocuments: number }> {
  if (caseIds.length === 0) return { reviewItems: 0, reviewDecisions: 0, reviewDocuments: 0 };
  const [{ n: reviewDocuments }] = await tx.query<{ n: number }>(
    `WITH d AS (DELETE FROM portfolio_review_documents WHERE review_id IN (SELECT review_id FROM portfolio_review_items WHERE case_id = ANY($1::uuid[])) RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    [caseIds],
  );
  const [{ n: reviewDecisions }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM portfolio_review_decisions WHERE case_id = ANY($1::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d",
    [caseIds],
  );
  const [{ n: reviewItems }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM portfolio_review_items WHERE case_id = ANY($1::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d",
    [caseIds],
  );
  return { reviewItems, reviewDecisions, reviewDocuments };
}
