import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "./db.js";
import type { Deps } from "./http/types.js";

/**
 * Work that must happen once a day (alert e-mails, daily digests, retention purges).
 * Each capability lists its job in src/server/jobs.ts; the server runs the jobs that have not yet run
 * today (Europe/Paris) at start-up and every few minutes after. A job runs at most once a
 * day, whatever the number of instances or restarts: its last run day is claimed in
 * `app_state` in the same transaction as a row lock.
 */
export type DailyJob = { name: string; run: (deps: Deps, today: string) => Promise<unknown> };

async function claim(db: Db, name: string, today: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query("INSERT INTO app_state (key, value) VALUES ($1, 'null') ON CONFLICT (key) DO NOTHING", [`daily:${name}`]);
    const [row] = await tx.query<{ value: string | null }>("SELECT value #>> '{}' AS value FROM app_state WHERE key = $1 FOR UPDATE", [`daily:${name}`]);
    if (row.value && row.value >= today) return false;
    await tx.query("UPDATE app_state SET value = to_jsonb($2::text), updated_at = now() WHERE key = $1", [`daily:${name}`, today]);
    return true;
  });
}

/** Runs every registered job not yet run today; returns the names of those it ran. */
export async function runDueDailyJobs(deps: Deps, jobs: DailyJob[], now: Date = new Date()): Promise<string[]> {
  const today = parisToday(now);
  const ran: string[] = [];
  for (const job of jobs) {
    if (!(await claim(deps.db, job.name, today))) continue;
    await job.run(deps, today);
    ran.push(job.name);
  }
  return ran;
}
