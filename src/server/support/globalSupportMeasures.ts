import type { Db } from "../platform/db.js";

/**
 * Measures of global support that conventions commit to [001 art. 2.4, 002 art. 3.1 and 3.2],
 * computed from the cases Tandem holds — never typed in.
 */

/** Advisors currently carrying global-support cases under the convention. */
export async function dedicatedAdvisors(db: Db, conventionId: string): Promise<number | null> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(DISTINCT advisor_id)::int AS n FROM support_cases WHERE convention_id = $1 AND status IN ('active','social_only') AND advisor_id IS NOT NULL",
    [conventionId],
  );
  return row.n;
}

/** Average active portfolio of those advisors (null when nobody carries a case yet). */
export async function activeCasesPerAdvisor(db: Db, conventionId: string): Promise<number | null> {
  const [row] = await db.query<{ cases: number; advisors: number }>(
    `SELECT count(*)::int AS cases, count(DISTINCT advisor_id)::int AS advisors
       FROM support_cases WHERE convention_id = $1 AND status IN ('active','social_only') AND advisor_id IS NOT NULL`,
    [conventionId],
  );
  return row.advisors ? Math.round((row.cases / row.advisors) * 10) / 10 : null;
}
