import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/testDatabase.js";
import { loadConfig } from "./config.js";
import { type Db, openServer } from "./db.js";
import { type BackgroundJob, enqueueJob, installJobQueue, type JobQueue, runQueuedJobs, startJobQueue } from "./jobQueue.js";
import { createMailer } from "./mail.js";

const depsOf = (d: Db) => ({ db: d, config: loadConfig({}), mailer: createMailer(d, { from: "x@y.fr" }) });

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("délai dépassé");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the job queue on this database", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.exec("CREATE TABLE job_runs (job text NOT NULL, ran_at timestamptz NOT NULL DEFAULT now())");
  });
  afterAll(() => db.close());

  const record: BackgroundJob<{ n: number }> = {
    name: "record",
    run: async (deps, data) => deps.db.query("INSERT INTO job_runs (job) VALUES ($1)", [`record-${data.n}`]),
  };

  it("a job enqueued in a transaction that rolls back is never run; one committed runs once", async () => {
    await installJobQueue(db, [record]);
    await expect(
      db.transaction(async (tx) => {
        await enqueueJob(tx, "record", { n: 1 });
        throw new Error("échec de la modification");
      }),
    ).rejects.toThrow("échec de la modification");
    await db.transaction((tx) => enqueueJob(tx, "record", { n: 2 }));
    expect(await runQueuedJobs(depsOf(db), [record])).toEqual({ completed: 1, failed: 0 });
    expect(await runQueuedJobs(depsOf(db), [record])).toEqual({ completed: 0, failed: 0 });
    expect(await db.query("SELECT job FROM job_runs")).toEqual([{ job: "record-2" }]);
  });
});

// Two instances of the application = two pools and two pg-boss instances on the same server database.
describe.skipIf(!process.env.DATABASE_URL)("two instances on one PostgreSQL server", () => {
  let db: Db;
  let other: Db;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    const [{ name }] = await db.query<{ name: string }>("SELECT current_database() AS name");
    const sameDatabase = new URL(process.env.DATABASE_URL as string);
    sameDatabase.pathname = `/${name}`;
    other = openServer(sameDatabase.toString());
    await db.exec("CREATE TABLE job_runs (job text NOT NULL, ran_at timestamptz NOT NULL DEFAULT now())");
  });
  afterAll(async () => {
    for (const q of queues) await q.stop();
    await other.close();
    await db.close();
  });

  it("run a scheduled job and each of 12 enqueued jobs exactly once", async () => {
    const record: BackgroundJob<{ n: number }> = {
      name: "record",
      run: async (deps, data) => deps.db.query("INSERT INTO job_runs (job) VALUES ($1)", [`record-${data.n}`]),
    };
    // Declared with a cron that does not come today, then set, both instances started, to this very
    // minute: pg-boss sends it once in the minute (instances look every second), not again for an hour.
    const tick = { name: "tick", cron: "0 0 1 1 *", run: (deps: { db: Db }) => deps.db.query("INSERT INTO job_runs (job) VALUES ('tick')") };
    const options = { jobs: [record], schedules: [tick], pollingIntervalSeconds: 0.5, cronWorkerIntervalSeconds: 1, cronMonitorIntervalSeconds: 1 };
    const [a, b] = await Promise.all([startJobQueue(depsOf(db), options), startJobQueue(depsOf(other), options)]);
    queues.push(a, b);
    if (new Date().getSeconds() > 55) await new Promise((r) => setTimeout(r, (61 - new Date().getSeconds()) * 1000));
    await a.boss.schedule("tick", `${new Date().getMinutes()} * * * *`, {}, { tz: "Europe/Paris" });
    await db.transaction(async (tx) => {
      for (let n = 1; n <= 12; n++) await enqueueJob(tx, "record", { n });
    });
    // Generous: the machine may be busy; it takes about 3 seconds.
    await until(async () => (await db.query("SELECT 1 FROM job_runs")).length >= 13, 45_000);
    // Time for a duplicate to show: two more polling rounds of both instances.
    await new Promise((r) => setTimeout(r, 1500));
    const runs = await db.query<{ job: string; times: string }>("SELECT job, count(*) AS times FROM job_runs GROUP BY job ORDER BY job");
    expect(runs).toHaveLength(13);
    expect(runs.every((r) => r.times === "1")).toBe(true);
    expect(runs.map((r) => r.job)).toContain("tick");
    const states = await db.query<{ state: string; n: string }>("SELECT state::text, count(*) AS n FROM pgboss.job WHERE name IN ('record', 'tick') GROUP BY state");
    expect(states).toEqual([{ state: "completed", n: "13" }]);
  }, 75_000);
});
