/**
 * `npx tsx bench/auditChain.ts`: what the audit hash chain (migrations/010) costs, on the
 * DATABASE_URL server (required: appends only contend there). On a throw-away database:
 * 1. appends — C concurrent clients, each committing transactions that update a row and audit
 *    it, into the chained `audit_events` and into an unchained copy of its old shape (reference
 *    measured in the same run); transactions/s and latency p50/p95;
 * 2. a bulk fill of N events (BENCH_AUDIT_EVENTS, 200 000 by default), chained and unchained;
 * 3. `verifyAuditChain` over the N events: time and heap growth (it reads in batches).
 * Figures are written in docs/adr/0011.
 */
import pg from "pg";
import { openServer } from "../src/server/platform/db.js";
import { migrate } from "../src/server/platform/migrate.js";
import { verifyAuditChain } from "../src/server/privacy/auditChain.js";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL requis : la contention des ajouts ne se mesure que sur un serveur PostgreSQL.");
const events = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const name = `tandem_bench_chain_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;
const db = openServer(dbUrl.toString());

try {
  await migrate(db);
  await db.exec(`CREATE TABLE audit_unchained (LIKE audit_events INCLUDING DEFAULTS);
    ALTER TABLE audit_unchained DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash;
    CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL);
    INSERT INTO counters SELECT i, 0 FROM generate_series(1, 1000) AS i;`);

  const insert = (table: string) =>
    `INSERT INTO ${table} (actor_user_id, actor_email, actor_organisation_id, action, subject_type, subject_id, details, request_id, ip)
     VALUES (gen_random_uuid(), 'agent@x.fr', gen_random_uuid(), 'support.updated', 'support_case', $1, '{"field":"status","to":"active"}', 'r', '10.0.0.1')`;

  async function appends(table: string, clients: number) {
    const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: clients });
    const latencies: number[] = [];
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const client = await pool.connect();
        try {
          for (let i = 0; Date.now() < until; i++) {
            const start = performance.now();
            await client.query("BEGIN");
            // Each transaction changes its own row (no contention but the chain's), then audits.
            await client.query("UPDATE counters SET n = n + 1 WHERE id = $1", [1 + ((c * 97 + i) % 1000)]);
            await client.query(insert(table), [String(i)]);
            await client.query("COMMIT");
            latencies.push(performance.now() - start);
          }
        } finally {
          client.release();
        }
      }),
    );
    await pool.end();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
    return `${String(Math.round(latencies.length / seconds)).padStart(6)} tx/s  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`;
  }

  console.log(`Ajouts (${seconds} s par mesure) :`);
  for (const clients of [1, 8, 32]) {
    console.log(`  ${String(clients).padStart(2)} clients  sans chaîne : ${await appends("audit_unchained", clients)}`);
    console.log(`  ${String(clients).padStart(2)} clients  chaîné      : ${await appends("audit_events", clients)}`);
  }

  const fill = async (table: string) => {
    const start = performance.now();
    for (let from = 1; from <= events; from += 50_000) {
      await db.query(
        `INSERT INTO ${table} (actor_user_id, actor_email, actor_organisation_id, action, subject_type, subject_id, details, request_id, ip)
         SELECT gen_random_uuid(), 'agent' || (i % 5000) || '@x.fr', gen_random_uuid(), 'support.read', 'job_seeker', 'B' || i,
                jsonb_build_object('i', i, 'note', 'évènement de mesure'), 'r' || i, '10.0.0.1'
           FROM generate_series($1::int, $2::int) AS i`,
        [from, Math.min(events, from + 49_999)],
      );
    }
    return ((performance.now() - start) / 1000).toFixed(1);
  };
  console.log(`\nRemplissage de ${events.toLocaleString("fr-FR")} évènements : sans chaîne ${await fill("audit_unchained")} s, chaîné ${await fill("audit_events")} s`);

  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events");
  // Twice: the first read of freshly written pages also sets their hint bits (writes).
  for (const label of ["première", "seconde"]) {
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 20);
    const start = performance.now();
    const report = await verifyAuditChain(db);
    clearInterval(sampler);
    const took = (performance.now() - start) / 1000;
    console.log(
      `Vérification (${label} lecture) de ${Number(n).toLocaleString("fr-FR")} évènements : ${took.toFixed(1)} s (${Math.round(Number(n) / took).toLocaleString("fr-FR")} évènements/s), ` +
        `intacte : ${report.intact}, tas +${Math.round((heapPeak - heapBefore) / 1e6)} Mo au plus`,
    );
  }
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
