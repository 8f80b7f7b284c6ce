import type { Db } from "../src/server/platform/db.js";

/** What the filled database offers to the cases. */
export type BenchContext = { organisationId: string; userId: string };

export type BenchCase = {
  name: string;
  /** Optional extra rows a capability needs (after the common fill). */
  prepare?: (db: Db, ctx: BenchContext) => Promise<void>;
  /** The exact SQL the endpoint runs. */
  query: (ctx: BenchContext) => { sql: string; params: unknown[] };
};

/** Each capability adds the queries of its lists and searches here. */
export const benchCases: BenchCase[] = [
  {
    name: "session : retrouver la session d'un cookie",
    query: () => ({
      sql: "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
      params: ["0".repeat(64)],
    }),
  },
  {
    name: "audit : page 1 des évènements d'une organisation (DPO)",
    query: (c) => ({
      sql: "SELECT *, count(*) OVER () AS total FROM audit_events WHERE actor_organisation_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 50 OFFSET 0",
      params: [c.organisationId],
    }),
  },
  {
    name: "audit : historique d'une personne (objet)",
    query: () => ({
      sql: "SELECT * FROM audit_events WHERE subject_type = 'job_seeker' AND subject_id = $1 ORDER BY occurred_at DESC LIMIT 50",
      params: ["B00012345"],
    }),
  },
  {
    name: "audit : action sur une semaine (administrateur)",
    query: () => ({
      sql: `SELECT *, count(*) OVER () AS total FROM audit_events
             WHERE action = 'auth.login' AND occurred_at >= now() - interval '7 days'
             ORDER BY occurred_at DESC, id DESC LIMIT 50`,
      params: [],
    }),
  },
  {
    name: "demandeur : doublon par identifiant France Travail",
    query: () => ({ sql: "SELECT id FROM job_seekers WHERE ft_identifier = $1", params: ["B00543210"] }),
  },
  {
    name: "demandeur : doublon par nom, prénom et date de naissance",
    query: () => ({
      sql: "SELECT id FROM job_seekers WHERE lower(last_name) = lower($1) AND lower(first_name) = lower($2) AND birth_date = $3",
      params: ["Nom123", "Prénom123", "1960-05-04"],
    }),
  },
];
