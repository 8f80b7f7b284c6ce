import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";

/**
 * A limitation of processing (RGPD art. 18, ADR 0031), recorded by a DPO's answer and honoured by
 * the support context: while it is in force the person is found by no search and their cases take
 * no new act; their record is kept, read as before by those who already follow them. Only the DPO
 * lifts it, from the request that set it.
 */
export const limitationErrors = {
  personLimited: () =>
    new AppError(
      409,
      "PROCESSING_LIMITED",
      "Le traitement des données de cette personne est limité à sa demande (RGPD art. 18) : aucun nouvel acte n’est possible tant que le délégué à la protection des données ne l’a pas levé.",
    ),
};

/** Sets the limitation on the person from `startsOn`; false when one is already in force. */
export async function limitProcessing(tx: Db, jobSeekerId: string, rightsRequestId: string, startsOn: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO processing_limitations (job_seeker_id, rights_request_id, starts_on) VALUES ($1, $2, $3)
     ON CONFLICT (job_seeker_id) WHERE lifted_on IS NULL DO NOTHING RETURNING id`,
    [jobSeekerId, rightsRequestId, startsOn],
  );
  return rows.length > 0;
}

/** Lifts the limitation the request set; returns its first day, or null when none is in force. */
export async function liftProcessingLimitation(tx: Db, rightsRequestId: string, liftedOn: string, liftedBy: string, reason: string): Promise<string | null> {
  const [row] = await tx.query<{ starts_on: string }>(
    `UPDATE processing_limitations SET lifted_on = $2, lifted_by = $3, lift_reason = $4
      WHERE rights_request_id = $1 AND lifted_on IS NULL RETURNING starts_on::text`,
    [rightsRequestId, liftedOn, liftedBy, reason],
  );
  return row?.starts_on ?? null;
}

/** The limitation set by the request: its period (null `liftedOn` while in force), or null. */
export async function limitationOfRequest(db: Db, rightsRequestId: string): Promise<{ startsOn: string; liftedOn: string | null } | null> {
  const [row] = await db.query<{ starts_on: string; lifted_on: string | null }>(
    "SELECT starts_on::text, lifted_on::text FROM processing_limitations WHERE rights_request_id = $1",
    [rightsRequestId],
  );
  return row ? { startsOn: row.starts_on, liftedOn: row.lifted_on } : null;
}

/** Refuses a new act on a person whose processing is limited (the case's command path asks). */
export async function requireNotLimited(db: Db, jobSeekerId: string): Promise<void> {
  const rows = await db.query("SELECT 1 FROM processing_limitations WHERE job_seeker_id = $1 AND lifted_on IS NULL", [jobSeekerId]);
  if (rows.length > 0) throw limitationErrors.personLimited();
}

/** SQL: true when the person (a column holding their id) is not limited — for the searches. */
export const notLimitedSql = (jobSeekerId: string) => `NOT EXISTS (SELECT 1 FROM processing_limitations pl WHERE pl.job_seeker_id = ${jobSeekerId} AND pl.lifted_on IS NULL)`;
