import { addCounts, type Counts, countRows, purgeStatusLabel } from "../../../domain/privacy/retention.js";
import { PURGE_KIND_LABELS, type PurgeJournalEntry } from "../../../shared/contracts/retention.js";
import type { Db } from "../../platform/db.js";

/**
 * The purge journal (ADR 0032): one row per thing due — a received list, a convention's
 * destruction after its end — with its rule, due date, status, and counts per kind of row removed
 * (and kept, and why). Never a name: labels are a file name and a convention number.
 */
export type JournalKey = { kind: "received_list"; listImportId: string; conventionId: string } | { kind: "convention_end"; conventionId: string };
export type JournalFacts = { label: string; conventionNumber: string; rule: string; dueOn: string; organisationIds: string[] };

/** The journal row of what is due, created the first time (its label and rule as they read then). */
export async function journalRowFor(db: Db, key: JournalKey, facts: JournalFacts): Promise<string> {
  const listImportId = key.kind === "received_list" ? key.listImportId : null;
  const conflict = key.kind === "received_list" ? "(list_import_id) WHERE kind = 'received_list'" : "(convention_id) WHERE kind = 'convention_end'";
  await db.query(
    `INSERT INTO purge_journal (kind, list_import_id, convention_id, label, convention_number, rule, due_on, organisation_ids, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], 'running') ON CONFLICT ${conflict} DO NOTHING`,
    [key.kind, listImportId, key.conventionId, facts.label, facts.conventionNumber, facts.rule, facts.dueOn, facts.organisationIds],
  );
  const [row] = await db.query<{ id: string }>(
    key.kind === "received_list"
      ? "SELECT id FROM purge_journal WHERE kind = 'received_list' AND list_import_id = $1"
      : "SELECT id FROM purge_journal WHERE kind = 'convention_end' AND convention_id = $1",
    [listImportId ?? key.conventionId],
  );
  return row.id;
}

export async function markSuspended(db: Db, journalId: string, holdUntil: string): Promise<void> {
  await db.query("UPDATE purge_journal SET status = 'suspended', hold_until = $2, updated_at = now() WHERE id = $1", [journalId, holdUntil]);
}

export async function markRunning(db: Db, journalId: string): Promise<void> {
  await db.query(
    "UPDATE purge_journal SET status = 'running', hold_until = NULL, error_code = NULL, started_at = coalesce(started_at, now()), updated_at = now() WHERE id = $1",
    [journalId],
  );
}

/** Adds a batch's counts, in the batch's transaction: the journal never says more (or less) than what was committed. */
export async function addBatchCounts(tx: Db, journalId: string, batch: Counts): Promise<void> {
  const [row] = await tx.query<{ counts: Counts }>("SELECT counts FROM purge_journal WHERE id = $1 FOR UPDATE", [journalId]);
  await tx.query("UPDATE purge_journal SET counts = $2::jsonb, updated_at = now() WHERE id = $1", [journalId, JSON.stringify(addCounts(row.counts, batch))]);
}

/** Kept counts that say a state now (replaced at each run), not what a run left (added up). */
const KEPT_STATES = new Set(["peopleOnHold", "casesOnHold", "openCases"]);

/**
 * Done: what was kept and why — the people a run left (in support, on another list) add up over the
 * runs, what is kept now (on hold, still open) is replaced —, when it last removed something, and a
 * later failure is announced again.
 */
export async function markDone(db: Db, journalId: string, kept: Counts, removedSomething: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ kept: Counts }>("SELECT kept FROM purge_journal WHERE id = $1 FOR UPDATE", [journalId]);
    const merged: Counts = {};
    for (const k of new Set([...Object.keys(row.kept), ...Object.keys(kept)])) merged[k] = KEPT_STATES.has(k) ? (kept[k] ?? 0) : (row.kept[k] ?? 0) + (kept[k] ?? 0);
    await tx.query(
      `UPDATE purge_journal SET kept = $2::jsonb, error_code = NULL, alerted_at = NULL, updated_at = now(),
              finished_at = CASE WHEN $3 OR finished_at IS NULL OR status <> 'done' THEN now() ELSE finished_at END, status = 'done'
        WHERE id = $1`,
      [journalId, JSON.stringify(merged), removedSomething],
    );
  });
}

/** Failed: the error's code only (a message could carry data); announced once until a run succeeds. */
export async function markFailed(db: Db, journalId: string, errorCode: string): Promise<void> {
  await db.query("UPDATE purge_journal SET status = 'failed', error_code = $2, updated_at = now() WHERE id = $1", [journalId, errorCode.slice(0, 60)]);
}

export async function journalStatusOf(db: Db, key: JournalKey): Promise<{ status: PurgeJournalEntry["status"]; holdUntil: string | null } | null> {
  const [row] = await db.query<{ status: PurgeJournalEntry["status"]; hold_until: string | null }>(
    key.kind === "received_list"
      ? "SELECT status, hold_until::text FROM purge_journal WHERE kind = 'received_list' AND list_import_id = $1"
      : "SELECT status, hold_until::text FROM purge_journal WHERE kind = 'convention_end' AND convention_id = $1",
    [key.kind === "received_list" ? key.listImportId : key.conventionId],
  );
  return row ? { status: row.status, holdUntil: row.hold_until } : null;
}

type Row = {
  id: string;
  kind: PurgeJournalEntry["kind"];
  label: string;
  convention_number: string;
  rule: string;
  due_on: string;
  status: "running" | "done" | "failed" | "suspended";
  counts: Counts;
  kept: Counts;
  hold_until: string | null;
  finished_at: Date | null;
  started_at: Date | null;
};

/** The organisation's journal, newest due first (200 rows: years of lists). */
export async function journalOf(db: Db, organisationId: string): Promise<PurgeJournalEntry[]> {
  const rows = await db.query<Row>(
    `SELECT id, kind, label, convention_number, rule, due_on::text, status, counts, kept, hold_until::text, finished_at, started_at
       FROM purge_journal WHERE organisation_ids @> ARRAY[$1::uuid] ORDER BY due_on DESC, label LIMIT 200`,
    [organisationId],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindLabel: PURGE_KIND_LABELS[r.kind],
    what: r.label,
    conventionNumber: r.convention_number,
    rule: r.rule,
    dueOn: r.due_on,
    ranAt: (r.finished_at ?? r.started_at)?.toISOString() ?? null,
    status: r.status,
    statusLabel: purgeStatusLabel(r.status, { holdUntil: r.hold_until }),
    counts: countRows(r.counts),
    kept: countRows(r.kept),
  }));
}

/** The failed purges not yet announced, with the organisations to tell. */
export async function failedNotAlerted(db: Db): Promise<{ id: string; label: string; conventionNumber: string; dueOn: string; organisationIds: string[] }[]> {
  const rows = await db.query<{ id: string; label: string; convention_number: string; due_on: string; organisation_ids: string[] }>(
    "SELECT id, label, convention_number, due_on::text, organisation_ids FROM purge_journal WHERE status = 'failed' AND alerted_at IS NULL ORDER BY due_on",
  );
  return rows.map((r) => ({ id: r.id, label: r.label, conventionNumber: r.convention_number, dueOn: r.due_on, organisationIds: r.organisation_ids }));
}

/** What a batch deleted that the audit trail names: the trail then reads « supprimé le … (purge …) ». */
export async function recordPurged(tx: Db, subjectType: "job_seeker" | "support_case", ids: string[], today: string, journalId: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `INSERT INTO purged_subjects (subject_type, subject_id, purged_on, journal_id)
     SELECT $1, id, $3::date, $4 FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING`,
    [subjectType, ids, today, journalId],
  );
}

/** What an answered erasure (or accepted objection) deleted, for the audit trail's names (ADR 0031): caused by the request, not a journal row. */
export async function recordErased(tx: Db, subjectType: "job_seeker" | "support_case", ids: string[], today: string, rightsRequestId: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `INSERT INTO purged_subjects (subject_type, subject_id, purged_on, rights_request_id)
     SELECT $1, id, $3::date, $4 FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING`,
    [subjectType, ids, today, rightsRequestId],
  );
}
