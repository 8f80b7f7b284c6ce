import { audit, auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { romeTradesByCodes } from "../rome/romeReferential.js";
import { immersionErrors } from "./immersionErrors.js";

/** The trades a host declared (codes ROME with their label as the referential gave it then). */
export async function hostTradesOf(db: Db, organisationId: string): Promise<{ code: string; label: string; declaredAt: string }[]> {
  return db.query<{ code: string; label: string; declaredAt: string }>(
    `SELECT rome_code AS code, rome_label AS label, to_char(declared_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "declaredAt"
       FROM immersion_host_trades WHERE organisation_id = $1 ORDER BY rome_label, rome_code`,
    [organisationId],
  );
}

/** A host's trades page: its own staff and France Travail's advisors read it (what an immersion there may offer: no personal data). */
export async function readHostTrades(db: Db, ctx: RequestContext & { user: SessionUser }, organisationId: string) {
  const [org] = await db.query<{ id: string; name: string }>("SELECT id, name FROM organisations WHERE id = $1", [organisationId]);
  if (!org || !can(ctx.user, "immersion.host_trades.read", { organisationId })) throw errors.notFound("Organisation");
  const trades = await hostTradesOf(db, organisationId);
  await auditRead(db, ctx, { action: "immersion.host_trades_read", subjectType: "organisation", subjectId: organisationId });
  return { organisation: org, trades, canEdit: can(ctx.user, "immersion.host_trades.manage", { organisationId }) };
}

/**
 * Replaces the trades a host declares (000 art. 3.1 b: what it may offer) through one path: the
 * organisation's row locked, the org_admin of that organisation only, each code checked against the
 * ROME referential loaded, the change audited with what was added and removed. Immersions already
 * recorded keep their trade.
 */
export async function declareHostTrades(db: Db, ctx: RequestContext & { user: SessionUser }, organisationId: string, romeCodes: string[]) {
  return db.transaction(async (tx) => {
    const [org] = await tx.query<{ id: string }>("SELECT id FROM organisations WHERE id = $1 FOR UPDATE", [organisationId]);
    if (!org) throw errors.notFound("Organisation");
    if (!can(ctx.user, "immersion.host_trades.manage", { organisationId })) throw immersionErrors.hostTradesForbidden();
    const codes = [...new Set(romeCodes)];
    const known = await romeTradesByCodes(tx, codes);
    const unknown = codes.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length > 0) throw immersionErrors.unknownTrades(unknown);
    const before = (await hostTradesOf(tx, organisationId)).map((t) => t.code);
    await tx.query("DELETE FROM immersion_host_trades WHERE organisation_id = $1 AND NOT (rome_code = ANY($2::text[]))", [organisationId, codes]);
    await tx.query(
      `INSERT INTO immersion_host_trades (organisation_id, rome_code, rome_label, declared_by)
       SELECT $1, k.code, k.label, $3 FROM jsonb_to_recordset($2::jsonb) AS k(code text, label text)
       ON CONFLICT (organisation_id, rome_code) DO NOTHING`,
      [organisationId, JSON.stringify(known), ctx.user.id],
    );
    await audit(tx, ctx, {
      action: "immersion.host_trades_declared",
      subjectType: "organisation",
      subjectId: organisationId,
      details: { added: codes.filter((c) => !before.includes(c)), removed: before.filter((c) => !codes.includes(c)) },
    });
    return hostTradesOf(tx, organisationId);
  });
}
