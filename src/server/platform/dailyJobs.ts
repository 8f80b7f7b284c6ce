import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "./db.js";
import type { Deps } from "./http/types.js";
import { type BackgroundJob, enqueueJob, runQueuedJobs } from "./jobQueue.js";

/**
 * Work that must happen once a day (alert e-mails, daily digests, retention purges), on the job
 * queue (ADR 0029). Each capability lists its job in src/server/jobs.ts. Every 10 minutes (and at
 * start-up) the server enqueues the jobs not yet enqueued today (Europe/Paris): the day is claimed
 * in `app_state` under a row lock, in the transaction that enqueues the job, so a job is enqueued
 * once a day whatever the number of instances or restarts; pg-boss then runs it once, and retries
 * it the same day if it fails (4 times, after 5–10, 10–20, 20–40, 40–80 minutes).
 */
export type DailyJob = { name: string; run: (deps: Deps, today: string) => Promise<unknown> };

/** The queue of a daily job: « daily-<name> », its data the Paris day it runs for. */
export const dailyQueueName = (job: DailyJob) => `daily-${job.name}`;

export function dailyBackgroundJobs(jobs: DailyJob[]): BackgroundJob<{ day: string }>[] {
  return jobs.map((job) => ({ name: dailyQueueName(job), run: (deps, data) => job.run(deps, data.day), retryLimit: 4, retryDelaySeconds: 300 }));
}

async function claimAndEnqueue(db: Db, job: DailyJob, today: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query("INSERT INTO app_state (key, value) VALUES ($1, 'null') ON CONFLICT (key) DO NOTHING", [`daily:${job.name}`]);
    const [row] = await tx.query<{ value: string | null }>("SELECT value #>> '{}' AS value FROM app_state WHERE key = $1 FOR UPDATE", [`daily:${job.name}`]);
    if (row.value && row.value >= today) return false;
    await tx.query("UPDATE app_state SET value = to_jsonb($2::text), updated_at = now() WHERE key = $1", [`daily:${job.name}`, today]);
    await enqueueJob(tx, dailyQueueName(job), { day: today });
    return true;
  });
}

/** Enqueues every daily job not yet enqueued today; returns their names. */
export async function enqueueDueDailyJobs(db: Db, jobs: DailyJob[], now: Date = new Date()): Promise<string[]> {
  const today = parisToday(now);
  const enqueued: string[] = [];
  for (const job of jobs) if (await claimAndEnqueue(db, job, today)) enqueued.push(job.name);
  return enqueued;
}

/**
 * Enqueues the daily jobs due today and runs them here and now, through the queue (tests, and an
 * instance that wants them done before going on); returns the names of those enqueued.
 */
export async function runDueDailyJobs(deps: Deps, jobs: DailyJob[], now: Date = new Date()): Promise<string[]> {
  const enqueued = await enqueueDueDailyJobs(deps.db, jobs, now);
  const due = new Set(enqueued);
  await runQueuedJobs(
    deps,
    dailyBackgroundJobs(jobs.filter((j) => due.has(j.name))),
  );
  return enqueued;
}
