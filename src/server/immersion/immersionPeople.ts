import type { Db } from "../platform/db.js";

/** Of `ids`, the people with a recorded immersion (PMSMP): the immersion justifies keeping them (the retention purges ask). */
export async function peopleInImmersions(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>("SELECT DISTINCT job_seeker_id AS id FROM immersions WHERE job_seeker_id = ANY($1::uuid[])", [ids]);
  return new Set(rows.map((r) => r.id));
}
