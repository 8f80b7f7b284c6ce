import type { ComputedMeasure } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";

/**
 * Commitments Tandem measures from its own data (`computedFrom` in the convention file, one of
 * COMPUTED_MEASURES: an unknown one is refused at import). Every measure is per convention.
 */
export type CommitmentCalculator = (db: Db, conventionId: string, today: string) => Promise<number | null>;

const OPEN_CASE = "status IN ('active','social_only')";

/** The advisors named as dedicated under the convention (002 art. 3.1), not anyone who carries a case. */
async function dedicatedAdvisors(db: Db, conventionId: string): Promise<number | null> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM convention_dedicated_advisors d JOIN users u ON u.id = d.user_id WHERE d.convention_id = $1 AND u.active",
    [conventionId],
  );
  return row.n;
}

/**
 * The average active portfolio under this convention only: each advisor counted with the cases
 * this convention runs (an advisor under two conventions counts against each one's target with
 * its own cases) — over the advisors named dedicated when there are any, else over those who
 * carry its cases. Null when nobody carries a case yet.
 */
async function activeCasesPerAdvisor(db: Db, conventionId: string): Promise<number | null> {
  const [row] = await db.query<{ cases: number; advisors: number }>(
    `WITH named AS (SELECT user_id FROM convention_dedicated_advisors WHERE convention_id = $1),
          carriers AS (
            SELECT user_id FROM named
            UNION SELECT DISTINCT advisor_id FROM support_cases
             WHERE convention_id = $1 AND ${OPEN_CASE} AND advisor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM named))
     SELECT (SELECT count(*)::int FROM support_cases s JOIN carriers c ON c.user_id = s.advisor_id WHERE s.convention_id = $1 AND s.${OPEN_CASE}) AS cases,
            (SELECT count(*)::int FROM carriers) AS advisors`,
    [conventionId],
  );
  return row.advisors && row.cases ? Math.round((row.cases / row.advisors) * 10) / 10 : null;
}

export const commitmentCalculators: Record<ComputedMeasure, CommitmentCalculator> = {
  global_support_dedicated_advisors: dedicatedAdvisors,
  global_support_active_cases_per_advisor: activeCasesPerAdvisor,
};
