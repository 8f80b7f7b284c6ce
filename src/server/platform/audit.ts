import type { Db } from "./db.js";
import type { RequestContext } from "./requestContext.js";

export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
};

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
  await tx.query(
    `INSERT INTO audit_events (actor_user_id, actor_email, actor_organisation_id, action, subject_type, subject_id, details, request_id, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      ctx.user?.id ?? null,
      ctx.user?.email ?? null,
      ctx.user?.organisationId ?? null,
      entry.action,
      entry.subjectType,
      entry.subjectId ?? null,
      JSON.stringify(entry.details ?? {}),
      ctx.requestId,
      ctx.ip,
    ],
  );
}
