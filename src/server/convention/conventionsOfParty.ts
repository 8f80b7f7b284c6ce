import type { Db } from "../platform/db.js";
import { actingPartyIdsSql } from "./conventionTerms.js";
import { FULLY_SIGNED_SQL } from "./conventionRepository.js";

/**
 * The conventions every party has signed in Tandem under which an organisation acts (as a party,
 * a successor or a child of a party) on a date, newest first: what the data-protection registers
 * offer a DPO to choose from (their clauses are then read by dataClausesOf).
 */
export async function conventionsOfParty(db: Db, organisationId: string, onDate: string): Promise<{ id: string; number: string; title: string }[]> {
  return db.query<{ id: string; number: string; title: string }>(
    `SELECT c.id, c.number, c.title FROM conventions c
      WHERE c.signed_on IS NOT NULL AND ${FULLY_SIGNED_SQL("c")} AND $1::uuid = ANY(${actingPartyIdsSql("c.id", "$2::date")})
      ORDER BY c.effective_on DESC NULLS LAST, c.number`,
    [organisationId, onDate],
  );
}

/** Whether the organisation acts under the convention on a date (conventionsOfParty for one convention). */
export async function actsUnderConvention(db: Db, organisationId: string, conventionId: string, onDate: string): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM conventions c WHERE c.id = $3 AND $1::uuid = ANY(${actingPartyIdsSql("c.id", "$2::date")})`, [organisationId, onDate, conventionId]);
  return rows.length > 0;
}

/**
 * The parties on the other side of a convention from an organisation acting under it (as a party
 * or as a child of one) on a date: the parties themselves, not their child organisations — who a
 * breach is told to [003 (annexe) art. 7: « chaque partie informe l’autre partie »].
 */
export async function otherPartiesOf(db: Db, conventionId: string, organisationId: string, onDate: string): Promise<string[]> {
  const rows = await db.query<{ organisation_id: string }>(
    `WITH parties AS (
       SELECT p.organisation_id, p.side FROM convention_parties p
        WHERE p.convention_id = $1 AND (p.valid_from IS NULL OR p.valid_from <= $3::date) AND (p.valid_to IS NULL OR p.valid_to > $3::date)),
     mine AS (
       SELECT side FROM parties WHERE organisation_id = $2
       UNION SELECT pa.side FROM parties pa JOIN organisations o ON o.parent_id = pa.organisation_id WHERE o.id = $2)
     SELECT DISTINCT organisation_id FROM parties WHERE side NOT IN (SELECT side FROM mine) AND organisation_id <> $2`,
    [conventionId, organisationId, onDate],
  );
  return rows.map((r) => r.organisation_id);
}
