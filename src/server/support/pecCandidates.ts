import { communeInReachSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { notLimitedSql } from "./processingLimitation.js";

/**
 * What the PEC context reads of a job seeker (ADR 0037): a person of the organisation's reach (the
 * reach rule of ADR 0027), found by their France Travail identifier, whose processing is not limited;
 * and the names of people already proposed (the employer sees a candidate's name, never their social data).
 */
export async function jobSeekerInReachByIdentifier(db: Db, organisationId: string, ftIdentifier: string, onDate: string): Promise<{ id: string; name: string; email: string | null } | null> {
  const [row] = await db.query<{ id: string; name: string; email: string | null }>(
    `SELECT js.id, js.first_name || ' ' || js.last_name AS name, js.email FROM job_seekers js
      WHERE js.ft_identifier = upper($2) AND ${communeInReachSql("js.commune_insee", "$1::uuid", "$3::date")} AND ${notLimitedSql("js.id")}`,
    [organisationId, ftIdentifier.trim(), onDate],
  );
  return row ?? null;
}

/** « Prénom Nom » of each person, by id. */
export async function jobSeekerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>("SELECT id, first_name || ' ' || last_name AS name FROM job_seekers WHERE id = ANY($1::uuid[])", [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
