import type { Db } from "../platform/db.js";

/** Of `ids`, the people with a recorded immersion (PMSMP): the immersion justifies keeping them (the retention purges ask). */
export async function peopleInImmersions(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>("SELECT DISTINCT job_seeker_id AS id FROM immersions WHERE job_seeker_id = ANY($1::uuid[])", [ids]);
  return new Set(rows.map((r) => r.id));
}

/** How many immersions of the person go with their record (erased with it). */
export async function immersionsOfPerson(db: Db, jobSeekerId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM immersions WHERE job_seeker_id = $1", [jobSeekerId]);
  return row.n;
}
