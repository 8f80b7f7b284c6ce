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
