import type { Db } from "../platform/db.js";

/**
 * The people of the support context as the lists context needs them (ADR 0030): who in a batch of
 * a received list is already known — by France Travail identifier, or by name + first name + birth
 * date, case and accents aside (the rule of createJobSeeker) — and the people a list creates. One
 * statement per batch, whatever its size (arrays through unnest).
 */
export type ListCandidate = { key: number; ftIdentifier: string; lastName: string; firstName: string; birthDate: string | null };
export type KnownPerson = { key: number; jobSeekerId: string; by: "identifier" | "identity" };

export async function findKnownPeople(db: Db, candidates: ListCandidate[]): Promise<KnownPerson[]> {
  if (candidates.length === 0) return [];
  const rows = await db.query<{ key: number; id: string; by: "identifier" | "identity" }>(
    `WITH c AS (SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[]) AS c(key, ft_identifier, last_name, first_name, birth_date))
     SELECT DISTINCT ON (c.key) c.key, m.id, m.by
       FROM c
       CROSS JOIN LATERAL (
         SELECT j.id, 'identifier' AS by, 0 AS rank FROM job_seekers j WHERE j.ft_identifier = c.ft_identifier
         UNION ALL
         SELECT j.id, 'identity', 1 FROM job_seekers j
          WHERE c.birth_date IS NOT NULL AND j.birth_date = c.birth_date
            AND tandem_unaccent(lower(j.last_name || ' ' || j.first_name)) = tandem_unaccent(lower(c.last_name || ' ' || c.first_name))
       ) m
      ORDER BY c.key, m.rank`,
    [
      candidates.map((c) => c.key),
      candidates.map((c) => c.ftIdentifier),
      candidates.map((c) => c.lastName),
      candidates.map((c) => c.firstName),
      candidates.map((c) => c.birthDate),
    ],
  );
  return rows.map((r) => ({ key: r.key, jobSeekerId: r.id, by: r.by }));
}

/**
 * The same rule as findKnownPeople, set-based, for candidates a caller holds in its transaction (a
 * list's staged lines, ADR 0039): the SQL of a relation (key, id, by) — at most one person per key,
 * the identifier before the identity. `candidates` is a relation with the columns key,
 * ft_identifier, last_name, first_name, birth_date. Hash joins on job_seekers, no probe per line.
 * `withBirthDates` false: the candidates have no birth date at all (a list without one), so the
 * identity cannot match and they are not read a second time for nothing.
 */
export const knownPeopleSql = (candidates: string, withBirthDates = true) => `
  SELECT DISTINCT ON (m.key) m.key, m.id, m.by FROM (
    SELECT c.key, j.id, 'identifier' AS by, 0 AS rank FROM ${candidates} c JOIN job_seekers j ON j.ft_identifier = c.ft_identifier
    ${
      withBirthDates
        ? `UNION ALL
    SELECT c.key, j.id, 'identity', 1 FROM ${candidates} c JOIN job_seekers j
        ON c.birth_date IS NOT NULL AND j.birth_date = c.birth_date
       AND tandem_unaccent(lower(j.last_name || ' ' || j.first_name)) = tandem_unaccent(lower(c.last_name || ' ' || c.first_name))`
        : ""
    }
  ) m ORDER BY m.key, m.rank`;

export type ListedPerson = { ftIdentifier: string; lastName: string; firstName: string; birthDate: string; communeInsee: string; registeredAt: string };

/**
 * Creates the people of a batch, in the caller's transaction (the list's confirmation: all or
 * nothing); returns their ids in the batch's order. RSA beneficiaries: the list says so.
 */
export async function createListedPeople(tx: Db, people: ListedPerson[]): Promise<string[]> {
  if (people.length === 0) return [];
  const rows = await tx.query<{ id: string; ft_identifier: string }>(
    `INSERT INTO job_seekers (ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at, benefits)
     SELECT ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at, ARRAY['RSA']
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::date[]) WITH ORDINALITY
            AS p(ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at, n)
      ORDER BY n
     RETURNING id, ft_identifier`,
    [
      people.map((p) => p.ftIdentifier),
      people.map((p) => p.lastName),
      people.map((p) => p.firstName),
      people.map((p) => p.birthDate),
      people.map((p) => p.communeInsee),
      people.map((p) => p.registeredAt),
    ],
  );
  const ids = new Map(rows.map((r) => [r.ft_identifier, r.id]));
  return people.map((p) => ids.get(p.ftIdentifier) as string);
}

/** A registration France Travail cancelled or removed (monthly RSA list): the person is no longer registered from that day. */
export async function recordDeregistrations(tx: Db, changes: { jobSeekerId: string; on: string }[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `UPDATE job_seekers j SET deregistered_on = c.on_date
       FROM unnest($1::uuid[], $2::date[]) AS c(id, on_date) WHERE j.id = c.id`,
    [changes.map((c) => c.jobSeekerId), changes.map((c) => c.on)],
  );
}
