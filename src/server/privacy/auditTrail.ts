import type { AuditEvent, AuditQuery } from "../../shared/contracts/platform.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { presentNamed, type NamedRow, withNames } from "./auditNames.js";
import { type AuditCtx, type AuditFilters, auditWhere } from "./auditScope.js";

/** One page of the trail as the caller may read it, with names; paged in SQL. */
export async function searchAuditTrail(db: Db, ctx: AuditCtx, q: AuditQuery) {
  const { where, params } = auditWhere(ctx, q);
  // The page is the first rows of an index range in the order of the index (migrations/019); the
  // total is counted apart, once (an InitPlan, on the index alone). With `count(*) OVER ()` every
  // entry of the organisation was read and sorted to give 50 of them (13.6 × the bare route at 20 k).
  const rows = await db.query<NamedRow>(
    withNames(`SELECT *, (SELECT count(*) FROM audit_events ${where}) AS total FROM audit_events ${where}
      ORDER BY occurred_at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`),
    params,
  );
  // Reading the trail is itself traced.
  await auditRead(db, ctx, { action: "audit.searched", subjectType: "audit_trail", details: { ...q } });
  return { items: rows.map(presentNamed), total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
}

/** Export for the DPO: at most 100 000 rows per file; narrow the dates for more. */
export async function exportAuditTrail(db: Db, ctx: AuditCtx, q: AuditFilters): Promise<AuditEvent[]> {
  const { where, params } = auditWhere(ctx, q);
  const rows = await db.query<NamedRow>(withNames(`SELECT *, 0 AS total FROM audit_events ${where} ORDER BY occurred_at DESC, id DESC LIMIT 100000`), params);
  // `auditWhere` is the policy's answer (`audit.read`) in SQL, the same scope as the search page.
  await auditRead(db, ctx, { action: "audit.exported", subjectType: "audit_trail", details: { ...q, rows: rows.length } });
  return rows.map(presentNamed);
}
