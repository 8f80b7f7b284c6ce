import type { Db } from "../platform/db.js";

/**
 * What an erasure of one person (privacy/registers, ADR 0031) removes from the lists context: the
 * lines of the received lists that brought or named them, and the links of those lists to them —
 * the same rows the received-list purge removes (receivedListPurge.ts), for one person.
 */
export async function erasePersonFromLists(tx: Db, jobSeekerId: string): Promise<{ listRows: number; links: number }> {
  // The lists that link the person (indexed by person), then their lines in those lists' tables
  // only: named in the statement, they are the only partitions planned (ADR 0044) — a join would
  // plan a DELETE on every list's table.
  const imports = (await tx.query<{ import_id: string }>("SELECT import_id FROM list_import_people WHERE job_seeker_id = $1", [jobSeekerId])).map((r) => r.import_id);
  const [{ n: listRows }] =
    imports.length === 0
      ? [{ n: 0 }]
      : await tx.query<{ n: number }>(
          `WITH d AS (DELETE FROM list_import_rows WHERE import_id = ANY($2::uuid[]) AND (job_seeker_id = $1 OR existing_job_seeker_id = $1) RETURNING 1)
           SELECT count(*)::int AS n FROM d`,
          [jobSeekerId, imports],
        );
  const [{ n: links }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM list_import_people WHERE job_seeker_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d",
    [jobSeekerId],
  );
  return { listRows, links };
}
