import type { Db } from "../platform/db.js";

/**
 * What the retention purges (privacy/retention, ADR 0032) ask of the support context: which people
 * entered a support, which closed cases a convention's end no longer justifies, and their deletion
 * with what hangs on them. Every function runs in the purge's batch transaction and takes ids in
 * bulk (one statement per step, whatever the batch's size).
 */

/**
 * Deletes the people of `ids` who have no support case, each row locked first (an orientation
 * being recorded on one of them waits, or makes us keep them: a case inserted after our lock is
 * impossible, its foreign key needs the row). Returns the ids deleted.
 */
export async function deletePeopleWithoutSupport(tx: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  await tx.query("SELECT id FROM job_seekers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE", [ids]);
  const rows = await tx.query<{ id: string }>(
    `DELETE FROM job_seekers j WHERE j.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM support_cases c WHERE c.job_seeker_id = j.id) RETURNING j.id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Of `ids`, the people who have entered a support (any case, open or closed). */
export async function peopleInSupport(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>("SELECT DISTINCT job_seeker_id AS id FROM support_cases WHERE job_seeker_id = ANY($1::uuid[])", [ids]);
  return new Set(rows.map((r) => r.id));
}

export type ClosedCase = { id: string; jobSeekerId: string };

/**
 * The next batch of closed cases (exited or refused) that ran under one of `conventionIds`, after
 * `afterId` in id order, skipping the rows another transaction holds (a user working on a case is
 * never waited for: the case is taken the next day).
 */
export async function nextClosedCases(tx: Db, conventionIds: string[], afterId: string | null, limit: number): Promise<ClosedCase[]> {
  const rows = await tx.query<{ id: string; job_seeker_id: string }>(
    `SELECT id, job_seeker_id FROM support_cases
      WHERE convention_id = ANY($1::uuid[]) AND status IN ('exited', 'refused') AND ($2::uuid IS NULL OR id > $2::uuid)
      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [conventionIds, afterId, limit],
  );
  return rows.map((r) => ({ id: r.id, jobSeekerId: r.job_seeker_id }));
}

/** The cases still open under the conventions: kept (they wait for their exit, ADR 0024), counted for the journal. */
export async function openCasesUnder(db: Db, conventionIds: string[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM support_cases WHERE convention_id = ANY($1::uuid[]) AND status NOT IN ('exited', 'refused')",
    [conventionIds],
  );
  return row.n;
}

export type DeletedCaseData = { cases: number; notes: number; appointments: number; documents: number; barriers: number; events: number; notifications: number };

/**
 * Deletes closed cases (locked by nextClosedCases) with their notes and versions, appointments
 * and their changes, documents, barriers, timeline and the notifications that name them; returns
 * the counts per kind. The review context forgets them first (its rows have no cascade).
 */
export async function deleteClosedCases(tx: Db, caseIds: string[]): Promise<DeletedCaseData> {
  if (caseIds.length === 0) return { cases: 0, notes: 0, appointments: 0, documents: 0, barriers: 0, events: 0, notifications: 0 };
  const [counts] = await tx.query<Omit<DeletedCaseData, "cases" | "notifications">>(
    `SELECT (SELECT count(*)::int FROM support_notes WHERE case_id = ANY($1::uuid[])) AS notes,
            (SELECT count(*)::int FROM support_appointments WHERE case_id = ANY($1::uuid[])) AS appointments,
            (SELECT count(*)::int FROM support_documents WHERE case_id = ANY($1::uuid[])) AS documents,
            (SELECT count(*)::int FROM support_case_barriers WHERE case_id = ANY($1::uuid[])) AS barriers,
            (SELECT count(*)::int FROM support_case_events WHERE case_id = ANY($1::uuid[])) AS events`,
    [caseIds],
  );
  const [{ n: notifications }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM notifications WHERE case_id = ANY($1::uuid[]) OR case_ids && $1::uuid[] RETURNING 1) SELECT count(*)::int AS n FROM d",
    [caseIds],
  );
  const [{ n: cases }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM support_cases WHERE id = ANY($1::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d",
    [caseIds],
  );
  return { cases, notifications, ...counts };
}

/** The closed cases under the conventions: what a convention's end purge will remove, counted in SQL. */
export async function closedCasesUnder(db: Db, conventionIds: string[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM support_cases WHERE convention_id = ANY($1::uuid[]) AND status IN ('exited', 'refused')",
    [conventionIds],
  );
  return row.n;
}
