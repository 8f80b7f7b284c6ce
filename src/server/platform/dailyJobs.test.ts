import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/testDatabase.js";
import { loadConfig } from "./config.js";
import type { Db } from "./db.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { type DailyJob, runDueDailyJobs } from "./dailyJobs.js";
import { createMailer } from "./mail.js";

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe("daily jobs", () => {
  it("run once a day, in Paris time, whatever the number of calls", async () => {
    const days: string[] = [];
    const job: DailyJob = { name: "test", run: async (_deps, today) => void days.push(today) };
    const deps = { db, config: loadConfig({}), mailer: createMailer(db, { from: "x@y.fr" }) };
    // 23:30 UTC on 31 Dec is already 1 January in Paris.
    expect(await runDueDailyJobs(deps, [job], new Date("2026-12-31T23:30:00Z"))).toEqual(["test"]);
    expect(await runDueDailyJobs(deps, [job], new Date("2027-01-01T10:00:00Z"))).toEqual([]);
    expect(await runDueDailyJobs(deps, [job], new Date("2027-01-02T06:00:00Z"))).toEqual(["test"]);
    expect(days).toEqual(["2027-01-01", "2027-01-02"]);
  });

  it("knows the Paris calendar day", () => {
    expect(parisToday(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(parisToday(new Date("2026-01-15T12:00:00Z"))).toBe("2026-01-15");
  });
});
