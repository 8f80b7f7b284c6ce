import type { Db } from "../platform/db.js";
import { discardImportRows } from "./listImportRepository.js";

/**
 * What the retention purge (privacy/retention, ADR 0032) does to the lists context's tables: find
 * the received lists (applied imports) and their purge dates, count what they still hold, and
 * delete it batch by batch — each call one short statement on one list's rows, so a purge of a
 * million lines never holds a table, and a stopped purge goes on where it was.
 */
export type ReceivedList = {
  id: string;
  conventionId: string;
  organisationId: string;
  source: "new_registrants" | "rsa_monthly";
  fileName: string;
  receivedAt: string;
  purgeOn: string;
  purgeRule: string;
  rows: number;
  links: number;
  peopleCreated: number;
};

/**
 * The received lists whose purge is due by `dueBy` (null: any) and which still hold lines or
 * people, with what they hold counted in SQL; for one organisation or all.
 */
export async function receivedListsHoldingData(db: Db, dueBy: string | null, organisationId: string | null = null): Promise<ReceivedList[]> {
  const rows = await db.query<{
    id: string;
    convention_id: string;
    organisation_id: string;
    source: ReceivedList["source"];
    file_name: string;
    received_at: string;
    purge_on: string;
    purge_rule: string;
    rows: number;
    links: number;
    people_created: number;
  }>(
    `SELECT i.id, i.convention_id, i.organisation_id, i.source, i.file_name, to_char(i.received_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS received_at,
            to_char(i.purge_on, 'YYYY-MM-DD') AS purge_on, i.purge_rule,
            (SELECT count(*)::int FROM list_import_rows r WHERE r.import_id = i.id) AS rows,
            (SELECT count(*)::int FROM list_import_people p WHERE p.import_id = i.id) AS links,
            (SELECT count(*)::int FROM list_import_people p WHERE p.import_id = i.id AND p.created) AS people_created
       FROM list_imports i
      WHERE i.status = 'applied' AND ($1::date IS NULL OR i.purge_on <= $1::date) AND ($2::uuid IS NULL OR i.organisation_id = $2::uuid)
        AND (EXISTS (SELECT 1 FROM list_import_rows r WHERE r.import_id = i.id) OR EXISTS (SELECT 1 FROM list_import_people p WHERE p.import_id = i.id))
      ORDER BY i.purge_on, i.received_at`,
    [dueBy, organisationId],
  );
  return rows.map((r) => ({
    id: r.id,
    conventionId: r.convention_id,
    organisationId: r.organisation_id,
    source: r.source,
    fileName: r.file_name,
    receivedAt: r.received_at,
    purgeOn: r.purge_on,
    purgeRule: r.purge_rule,
    rows: r.rows,
    links: r.links,
    peopleCreated: r.people_created,
  }));
}

/** The received list's organisation, convention and purge date (a legal hold names one of them). */
export async function receivedListFacts(db: Db, importId: string): Promise<{ organisationId: string; conventionId: string; status: string; purgeOn: string } | null> {
  const [row] = await db.query<{ organisation_id: string; convention_id: string; status: string; purge_on: string }>(
    "SELECT organisation_id, convention_id, status, to_char(purge_on, 'YYYY-MM-DD') AS purge_on FROM list_imports WHERE id = $1",
    [importId],
  );
  return row ? { organisationId: row.organisation_id, conventionId: row.convention_id, status: row.status, purgeOn: row.purge_on } : null;
}

/**
 * The next batch of the list's links to people (after `afterId`), leaving out `keep` (people on
 * hold), locked without waiting for a row another transaction holds.
 */
export async function nextListLinks(tx: Db, importId: string, afterId: string | null, limit: number): Promise<{ jobSeekerId: string; created: boolean }[]> {
  const rows = await tx.query<{ job_seeker_id: string; created: boolean }>(
    `SELECT job_seeker_id, created FROM list_import_people
      WHERE import_id = $1 AND ($2::uuid IS NULL OR job_seeker_id > $2::uuid)
      ORDER BY job_seeker_id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [importId, afterId, limit],
  );
  return rows.map((r) => ({ jobSeekerId: r.job_seeker_id, created: r.created }));
}

/** Of `ids`, the people another received list (not this one) still links: it still justifies them. */
export async function peopleOfOtherLists(tx: Db, importId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    "SELECT DISTINCT job_seeker_id AS id FROM list_import_people WHERE job_seeker_id = ANY($2::uuid[]) AND import_id <> $1",
    [importId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Of `ids`, the people any received list links (a convention's end purge keeps them: their list decides). */
export async function peopleOfAnyList(tx: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>("SELECT DISTINCT job_seeker_id AS id FROM list_import_people WHERE job_seeker_id = ANY($1::uuid[])", [ids]);
  return new Set(rows.map((r) => r.id));
}

/** Removes the list's links to these people; returns how many. */
export async function unlinkListPeople(tx: Db, importId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [{ n }] = await tx.query<{ n: number }>(
    "WITH d AS (DELETE FROM list_import_people WHERE import_id = $1 AND job_seeker_id = ANY($2::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM d",
    [importId, ids],
  );
  return n;
}

/**
 * Deletes up to `limit` of the list's lines after line `afterLine` (and its remaining report
 * lines), leaving the lines of `keep` (people on hold); returns how many went and the last line
 * passed (null when none is left). The caller goes on from there: each batch starts past the
 * lines already deleted instead of stepping again over their dead index entries (a million-line
 * purge stays linear).
 */
export async function deleteListRowsBatch(
  tx: Db,
  importId: string,
  keep: string[],
  limit: number,
  afterLine = 0,
): Promise<{ deleted: number; lastLine: number | null }> {
  await tx.query("DELETE FROM list_import_issues WHERE import_id = $1", [importId]);
  const [row] = await tx.query<{ n: number; last_line: number | null }>(
    `WITH batch AS (
       SELECT line FROM list_import_rows
        WHERE import_id = $1 AND line > $4 AND (job_seeker_id IS NULL OR NOT (job_seeker_id = ANY($2::uuid[])))
        ORDER BY line LIMIT $3 FOR UPDATE SKIP LOCKED),
     d AS (DELETE FROM list_import_rows r USING batch WHERE r.import_id = $1 AND r.line = batch.line RETURNING r.line)
     SELECT count(*)::int AS n, max(line) AS last_line FROM d`,
    [importId, keep, limit, afterLine],
  );
  return { deleted: row.n, lastLine: row.last_line };
}

/** After the purge of its lines: the list's table goes too, when no line is left (ADR 0044). */
export async function dropPurgedListRows(db: Db, importId: string): Promise<void> {
  const [left] = await db.query("SELECT 1 FROM list_import_rows WHERE import_id = $1 LIMIT 1", [importId]);
  if (!left) await discardImportRows(db, importId);
}
