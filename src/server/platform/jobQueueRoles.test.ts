import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backgroundJobs, backgroundSchedules } from "../jobs.js";
import { openMigratedDatabase } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import type { Db } from "./db.js";
import { type BackgroundJob, enqueueJob, installJobQueue, queuesOf, runQueuedJobs } from "./jobQueue.js";
import { createMailer } from "./mail.js";

/**
 * With DATABASE_OWNER_URL, pg-boss's schema and the declared queues are the owner's (made at
 * start-up, after the migrations); the application's role, which owns nothing, uses them.
 */
const server = process.env.DATABASE_URL;
const suffix = randomBytes(4).toString("hex");
const names = { db: `tandem_test_queue_${suffix}`, owner: `tandem_test_qowner_${suffix}`, app: `tandem_test_qapp_${suffix}` };
const urlFor = (user: string, password: string) => {
  const url = new URL(server ?? "postgres://localhost/x");
  url.username = user;
  url.password = password;
  url.pathname = `/${names.db}`;
  return url.toString();
};
const asSuperuser = async (sql: string) => {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
};

describe.skipIf(!server)("the job queue with the owner's and the application's roles", () => {
  let app: Db;
  beforeAll(async () => {
    await asSuperuser(`CREATE ROLE ${names.owner} LOGIN PASSWORD 'proprietaire'`);
    await asSuperuser(`CREATE DATABASE ${names.db} OWNER ${names.owner}`);
    await asSuperuser(`DO $$ BEGIN CREATE ROLE tandem_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await asSuperuser(`CREATE ROLE ${names.app} LOGIN PASSWORD 'application' IN ROLE tandem_app`);
    const config = { ...loadConfig({ NODE_ENV: "test" }), databaseUrl: urlFor(names.app, "application"), databaseOwnerUrl: urlFor(names.owner, "proprietaire") };
    app = await openMigratedDatabase(config);
  }, 120000);
  afterAll(async () => {
    await app?.close();
    await asSuperuser(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
    for (const role of [names.app, names.owner]) await asSuperuser(`DROP ROLE IF EXISTS ${role}`);
  });

  it("the owner made the schema and every declared queue; the app's role runs a daily job through them", async () => {
    const [owner] = await app.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'pgboss' AND tablename = 'job'");
    expect(owner.owner).toBe(names.owner);
    const queues = (await app.query<{ name: string }>("SELECT name FROM pgboss.queue")).map((q) => q.name);
    for (const job of queuesOf(backgroundJobs, backgroundSchedules)) expect(queues).toContain(job.name);
    // What the app's start does: install (nothing left to create) then work.
    await installJobQueue(app, queuesOf(backgroundJobs, backgroundSchedules));
    let ran = "";
    const probe: BackgroundJob = { name: "daily-login-throttles-purge", run: async (_deps, data) => {
        ran = String(data.day);
      },
    };
    await app.transaction((tx) => enqueueJob(tx, probe.name, { day: "2027-05-04" }));
    const deps = { db: app, config: loadConfig({ NODE_ENV: "test" }), mailer: createMailer(app, { from: "x@y.fr" }) };
    expect(await runQueuedJobs(deps, [probe])).toEqual({ completed: 1, failed: 0 });
    expect(ran).toBe("2027-05-04");
  });

  it("the app's role cannot create a queue nobody declared", async () => {
    await expect(installJobQueue(app, [{ name: "undeclared", run: async () => {} }])).rejects.toThrow(/must be owner|permission denied/);
  });
});
