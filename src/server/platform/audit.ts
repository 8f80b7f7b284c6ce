import type { Db } from "./db.js";
import type { RequestContext } from "./requestContext.js";

export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
};

/**
 * The columns an event is written with (the chain trigger of migrations/010 fills the rest). The
 * actor's address is not written (migrations/020): users.email, by actor_user_id, gives it.
 */
const COLUMNS = ["actor_user_id", "actor_organisation_id", "action", "subject_type", "subject_id", "details", "request_id", "ip"] as const;

/** One event's values, in the order of COLUMNS. */
function auditValues(ctx: RequestContext, entry: AuditEntry): unknown[] {
  return [
    ctx.user?.id ?? null,
    ctx.user?.organisationId ?? null,
    entry.action,
    entry.subjectType,
    entry.subjectId ?? null,
    JSON.stringify(entry.details ?? {}),
    ctx.requestId,
    ctx.ip,
  ];
}

/** `INSERT … VALUES ($1…), ($10…), …` for `rows` events. */
function insertSql(rows: number): string {
  const n = COLUMNS.length;
  const values = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((_, c) => `$${r * n + c + 1}`).join(", ")})`);
  return `INSERT INTO audit_events (${COLUMNS.join(", ")}) VALUES ${values.join(", ")}`;
}

/**
 * Appends one audit event. Call it with the transaction that carries the change, so the
 * event and the change commit or roll back together.
 *
 * The database chains it (migrations/010): a trigger gives it the next number and the hash of
 * the event before it, holding the chain head's row lock until the transaction ends — audited
 * transactions commit one after the other from this call on. So call it last, after the rows
 * the command locks (the command path's order), and keep slow work out of the transaction
 * after it: locking a row after auditing can deadlock with a transaction doing the reverse.
 */
export async function audit(tx: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.query(insertSql(1), auditValues(ctx, entry));
}

/**
 * Records that `ctx` read personal data, before the data leaves: resolves once the event is
 * committed, rejects (and the request fails, sending nothing) if it could not be.
 *
 * A read changes nothing to commit with its event, so reads share commits (group commit): while
 * one batch is being written, the events of the requests that arrive wait, then go together in
 * one multi-row INSERT, one commit, one hold of the chain head. Per read that is one statement
 * fewer than `BEGIN; INSERT; COMMIT`, and the chain head — which orders every audited commit of
 * every app instance — is held once per batch instead of once per read (issue 15: with one
 * commit per read, audited reads queued on the head at about 333 per second).
 *
 * Writes keep `audit(tx, …)`, inside their own transaction.
 */
export function auditRead(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.add(auditValues(ctx, entry));
}

/** At most this many events per statement: 8 parameters each, far below PostgreSQL's 65 535. */
const MAX_BATCH = 500;

type Waiting = { values: unknown[]; resolve: () => void; reject: (e: unknown) => void };

/** One per database handle (so per app instance): the events waiting for the batch in flight. */
class AuditBatcher {
  private pending: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  add(values: unknown[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ values, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          // One statement outside any transaction: it commits on its own, all rows or none.
          await this.db.query(insertSql(batch.length), batch.flatMap((w) => w.values));
          for (const w of batch) w.resolve();
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

const batchers = new WeakMap<Db, AuditBatcher>();
