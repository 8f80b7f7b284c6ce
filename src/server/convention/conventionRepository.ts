import { effectiveOn } from "../../domain/convention/conventionDates.js";
import { conventionSignedOn, type SignatureMode } from "../../domain/convention/signatures.js";
import { latestTerms } from "../../domain/convention/termsInForce.js";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
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
  data_exchange_suspended_on?: string | null;
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

/** The convention row locked for the rest of the transaction: every command reads it this way first. */
export async function lockConvention(tx: Db, id: string, today: string): Promise<ConventionRow | null> {
  const rows = await tx.query<ConventionRow>(`SELECT c.*, ${statusSql(2)} AS status FROM conventions c WHERE c.id = $1 FOR UPDATE`, [id, today]);
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
  db.query<PartyRow & { signatory: boolean }>(
    `SELECT p.organisation_id, o.code, o.name, p.side, p.valid_from, p.valid_to, p.succeeds, p.signatory
       FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.convention_id = $1 ORDER BY p.side, o.name`,
    [conventionId],
  );

export async function partyOrganisationIds(db: Db, conventionId: string): Promise<string[]> {
  return (await db.query<{ organisation_id: string }>("SELECT organisation_id FROM convention_parties WHERE convention_id = $1", [conventionId])).map(
    (r) => r.organisation_id,
  );
}

/**
 * SQL true when the amendment aliased `a` binds the parties: every party that must sign it has
 * signed in Tandem (ADR 0008, « Avenants »). Checked on the signatures themselves, not only on the
 * derived `signed_on` column.
 */
export const AMENDMENT_SIGNED_SQL = (a = "a") => `(${a}.signed_on IS NOT NULL AND cardinality(${a}.signing_parties) > 0 AND NOT EXISTS (
    SELECT 1 FROM unnest(${a}.signing_parties) AS required(organisation_id)
     WHERE NOT EXISTS (SELECT 1 FROM convention_amendment_signatures s WHERE s.amendment_id = ${a}.id AND s.organisation_id = required.organisation_id)))`;

export type AmendmentRecord = {
  id: string;
  number: string;
  /** The day the last party signed it in Tandem; null while one is missing. */
  signedOn: string | null;
  /** The date the amendment itself states (a file's, or the proposer's): information only. */
  statedSignedOn: string | null;
  effectiveOn: string;
  summary: string;
  changes: Record<string, unknown>;
  /** The parties that sign it: those acting on its effective date when it was proposed. */
  signingPartyIds: string[];
  signed: boolean;
};

/**
 * A convention's amendments in the order they apply. THE rule for every term read (latestTerms,
 * termsOn, the derived dates, the calendar, finance, what other contexts read): only the amendments
 * every party has signed in Tandem; a proposal changes nothing. `includeUnsigned` is for the pages
 * and commands that show or sign proposals.
 */
export const listAmendments = async (db: Db, conventionId: string, opts: { includeUnsigned?: boolean } = {}): Promise<AmendmentRecord[]> =>
  (
    await db.query<{
      id: string;
      number: string;
      signed_on: string | null;
      stated_signed_on: string | null;
      effective_on: string;
      summary: string;
      changes: Record<string, unknown>;
      signing_parties: string[];
      signed: boolean;
    }>(
      `SELECT a.id, a.number, a.signed_on, a.stated_signed_on, a.effective_on, a.summary, a.changes, a.signing_parties, ${AMENDMENT_SIGNED_SQL("a")} AS signed
         FROM convention_amendments a
        WHERE a.convention_id = $1 ${opts.includeUnsigned ? "" : `AND ${AMENDMENT_SIGNED_SQL("a")}`}
        ORDER BY a.effective_on, a.number`,
      [conventionId],
    )
  ).map((a) => ({
    id: a.id,
    number: a.number,
    signedOn: a.signed ? a.signed_on : null,
    statedSignedOn: a.stated_signed_on,
    effectiveOn: a.effective_on,
    summary: a.summary,
    changes: a.changes,
    signingPartyIds: a.signing_parties,
    signed: a.signed,
  }));

/**
 * The parties that sign an amendment taking effect on a date: the parties acting then — a
 * predecessor until its successor's date, the successor from it (the Collectivité européenne
 * d'Alsace signs for the Département du Bas-Rhin it succeeded).
 */
export async function amendmentSigningPartyIds(db: Db, conventionId: string, effectiveOn: string): Promise<string[]> {
  const rows = await db.query<{ organisation_id: string }>(
    `SELECT organisation_id FROM convention_parties
      WHERE convention_id = $1 AND (valid_from IS NULL OR valid_from <= $2::date) AND (valid_to IS NULL OR valid_to > $2::date)
      ORDER BY organisation_id`,
    [conventionId, effectiveOn],
  );
  return rows.map((r) => r.organisation_id);
}

export type AmendmentSignatureRow = SignatureRow & { amendmentId: string };

export async function listAmendmentSignatures(db: Db, conventionId: string): Promise<AmendmentSignatureRow[]> {
  const rows = await db.query<SignatureDbRow & { amendment_id: string }>(
    `SELECT s.amendment_id, ${SIGNATURE_COLUMNS} FROM convention_amendment_signatures s LEFT JOIN users u ON u.id = s.recorded_by
      WHERE s.convention_id = $1 ORDER BY s.signed_on, s.recorded_at`,
    [conventionId],
  );
  return rows.map((r) => ({ amendmentId: r.amendment_id, ...toSignatureRow(r) }));
}

/** What has been paid on a convention: cancelled payments count for nothing; `except` leaves out the payment being corrected. */
export async function paidCents(db: Db, conventionId: string, except?: string): Promise<bigint> {
  const [row] = await db.query<{ total: string | null }>(
    "SELECT sum(amount_cents)::text AS total FROM convention_payments WHERE convention_id = $1 AND cancelled_at IS NULL AND id IS DISTINCT FROM $2::uuid",
    [conventionId, except ?? null],
  );
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

/**
 * SQL true when every party that signs the convention aliased `c` has signed in Tandem (ADR 0008).
 * What opens data checks it itself, not only the derived `signed_on` column.
 */
export const FULLY_SIGNED_SQL = (c = "c") => `NOT EXISTS (
    SELECT 1 FROM convention_parties sp WHERE sp.convention_id = ${c}.id AND sp.signatory
       AND NOT EXISTS (SELECT 1 FROM convention_signatures ss WHERE ss.convention_id = ${c}.id AND ss.organisation_id = sp.organisation_id))`;

export type SignatureRow = {
  organisationId: string;
  name: string;
  title: string;
  signedOn: string;
  mode: SignatureMode;
  recordedAt: string;
  /** Who recorded it; null for the system (demo loader). */
  recordedBy: string | null;
};

/** The columns a signature (of the convention or of an amendment) is read with, aliased `s`, its recorder `u`. */
const SIGNATURE_COLUMNS = `s.organisation_id, s.signatory_name, s.signatory_title, s.signed_on, s.mode, s.recorded_at,
            CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS recorded_by_name`;
type SignatureDbRow = {
  organisation_id: string;
  signatory_name: string;
  signatory_title: string;
  signed_on: string;
  mode: SignatureMode;
  recorded_at: Date;
  recorded_by_name: string | null;
};
const toSignatureRow = (r: SignatureDbRow): SignatureRow => ({
  organisationId: r.organisation_id,
  name: r.signatory_name,
  title: r.signatory_title,
  signedOn: r.signed_on,
  mode: r.mode,
  recordedAt: new Date(r.recorded_at).toISOString(),
  recordedBy: r.recorded_by_name,
});

export async function listSignatures(db: Db, conventionId: string): Promise<SignatureRow[]> {
  const rows = await db.query<SignatureDbRow>(
    `SELECT ${SIGNATURE_COLUMNS} FROM convention_signatures s LEFT JOIN users u ON u.id = s.recorded_by
      WHERE s.convention_id = $1 ORDER BY s.signed_on, s.recorded_at`,
    [conventionId],
  );
  return rows.map(toSignatureRow);
}

export async function signingPartyIds(db: Db, conventionId: string): Promise<string[]> {
  return (
    await db.query<{ organisation_id: string }>("SELECT organisation_id FROM convention_parties WHERE convention_id = $1 AND signatory", [conventionId])
  ).map((r) => r.organisation_id);
}

/**
 * Keeps the register's columns in step with the terms and the signatures recorded in Tandem:
 * signed once every signing party has signed (the last date), effective on the fixed date or on
 * that last signature, ending on the latest terms' end.
 */
export async function refreshDerivedDates(tx: Db, id: string): Promise<void> {
  const [row] = await tx.query<{ base_terms: ConventionTerms }>("SELECT base_terms FROM conventions WHERE id = $1", [id]);
  const latest = latestTerms(row.base_terms, await listAmendments(tx, id));
  const signedOn = conventionSignedOn(await signingPartyIds(tx, id), await listSignatures(tx, id));
  await tx.query("UPDATE conventions SET effective_on = $2, ends_on = $3, signed_on = $4, updated_at = now() WHERE id = $1", [
    id,
    effectiveOn(latest, signedOn),
    latest.period.endsOn,
    signedOn,
  ]);
}
