/**
 * Indicators at national scale (`npm run bench`, or alone: `BENCH_ONLY=indicators`), issue 11 « Scale »:
 * 1. On the server database (DATABASE_URL only: the issue asks for PostgreSQL at scale), in its own
 *    database `tandem_bench_indicators` (BENCH_INDICATORS_DB), migrated by the app's migrations, the
 *    demo loaded, then written set-based in batches (`INSERT … SELECT FROM generate_series`, never one
 *    insert per row): BENCH_INDICATOR_CASES cases (100 000) under five global-support conventions
 *    (the Bas-Rhin, the Creuse and three copies of the Bas-Rhin's terms: five départements), each
 *    with its agencies (one case in twenty moved to another agency: migrations/044's history),
 *    advisors, social workers, job seekers, first appointments and barriers, and
 *    BENCH_INDICATOR_EVENTS case events (1 000 000). Kept between runs (rerun: the seed is skipped).
 * 2. A quarter's indicators for one département (the Bas-Rhin), every computable definition with all
 *    its breakdowns: the app's own `computeFigures` against a reference written by hand below for the
 *    same figures (literal dates, GROUPING SETS, the indexes it needs), interleaved, median of
 *    BENCH_RUNS runs. The totals of both must agree (else the bench fails).
 * 3. EXPLAIN (ANALYZE, BUFFERS) of both for each indicator; the plan SHAPE is asserted (the
 *    convention's cases are reached through an index, never a sequential scan of support_cases) —
 *    never a timing in a test.
 * 4. The dashboard route (four quarters, authorisation, snapshots, agencies) through HTTP, median.
 * Writes bench/results/indicators-<date>-postgresql.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parsePeriod } from "../src/domain/indicators/periods.js";
import { buildApp } from "../src/server/app.js";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from "../src/server/demo/demoOrganisations.js";
import { loadDemo } from "../src/server/demo/loadDemo.js";
import { computeFigures } from "../src/server/indicators/computeFigures.js";
import { CURRENT_DEFINITIONS } from "../src/server/indicators/indicatorAccess.js";
import { type ComputableDefinition, compile, figuresSql } from "../src/server/indicators/indicatorSql.js";
import { loadConfig } from "../src/server/platform/config.js";
import { type Db, openServer } from "../src/server/platform/db.js";
import { createMailer } from "../src/server/platform/mail.js";
import { migrate } from "../src/server/platform/migrate.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const CASES = Number(process.env.BENCH_INDICATOR_CASES ?? 100_000);
const EVENTS = Number(process.env.BENCH_INDICATOR_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QUARTER = process.env.BENCH_QUARTER ?? "2026-T3";
const TODAY = "2026-11-30";
const DEPARTEMENTS = 5;
const AGENCIES = 10;
const ADVISORS_PER_AGENCY = 25;
const SOCIAL_WORKERS = 100;
const BATCH = 20_000;
/** Every twentieth case (i % 20 = 11) moved to the next agency (migrations/044): its agency has a history. */
const MOVED = 11;
// The seed's version: a base seeded before the agencies' history (migrations/044) is seeded afresh.
const SEED_MARK = `indicator-bench-seed-${CASES}-${EVENTS}-agencies`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const out = await fn();
  console.log(`  ${label} : ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return out;
}

/** The bench's database, kept between runs when its seed is complete; started afresh otherwise (a seed cut short is dropped). */
async function openBenchDb(url: string, name: string): Promise<{ db: Db; seeded: boolean }> {
  const u = new URL(url);
  u.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let seeded = false;
  if ((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount) {
    const probe = new pg.Client({ connectionString: u.toString() });
    await probe.connect();
    const has = await probe.query("SELECT to_regclass('app_state') IS NOT NULL AS present");
    if (has.rows[0].present) seeded = ((await probe.query("SELECT 1 FROM app_state WHERE key = $1", [SEED_MARK])).rowCount ?? 0) > 0;
    await probe.end();
    if (!seeded) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  }
  if (!seeded) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { db: openServer(u.toString()), seeded };
}

/**
 * The population, written on the server in batches. Ids are md5 hashes of a name and a number,
 * so rows find each other without lookups. Dates: orientations spread from 1 January 2023 to the
 * bench's « today » (30 November 2026); entries 0–39 days later; most cases entered more than a
 * year ago have exited; a few refused, a few waiting, a few in social-only support.
 */
async function seed(db: Db) {
  const [{ id: basRhin }] = await db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  const [{ id: creuse }] = await db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'CREUSE-2023-AG'");
  const conventions = [basRhin, creuse];
  for (let d = 3; d <= DEPARTEMENTS; d++) {
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO conventions (number, kind, title, base_terms, effective_on, ends_on, signed_on)
       SELECT 'BENCH-AG-' || $1::text, kind, title || ' (banc ' || $1::text || ')', base_terms, effective_on, ends_on, signed_on FROM conventions WHERE id = $2 RETURNING id`,
      [d, basRhin],
    );
    await db.query("INSERT INTO convention_parties (convention_id, organisation_id, side) SELECT $1, organisation_id, side FROM convention_parties WHERE convention_id = $2", [row.id, basRhin]);
    conventions.push(row.id);
  }
  const [{ id: platform }] = await db.query<{ id: string }>("SELECT id FROM organisations ORDER BY created_at LIMIT 1");
  const [{ id: orienter }] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [`orienteur.basrhin@${DEMO_EMAIL_DOMAIN}`]);
  const [{ organisation_id: orienterOrg }] = await db.query<{ organisation_id: string }>("SELECT organisation_id FROM users WHERE id = $1", [orienter]);
  const perConvention = Math.ceil(CASES / conventions.length);
  for (const [d, conventionId] of conventions.entries()) {
    await timed(`département ${d + 1} : agences, conseillers, travailleurs sociaux`, async () => {
      await db.query(
        `INSERT INTO organisations (id, code, name, kind, parent_id)
         SELECT md5('agency-' || $1 || '-' || a)::uuid, 'bench-agence-' || $1 || '-' || a, 'Agence banc ' || $1 || '-' || a, 'ft_agency', $2::uuid
           FROM generate_series(1, $3::int) a
         UNION ALL SELECT md5('service-' || $1)::uuid, 'bench-service-' || $1, 'Service social banc ' || $1, 'departement', $2::uuid`,
        [d, platform, AGENCIES],
      );
      await db.query(
        `INSERT INTO users (id, organisation_id, email, first_name, last_name, roles)
         SELECT md5('advisor-' || $1 || '-' || u)::uuid, md5('agency-' || $1 || '-' || (1 + (u - 1) / $2::int))::uuid,
                'conseiller-' || $1 || '-' || u || '@bench.invalid', 'Conseiller', 'Banc ' || u, '{advisor}'::text[]
           FROM generate_series(1, $3::int) u
         UNION ALL
         SELECT md5('social-' || $1 || '-' || u)::uuid, md5('service-' || $1)::uuid, 'social-' || $1 || '-' || u || '@bench.invalid', 'Travailleur', 'Banc ' || u, '{social_worker}'::text[]
           FROM generate_series(1, $4::int) u`,
        [d, ADVISORS_PER_AGENCY, AGENCIES * ADVISORS_PER_AGENCY, SOCIAL_WORKERS],
      );
    });
    await timed(`département ${d + 1} : ${perConvention} personnes et accompagnements`, async () => {
      for (let from = 1; from <= perConvention; from += BATCH) {
        const to = Math.min(perConvention, from + BATCH - 1);
        await db.query(
          `INSERT INTO job_seekers (id, ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, synthetic)
           SELECT md5('js-' || $1 || '-' || i)::uuid, 'BENCH-IND-' || $1 || '-' || i, 'Prénom', 'Banc' || (i % 997),
                  (date '1960-01-01' + (i * 7919 % 16000))::date, lpad((67000 + $1::int * 1000 + i % 40)::text, 5, '0'), i % 7 = 0,
                  CASE i % 5 WHEN 0 THEN ARRAY['RSA'] WHEN 1 THEN ARRAY['ASS'] WHEN 2 THEN ARRAY['ARE'] WHEN 3 THEN ARRAY['RSA','BOE'] ELSE ARRAY[]::text[] END, date '2022-01-01', true
             FROM generate_series($2::int, $3::int) i`,
          [d, from, to],
        );
        await db.query(
          `INSERT INTO support_cases (id, job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id,
              advisor_id, social_worker_id, entered_on, max_ends_on, exited_on, exit_type, social_only_started_on,
              first_social_appointment_on, first_professional_appointment_on, agency_id, agency_since)
           SELECT md5('case-' || $1 || '-' || i)::uuid, md5('js-' || $1 || '-' || i)::uuid, $4::uuid,
                  CASE WHEN refused THEN 'refused' WHEN entered IS NULL THEN 'awaiting_entry' WHEN exited IS NOT NULL THEN 'exited'
                       WHEN i % 20 = 0 THEN 'social_only' ELSE 'active' END,
                  (ARRAY['france_travail','departement_social_service','city_social_service','pf1','pf2','other'])[1 + i % 6],
                  oriented, $5::uuid, $6::uuid,
                  CASE WHEN refused THEN NULL ELSE md5('advisor-' || $1 || '-' || (1 + slot))::uuid END,
                  CASE WHEN refused THEN NULL ELSE md5('social-' || $1 || '-' || (1 + i % $8::int))::uuid END,
                  entered, (entered + interval '12 months')::date, exited,
                  CASE WHEN exited IS NOT NULL THEN (ARRAY['sustainable_job','temporary_job','training','reorientation','move','drop_out','other'])[1 + i % 7] END,
                  CASE WHEN exited IS NULL AND entered IS NOT NULL AND i % 20 = 0 THEN least(entered + 30, date '${TODAY}') END,
                  CASE WHEN entered + i % 35 <= date '${TODAY}' THEN entered + i % 35 END,
                  CASE WHEN entered + (i * 7) % 45 <= date '${TODAY}' THEN entered + (i * 7) % 45 END,
                  CASE WHEN NOT refused THEN md5('agency-' || $1 || '-' || (1 + slot / $9::int))::uuid END,
                  CASE WHEN NOT refused THEN coalesce(moved_on, oriented) END
             FROM (SELECT *,
                          -- The advisor's slot (0-based): a moved case has the same-rank advisor of the next agency.
                          CASE WHEN moved_on IS NULL THEN i % $7::int ELSE (i % $7::int + $9::int) % $7::int END AS slot
                     FROM (SELECT i, oriented, refused, entered, exited,
                                  -- Moved 20 to 319 days after its orientation (often in support by then, the reading's worst case).
                                  CASE WHEN NOT refused AND i % 20 = ${MOVED} AND oriented + 20 + i % 300 <= least(coalesce(exited, date '${TODAY}'), date '${TODAY}')
                                       THEN oriented + 20 + i % 300 END AS moved_on
             FROM (SELECT i, oriented, refused,
                          CASE WHEN NOT refused AND i % 10 <> 3 AND oriented + i % 40 <= date '${TODAY}' THEN oriented + i % 40 END AS entered,
                          CASE WHEN NOT refused AND i % 10 <> 3 AND oriented + i % 40 + 60 + i % 330 <= date '${TODAY}' AND i % 20 <> 0
                               THEN oriented + i % 40 + 60 + i % 330 END AS exited
                     FROM (SELECT i, (date '2023-01-01' + (i * 37) % 1429)::date AS oriented, i % 20 = 7 AS refused
                             FROM generate_series($2::int, $3::int) i) g) c) m) a`,
          [d, from, to, conventionId, orienter, orienterOrg, AGENCIES * ADVISORS_PER_AGENCY, SOCIAL_WORKERS, ADVISORS_PER_AGENCY],
        );
        // The agency a moved case left, from its orientation to its move.
        await db.query(
          `INSERT INTO support_case_agency_history (case_id, agency_id, from_on, until_on)
           SELECT sc.id, md5('agency-' || $1 || '-' || (1 + (i % $4::int) / $5::int))::uuid, sc.oriented_on, sc.agency_since
             FROM generate_series($2::int, $3::int) i JOIN support_cases sc ON sc.id = md5('case-' || $1 || '-' || i)::uuid
            WHERE i % 20 = ${MOVED} AND sc.agency_since > sc.oriented_on`,
          [d, from, to, AGENCIES * ADVISORS_PER_AGENCY, ADVISORS_PER_AGENCY],
        );
        await db.query(
          `INSERT INTO support_appointments (case_id, kind, scheduled_on, status)
           SELECT sc.id, k.kind, k.on_day, CASE WHEN (hashtext(sc.id::text) % 9) = 0 AND k.kind = 'professional' THEN 'missed' ELSE 'attended' END
             FROM support_cases sc
             CROSS JOIN LATERAL (VALUES ('social', sc.first_social_appointment_on), ('professional', sc.first_professional_appointment_on)) k(kind, on_day)
            WHERE sc.id IN (SELECT md5('case-' || $1 || '-' || i)::uuid FROM generate_series($2::int, $3::int) i) AND k.on_day IS NOT NULL`,
          [d, from, to],
        );
        await db.query(
          `INSERT INTO support_case_barriers (case_id, category, code, observed_on)
           SELECT md5('case-' || $1 || '-' || i)::uuid, CASE WHEN i % 4 = 0 THEN 'social' ELSE 'professional' END, 'housing',
                  (date '2023-01-01' + (i * 37) % 1429)::date
             FROM generate_series($2::int, $3::int) i WHERE i % 2 = 0`,
          [d, from, to],
        );
      }
    });
  }
  // The events: EVENTS spread over the cases (10 per case at 100 000 / 1 000 000), dated from the
  // orientation on, every twentieth a partner's resource mobilised, the social-only starts their own.
  const total = perConvention * conventions.length;
  const perCase = Math.max(1, Math.round(EVENTS / total));
  await timed(`${total * perCase} évènements`, async () => {
    for (const [d] of conventions.entries()) {
      for (let from = 1; from <= perConvention; from += BATCH) {
        const to = Math.min(perConvention, from + BATCH - 1);
        await db.query(
          `INSERT INTO support_case_events (case_id, kind, occurred_on, details)
           SELECT sc.id,
                  CASE WHEN e = 1 AND sc.social_only_started_on IS NOT NULL THEN 'social_only_started'
                       WHEN (i + e) % 20 = 0 THEN 'resource_mobilised'
                       ELSE (ARRAY['oriented','pair_assigned','appointment_recorded','note_added','review_discussed'])[1 + (i + e) % 5] END,
                  CASE WHEN e = 1 AND sc.social_only_started_on IS NOT NULL THEN sc.social_only_started_on
                       ELSE least(sc.oriented_on + e * 29, date '${TODAY}') END,
                  '{}'::jsonb
             FROM generate_series($2::int, $3::int) i
             JOIN support_cases sc ON sc.id = md5('case-' || $1 || '-' || i)::uuid
             CROSS JOIN generate_series(1, $4::int) e`,
          [d, from, to, perCase],
        );
      }
    }
  });
  await db.query("INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [SEED_MARK, JSON.stringify({ conventions })]);
}

/**
 * The reference: the same figures for one quarter, written by hand — the dates literal, each
 * population the plain WHERE a DBA would write for that indicator, and every breakdown in one
 * GROUPING SETS pass (the allocations, unnested, in a second one).
 */
function referenceSql(conventionId: string, from: string, to: string): Record<string, string> {
  const c = `'${conventionId}'::uuid`;
  const f = `date '${from}'`;
  const t = `date '${to}'`;
  const today = `date '${TODAY}'`;
  // The case's agency at the quarter's end or its exit: its current one, or the history's for a case moved since.
  const day = `LEAST(${t}, sc.exited_on)`;
  const agencyAtEnd = `CASE WHEN sc.agency_since <= ${day} THEN sc.agency_id
    ELSE (SELECT h.agency_id FROM support_case_agency_history h WHERE h.case_id = sc.id AND h.from_on <= ${day} AND h.until_on > ${day}) END`;
  const dims = {
    agency: "ao.id::text",
    social_service: "so.id::text",
    commune: "js.commune_insee",
    qpv: "CASE WHEN js.qpv THEN 'oui' ELSE 'non' END",
    age_band: `CASE WHEN js.birth_date > (${t} - interval '26 years')::date THEN 'moins_26' WHEN js.birth_date > (${t} - interval '50 years')::date THEN '26_49' ELSE '50_plus' END`,
    origin: "sc.origin",
    exit_type: "coalesce(sc.exit_type, 'aucune')",
    outcome: "CASE WHEN sc.status = 'social_only' THEN 'en_cours' WHEN sc.status = 'exited' THEN 'sortie' ELSE 'parcours_repris' END",
  };
  const people = ["agency", "social_service", "commune", "qpv", "age_band", "origin"] as const;
  const q = (where: string, opts: { hit?: string; days?: string; per?: string; extra?: (keyof typeof dims)[] } = {}) => {
    const list = [...people, ...(opts.extra ?? [])];
    const agg = `count(*)::int AS n, ${opts.per ? "count(DISTINCT per)" : "count(*) FILTER (WHERE hit)"}::int AS k, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median`;
    return `WITH b AS MATERIALIZED (
        SELECT (${opts.hit ?? "false"}) AS hit, (${opts.days ?? "NULL::integer"}) AS days, ${opts.per ?? "NULL::uuid"} AS per, js.benefits,
               ${list.map((d) => `${dims[d]} AS ${d}`).join(", ")}
          FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
          LEFT JOIN organisations ao ON ao.id = ${agencyAtEnd}
          LEFT JOIN users sw ON sw.id = sc.social_worker_id LEFT JOIN organisations so ON so.id = sw.organisation_id
         WHERE sc.convention_id = ${c} AND ${where})
      SELECT ${list.join(", ")}, GROUPING(${list.join(", ")}) AS g, ${agg} FROM b GROUP BY GROUPING SETS ((), ${list.map((d) => `(${d})`).join(", ")})
      UNION ALL
      SELECT bn, NULL, NULL, NULL, NULL, NULL${", NULL".repeat((opts.extra ?? []).length)}, -1, ${agg}
        FROM b CROSS JOIN LATERAL unnest(CASE WHEN cardinality(array_remove(b.benefits, 'AUCUNE')) = 0 THEN ARRAY['AUCUNE'] ELSE array_remove(b.benefits, 'AUCUNE') END) bn
       GROUP BY bn`;
  };
  const entered = `sc.entered_on BETWEEN ${f} AND ${t}`;
  const during = `sc.entered_on <= ${t} AND coalesce(sc.exited_on, 'infinity'::date) >= ${f}`;
  const atEnd = `sc.entered_on <= ${t} AND coalesce(sc.exited_on, 'infinity'::date) > ${t}`;
  const held = (a: string) => `${a}.cancelled_on IS NULL AND ${a}.status IN ('attended', 'missed')`;
  // The cases with an appointment in the quarter, then whether one of their firsts (held or missed, per side) is there.
  const withAppointment = `sc.id IN (SELECT x.case_id FROM support_appointments x WHERE ${held("x")} AND x.scheduled_on BETWEEN ${f} AND ${t})`;
  const firstIn = (missed: boolean) => `EXISTS (SELECT 1 FROM (SELECT DISTINCT ON (a.kind) a.scheduled_on, a.status FROM support_appointments a
      WHERE a.case_id = sc.id AND ${held("a")} ORDER BY a.kind, a.scheduled_on, a.created_at) fa
      WHERE fa.scheduled_on BETWEEN ${f} AND ${t}${missed ? " AND fa.status = 'missed'" : ""})`;
  return {
    entrees: q(entered),
    origine_orientations: q(`sc.oriented_on BETWEEN ${f} AND ${t}`),
    accompagnements_en_cours: q(atEnd),
    typologie: q(during),
    personnes_concernees: q(during),
    sorties: q(`sc.exited_on BETWEEN ${f} AND ${t}`, { extra: ["exit_type"] }),
    freins_a_l_entree: q(`${entered} AND EXISTS (SELECT 1 FROM support_case_barriers b WHERE b.case_id = sc.id AND b.observed_on <= sc.entered_on)`),
    orientations_demarrees_dans_le_delai: q(
      `sc.oriented_on BETWEEN ${f} AND ${t} AND sc.status <> 'refused' AND (sc.entered_on IS NOT NULL OR sc.oriented_on + 21 < ${today})`,
      { hit: "sc.entered_on IS NOT NULL AND sc.entered_on <= sc.oriented_on + 21" },
    ),
    premiers_rendez_vous_dans_le_delai: q(
      `${entered} AND ((sc.first_social_appointment_on IS NOT NULL AND sc.first_professional_appointment_on IS NOT NULL) OR (sc.entered_on + interval '1 month')::date < ${today})`,
      { hit: "sc.first_social_appointment_on IS NOT NULL AND sc.first_professional_appointment_on IS NOT NULL AND GREATEST(sc.first_social_appointment_on, sc.first_professional_appointment_on) <= (sc.entered_on + interval '1 month')::date" },
    ),
    absences_premier_rendez_vous: q(`${during} AND ${withAppointment} AND ${firstIn(false)}`, { hit: firstIn(true) }),
    delai_orientation_entree: q(entered, { days: "sc.entered_on - sc.oriented_on" }),
    delai_entree_premier_rendez_vous: q(`${entered} AND LEAST(sc.first_social_appointment_on, sc.first_professional_appointment_on) IS NOT NULL`, {
      days: "LEAST(sc.first_social_appointment_on, sc.first_professional_appointment_on) - sc.entered_on",
    }),
    duree_maximale_atteinte: q(`sc.exited_on BETWEEN ${f} AND ${t}`, { hit: "sc.max_ends_on IS NOT NULL AND sc.exited_on >= sc.max_ends_on", extra: ["exit_type"] }),
    leviers_mobilises: q(`${during} AND sc.id IN (SELECT e.case_id FROM support_case_events e WHERE e.kind = 'resource_mobilised' AND e.occurred_on BETWEEN ${f} AND ${t})`),
    accompagnement_social_exclusif: q(
      `sc.entered_on <= ${t} AND sc.id IN (SELECT e.case_id FROM support_case_events e WHERE e.kind = 'social_only_started' AND e.occurred_on BETWEEN ${f} AND ${t})`,
      { extra: ["outcome", "exit_type"] },
    ),
    accompagnements_par_conseiller: q(`${atEnd} AND sc.advisor_id IS NOT NULL`, { per: "sc.advisor_id" }),
  };
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
/** How the plan reaches support_cases: the scans on it, e.g. « Index Scan support_cases_indicator_entered_idx ». */
const casesAccess = (plan: PlanNode) =>
  nodes(plan)
    .filter((n) => n["Relation Name"] === "support_cases" || (n["Index Name"] ?? "").startsWith("support_cases"))
    .map((n) => `${n["Node Type"]}${n["Index Name"] ? ` ${n["Index Name"]}` : ""}`);

async function explain(db: Db, text: string, values: unknown[] = []) {
  const [json] = await db.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, values);
  const rows = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  return { plan: json["QUERY PLAN"][0].Plan, execution: json["QUERY PLAN"][0]["Execution Time"], text: rows.map((r) => r["QUERY PLAN"]).join("\n") };
}

export async function benchIndicators() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("BENCH_ONLY=indicators mesure sur PostgreSQL : définissez DATABASE_URL.");
  const dbName = process.env.BENCH_INDICATORS_DB ?? "tandem_bench_indicators";
  const { db, seeded: marked } = await openBenchDb(url, dbName);
  console.log(`Indicateurs au banc (${dbName}) : ${CASES} accompagnements, ${EVENTS} évènements`);
  await migrate(db);
  const seedStart = performance.now();
  if (!marked) {
    await timed("démonstration", () => loadDemo(db));
    await seed(db);
    await timed("ANALYZE", () => db.exec("ANALYZE"));
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const [counts] = await db.query<{ cases: number; events: number; people: number }>(
    "SELECT (SELECT count(*) FROM support_cases)::int AS cases, (SELECT count(*) FROM support_case_events)::int AS events, (SELECT count(*) FROM job_seekers)::int AS people",
  );
  const [{ id: conventionId }] = await db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  const [{ n: departementCases }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM support_cases WHERE convention_id = $1", [conventionId]);
  const quarter = parsePeriod(QUARTER);
  if (!quarter) throw new Error(`BENCH_QUARTER=${QUARTER}`);
  // The support-case indicators: those counted over another context's rows (PEC contracts, `base`)
  // have no such rows in this bench's data and are not listed by the Bas-Rhin convention.
  const definitions = CURRENT_DEFINITIONS.filter(
    (d): d is ComputableDefinition & { rule: NonNullable<ComputableDefinition["rule"]> } => d.available && d.rule !== null && !d.rule.base,
  );
  const scope = { conventionId, periods: [quarter], agencyId: null, orientDelay: "21 days", firstDelay: "1 months", today: TODAY };
  const reference = referenceSql(conventionId, quarter.from, quarter.to);
  for (const d of definitions) if (!reference[d.key]) throw new Error(`Pas de requête de référence pour ${d.key}`);

  // The figures must agree before they are timed.
  const app = await computeFigures(db, scope, definitions);
  for (const d of definitions) {
    const fig = app.get(d.key)?.[0];
    if (!fig || "unavailable" in fig) throw new Error(`${d.key} indisponible`);
    const rows = await db.query<{ n: number; k: number; median: number | null; [k: string]: unknown }>(reference[d.key]);
    const total = rows.length === 1 ? rows[0] : rows.reduce((a, b) => (Number(b.g) > Number(a.g) ? b : a));
    const same = Number(total.n) === fig.total.n && Number(total.k) === fig.total.k && (total.median ?? null) === fig.total.median;
    if (!same) throw new Error(`${d.key} : l’application donne ${JSON.stringify(fig.total)}, la référence ${JSON.stringify(total)}`);
  }

  // Interleaved: app, reference, app, reference… each the whole quarter, every indicator.
  const appRuns: number[] = [];
  const refRuns: number[] = [];
  const perIndicator = new Map<string, { app: number[]; ref: number[] }>(definitions.map((d) => [d.key, { app: [], ref: [] }]));
  for (let run = 0; run < RUNS; run++) {
    let appTotal = 0;
    let refTotal = 0;
    for (const d of definitions) {
      const a0 = performance.now();
      await computeFigures(db, scope, [d]);
      const a = performance.now() - a0;
      const r0 = performance.now();
      await db.query(reference[d.key]);
      const r = performance.now() - r0;
      perIndicator.get(d.key)?.app.push(a);
      perIndicator.get(d.key)?.ref.push(r);
      appTotal += a;
      refTotal += r;
    }
    appRuns.push(appTotal);
    refRuns.push(refTotal);
  }
  const appMedian = median(appRuns);
  const refMedian = median(refRuns);
  const ratio = appMedian / refMedian;

  // Plans: both, each indicator; the app's must reach the convention's cases through an index.
  const plans: { key: string; appAccess: string[]; refAccess: string[]; appText: string; refText: string; appMs: number; refMs: number }[] = [];
  const params = { ...scope, periods: [{ from: quarter.from, to: quarter.to }] };
  const badPlans: string[] = [];
  for (const d of definitions) {
    const { text, values } = compile(figuresSql(d.rule, d.breakdowns), params);
    const a = await explain(db, text, values);
    const r = await explain(db, reference[d.key]);
    const appAccess = casesAccess(a.plan);
    if (appAccess.length === 0 || appAccess.some((x) => x.startsWith("Seq Scan"))) badPlans.push(`${d.key} : ${appAccess.join(", ") || "aucun accès"}`);
    plans.push({ key: d.key, appAccess, refAccess: casesAccess(r.plan), appText: a.text, refText: r.text, appMs: a.execution, refMs: r.execution });
  }

  // The dashboard route, through HTTP, as the steering user of the Bas-Rhin.
  const config = { ...loadConfig({ NODE_ENV: "test" }), loginMaxFailures: 50 };
  const server = await buildApp({ db, config, mailer: createMailer(db, { from: config.mailFrom }) }, { logger: false });
  await server.ready();
  const cookies = new Map<string, string>();
  const inject = async (method: "GET" | "POST", target: string, payload?: object) => {
    const csrf = cookies.get("tandem_csrf");
    const res = await server.inject({ method, url: target, payload, headers: { ...(csrf ? { "x-csrf-token": csrf } : {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.cookies as { name: string; value: string }[]) cookies.set(c.name, c.value);
    return res;
  };
  await inject("GET", "/api/session");
  const login = await inject("POST", "/api/auth/login", { email: `pilotage.basrhin@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD });
  if (login.statusCode !== 200) throw new Error(login.body);
  const routeRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const res = await inject("GET", `/api/conventions/${conventionId}/indicators?period=${QUARTER}`);
    routeRuns.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  await server.close();
  const routeMedian = median(routeRuns);

  const [{ version }] = await db.query<{ version: string }>("SELECT version()");
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace(/^(\d{8})T/, (_, d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T`);
  const lines = [
    `# Indicateurs à l’échelle nationale — ${stamp} (PostgreSQL)`,
    "",
    "Issue 11 « Scale » : `BENCH_ONLY=indicators DATABASE_URL=… npm run bench` (bench/indicatorBench.ts).",
    "",
    "## Machine et données",
    `- ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 1024 ** 3)} Gio, ${os.platform()} ${os.release()}, Node ${process.version}`,
    `- Charge de la machine pendant la mesure (load average 1/5/15 min) : ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} — machine partagée : les temps absolus en dépendent, le rapport application / référence (alternées) beaucoup moins`,
    `- ${version}`,
    `- Base \`${dbName}\` (migrations de l’application, démonstration, puis population en lots \`INSERT … SELECT generate_series\`)${marked ? " — population reprise d’une exécution précédente" : ` — écrite en ${seedSeconds.toFixed(0)} s`}`,
    `- ${counts.cases.toLocaleString("fr-FR")} accompagnements, ${counts.events.toLocaleString("fr-FR")} évènements, ${counts.people.toLocaleString("fr-FR")} personnes, ${DEPARTEMENTS} départements ; Bas-Rhin : ${departementCases.toLocaleString("fr-FR")} accompagnements`,
    `- Trimestre mesuré : ${quarter.label} (${quarter.from} → ${quarter.to}), ${definitions.length} indicateurs avec toutes leurs ventilations ; médiane de ${RUNS} exécutions alternées`,
    "",
    "## Résultat",
    "",
    "| Mesure | Médiane | Cible | |",
    "|---|---:|---:|---|",
    `| Application (\`computeFigures\`), tous les indicateurs du trimestre | ${ms(appMedian)} | | |`,
    `| Référence écrite à la main, mêmes chiffres | ${ms(refMedian)} | | |`,
    `| **Rapport application / référence** | **${ratio.toFixed(2)} ×** | ≤ 1,5 × | ${ratio <= 1.5 ? "tenu" : "NON TENU"} |`,
    `| Route du tableau de bord (4 trimestres, HTTP) | ${ms(routeMedian)} | < 1 000 ms | ${routeMedian < 1000 ? "tenu" : "NON TENU"} |`,
    "",
    "Les totaux de chaque indicateur sont identiques entre l’application et la référence (vérifié avant la mesure).",
    "",
    "## Par indicateur (médianes)",
    "",
    "| Indicateur | Application | Référence | Rapport | Accès aux accompagnements (application) | (référence) |",
    "|---|---:|---:|---:|---|---|",
    ...definitions.map((d) => {
      const p = perIndicator.get(d.key) ?? { app: [0], ref: [1] };
      const plan = plans.find((x) => x.key === d.key);
      return `| ${d.key} | ${ms(median(p.app))} | ${ms(median(p.ref))} | ${(median(p.app) / median(p.ref)).toFixed(2)} | ${plan?.appAccess.join(", ")} | ${plan?.refAccess.join(", ")} |`;
    }),
    "",
    `Forme des plans : ${badPlans.length === 0 ? "chaque instruction de l’application atteint les accompagnements de la convention par un index (aucun parcours séquentiel de support_cases)." : `NON CONFORME — ${badPlans.join(" ; ")}`}`,
    "",
    "## EXPLAIN (ANALYZE, BUFFERS)",
    "",
    ...plans.flatMap((p) => [`### ${p.key}`, "", "Application :", "", "```", p.appText, "```", "", "Référence :", "", "```", p.refText, "```", ""]),
  ];
  const file = path.join(here, "results", `indicators-${stamp}-postgresql.md`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  console.log(`  application ${ms(appMedian)}, référence ${ms(refMedian)}, rapport ${ratio.toFixed(2)} ; route ${ms(routeMedian)} → ${path.relative(process.cwd(), file)}`);
  for (const d of definitions) {
    const p = perIndicator.get(d.key);
    if (p) console.log(`    ${d.key.padEnd(40)} ${ms(median(p.app)).padStart(10)} ${ms(median(p.ref)).padStart(10)}`);
  }
  await db.close();
  if (badPlans.length > 0) throw new Error(`Plans sans index : ${badPlans.join(" ; ")}`);
}
