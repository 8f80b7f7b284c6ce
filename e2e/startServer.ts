/**
 * Starts Tandem for the e2e suite on a fresh database with the demo loaded: a new temporary
 * data folder (embedded), or a fresh `<db>_e2e` database on the DATABASE_URL server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

if (process.env.DATABASE_URL) {
  const url = new URL(process.env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || "tandem"}_e2e`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.TANDEM_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-e2e-"));
}
await import("../src/server/main.js");
