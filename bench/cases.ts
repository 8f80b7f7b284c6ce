import type { Db } from "../src/server/platform/db.js";

/** What the filled database offers to the cases. */
export type BenchContext = { organisationId: string; userId: string; conventionId?: string; advisorId?: string; agencyId?: string };

export type BenchCase = {
  name: string;
  /** Optional extra rows a capability needs (after the common fill). */
  prepare?: (db: Db, ctx: BenchContext) => Promise<void>;
  /** The exact SQL the endpoint runs. */
  query: (ctx: BenchContext) => { sql: string; params: unknown[] };
};

const ACTIVE_SUPPORTS = Number(process.env.BENCH_ACTIVE_SUPPORTS ?? 100_000);
const CASES_PER_ADVISOR = 70;

/**
 * 100 000 running global-support cases (by default) under one convention, 70 per advisor as
 * in Bas-Rhin [002 art. 3.2]: the advisors' portfolios and the review agenda are measured on them.
 */
async function fillSupportCases(db: Db, ctx: BenchContext) {
  const [{ id: conventionId }] = await db.query<{ id: string }>(
    "INSERT INTO conventions (number, kind, title, base_terms, effective_on, ends_on, signed_on) VALUES ('BENCH', 'coordination', 'Bench', '{}', '2026-01-01', '2027-12-31', '2025-12-15') RETURNING id",
  );
  const advisors = Math.ceil(ACTIVE_SUPPORTS / CASES_PER_ADVISOR);
  // Agencies of 20 advisors, each with its own portfolio review.
  await db.query(
    "INSERT INTO organisations (code, name, kind) SELECT 'bench-agence-' || k, 'Agence ' || k, 'ft_agency' FROM generate_series(0, $1::int) k",
    [Math.floor(advisors / 20)],
  );
  await db.query(
    `INSERT INTO users (organisation_id, email, first_name, last_name, roles)
     SELECT o.id, 'conseiller' || i || '@bench.fr', 'C', 'N' || i, '{advisor}'
       FROM generate_series(1, $1::int) i JOIN organisations o ON o.code = 'bench-agence-' || (i / 20)`,
    [advisors],
  );
  await db.query(
    `INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id,
                                advisor_id, entered_on, period_ends_on, max_ends_on, next_deadline_on, next_deadline_kind)
     SELECT js.id, $1, CASE WHEN n % 10 = 0 THEN 'awaiting_entry' ELSE 'active' END, 'france_travail', date '2026-01-01' + (n % 300),
            $2, $3, a.id, date '2026-01-15' + (n % 300), date '2026-07-15' + (n % 300), date '2027-01-15' + (n % 300),
            date '2026-07-15' + (n % 300), 'renewal_decision'
       FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM job_seekers LIMIT $4) js
       JOIN (SELECT id, (row_number() OVER (ORDER BY email))::int - 1 AS k FROM users WHERE email LIKE 'conseiller%@bench.fr') a
         ON a.k = (js.n - 1) / ${CASES_PER_ADVISOR}`,
    [conventionId, ctx.userId, ctx.organisationId, ACTIVE_SUPPORTS],
  );
  ctx.conventionId = conventionId;
  const [advisor] = await db.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email = 'conseiller7@bench.fr'");
  ctx.advisorId = advisor.id;
  ctx.agencyId = advisor.organisation_id;
}

/** Each capability adds the queries of its lists and searches here. */
export const benchCases: BenchCase[] = [
  {
    name: "accompagnement : portefeuille d'un conseiller, trié par urgence",
    prepare: fillSupportCases,
    query: (c) => ({
      sql: `SELECT sc.id, js.last_name, sc.next_deadline_on FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
             WHERE sc.advisor_id = $1 AND sc.status NOT IN ('exited','refused')
             ORDER BY sc.next_deadline_on NULLS LAST, js.last_name, sc.id LIMIT 50`,
      params: [c.advisorId],
    }),
  },
  {
    name: "revue : ordre du jour d'une agence (accompagnements de ses conseillers)",
    query: (c) => ({
      sql: `SELECT sc.id FROM support_cases sc JOIN users a ON a.id = sc.advisor_id
             WHERE sc.convention_id = $1 AND a.organisation_id = ANY($2::uuid[])
               AND (sc.status IN ('awaiting_entry','active','social_only') OR (sc.status = 'diagnosed' AND sc.diagnosis_disagreement))`,
      params: [c.conventionId, [c.agencyId]],
    }),
  },
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
