import type { Amendment, ConventionTerms } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";

export type ConventionRow = {
  id: string;
  number: string;
  kind: ConventionTerms["kind"];
  title: string;
  annex_of: string | null;
  base_terms: ConventionTerms;
  effective_on: string | null;
  ends_on: string;
  signed_on: string | null;
  terminated_on: string | null;
  status: string;
};

/** The register's status, computed in SQL from the dates so that lists filter on it. */
export const STATUS_SQL = `CASE
    WHEN c.terminated_on IS NOT NULL AND c.terminated_on < $TODAY::date THEN 'terminated'
    WHEN c.signed_on IS NULL THEN 'draft'
    WHEN c.effective_on IS NULL OR c.effective_on > $TODAY::date THEN 'signed'
    WHEN LEAST(c.ends_on, c.terminated_on) < $TODAY::date THEN 'ended'
    WHEN LEAST(c.ends_on, c.terminated_on) < $TODAY::date + ${90} THEN 'expiring'
    ELSE 'in_force' END`;

const statusSql = (todayParam: number) => STATUS_SQL.replaceAll("$TODAY", `$${todayParam}`);

export async function findConvention(db: Db, id: string, today: string): Promise<ConventionRow | null> {
  const rows = await db.query<ConventionRow>(`SELECT c.*, ${statusSql(2)} AS status FROM conventions c WHERE c.id = $1`, [id, today]);
  return rows[0] ?? null;
}

export async function findConventionByNumber(db: Db, number: string, today: string): Promise<ConventionRow | null> {
  const rows = await db.query<ConventionRow>(`SELECT c.*, ${statusSql(2)} AS status FROM conventions c WHERE c.number = $1`, [number, today]);
  return rows[0] ?? null;
}

export type PartyRow = {
  organisation_id: string;
  code: string;
  name: string;
  side: string;
  valid_from: string | null;
  valid_to: string | null;
  succeeds: string | null;
};

export const listParties = (db: Db, conventionId: string) =>
  db.query<PartyRow>(
    `SELECT p.organisation_id, o.code, o.name, p.side, p.valid_from, p.valid_to, p.succeeds
       FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.convention_id = $1 ORDER BY p.side, o.name`,
    [conventionId],
  );

export async function partyOrganisationIds(db: Db, conventionId: string): Promise<string[]> {
  return (await db.query<{ organisation_id: string }>("SELECT organisation_id FROM convention_parties WHERE convention_id = $1", [conventionId])).map(
    (r) => r.organisation_id,
  );
}

export const listAmendments = async (db: Db, conventionId: string): Promise<(Amendment & { id: string })[]> =>
  (
    await db.query<{ id: string; number: string; signed_on: string; effective_on: string; summary: string; changes: Record<string, unknown> }>(
      "SELECT id, number, signed_on, effective_on, summary, changes FROM convention_amendments WHERE convention_id = $1 ORDER BY effective_on, number",
      [conventionId],
    )
  ).map((a) => ({ id: a.id, number: a.number, signedOn: a.signed_on, effectiveOn: a.effective_on, summary: a.summary, changes: a.changes }));

export async function paidCents(db: Db, conventionId: string): Promise<bigint> {
  const [row] = await db.query<{ total: string | null }>("SELECT sum(amount_cents)::text AS total FROM convention_payments WHERE convention_id = $1", [conventionId]);
  return BigInt(row.total ?? "0");
}

export async function recordEvent(db: Db, conventionId: string, e: { kind: string; occurredOn: string; details: object; userId: string | null }) {
  await db.query("INSERT INTO convention_events (convention_id, kind, occurred_on, details, recorded_by) VALUES ($1, $2, $3, $4, $5)", [
    conventionId,
    e.kind,
    e.occurredOn,
    JSON.stringify(e.details),
    e.userId,
  ]);
}
