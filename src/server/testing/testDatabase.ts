import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Db, openEmbedded, openServer } from "../platform/db.js";
import { migrate } from "../platform/migrate.js";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database created on the DATABASE_URL server (dropped by `close`). Real PostgreSQL either way.
 */
export async function createTestDatabase(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openEmbedded(null);
    await migrate(db);
    return db;
  }
  const name = `tandem_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const db = openServer(testUrl.toString());
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
