import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { type RequestContext, systemContext } from "../platform/requestContext.js";

/**
 * The audit trail is kept one rolling year (README, « Journal d’audit » ; docs/adr/0019), then
 * deleted a whole month at a time: `audit_events` is partitioned by month (migrations/020), and a
 * purge drops the partitions of the months that ended more than 12 months ago.
 *
 * Both steps are functions of the owner role (security definer, migrations/020), which the
 * application's role may call but not imitate: it can neither create nor drop a partition, nor
 * delete an event, and the purge chooses its months from the clock alone (no parameter).
 */

export type PurgedMonth = { month: string; events: number };

/** This month's partition and the next two (a no-op once they exist); returns those created. */
export async function ensureAuditPartitions(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>("SELECT name FROM audit_partitions_ahead() AS name");
  return rows.map((r) => r.name);
}

/**
 * Drops the months older than a year, each after an anchor (its last event's number and hash)
 * from which `verifyAuditChain` then starts; the purge is itself an audit event, in the same
 * transaction (nothing purged, nothing written).
 */
export async function purgeExpiredAuditEvents(db: Db, ctx: RequestContext = systemContext("audit-retention")): Promise<PurgedMonth[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ month: string; events: string }>("SELECT month::text AS month, events::text AS events FROM audit_purge_expired()");
    const purged = rows.map((r) => ({ month: r.month.slice(0, 7), events: Number(r.events) }));
    if (purged.length > 0) {
      await audit(tx, ctx, {
        action: "audit.purged",
        subjectType: "audit_trail",
        details: { months: purged.map((p) => p.month), events: purged.reduce((n, p) => n + p.events, 0), retention: "12 mois" },
      });
    }
    return purged;
  });
}

/** The daily job: partitions ahead, then the purge. */
export async function runAuditRetention(db: Db): Promise<{ created: string[]; purged: PurgedMonth[] }> {
  const created = await ensureAuditPartitions(db);
  const purged = await purgeExpiredAuditEvents(db);
  return { created, purged };
}

const n = (v: number) => v.toLocaleString("fr-FR");

/** `tandem audit:purge`: what was dropped, in French. */
export async function runAuditPurge(db: Db, ctx: RequestContext = systemContext("cli-audit-purge")): Promise<string> {
  const created = await ensureAuditPartitions(db);
  const purged = await purgeExpiredAuditEvents(db, ctx);
  const lines = purged.length
    ? [
        `Journal d’audit : ${purged.length} mois de plus d’un an supprimé(s) (${n(purged.reduce((s, p) => s + p.events, 0))} évènements) :`,
        ...purged.map((p) => `  - ${p.month} : ${n(p.events)} évènements`),
      ]
    : ["Journal d’audit : aucun mois de plus d’un an à supprimer."];
  if (created.length) lines.push(`Partitions créées : ${created.join(", ")}.`);
  return lines.join("\n");
}
