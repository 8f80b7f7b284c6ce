import type { AuditEvent, AuditQuery } from "../../shared/contracts/platform.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can, authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";

type Ctx = RequestContext & { user: SessionUser };
type Row = {
  id: string;
  occurred_at: Date;
  actor_email: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
  ip: string | null;
  total: string;
};

/** Filters are applied in SQL on indexed columns; a DPO is confined to their organisation's events. */
function whereClause(ctx: Ctx, q: Omit<AuditQuery, "page" | "pageSize">) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace("?", `$${params.length}`));
  };
  if (!can(ctx.user, "audit.read", "all")) {
    authorize(ctx.user, "audit.read", { organisationId: ctx.user.organisationId });
    add("actor_organisation_id = ?", ctx.user.organisationId);
  }
  if (q.action) add("action = ?", q.action);
  if (q.subjectType) add("subject_type = ?", q.subjectType);
  if (q.subjectId) add("subject_id = ?", q.subjectId);
  if (q.actorEmail) add("lower(actor_email) = lower(?)", q.actorEmail);
  if (q.from) add("occurred_at >= (?::date)::timestamp AT TIME ZONE 'Europe/Paris'", q.from);
  if (q.to) add("occurred_at < ((?::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')", q.to);
  return { where: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", params };
}

const present = (r: Row): AuditEvent => ({
  id: String(r.id),
  occurredAt: r.occurred_at.toISOString(),
  actorEmail: r.actor_email,
  actorOrganisationId: r.actor_organisation_id,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details ?? {},
  requestId: r.request_id,
  ip: r.ip,
});

export async function searchAuditTrail(db: Db, ctx: Ctx, q: AuditQuery) {
  const { where, params } = whereClause(ctx, q);
  const rows = await db.query<Row>(
    `SELECT *, count(*) OVER () AS total FROM audit_events ${where}
      ORDER BY occurred_at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  // Reading the trail is itself traced.
  await db.transaction((tx) => audit(tx, ctx, { action: "audit.searched", subjectType: "audit_trail", details: { ...q } }));
  return { items: rows.map(present), total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
}

/** Export for the DPO: at most 100 000 rows per file; narrow the dates for more. */
export async function exportAuditTrail(db: Db, ctx: Ctx, q: Omit<AuditQuery, "page" | "pageSize">): Promise<AuditEvent[]> {
  const { where, params } = whereClause(ctx, q);
  const rows = await db.query<Row>(
    `SELECT *, 0 AS total FROM audit_events ${where} ORDER BY occurred_at DESC, id DESC LIMIT 100000`,
    params,
  );
  // `whereClause` is the policy's answer (`audit.read`) in SQL, the same scope as the search page.
  await db.transaction((tx) => audit(tx, ctx, { action: "audit.exported", subjectType: "audit_trail", details: { ...q, rows: rows.length } }));
  return rows.map(present);
}
