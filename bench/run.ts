/**
 * `npm run bench`: what Tandem's speed depends on, rerunnably.
 * 1. The queries behind Tandem's lists at national scale. Builds a throw-away database
 *    (embedded in a temp folder, or a fresh database on the DATABASE_URL server), fills it with
 *    synthetic rows (1 million job seekers and 1 million audit events by default;
 *    BENCH_JOB_SEEKERS / BENCH_AUDIT_EVENTS override), then times each case (median and p95
 *    over BENCH_RUNS runs) and prints its query plan's top node.
 * 2. First paint of the login, portfolio and case pages in Chromium (bench/firstPaint.ts), as a
 *    ratio to a bare page served by the same server; needs `npm run build` first.
 * BENCH_ONLY=sql or BENCH_ONLY=paint runs one part.
 * Speed is proven here, rerunnably — never by a timed assertion in a test.
 */
import type { Db } from "../src/server/platform/db.js";
import { migrate } from "../src/server/platform/migrate.js";
import { benchCases, type BenchContext } from "./cases.js";
import { openBenchDatabase } from "./database.js";
import { benchFirstPaint } from "./firstPaint.js";

const jobSeekers = Number(process.env.BENCH_JOB_SEEKERS ?? 1_000_000);
const auditEvents = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const only = process.env.BENCH_ONLY;
if (only !== "paint") await benchQueries();
if (only !== "sql") await benchFirstPaint();

async function benchQueries() {
  const { db, cleanup } = await openBenchDatabase();
  try {
    await migrate(db);
    console.log(`Base : ${db.kind}. Remplissage : ${jobSeekers.toLocaleString("fr-FR")} demandeurs d'emploi, ${auditEvents.toLocaleString("fr-FR")} évènements d'audit…`);
    const fillStart = Date.now();
    const ctx: BenchContext = await fill(db);
    for (const c of benchCases) if (c.prepare) await c.prepare(db, ctx);
    await db.exec("ANALYZE");
    console.log(`Rempli en ${((Date.now() - fillStart) / 1000).toFixed(1)} s.\n`);

    console.log("| cas | médiane (ms) | p95 (ms) | plan |");
    console.log("|---|---|---|---|");
    for (const c of benchCases) {
      const { sql, params } = c.query(ctx);
      await db.query(sql, params); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await time(() => db.query(sql, params)));
      samples.sort((a, b) => a - b);
      const plan = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
      const scans = plan.map((p) => p["QUERY PLAN"]).filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, "").replace(/^->\s*/, ""));
      console.log(`| ${c.name} | ${samples[Math.floor(runs / 2)].toFixed(2)} | ${samples[Math.floor(runs * 0.95)].toFixed(2)} | ${scans.slice(0, 2).join(" ; ")} |`);
    }
  } finally {
    await cleanup();
}
}

async function fill(db: Db): Promise<BenchContext> {
  const [{ id: orgId }] = await db.query<{ id: string }>("INSERT INTO organisations (code, name, kind) VALUES ('bench', 'Bench', 'ft_agency') RETURNING id");
  const [{ id: userId }] = await db.query<{ id: string }>(
    "INSERT INTO users (organisation_id, email, first_name, last_name, roles) VALUES ($1, 'bench@x.fr', 'B', 'B', '{advisor}') RETURNING id",
    [orgId],
  );
  // Rows in batches of 100 000 so PGlite's memory stays flat.
  for (let from = 1; from <= jobSeekers; from += 100_000) {
    const to = Math.min(jobSeekers, from + 99_999);
    await db.query(
      `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, synthetic)
       SELECT 'B' || lpad(i::text, 8, '0'), 'Prénom' || (i % 500), 'Nom' || (i % 20000),
              date '1960-01-01' + (i % 15000), lpad(((i % 900) + 1000)::text, 5, '0'),
              i % 5 = 0, CASE WHEN i % 5 < 3 THEN ARRAY['RSA'] ELSE ARRAY['ARE'] END, date '2024-01-01' + (i % 700), true
         FROM generate_series($1::int, $2::int) AS i`,
      [from, to],
    );
  }
  for (let from = 1; from <= auditEvents; from += 100_000) {
    const to = Math.min(auditEvents, from + 99_999);
    await db.query(
      `INSERT INTO audit_events (occurred_at, actor_user_id, actor_email, actor_organisation_id, action, subject_type, subject_id, request_id, ip)
       SELECT now() - make_interval(secs => i * 30), CASE WHEN i % 1000 = 0 THEN $3::uuid ELSE gen_random_uuid() END,
              'agent' || (i % 5000) || '@x.fr', CASE WHEN i % 100 = 0 THEN $4::uuid ELSE gen_random_uuid() END,
              (ARRAY['auth.login','support.read','support.updated','organisation.users.read'])[1 + i % 4],
              'job_seeker', 'B' || lpad((i % 1000000)::text, 8, '0'), 'r' || i, '10.0.0.1'
         FROM generate_series($1::int, $2::int) AS i`,
      [from, to, userId, orgId],
    );
  }
  return { organisationId: orgId, userId };
}
