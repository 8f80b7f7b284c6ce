import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Db, openEmbedded, openServer } from "../src/server/platform/db.js";

/**
 * A throw-away database for a bench: embedded in a temp folder, or a fresh database on the
 * DATABASE_URL server; `cleanup` removes it.
 */
export async function openBenchDatabase(suffix = ""): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
    const db = await openEmbedded(dir);
    return { db, cleanup: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `tandem_bench_${process.pid}${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = openServer(u.toString());
  return {
    db,
    cleanup: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
