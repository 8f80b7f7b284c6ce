import { communeInReachSql, communesInReachSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { notLimitedSql } from "./processingLimitation.js";
import { likeEscaped } from "../platform/likePattern.js";

/**
 * The job seekers an organisation reaches on a day (ADR 0027: its territory within the territory of a
 * convention in force it acts under), for the programmes that are not global support (PMSMP
 * immersions, ADR 0036): found by name (any order, without accents) or France Travail identifier,
 * never a person whose processing is limited (ADR 0031). Only the identity is read: nothing of any support.
 */
export type PersonInReach = { id: string; ftIdentifier: string; firstName: string; lastName: string; birthDate: string; communeInsee: string; email: string | null };

const COLUMNS = `js.id, js.ft_identifier AS "ftIdentifier", js.first_name AS "firstName", js.last_name AS "lastName",
  to_char(js.birth_date, 'YYYY-MM-DD') AS "birthDate", js.commune_insee AS "communeInsee", js.email`;

export async function findJobSeekersInReach(db: Db, organisationId: string, query: string, today: string, limit = 10): Promise<PersonInReach[]> {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const params: unknown[] = [organisationId, today, query.trim().toUpperCase(), Math.max(1, Math.min(20, limit))];
  const nameClauses = words.map((w) => {
    params.push(`%${likeEscaped(w)}%`);
    return `tandem_unaccent(lower(js.last_name || ' ' || js.first_name)) LIKE tandem_unaccent(lower($${params.length}))`;
  });
  return db.query<PersonInReach>(
    `SELECT ${COLUMNS} FROM job_seekers js
      WHERE js.commune_insee IN (${communesInReachSql("$1::uuid", "$2::date")})
        AND (js.ft_identifier = $3 OR (${nameClauses.join(" AND ")}))
        AND ${notLimitedSql("js.id")}
      ORDER BY js.last_name, js.first_name, js.ft_identifier
      LIMIT $4`,
    params,
  );
}

/** One person with whether the organisation reaches them on the day (null when unknown). */
export async function jobSeekerReach(db: Db, organisationId: string, jobSeekerId: string, today: string): Promise<(PersonInReach & { inReach: boolean; limited: boolean }) | null> {
  const [row] = await db.query<PersonInReach & { inReach: boolean; limited: boolean }>(
    `SELECT ${COLUMNS}, ${communeInReachSql("js.commune_insee", "$2::uuid", "$3::date")} AS "inReach", NOT ${notLimitedSql("js.id")} AS limited
       FROM job_seekers js WHERE js.id = $1`,
    [jobSeekerId, organisationId, today],
  );
  return row ?? null;
}

/** The identity of several persons (their names on a list the caller has already authorised). */
export async function jobSeekerNames(db: Db, ids: string[]): Promise<Map<string, { firstName: string; lastName: string; ftIdentifier: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; firstName: string; lastName: string; ftIdentifier: string }>(
    `SELECT id, first_name AS "firstName", last_name AS "lastName", ft_identifier AS "ftIdentifier" FROM job_seekers WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { firstName: r.firstName, lastName: r.lastName, ftIdentifier: r.ftIdentifier }]));
}

/** Whether the organisation reaches each of these persons on the day (their commune in its reach, ADR 0027): one statement. */
export async function reachOfPersons(db: Db, organisationId: string, ids: string[], today: string): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; in_reach: boolean }>(
    `SELECT js.id, js.commune_insee IN (${communesInReachSql("$2::uuid", "$3::date")}) AS in_reach FROM job_seekers js WHERE js.id = ANY($1::uuid[])`,
    [ids, organisationId, today],
  );
  return new Map(rows.map((r) => [r.id, r.in_reach]));
}
