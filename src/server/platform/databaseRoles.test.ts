import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { DEMO_PASSWORD } from "../demo/demoOrganisations.js";
import { loadDemo } from "../demo/loadDemo.js";
import { attachImportRows, createImportRows, discardImportRows } from "../lists/listImportRepository.js";
import { verifyAuditChain } from "../privacy/auditChain.js";
import { purgeExpiredAuditEvents } from "../privacy/auditRetention.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { openMigratedDatabase } from "./bootstrap.js";
import { loadConfig } from "./config.js";
import { describeDatabaseRole } from "./databaseRoles.js";
import { type Db, openServer } from "./db.js";
import { createMailer } from "./mail.js";

/**
 * On a PostgreSQL server the migrations run as the owner (DATABASE_OWNER_URL) and the app as a
 * role that owns nothing (DATABASE_URL, member of tandem_app): the app's connection cannot
 * switch off, rewrite or empty the audit trail. Roles are server-wide: each test names its own
 * and drops them, with its database, at the end.
 */
const server = process.env.DATABASE_URL;
const suffix = randomBytes(4).toString("hex");
const names = { db: `tandem_test_roles_${suffix}`, owner: `tandem_test_owner_${suffix}`, app: `tandem_test_app_${suffix}`, created: `tandem_test_new_${suffix}`, stranger: `tandem_test_nope_${suffix}` };
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
const config = (databaseUrl: string, databaseOwnerUrl: string) => ({ ...loadConfig({ NODE_ENV: "test" }), databaseUrl, databaseOwnerUrl });

describe.skipIf(!server)("database roles on the PostgreSQL server", () => {
  let app: Db;

  beforeAll(async () => {
    // What the DBA does once (README, "Sécurité"): an owner that owns the database, the group role, the app's login role.
    await asSuperuser(`CREATE ROLE ${names.owner} LOGIN PASSWORD 'proprietaire'`);
    await asSuperuser(`CREATE DATABASE ${names.db} OWNER ${names.owner}`);
    await asSuperuser(`DO $$ BEGIN CREATE ROLE tandem_app NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await asSuperuser(`CREATE ROLE ${names.app} LOGIN PASSWORD 'application' IN ROLE tandem_app`);
    app = await openMigratedDatabase(config(urlFor(names.app, "application"), urlFor(names.owner, "proprietaire")));
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await asSuperuser(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
    for (const role of [names.app, names.created, names.owner]) await asSuperuser(`DROP ROLE IF EXISTS ${role}`);
  });

  it("migrations ran as the owner; the app is connected as its own role, which owns nothing", async () => {
    const [who] = await app.query<{ me: string; owner: string }>(
      "SELECT current_user AS me, (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events') AS owner",
    );
    expect(who).toEqual({ me: names.app, owner: names.owner });
    expect(await describeDatabaseRole(app)).toMatchObject({ mode: "least_privilege", user: names.app });
  });

  it("connected as the app's role, nobody can disable the audit trail's trigger, rewrite it, delete from it or empty it", async () => {
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update")).rejects.toThrow(/must be owner/);
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER ALL")).rejects.toThrow(/must be owner/);
    await expect(app.query("UPDATE audit_events SET action = 'effacé'")).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("TRUNCATE audit_events")).rejects.toThrow(/permission denied/);
    await expect(app.query("UPDATE audit_chain SET last_seq = 0")).rejects.toThrow(/permission denied/);
    await expect(app.query("DROP TABLE audit_events")).rejects.toThrow(/must be owner/);
    // No DDL at all: no new table, no change of an existing one, no trigger function replaced.
    await expect(app.query("CREATE TABLE intrus (x int)")).rejects.toThrow(/permission denied for schema public/);
    await expect(app.query("ALTER TABLE users ADD COLUMN intrus int")).rejects.toThrow(/must be owner/);
    await expect(app.query("TRUNCATE users")).rejects.toThrow(/permission denied/);
    await expect(app.query("CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")).rejects.toThrow(
      /permission denied for schema public/,
    );
  });

  it("connected as the app's role, nobody can drop, detach, empty or delete from a month of the audit trail, nor write an anchor", async () => {
    const [{ part }] = await app.query<{ part: string }>("SELECT 'audit_events_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM') AS part");
    await expect(app.query(`DROP TABLE ${part}`)).rejects.toThrow(/must be owner/);
    await expect(app.query(`ALTER TABLE audit_events DETACH PARTITION ${part}`)).rejects.toThrow(/must be owner/);
    await expect(app.query(`DELETE FROM ${part}`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`TRUNCATE ${part}`)).rejects.toThrow(/permission denied/);
    await expect(app.query("DELETE FROM audit_events_default")).rejects.toThrow(/permission denied/);
    await expect(app.query(`INSERT INTO ${part} (seq, action, subject_type, hash) VALUES (1, 'x', 'x', '\\x00')`)).rejects.toThrow(/permission denied/);
    await expect(app.query("ALTER TABLE audit_events_default DISABLE TRIGGER audit_events_no_update")).rejects.toThrow(/must be owner/);
    await expect(app.query("INSERT INTO audit_anchors (month, last_seq, last_hash, events) VALUES ('2020-01-01', 1, sha256('x'), 1)")).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query("DELETE FROM audit_anchors")).rejects.toThrow(/permission denied/);
    // Only the owner creates a partition of its choice; the app may only ask for the coming months.
    await expect(app.query("SELECT audit_partition_create('2020-01-01')")).rejects.toThrow(/permission denied/);
    expect(await app.query("SELECT audit_partitions_ahead()")).toEqual([]);
  });

  it("the app's role purges through the owner's function only the months older than a year, and the chain verifies from the anchor", async () => {
    const owner = openServer(urlFor(names.owner, "proprietaire"));
    try {
      // Events of 14 months ago, written by the owner (the app only writes now's events).
      await owner.query("SELECT audit_partition_create((now() - interval '14 months')::date)");
      await owner.query("INSERT INTO audit_events (occurred_at, action, subject_type) SELECT now() - interval '14 months', 'test.old', 'test' FROM generate_series(1, 3)");
    } finally {
      await owner.close();
    }
    const count = async () => Number((await app.query<{ n: string }>("SELECT count(*) AS n FROM audit_events"))[0].n);
    const before = await count();
    const purged = await purgeExpiredAuditEvents(app);
    expect(purged.map((p) => p.events)).toEqual([3]);
    // The three old events went; the purge's own event came.
    expect(await count()).toBe(before - 3 + 1);
    expect(await purgeExpiredAuditEvents(app)).toEqual([]);
    expect(await verifyAuditChain(app)).toMatchObject({ intact: true, breakCount: 0 });
  });

  it("the app's role gives a list's lines their own table through the owner's functions: created bare, filled by COPY, attached, dropped", async () => {
    const id = randomUUID();
    await app.transaction(async (tx) => {
      const table = await createImportRows(tx, id, false);
      await tx.copyFrom?.(`COPY ${table} (line, ft_identifier, last_name, first_name) FROM STDIN`, Readable.from(["2\t1234567A\tLefèvre\tHélène\n"]));
      await attachImportRows(tx, id);
    });
    expect(await app.query("SELECT import_id, line, last_name, decision FROM list_import_rows WHERE import_id = $1", [id])).toEqual([
      { import_id: id, line: 2, last_name: "Lefèvre", decision: "keep" },
    ]);
    // The owner's table, as every other: the app's role cannot drop it, only ask the owner's function.
    await expect(app.query(`DROP TABLE list_import_rows_${id.replaceAll("-", "")}`)).rejects.toMatchObject({ code: "42501" });
    expect(await discardImportRows(app, id)).toBe(true);
    expect(await app.query("SELECT to_regclass(list_import_rows_table($1))::text AS t", [id])).toEqual([{ t: null }]);
  });

  it("the whole app works on that role: demo load, login, reads and writes, each audited into an intact chain", async () => {
    await loadDemo(app);
    const cfg = { ...loadConfig({ NODE_ENV: "test" }), loginMaxFailures: 5 };
    const server = await buildApp({ db: app, config: cfg, mailer: createMailer(app, { from: cfg.mailFrom }) }, { logger: false });
    try {
      // A browser's cookie jar, as testApp's client keeps one.
      const jar = new Map<string, string>();
      const send = async (method: "GET" | "POST", url: string, payload?: object) => {
        const res = await server.inject({
          method,
          url,
          payload,
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "), ...(jar.has("tandem_csrf") ? { "x-csrf-token": jar.get("tandem_csrf") } : {}) },
        });
        for (const c of res.cookies as { name: string; value: string }[]) jar.set(c.name, c.value);
        return res;
      };
      await send("GET", "/api/session");
      const login = await send("POST", "/api/auth/login", { email: "admin.plateforme@demo.tandem.fr", password: DEMO_PASSWORD });
      expect(login.statusCode, login.body).toBe(200);
      const integrity = await send("GET", "/api/audit-events/integrity");
      expect(integrity.statusCode, `${integrity.body} ${login.body}`).toBe(200);
      expect(integrity.json()).toMatchObject({ intact: true, breakCount: 0 });
    } finally {
      await server.close();
    }
    const [{ n }] = await app.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action IN ('auth.login', 'audit.chain_verified')");
    expect(Number(n)).toBe(2);
    expect((await verifyAuditChain(app)).intact).toBe(true);
  });

  it("once migrated by the owner, the app starts with its own URL alone (nothing pending, nothing to create)", async () => {
    const alone = await openMigratedDatabase({ ...loadConfig({ NODE_ENV: "test" }), databaseUrl: urlFor(names.app, "application") });
    try {
      expect(await alone.query("SELECT current_user AS me")).toEqual([{ me: names.app }]);
    } finally {
      await alone.close();
    }
  });

  it("an owner allowed to create roles creates the app's login role itself on start", async () => {
    await asSuperuser(`ALTER ROLE ${names.owner} CREATEROLE`);
    try {
      const created = await openMigratedDatabase(config(urlFor(names.created, "neuf"), urlFor(names.owner, "proprietaire")));
      try {
        const [row] = await created.query<{ me: string; member: boolean }>("SELECT current_user AS me, pg_has_role(current_user, 'tandem_app', 'MEMBER') AS member");
        expect(row).toEqual({ me: names.created, member: true });
        expect((await describeDatabaseRole(created)).mode).toBe("least_privilege");
      } finally {
        await created.close();
      }
    } finally {
      await asSuperuser(`ALTER ROLE ${names.owner} NOCREATEROLE`);
    }
  });

  it("an owner that may not create it stops the start with the SQL for the DBA", async () => {
    await expect(openMigratedDatabase(config(urlFor(names.stranger, "x"), urlFor(names.owner, "proprietaire")))).rejects.toThrow(
      new RegExp(`CREATE ROLE "${names.stranger}" LOGIN PASSWORD '…' IN ROLE tandem_app`),
    );
  });
});

describe("the role the app runs as is said at start-up", () => {
  it("with a single database URL (tests, npm start) the app runs as the owner, or on PGlite's single superuser, and says so", async () => {
    const db = await createTestDatabase();
    try {
      const role = await describeDatabaseRole(db);
      if (db.kind === "embedded") {
        expect(role.mode).toBe("embedded");
        expect(role.message).toMatch(/un seul utilisateur, superutilisateur/);
      } else {
        expect(role.mode).toBe("owner");
        expect(role.message).toMatch(/DATABASE_OWNER_URL/);
      }
    } finally {
      await db.close();
    }
  });
});
