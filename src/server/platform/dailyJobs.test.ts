import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { loadConfig } from "./config.js";
import { type DailyJob, dailyBackgroundJobs, enqueueDueDailyJobs, runDueDailyJobs } from "./dailyJobs.js";
import type { Db } from "./db.js";
import { installJobQueue, runQueuedJobs } from "./jobQueue.js";
import { createMailer } from "./mail.js";

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const depsOf = (d: Db) => ({ db: d, config: loadConfig({}), mailer: createMailer(d, { from: "x@y.fr" }) });

describe("daily jobs on the job queue", () => {
  it("run once a day, in Paris time, whatever the number of calls", async () => {
    const days: string[] = [];
    const job: DailyJob = {
      name: "test",
      run: async (_deps, today) => {
        days.push(today);
        return { sentTo: ["jeanne.martin@exemple.fr"] };
      },
    };
    await installJobQueue(db, dailyBackgroundJobs([job]));
    const deps = depsOf(db);
    // 23:30 UTC on 31 Dec is already 1 January in Paris.
    expect(await runDueDailyJobs(deps, [job], new Date("2026-12-31T23:30:00Z"))).toEqual(["test"]);
    expect(await runDueDailyJobs(deps, [job], new Date("2027-01-01T10:00:00Z"))).toEqual([]);
    expect(await runDueDailyJobs(deps, [job], new Date("2027-01-02T06:00:00Z"))).toEqual(["test"]);
    expect(days).toEqual(["2027-01-01", "2027-01-02"]);
    // Done, and what the job returned is not kept (it might name people).
    const rows = await db.query<{ state: string; day: string; output: unknown }>(
      "SELECT state::text, data->>'day' AS day, output FROM pgboss.job WHERE name = 'daily-test' ORDER BY data->>'day'",
    );
    expect(rows).toEqual([
      { state: "completed", day: "2027-01-01", output: null },
      { state: "completed", day: "2027-01-02", output: null },
    ]);
  });

  it("a failed daily job is kept for a retry the same day, with its message and without the error's detail", async () => {
    let attempts = 0;
    const job: DailyJob = {
      name: "flaky",
      run: async () => {
        attempts++;
        throw Object.assign(new Error("échec d’envoi à jeanne.martin@exemple.fr"), { detail: "Key (email)=(jeanne.martin@exemple.fr)" });
      },
    };
    await installJobQueue(db, dailyBackgroundJobs([job]));
    expect(await enqueueDueDailyJobs(db, [job], new Date("2027-03-01T06:00:00Z"))).toEqual(["flaky"]);
    expect(await runQueuedJobs(depsOf(db), dailyBackgroundJobs([job]))).toEqual({ completed: 0, failed: 1 });
    expect(attempts).toBe(1);
    const [row] = await db.query<{ state: string; retry_limit: number; start_after: Date; output: unknown }>(
      "SELECT state::text, retry_limit, start_after, output FROM pgboss.job WHERE name = 'daily-flaky'",
    );
    expect(row.state).toBe("retry");
    expect(row.retry_limit).toBe(4);
    // First retry 5 minutes later (backoff doubles it each time).
    expect(row.start_after.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(JSON.stringify(row.output)).toContain("échec d’envoi à …@…");
    expect(JSON.stringify(row.output)).not.toContain("jeanne");
  });

  it("knows the Paris calendar day", () => {
    expect(parisToday(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(parisToday(new Date("2026-01-15T12:00:00Z"))).toBe("2026-01-15");
  });
});
