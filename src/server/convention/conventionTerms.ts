import type { GlobalSupportTerms } from "../../domain/convention/globalSupportTerms.js";
import { termsOn } from "../../domain/convention/termsInForce.js";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";
import { FULLY_SIGNED_SQL, listAmendments } from "./conventionRepository.js";

/**
 * What other capabilities read of a convention: the terms in force on a date (amendments
 * applied) and who its parties are. They never read the convention tables themselves.
 */
export async function termsInForce(db: Db, conventionId: string, onDate: string): Promise<ConventionTerms | null> {
  const [row] = await db.query<{ base_terms: ConventionTerms }>("SELECT base_terms FROM conventions WHERE id = $1", [conventionId]);
  if (!row) return null;
  return termsOn(row.base_terms, await listAmendments(db, conventionId), onDate);
}

/**
 * In force on a date: signed in Tandem by every party that signs it (ADR 0008 — the dates a file
 * writes sign nothing), started, not ended, not terminated.
 */
const IN_FORCE = `c.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL("c")} AND c.effective_on <= $2::date
  AND LEAST(c.ends_on, c.terminated_on) >= $2::date`;

/**
 * Organisations acting under a convention on a date: its parties (a predecessor until its
 * successor's date, the successor from it) and their child organisations (the agencies of a
 * France Travail direction that signed).
 */
const ACTING_PARTIES = `SELECT p.convention_id, p.organisation_id, p.side FROM convention_parties p
   WHERE (p.valid_from IS NULL OR p.valid_from <= $2::date) AND (p.valid_to IS NULL OR p.valid_to > $2::date)
  UNION
  SELECT p.convention_id, o.id, p.side FROM convention_parties p JOIN organisations o ON o.parent_id = p.organisation_id
   WHERE (p.valid_from IS NULL OR p.valid_from <= $2::date) AND (p.valid_to IS NULL OR p.valid_to > $2::date)`;

export async function conventionPartyOrganisationIds(
  db: Db,
  conventionId: string,
  onDate: string,
  side?: "france_travail" | "partner",
): Promise<string[]> {
  const rows = await db.query<{ organisation_id: string }>(
    `SELECT DISTINCT organisation_id FROM (${ACTING_PARTIES}) a WHERE a.convention_id = $1 AND ($3::text IS NULL OR a.side = $3)`,
    [conventionId, onDate, side ?? null],
  );
  return rows.map((r) => r.organisation_id);
}

/** When a convention applies: from its effective date (null until every party has signed) to its end or its termination. */
export async function conventionPeriod(db: Db, conventionId: string): Promise<{ number: string; effectiveOn: string | null; endsOn: string } | null> {
  const [row] = await db.query<{ number: string; effective_on: string | null; ends_on: string }>(
    "SELECT number, effective_on, LEAST(ends_on, terminated_on) AS ends_on FROM conventions WHERE id = $1",
    [conventionId],
  );
  return row ? { number: row.number, effectiveOn: row.effective_on, endsOn: row.ends_on } : null;
}

/** The global-support terms on a date of a convention every party has signed in Tandem; null otherwise (a draft runs nothing). */
export async function globalSupportTermsOf(db: Db, conventionId: string, onDate: string): Promise<{ number: string; terms: GlobalSupportTerms } | null> {
  const [row] = await db.query<{ number: string }>(`SELECT c.number FROM conventions c WHERE c.id = $1 AND ${FULLY_SIGNED_SQL("c")}`, [conventionId]);
  const terms = row && (await termsInForce(db, conventionId, onDate));
  const gs = terms?.programmes.globalSupport;
  return gs ? { number: row.number, terms: gs } : null;
}

export async function findConventionsRunningGlobalSupport(
  db: Db,
  organisationId: string,
  onDate: string,
): Promise<{ conventionId: string; number: string; title: string; terms: GlobalSupportTerms }[]> {
  const rows = await db.query<{ id: string; number: string; title: string }>(
    `SELECT c.id, c.number, c.title FROM conventions c
      WHERE ${IN_FORCE} AND c.id IN (SELECT convention_id FROM (${ACTING_PARTIES}) a WHERE a.organisation_id = $1)
      ORDER BY c.number`,
    [organisationId, onDate],
  );
  const result = [];
  for (const r of rows) {
    const gs = await globalSupportTermsOf(db, r.id, onDate);
    if (gs) result.push({ conventionId: r.id, number: r.number, title: r.title, terms: gs.terms });
  }
  return result;
}

/** Every organisation that may see a convention: parties at any date, successors, and their child organisations. */
export async function conventionReaderOrganisationIds(db: Db, conventionId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT organisation_id AS id FROM convention_parties WHERE convention_id = $1
     UNION SELECT o.id FROM organisations o JOIN convention_parties p ON o.parent_id = p.organisation_id WHERE p.convention_id = $1`,
    [conventionId],
  );
  return rows.map((r) => r.id);
}
