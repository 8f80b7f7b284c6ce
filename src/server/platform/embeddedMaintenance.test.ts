import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKGROUND_JOB_LABELS } from "../../shared/contracts/backgroundJobs.js";
import { backgroundJobs, dailyJobs } from "../jobs.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import type { Db } from "./db.js";
import { maintainEmbeddedDatabase } from "./embeddedMaintenance.js";

let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe("the embedded database's daily maintenance", () => {
  it("is a daily job, named in French on the background jobs page like every other job", () => {
    expect(dailyJobs.map((j) => j.name)).toContain("embedded-database-maintenance");
    expect(backgroundJobs.map((j) => j.name).filter((name) => !BACKGROUND_JOB_LABELS[name])).toEqual([]);
  });

  it("reclaims deleted rows and refreshes the statistics on PGlite (no autovacuum there); leaves a server to its autovacuum", async () => {
    await db.exec("CREATE TABLE maintenance_probe (id int PRIMARY KEY, label text)");
    await db.query("INSERT INTO maintenance_probe SELECT g, 'ligne ' || g FROM generate_series(1, 20000) g");
    await db.query("DELETE FROM maintenance_probe WHERE id % 2 = 0");
    const result = await maintainEmbeddedDatabase(db);
    const [stats] = await db.query<{ reltuples: number; relpages: number; relallvisible: number }>(
      "SELECT reltuples::int AS reltuples, relpages, relallvisible FROM pg_class WHERE relname = 'maintenance_probe'",
    );
    if (db.kind === "embedded") {
      expect(result).toEqual({ vacuumed: true });
      // 10 000 live rows counted, every page marked all-visible: a count can read the index alone.
      expect(stats.reltuples).toBe(10000);
      expect(stats.relallvisible).toBe(stats.relpages);
    } else {
      expect(result).toEqual({ vacuumed: false });
    }
    await db.exec("DROP TABLE maintenance_probe");
  });
});
