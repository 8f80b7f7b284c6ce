import PgBoss from "pg-boss";
import type { Db } from "./db.js";
import type { Deps } from "./http/types.js";

/**
 * Background work on pg-boss (ADR 0029), in the application's own database: PGlite or the server,
 * through the same `Db` handle (its pool, its time limits, its role). Each capability declares its
 * jobs in src/server/jobs.ts (`backgroundJobs`); a job is enqueued with `enqueueJob(tx, name, data)`
 * inside the transaction of the change that asks for it (a rolled-back change enqueues nothing),
 * and runs on one instance only, with retries and backoff; a job that exhausted its retries stays
 * « en échec » (the dead letters), listed to the platform admin who may retry it.
 */
export type BackgroundJob<T = Record<string, unknown>> = {
  /** The queue's name: letters, digits, « - ». */
  name: string;
  // A method: a job of precise data (`{ day: string }`) is listed with the others.
  run(deps: Deps, data: T): Promise<unknown>;
  /** Attempts after the first failure (default 4), the first 1 to 2 × `retryDelaySeconds` later (default 300), doubling each time. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An attempt running longer than this is failed (and retried); default 1 hour. */
  expireInSeconds?: number;
  /** How often an idle worker of this queue looks for work (default: the queue's option, 5 s) — shorter for what a user waits for. */
  pollingIntervalSeconds?: number;
};

export const JOB_QUEUE_SCHEMA = "pgboss";

/**
 * pg-boss's `db` option over our `Db`. Its schema creation, migrations and maintenance are
 * multi-statement blocks `BEGIN; …; COMMIT;` without parameters: they run in one of our
 * transactions (on PGlite's single connection a failure must roll back, never leave it aborted);
 * every other command is one statement with parameters.
 */
export function pgBossDb(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return { rows: await db.query(text, values.map(jsonParam)) };
      const block = /^\s*BEGIN;([\s\S]*?);?\s*COMMIT;?\s*$/.exec(text);
      if (block) {
        await db.transaction((tx) => tx.exec(block[1]));
        return { rows: [] };
      }
      if (isMultiStatement(text)) {
        await db.exec(text);
        return { rows: [] };
      }
      return { rows: await db.query(text) };
    },
  };
}

/** Several statements (a « ; » outside string literals and $$ bodies, before the end): run by `exec`, no rows. */
const isMultiStatement = (text: string) =>
  text
    .replace(/\$\$[\s\S]*?\$\$/g, "")
    .replace(/'(?:[^']|'')*'/g, "")
    .trim()
    .replace(/;$/, "")
    .includes(";");

// PGlite does not turn a plain object into JSON by itself (pg does): job data and queue options are JSON.
const jsonParam = (v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v);

const bossOptions = (db: Db): PgBoss.ConstructorOptions => ({
  db: pgBossDb(db),
  schema: JOB_QUEUE_SCHEMA,
  // A dead job stays retryable two weeks; done jobs are archived after 12 hours, deleted after 7 days.
  archiveFailedAfterSeconds: 14 * 86_400,
  deleteAfterDays: 7,
});

const queueOptions = (job: BackgroundJob): PgBoss.Queue => ({
  name: job.name,
  policy: "standard",
  retryLimit: job.retryLimit ?? 4,
  retryDelay: job.retryDelaySeconds ?? 300,
  retryBackoff: true,
  expireInSeconds: job.expireInSeconds ?? 3600,
});

/**
 * Creates pg-boss's schema (or migrates it) and one queue per declared job. Run by who owns the
 * schema: the application at start, or DATABASE_OWNER_URL's role at migration, which then lets the
 * application's role use the queues.
 */
export async function installJobQueue(db: Db, jobs: BackgroundJob[]): Promise<void> {
  // Creates or migrates the schema, under pg-boss's own advisory lock.
  const boss = new PgBoss({ ...bossOptions(db), schedule: false, supervise: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  // Two instances starting together would deadlock creating the same queues' partitions: one at a time.
  await db.transaction(async (tx) => {
    if (tx.kind === "server") await tx.query("SELECT pg_advisory_xact_lock(727362)");
    const inTx = new PgBoss({ ...bossOptions(tx), schedule: false, supervise: false });
    for (const job of jobs) {
      await inTx.createQueue(job.name, queueOptions(job));
      await inTx.updateQueue(job.name, queueOptions(job));
    }
  });
  if (db.kind === "server") {
    const [role] = await db.query("SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app'");
    if (role) await db.exec(`GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO tandem_app; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_QUEUE_SCHEMA} TO tandem_app`);
  }
}

/** Adds a job to its queue, in the caller's transaction; returns its id (null: a job with the same `singletonKey` is waiting). */
export async function enqueueJob(tx: Db, name: string, data: Record<string, unknown>, options: { singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
  // A sender only: it writes through `tx` and never polls.
  const sender = new PgBoss({ ...bossOptions(tx), schedule: false, supervise: false });
  return sender.send(name, data, { ...options, db: pgBossDb(tx) });
}

/** Gives a dead job (its retries exhausted) one more attempt, in the caller's transaction. */
export async function retryDeadJob(tx: Db, name: string, id: string): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(tx), schedule: false, supervise: false });
  await boss.retry(name, id, { db: pgBossDb(tx) });
}

/**
 * A job's error, as kept by pg-boss and shown to the platform admin: its message only (a database
 * error's detail, which may quote a row's values, is left out), e-mail addresses masked.
 */
export function publicError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const clean = new Error(message.split("\n")[0].replace(/[^\s@<>()"']+@[^\s@<>()"']+/g, "…@…").slice(0, 500));
  clean.stack = undefined;
  return clean;
}

/** Runs a job; what it returns is not kept (pg-boss would store it, and it might name people). */
async function runOne(deps: Deps, job: BackgroundJob, data: Record<string, unknown>): Promise<void> {
  try {
    await job.run(deps, data);
  } catch (error) {
    throw publicError(error);
  }
}

export type JobQueue = { boss: PgBoss; stop(): Promise<void> };

/** A job pg-boss sends itself on a cron in Europe/Paris: once a tick, whatever the number of instances. */
export type ScheduledJob = { name: string; cron: string; run(deps: Deps): Promise<unknown> };
const scheduledAsJobs = (schedules: ScheduledJob[]): BackgroundJob[] => schedules.map((s) => ({ name: s.name, run: (d) => s.run(d), retryLimit: 2, retryDelaySeconds: 60 }));

/** Every queue of these jobs and schedules (for `installJobQueue`). */
export const queuesOf = (jobs: BackgroundJob[], schedules: ScheduledJob[] = []) => [...jobs, ...scheduledAsJobs(schedules)];

export type JobQueueOptions = {
  jobs: BackgroundJob[];
  schedules?: ScheduledJob[];
  /** How often an idle worker looks for work (default 5 s), and the schedules' sender (default 5 s). */
  pollingIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  /** How often schedules are looked at (default 30 s; one instance at a time). */
  cronMonitorIntervalSeconds?: number;
  onError?: (error: Error) => void;
};

/** Starts the workers of every declared job, and the schedules; `stop()` waits for the jobs running. */
export async function startJobQueue(deps: Deps, opts: JobQueueOptions): Promise<JobQueue> {
  const schedules = opts.schedules ?? [];
  const all = queuesOf(opts.jobs, schedules);
  await installJobQueue(deps.db, all);
  const boss = new PgBoss({ ...bossOptions(deps.db), cronWorkerIntervalSeconds: opts.cronWorkerIntervalSeconds ?? 5, cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds ?? 30 });
  boss.on("error", (error) => opts.onError?.(error));
  // Scheduled before the start: the first look at the schedules happens as it starts.
  for (const s of schedules) await boss.schedule(s.name, s.cron, {}, { tz: "Europe/Paris" });
  await boss.start();
  for (const job of all) {
    await boss.work<Record<string, unknown>>(job.name, { pollingIntervalSeconds: job.pollingIntervalSeconds ?? opts.pollingIntervalSeconds ?? 5 }, async ([item]) => runOne(deps, job, item.data ?? {}));
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

/**
 * Runs now, on this instance, the jobs waiting in the given queues, until they are empty (each
 * claimed by pg-boss's `fetch`, as a worker would): the CLI and tests, without polling. Returns the
 * number of jobs that ran, completed or failed.
 */
export async function runQueuedJobs(deps: Deps, jobs: BackgroundJob[]): Promise<{ completed: number; failed: number }> {
  const boss = new PgBoss({ ...bossOptions(deps.db), schedule: false, supervise: false });
  let completed = 0;
  let failed = 0;
  for (const job of jobs) {
    for (;;) {
      const [item] = (await boss.fetch<Record<string, unknown>>(job.name)) ?? [];
      if (!item) break;
      try {
        await runOne(deps, job, item.data ?? {});
        await boss.complete(job.name, item.id);
        completed++;
      } catch (error) {
        await boss.fail(job.name, item.id, error as object);
        failed++;
        // A failure to retry later is not retried now: its start is delayed by pg-boss.
      }
    }
  }
  return { completed, failed };
}
