import type { Db } from "../platform/db.js";

/**
 * What an erasure (RGPD art. 17) or an accepted objection (art. 21) asks of the support context
 * (privacy/registers, ADR 0031): the person locked, the cases that still need them, and all their
 * cases — the deletion itself is the purges' (purgeSupportData.ts), one person at a time.
 */

/** Locks the person’s row for the answer’s transaction (an erasure, a limitation); false when the record no longer exists. */
export async function lockPersonRecord(tx: Db, jobSeekerId: string): Promise<boolean> {
  const rows = await tx.query("SELECT id FROM job_seekers WHERE id = $1 FOR UPDATE", [jobSeekerId]);
  return rows.length > 0;
}

/** The person's cases (all of them, locked), with whether each is still open and under which convention. */
export async function casesOfPerson(tx: Db, jobSeekerId: string): Promise<{ id: string; conventionId: string; open: boolean }[]> {
  const rows = await tx.query<{ id: string; convention_id: string; open: boolean }>(
    "SELECT id, convention_id, status NOT IN ('exited', 'refused') AS open FROM support_cases WHERE job_seeker_id = $1 ORDER BY id FOR UPDATE",
    [jobSeekerId],
  );
  return rows.map((r) => ({ id: r.id, conventionId: r.convention_id, open: r.open }));
}
