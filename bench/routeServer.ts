/**
 * The application under measure, in its own process (started by bench/routeBench.ts): the load
 * generator must not share its event loop or its CPU accounting. It seeds a throw-away database
 * (bench/seed.ts), starts the real app (buildApp, as main.ts does) on a loopback port, then
 * answers the parent's messages:
 * - `rss`: its resident memory now;
 * - `profile`: calls each route once through a second app on a statement-counting Db
 *   (app.inject, same session cookies), and runs EXPLAIN (ANALYZE, BUFFERS) on each distinct
 *   statement, inside a transaction rolled back (a route's writes — audit rows — are not kept);
 * - `stop`: closes the app and drops the database.
 */
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/platform/config.js";
import type { Db } from "../src/server/platform/db.js";
import { createMailer } from "../src/server/platform/mail.js";
import { migrate } from "../src/server/platform/migrate.js";
import { countStatements, type RecordedStatement } from "../src/server/testing/statementCounter.js";
import { openBenchDatabase } from "./database.js";
import { type SeedResult, seedBenchDatabase } from "./seed.js";

export type ServerReady = {
  type: "ready";
  port: number;
  kind: Db["kind"];
  postgres: string;
  seed: SeedResult;
  rssAfterStart: number;
  /** Rows per table (estimated by PostgreSQL), to flag sequential scans of large tables. */
  tableRows: Record<string, number>;
};
export type ProfileRequest = { name: string; url: string; cookie: string };
export type StatementPlan = { sql: string; params: unknown[]; calls: number; plan: string[]; seqScans: string[]; error?: string };
export type RouteProfile = { name: string; status: number; bytes: number; statements: number; transactions: number; plans: StatementPlan[] };
export type ToServer = { type: "rss" } | { type: "profile"; requests: ProfileRequest[] } | { type: "stop" };
export type FromServer = ServerReady | { type: "rss"; rss: number } | { type: "profile"; routes: RouteProfile[] } | { type: "stopped" } | { type: "error"; message: string };

const send = (m: FromServer) => process.send?.(m);
/** A table above this many rows read by a Seq Scan is flagged. */
const LARGE_TABLE_ROWS = 10_000;

const jobSeekers = Number(process.env.BENCH_JOB_SEEKERS ?? (process.env.DATABASE_URL ? 1_000_000 : 50_000));
const auditEvents = Number(process.env.BENCH_AUDIT_EVENTS ?? jobSeekers);
const reviews = Number(process.env.BENCH_REVIEWS ?? 5);

async function main() {
  const { db, cleanup } = await openBenchDatabase("_routes");
  // The parent stops us with SIGTERM when it fails: the throw-away database goes too.
  process.once("SIGTERM", () => void cleanup().finally(() => process.exit(1)));
  try {
    await migrate(db);
    console.log(`Base ${db.kind} : remplissage (${jobSeekers.toLocaleString("fr-FR")} demandeurs d'emploi)…`);
    const seed = await seedBenchDatabase(db, { jobSeekers, auditEvents, reviews });
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn", LOGIN_RATE_PER_IP: "100000", LOGIN_CHECKS_PER_ACCOUNT: "100000" });
    // BENCH_LOG=error shows the app's errors (pino JSON lines on stdout).
    const appOptions = { logger: process.env.BENCH_LOG ? { level: process.env.BENCH_LOG } : false, apiRequestsPerMinute: 1_000_000_000 };
    const app = await buildApp({ db, config, mailer: createMailer(db, { from: config.mailFrom }) }, appOptions);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const [{ version }] = await db.query<{ version: string }>("SELECT version()");
    const tableRows = Object.fromEntries(
      (await db.query<{ relname: string; n: number }>("SELECT relname, reltuples::bigint::int AS n FROM pg_class WHERE relkind IN ('r','p') AND relnamespace = 'public'::regnamespace")).map(
        (r) => [r.relname, Number(r.n)],
      ),
    );
    send({ type: "ready", port: (app.server.address() as AddressInfo).port, kind: db.kind, postgres: version, seed, rssAfterStart: process.memoryUsage().rss, tableRows });

    const counter = countStatements(db);
    let profiler: Awaited<ReturnType<typeof buildApp>> | null = null;
    process.on("message", async (m: ToServer) => {
      try {
        if (m.type === "rss") send({ type: "rss", rss: process.memoryUsage().rss });
        else if (m.type === "profile") {
          profiler ??= await buildApp({ db: counter.db, config, mailer: createMailer(counter.db, { from: config.mailFrom }) }, appOptions);
          const routes: RouteProfile[] = [];
          for (const r of m.requests) {
            const app = profiler;
            const send = () => app.inject({ method: "GET", url: r.url, headers: { cookie: r.cookie } });
            // Counted on a second call, as the statement budget test does: a session last used more than 30 s ago is touched once.
            await send();
            const { result, statements, transactions } = await counter.measure(send);
            routes.push({ name: r.name, status: result.statusCode, bytes: result.rawPayload.length, statements: statements.length, transactions, plans: await explainAll(db, statements, tableRows) });
          }
          send({ type: "profile", routes });
        } else if (m.type === "stop") {
          await profiler?.close();
          await app.close();
          await cleanup();
          send({ type: "stopped" });
          process.exit(0);
        }
      } catch (e) {
        send({ type: "error", message: (e as Error).stack ?? String(e) });
      }
    });
  } catch (e) {
    await cleanup().catch(() => {});
    throw e;
  }
}

class Rollback extends Error {}

/** EXPLAIN (ANALYZE, BUFFERS) of each distinct statement (text), with the parameters of its first call, rolled back. */
async function explainAll(db: Db, statements: RecordedStatement[], tableRows: Record<string, number>): Promise<StatementPlan[]> {
  const distinct = new Map<string, { s: RecordedStatement; calls: number }>();
  for (const s of statements) {
    const seen = distinct.get(s.sql);
    if (seen) seen.calls += 1;
    else distinct.set(s.sql, { s, calls: 1 });
  }
  const plans: StatementPlan[] = [];
  for (const { s, calls } of distinct.values()) {
    const sql = s.sql.trim();
    const entry: StatementPlan = { sql, params: s.params, calls, plan: [], seqScans: [] };
    if (s.via === "exec" || !/^(select|with|insert|update|delete)\b/i.test(sql)) {
      entry.plan = ["(pas de plan : instruction de contrôle)"];
      plans.push(entry);
      continue;
    }
    try {
      await db.transaction(async (tx) => {
        const rows = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, s.params);
        entry.plan = rows.map((r) => r["QUERY PLAN"]);
        throw new Rollback();
      });
    } catch (e) {
      if (!(e instanceof Rollback)) entry.error = (e as Error).message;
    }
    entry.seqScans = entry.plan
      .map((line) => /Seq Scan on (\w+)/.exec(line)?.[1])
      .filter((t): t is string => !!t && (tableRows[t] ?? 0) >= LARGE_TABLE_ROWS)
      .map((t) => `${t} (${tableRows[t].toLocaleString("fr-FR")} lignes)`);
    plans.push(entry);
  }
  return plans;
}

main().catch((e) => {
  send({ type: "error", message: (e as Error).stack ?? String(e) });
  process.exit(1);
});
