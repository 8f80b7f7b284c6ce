import type { Db } from "../platform/db.js";

/**
 * What an erasure of one person (privacy/registers, ADR 0031) removes from the lists context: the
 * lines of the received lists that brought or named them, and the links of those lists to them —
 * the same rows the received-list purge removes (receivedListPurge.ts), for one person.
 */
export async function erasePersonFromLists(tx: Db, jobSeekerId: string): Promise<{ listRows: number; links: number }> {
  // The lists that link the person (indexed by person): their lines are looked up in those lists only.
  const [{ n: listRows }] = await tx.query<{ n: number }>(
    `WITH d AS (DELETE FROM list_import_rows
                 WHERE import_id IN (SELECT import_id FROM list_import_people WHERE job_seeker_id = $1)
                   AND (job_seeker_id = $1 OR existing_job_seeker_id = $1) RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    [jobSeekerId],
  );
  const [{ n: links }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM list_import_people WHERE job_seeker_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d",
    [jobSeekerId],
  );
  return { listRows, links };
}
