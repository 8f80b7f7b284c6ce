/**
 * The bench's database: the demo (its organisations, its six conventions signed in Tandem, its
 * cases built through the use cases), then a national-scale population on top of it, written
 * set-based (`INSERT … SELECT FROM generate_series` in batches, never one insert per row):
 * - under each global-support convention in force (Creuse, Bas-Rhin), France Travail agencies of
 *   20 advisors (child organisations of the convention's France Travail party, so they act under
 *   it) and social services of 20 social workers (children of its département), serving the
 *   département's communes;
 * - job seekers living there; 10 % of them with an open case (70 per advisor, each advisor paired
 *   with one social worker), 5 % with a closed one;
 * - each case copied from one of the demo's cases in the same state (its dates moved back 0–27
 *   days), with that case's barriers, appointments and timeline, plus two notes (pair, social);
 * - a few portfolio reviews scheduled through the review's own use case (its agenda computed
 *   from these cases), and audit rows (one per job seeker by default) through the chained trigger.
 * Ids are a hash of a name and a number, so that rows find each other without lookups.
 */
import { parisToday } from "../src/domain/shared/calendarDate.js";
import { DEMO_EMAIL_DOMAIN } from "../src/server/demo/demoOrganisations.js";
import { loadDemo } from "../src/server/demo/loadDemo.js";
import type { Db } from "../src/server/platform/db.js";
import type { SessionUser } from "../src/server/platform/requestContext.js";
import { scheduleReview } from "../src/server/review/scheduleReview.js";

export const BENCH_EMAIL_DOMAIN = "bench.tandem.fr";

export type SeedSizes = { jobSeekers: number; auditEvents: number; reviews: number };

export type BenchUser = { email: string; role: "advisor" | "social_worker" | "dpo"; agencyId: string };

export type SeedResult = {
  /** Accounts the bench logs in, advisors first (spread over agencies and conventions), then social workers, then the DPO. */
  advisors: BenchUser[];
  socialWorkers: BenchUser[];
  dpo: BenchUser;
  /** Scheduled reviews and the agency each covers. */
  reviews: { id: string; agencyId: string; items: number }[];
  /** Last names that exist, for the job-seeker search. */
  searchNames: string[];
  counts: Record<string, number>;
  seconds: number;
};

const CASES_PER_ADVISOR = 70;
const PER_TEAM = 20;
const BATCH = 50_000;

/** Surnames that look French and are many (about 2 000), so that a name matches hundreds of people at 1 M, not tens of thousands. */
const HEADS = ["Ber", "Mar", "Du", "Le", "Ro", "Ga", "Mo", "Fa", "Ri", "Be", "Gi", "La", "Bo", "Ca", "Che", "Fon", "Gau", "Hu", "Ja", "Pe"];
const MIDDLES = ["nard", "tin", "bois", "roy", "chard", "reau", "mel", "vier", "lan", "rand", "mont", "geon", "ssard", "nier", "val"];
const TAILS = ["", "et", "ot", "ier", "and", "in", "eau"];
export const benchLastNames = HEADS.flatMap((h) => MIDDLES.flatMap((m) => TAILS.map((t) => `${h}${m}${t}`)));
const FIRST_NAMES = ["Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Nadia", "Fatima", "Julie", "Sophie", "Aïcha", "Nathalie", "Sandrine", "Marie",
  "Lucas", "Hugo", "Thomas", "Nicolas", "Mohamed", "Karim", "Julien", "Maxime", "Kevin", "Yannick", "Théo", "Mehdi", "David", "Patrick", "Éric", "Zoé", "Louis"];

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await fn();
  console.log(`  ${label} : ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

async function inBatches(total: number, fn: (from: number, to: number) => Promise<unknown>) {
  for (let from = 0; from < total; from += BATCH) await fn(from, Math.min(total, from + BATCH) - 1);
}

export async function seedBenchDatabase(db: Db, sizes: SeedSizes): Promise<SeedResult> {
  const started = Date.now();
  const today = parisToday();
  await timed("démo (organisations, conventions signées, accompagnements par les cas d'usage)", () => loadDemo(db));
  const [{ password_hash: passwordHash }] = await db.query<{ password_hash: string }>(
    `SELECT password_hash FROM users WHERE email = 'conseiller.basrhin@${DEMO_EMAIL_DOMAIN}'`,
  );

  // The conventions whose cases the demo built: each has a France Travail party and a département acting today.
  // Ids are a name hashed into a version-4 UUID (what the API's schemas accept), so rows find each other without lookups.
  await db.exec(`CREATE OR REPLACE FUNCTION bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE
      AS $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$;
    DROP TABLE IF EXISTS bench_conventions, bench_communes, bench_templates;
    CREATE TABLE bench_conventions (conv int PRIMARY KEY, convention_id uuid, ft_party uuid, partner_party uuid, communes int, open_templates int, closed_templates int);
    CREATE TABLE bench_communes (conv int, i int, insee text, PRIMARY KEY (conv, i));
    CREATE TABLE bench_templates (conv int, open boolean, t int, case_id uuid, PRIMARY KEY (conv, open, t));`);
  await db.query(
    `INSERT INTO bench_conventions (conv, convention_id, ft_party, partner_party)
     SELECT (row_number() OVER (ORDER BY c.number))::int - 1, c.id,
            (SELECT p.organisation_id FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
              WHERE p.convention_id = c.id AND p.side = 'france_travail' ORDER BY o.code LIMIT 1),
            (SELECT p.organisation_id FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
              WHERE p.convention_id = c.id AND p.side = 'partner' AND o.kind = 'departement'
                AND (p.valid_from IS NULL OR p.valid_from <= $1::date) AND (p.valid_to IS NULL OR p.valid_to > $1::date)
              ORDER BY o.code LIMIT 1)
       FROM conventions c WHERE c.id IN (SELECT convention_id FROM support_cases)`,
    [today],
  );
  await db.exec(`INSERT INTO bench_communes (conv, i, insee)
      SELECT bc.conv, (row_number() OVER (PARTITION BY bc.conv ORDER BY oc.insee_code))::int - 1, oc.insee_code
        FROM bench_conventions bc JOIN organisation_communes oc ON oc.organisation_id = bc.partner_party;
    INSERT INTO bench_templates (conv, open, t, case_id)
      SELECT bc.conv, sc.status NOT IN ('exited','refused'),
             (row_number() OVER (PARTITION BY bc.conv, sc.status NOT IN ('exited','refused') ORDER BY sc.created_at, sc.id))::int - 1, sc.id
        FROM bench_conventions bc JOIN support_cases sc ON sc.convention_id = bc.convention_id;
    UPDATE bench_conventions bc SET communes = (SELECT count(*) FROM bench_communes x WHERE x.conv = bc.conv),
      open_templates = (SELECT count(*) FROM bench_templates t WHERE t.conv = bc.conv AND t.open),
      closed_templates = (SELECT count(*) FROM bench_templates t WHERE t.conv = bc.conv AND NOT t.open);`);
  const [{ n: conventions }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM bench_conventions WHERE communes > 0 AND open_templates > 0 AND closed_templates > 0");
  const [{ n: all }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM bench_conventions");
  if (conventions === 0 || conventions !== all) throw new Error("Démo inattendue : chaque convention qui porte des accompagnements doit avoir un territoire et des accompagnements ouverts et clos.");
  const C = conventions;

  const openCases = Math.max(1, Math.round(sizes.jobSeekers / 10));
  const closedCases = Math.floor((sizes.jobSeekers + 14) / 20);
  // A multiple of C, so that advisor a works under convention a % C.
  const advisors = Math.ceil(Math.ceil(openCases / CASES_PER_ADVISOR) / C) * C;
  const perConvention = advisors / C;
  const teams = Math.ceil(perConvention / PER_TEAM);
  const agencyOf = (a: string) => `bench_uuid('bench-agency-' || ((${a}) % ${C}) || '-' || (((${a}) / ${C}) / ${PER_TEAM}))`;
  const serviceOf = (a: string) => `bench_uuid('bench-service-' || ((${a}) % ${C}) || '-' || (((${a}) / ${C}) / ${PER_TEAM}))`;

  await timed(`${C * teams} agences France Travail et ${C * teams} services sociaux, ${advisors} binômes`, async () => {
    await db.query(
      `INSERT INTO organisations (id, code, name, kind, parent_id)
       SELECT bench_uuid('bench-agency-' || bc.conv || '-' || k), 'bench-ft-' || bc.conv || '-' || k, 'France Travail — Agence de mesure ' || bc.conv || '-' || k, 'ft_agency', bc.ft_party
         FROM bench_conventions bc, generate_series(0, $1::int - 1) k
       UNION ALL
       SELECT bench_uuid('bench-service-' || bc.conv || '-' || k), 'bench-social-' || bc.conv || '-' || k, 'Service social de mesure ' || bc.conv || '-' || k, 'ccas', bc.partner_party
         FROM bench_conventions bc, generate_series(0, $1::int - 1) k`,
      [teams],
    );
    await db.query(
      `INSERT INTO organisation_communes (organisation_id, insee_code)
       SELECT o.id, x.insee FROM bench_conventions bc, generate_series(0, $1::int - 1) k,
              LATERAL (VALUES (bench_uuid('bench-agency-' || bc.conv || '-' || k)), (bench_uuid('bench-service-' || bc.conv || '-' || k))) o(id),
              bench_communes x WHERE x.conv = bc.conv`,
      [teams],
    );
    await db.query(
      `INSERT INTO users (id, organisation_id, email, first_name, last_name, roles, password_hash, password_changed_at)
       SELECT bench_uuid('bench-advisor-' || a), ${agencyOf("a")}, 'bench.conseiller.' || a || '@${BENCH_EMAIL_DOMAIN}',
              ($3::text[])[1 + a % cardinality($3::text[])], ($4::text[])[1 + (a * 7) % cardinality($4::text[])], '{advisor}'::text[], $2, now()
         FROM generate_series(0, $1::int - 1) a
       UNION ALL
       SELECT bench_uuid('bench-social-' || a), ${serviceOf("a")}, 'bench.social.' || a || '@${BENCH_EMAIL_DOMAIN}',
              ($3::text[])[1 + (a * 5) % cardinality($3::text[])], ($4::text[])[1 + (a * 11) % cardinality($4::text[])], '{social_worker}', $2, now()
         FROM generate_series(0, $1::int - 1) a
       UNION ALL
       SELECT bench_uuid('bench-dpo-0'), bench_uuid('bench-agency-0-0'), 'bench.dpo.0@${BENCH_EMAIL_DOMAIN}', 'Dominique', 'Protection', '{dpo}', $2, now()`,
      [advisors, passwordHash, FIRST_NAMES, benchLastNames],
    );
  });

  // A job seeker n lives under convention n % C, except those with an open case (n % 10 = 0), who live under their advisor's.
  const convOfPerson = `CASE WHEN n % 10 = 0 THEN ((n / 10) / ${CASES_PER_ADVISOR}) % ${C} ELSE n % ${C} END`;
  await timed(`${sizes.jobSeekers.toLocaleString("fr-FR")} demandeurs d'emploi`, () =>
    inBatches(sizes.jobSeekers, (from, to) =>
      db.query(
        `INSERT INTO job_seekers (id, ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, email, phone, synthetic)
         SELECT bench_uuid('bench-js-' || n), '9' || lpad(n::text, 8, '0'), ($3::text[])[1 + (n * 13) % cardinality($3::text[])],
                ($4::text[])[1 + abs(hashtext('nom-' || n)) % cardinality($4::text[])], date '1962-01-01' + (n * 37) % 15000,
                x.insee, n % 7 = 0, CASE WHEN n % 5 < 2 THEN ARRAY['RSA'] ELSE ARRAY['ARE'] END, $5::date - (n * 31) % 1500,
                'personne' || n || '@exemple.fr', '06' || lpad(((n * 7) % 100000000)::text, 8, '0'), true
           FROM (SELECT n, ${convOfPerson} AS conv FROM generate_series($1::int, $2::int) n) p
           JOIN bench_conventions bc ON bc.conv = p.conv
           JOIN bench_communes x ON x.conv = p.conv AND x.i = abs(hashtext('commune-' || p.n)) % bc.communes`,
        [from, to, FIRST_NAMES, benchLastNames, today],
      ),
    ),
  );

  const caseColumns = `id, job_seeker_id, convention_id, status, origin, origin_detail, oriented_on, oriented_by, orienter_organisation_id,
    consent_given_on, consent_method, diagnosis_kind, diagnosis_on, diagnosis_disagreement, advisor_id, social_worker_id,
    entered_on, period_ends_on, max_ends_on, renewals_used, social_only_started_on, social_only_ends_by,
    first_social_appointment_on, first_professional_appointment_on, exited_on, exit_type, closed_on, next_deadline_on, next_deadline_kind`;
  // One batch of bench cases, each with its template (a demo case in the same state) and its shift in days.
  const batch = (open: boolean) =>
    open
      ? `WITH x AS (
           SELECT bench_uuid('bench-case-o' || o) AS case_id, bench_uuid('bench-js-' || (o * 10)) AS job_seeker_id,
                  bench_uuid('bench-advisor-' || (o / ${CASES_PER_ADVISOR})) AS advisor_id, bench_uuid('bench-social-' || (o / ${CASES_PER_ADVISOR})) AS social_worker_id,
                  ${agencyOf(`o / ${CASES_PER_ADVISOR}`)} AS agency_id, bc.convention_id, t.case_id AS template_id, o % 28 AS shift
             FROM generate_series($1::int, $2::int) o
             JOIN bench_conventions bc ON bc.conv = (o / ${CASES_PER_ADVISOR}) % ${C}
             JOIN bench_templates t ON t.conv = bc.conv AND t.open AND t.t = o % bc.open_templates)`
      : `WITH x AS (
           SELECT bench_uuid('bench-case-c' || c) AS case_id, bench_uuid('bench-js-' || (c * 20 + 5)) AS job_seeker_id,
                  bench_uuid('bench-advisor-' || a) AS advisor_id, bench_uuid('bench-social-' || a) AS social_worker_id,
                  ${agencyOf("a")} AS agency_id, bc.convention_id, t.case_id AS template_id, c % 28 AS shift
             FROM generate_series($1::int, $2::int) c
             CROSS JOIN LATERAL (SELECT (c * 20 + 5) % ${C} AS conv) k
             CROSS JOIN LATERAL (SELECT (c % ${perConvention}) * ${C} + k.conv AS a) adv
             JOIN bench_conventions bc ON bc.conv = k.conv
             JOIN bench_templates t ON t.conv = bc.conv AND NOT t.open AND t.t = c % bc.closed_templates)`;
  const copyCases = async (open: boolean, from: number, to: number) => {
    const p = [from, to];
    await db.query(
      `${batch(open)}
       INSERT INTO support_cases (${caseColumns})
       SELECT x.case_id, x.job_seeker_id, x.convention_id, s.status, s.origin, s.origin_detail, s.oriented_on - x.shift, x.advisor_id, x.agency_id,
              s.consent_given_on - x.shift, s.consent_method, s.diagnosis_kind, s.diagnosis_on - x.shift, s.diagnosis_disagreement, x.advisor_id, x.social_worker_id,
              s.entered_on - x.shift, s.period_ends_on - x.shift, s.max_ends_on - x.shift, s.renewals_used, s.social_only_started_on - x.shift, s.social_only_ends_by - x.shift,
              s.first_social_appointment_on - x.shift, s.first_professional_appointment_on - x.shift, s.exited_on - x.shift, s.exit_type, s.closed_on - x.shift,
              s.next_deadline_on - x.shift, s.next_deadline_kind
         FROM x JOIN support_cases s ON s.id = x.template_id`,
      p,
    );
    await db.query(
      `${batch(open)}
       INSERT INTO support_case_barriers (case_id, category, code, label, observed_on, joint_decision_on, resolved_on, recorded_by)
       SELECT x.case_id, b.category, b.code, b.label, b.observed_on - x.shift, b.joint_decision_on - x.shift, b.resolved_on - x.shift, x.advisor_id
         FROM x JOIN support_case_barriers b ON b.case_id = x.template_id`,
      p,
    );
    await db.query(
      `${batch(open)}
       INSERT INTO support_appointments (case_id, kind, scheduled_on, status, note, recorded_by)
       SELECT x.case_id, a.kind, a.scheduled_on - x.shift, a.status, a.note, CASE a.kind WHEN 'social' THEN x.social_worker_id ELSE x.advisor_id END
         FROM x JOIN support_appointments a ON a.case_id = x.template_id`,
      p,
    );
    await db.query(
      `${batch(open)}
       INSERT INTO support_case_events (case_id, kind, occurred_on, details, source, recorded_by, recorded_at)
       SELECT x.case_id, e.kind, e.occurred_on - x.shift, e.details, e.source, x.advisor_id, e.recorded_at - make_interval(days => x.shift)
         FROM x JOIN support_case_events e ON e.case_id = x.template_id`,
      p,
    );
    await db.query(
      `${batch(open)}
       INSERT INTO support_notes (case_id, visibility, body, author_id, created_at)
       SELECT x.case_id, v.visibility, v.body, CASE v.visibility WHEN 'social' THEN x.social_worker_id ELSE x.advisor_id END, now() - make_interval(days => x.shift + v.age)
         FROM x CROSS JOIN (VALUES ('pair', 'Point d''étape du binôme : démarches en cours, prochain rendez-vous fixé.', 3),
                                   ('social', 'Situation familiale et logement évoqués ; dossier d''aide en préparation.', 10)) v(visibility, body, age)`,
      p,
    );
  };
  await timed(`${openCases.toLocaleString("fr-FR")} accompagnements ouverts (avec freins, rendez-vous, notes, évènements)`, () =>
    inBatches(openCases, (from, to) => copyCases(true, from, to)),
  );
  await timed(`${closedCases.toLocaleString("fr-FR")} accompagnements clos`, () => inBatches(closedCases, (from, to) => copyCases(false, from, to)));
  await db.exec("DROP TABLE bench_conventions, bench_communes, bench_templates");

  // Spread over agencies and conventions: advisor a belongs to agency ((a % C), (a / C) / 20).
  const advisorIndexes = [...Array(advisors).keys()].sort((x, y) => (Math.floor(x / C) % PER_TEAM) - (Math.floor(y / C) % PER_TEAM) || x - y);
  const agencyId = async (email: string) => (await db.query<{ organisation_id: string }>("SELECT organisation_id FROM users WHERE email = $1", [email]))[0].organisation_id;
  const benchUser = async (email: string, role: BenchUser["role"]): Promise<BenchUser> => ({ email, role, agencyId: await agencyId(email) });
  const take = Math.min(advisors, 200);
  const advisorUsers = await Promise.all(advisorIndexes.slice(0, take).map((a) => benchUser(`bench.conseiller.${a}@${BENCH_EMAIL_DOMAIN}`, "advisor")));
  const socialUsers = await Promise.all(advisorIndexes.slice(0, take).map((a) => benchUser(`bench.social.${a}@${BENCH_EMAIL_DOMAIN}`, "social_worker")));

  // A few reviews, scheduled as an advisor schedules one: the agenda is the use case's own.
  const reviews: SeedResult["reviews"] = [];
  await timed(`revues de portefeuille (ordre du jour calculé, ${sizes.reviews} au plus, une par agence)`, async () => {
    const seen = new Set<string>();
    for (const u of advisorUsers) {
      if (reviews.length >= sizes.reviews) break;
      if (seen.has(u.agencyId)) continue;
      seen.add(u.agencyId);
      const [row] = await db.query<{ id: string; first_name: string; last_name: string; organisation_id: string }>(
        "SELECT id, first_name, last_name, organisation_id FROM users WHERE email = $1",
        [u.email],
      );
      const [{ convention_id }] = await db.query<{ convention_id: string }>("SELECT convention_id FROM support_cases WHERE advisor_id = $1 LIMIT 1", [row.id]);
      const user: SessionUser = { id: row.id, email: u.email, firstName: row.first_name, lastName: row.last_name, organisationId: row.organisation_id, roles: ["advisor"] };
      const { id } = await scheduleReview(db, { user, requestId: "bench", ip: "127.0.0.1" }, { conventionId: convention_id, agencyIds: [u.agencyId], heldOn: today }, today);
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM portfolio_review_items WHERE review_id = $1", [id]);
      reviews.push({ id, agencyId: u.agencyId, items: n });
      console.log(`    revue de l'agence ${u.agencyId} : ${n} points à l'ordre du jour`);
    }
  });

  // One every 20 seconds up to now; a partition for each month they span (migrations/020), as the
  // daily job keeps them for the months to come (else they all go to the DEFAULT partition).
  await db.query(
    `SELECT audit_partition_create(m::date) FROM generate_series(date_trunc('month', (now() - make_interval(secs => $1::int * 20)) AT TIME ZONE 'UTC'),
       date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month') m`,
    [sizes.auditEvents],
  );
  await timed(`${sizes.auditEvents.toLocaleString("fr-FR")} évènements d'audit (chaînés par la base)`, () =>
    inBatches(sizes.auditEvents, (from, to) =>
      db.query(
        `INSERT INTO audit_events (occurred_at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, request_id, ip)
         SELECT now() - make_interval(secs => ($3::int - i) * 20), bench_uuid('bench-advisor-' || (i % $4::int)),
                ${agencyOf("i % $4::int")},
                (ARRAY['support.case_read','support.case_read','support.portfolio_read','job_seeker.searched','support.note_added'])[1 + i % 5],
                'support_case', bench_uuid('bench-case-o' || (i % $5::int))::text, 'bench-' || i, '10.0.0.' || (1 + i % 200)
           FROM generate_series($1::int, $2::int) i`,
        [from, to, sizes.auditEvents, advisors, openCases],
      ),
    ),
  );

  await db.exec("DROP FUNCTION bench_uuid(text)");
  // The steady state users meet: rows reclaimed, visibility map set, statistics fresh — autovacuum's
  // work on a server, the daily maintenance job's on PGlite (ADR 0043).
  await timed("VACUUM (ANALYZE)", () => db.exec("VACUUM (ANALYZE)"));
  // Names people type: among the most frequent, so that each search finds people in every territory.
  const searchNames = (
    await db.query<{ last_name: string }>("SELECT last_name FROM job_seekers WHERE synthetic GROUP BY last_name ORDER BY count(*) DESC, last_name LIMIT 20")
  ).map((r) => r.last_name);
  const counts: Record<string, number> = {};
  for (const table of ["organisations", "users", "job_seekers", "support_cases", "support_case_barriers", "support_appointments", "support_notes", "support_case_events", "portfolio_reviews", "portfolio_review_items", "audit_events"]) {
    counts[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  }
  counts["support_cases (ouverts)"] = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM support_cases WHERE status NOT IN ('exited','refused')"))[0].n;
  return {
    advisors: advisorUsers,
    socialWorkers: socialUsers,
    dpo: await benchUser(`bench.dpo.0@${BENCH_EMAIL_DOMAIN}`, "dpo"),
    reviews,
    searchNames,
    counts,
    seconds: (Date.now() - started) / 1000,
  };
}
