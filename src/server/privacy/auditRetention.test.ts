import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dailyJobs } from "../jobs.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { migrate } from "../platform/migrate.js";
import { systemContext } from "../platform/requestContext.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { runAuditVerify, verifyAuditChain } from "./auditChain.js";
import { ensureAuditPartitions, purgeExpiredAuditEvents, runAuditPurge } from "./auditRetention.js";

/**
 * The audit trail at scale (migrations/020, docs/adr/0019): partitioned by month, kept one rolling
 * year, each purged month leaving an anchor from which the chain is verified.
 */

/** What the database owner (here, the tests' single role) does: write events dated in the past. */
async function eventsAt(db: Db, when: string, count: number, action = "test.retention") {
  for (let i = 0; i < count; i++) {
    await db.query(`INSERT INTO audit_events (occurred_at, action, subject_type, subject_id) VALUES (${when}, $1, 'test', $2)`, [action, `${when}#${i}`]);
  }
}
const seqs = async (db: Db) => (await db.query<{ seq: string }>("SELECT seq::text FROM audit_events ORDER BY audit_events.seq")).map((r) => Number(r.seq));
/** The owner switching the append-only trigger off around a statement (ADR 0011: what the chain exists for). */
async function asOwner(db: Db, sql: string) {
  await db.transaction(async (tx) => {
    await tx.exec("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
    await tx.exec(sql);
    await tx.exec("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update");
  });
}
const monthOf = async (db: Db, expr: string) => (await db.query<{ m: string }>(`SELECT to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM') AS m`))[0].m;

describe("audit_events, partitioned by month", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it("is a partitioned table with this month's partition, the next two and a default one", async () => {
    const [{ kind }] = await db.query<{ kind: string }>("SELECT relkind::text AS kind FROM pg_class WHERE relname = 'audit_events'");
    expect(kind).toBe("p");
    const names = (await db.query<{ name: string }>("SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'audit_events'::regclass ORDER BY 1")).map(
      (r) => r.name,
    );
    const months = await Promise.all(["now()", "now() + interval '1 month'", "now() + interval '2 months'"].map((e) => monthOf(db, e)));
    for (const m of months) expect(names).toContain(`audit_events_${m.replace("-", "_")}`);
    expect(names).toContain("audit_events_default");
    // The daily job asks again: nothing to create.
    expect(await ensureAuditPartitions(db)).toEqual([]);
  });

  it("an event is written without the actor's address (users.email gives it), chained as before", async () => {
    const user = { id: "6f0b6a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", email: "qui@exemple.fr", firstName: "A", lastName: "B", organisationId: "7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", roles: [] };
    await db.transaction((tx) => audit(tx, { user, requestId: "r1", ip: "127.0.0.1" }, { action: "test.no_email", subjectType: "test" }));
    const [row] = await db.query<{ actor_email: string | null; actor_user_id: string; hash_bytes: number }>(
      "SELECT actor_email, actor_user_id::text, octet_length(hash) AS hash_bytes FROM audit_events WHERE action = 'test.no_email'",
    );
    expect(row).toEqual({ actor_email: null, actor_user_id: "6f0b6a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", hash_bytes: 32 });
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("the app's insert of any date lands somewhere: an event older than every partition goes to the default partition", async () => {
    await eventsAt(db, "timestamptz '2001-01-01 12:00:00Z'", 1, "test.ancient");
    const [row] = await db.query<{ part: string }>("SELECT tableoid::regclass::text AS part FROM audit_events WHERE action = 'test.ancient'");
    expect(row.part).toBe("audit_events_default");
  });
});

describe("retention: one rolling year, a month at a time", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
    // Chain order = time order: three months long gone (two with their partition, one in the default
    // partition), one event eleven months old (kept), three of today.
    for (const back of ["20 months", "19 months"]) await db.query("SELECT audit_partition_create((now() - $1::interval)::date)", [back]);
    await eventsAt(db, "now() - interval '20 months'", 3);
    await eventsAt(db, "now() - interval '19 months'", 2);
    await eventsAt(db, "now() - interval '18 months'", 1);
    await eventsAt(db, "now() - interval '11 months'", 1);
    await eventsAt(db, "now()", 3);
  });
  afterAll(() => db.close());

  it("drops the months that ended more than a year ago, each after an anchor, and audits the purge", async () => {
    expect(await seqs(db)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const months = await Promise.all(["20 months", "19 months", "18 months"].map((b) => monthOf(db, `now() - interval '${b}'`)));

    const purged = await purgeExpiredAuditEvents(db);
    expect(purged).toEqual([
      { month: months[0], events: 3 },
      { month: months[1], events: 2 },
      { month: months[2], events: 1 },
    ]);
    // The partitions are gone; the kept events are those of the last year, and the purge's own event (11).
    const left = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_class WHERE relname = $1", [`audit_events_${months[0].replace("-", "_")}`]);
    expect(left[0].n).toBe("0");
    expect(await seqs(db)).toEqual([7, 8, 9, 10, 11]);
    const anchors = await db.query<{ month: string; last_seq: string; events: string; bytes: number }>(
      "SELECT to_char(month, 'YYYY-MM') AS month, last_seq::text, events::text, octet_length(last_hash) AS bytes FROM audit_anchors ORDER BY id",
    );
    expect(anchors).toEqual([
      { month: months[0], last_seq: "3", events: "3", bytes: 32 },
      { month: months[1], last_seq: "5", events: "2", bytes: 32 },
      { month: months[2], last_seq: "6", events: "1", bytes: 32 },
    ]);
    const [event] = await db.query<{ action: string; details: Record<string, unknown> }>("SELECT action, details FROM audit_events WHERE seq = 11");
    expect(event).toEqual({ action: "audit.purged", details: { months, events: 6, retention: "12 mois" } });

    // Nothing left to purge: nothing dropped, nothing written.
    expect(await purgeExpiredAuditEvents(db)).toEqual([]);
    expect(await seqs(db)).toEqual([7, 8, 9, 10, 11]);
    expect(await runAuditPurge(db)).toBe("Journal d’audit : aucun mois de plus d’un an à supprimer.");
  });

  it("the chain still verifies, from the latest anchor", async () => {
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: true, verifiedEvents: 5, breakCount: 0, breaks: [] });
    expect(report.first?.seq).toBe(7);
    expect(report.last?.seq).toBe(11);
    const cli = await runAuditVerify(db);
    expect(cli.exitCode).toBe(0);
    expect(cli.output).toContain("Évènements jusqu’au n° 6 supprimés (plus d’un an) : la chaîne est vérifiée à partir de leur ancrage.");
  });

  it("after the purge, an event changed or deleted after the anchor is still found", async () => {
    await asOwner(db, `UPDATE audit_events SET details = '{"effacé": true}' WHERE seq = 9`);
    expect((await verifyAuditChain(db)).breaks.map((b) => [b.seq, b.reason])).toEqual([[9, "altered"]]);
    await asOwner(db, `UPDATE audit_events SET details = '{}' WHERE seq = 9`);
    expect((await verifyAuditChain(db)).intact).toBe(true);

    // The first event after the anchor, deleted: the next one no longer follows the anchor.
    await asOwner(db, "DELETE FROM audit_events WHERE seq = 7");
    const report = await verifyAuditChain(db);
    expect(report.intact).toBe(false);
    expect(report.breaks).toEqual([{ seq: 8, eventId: expect.any(String), occurredAt: expect.any(String), reason: "missing", missingFrom: 7, missingTo: 7 }]);
  });

  it("the daily job is registered", () => {
    expect(dailyJobs.map((j) => j.name)).toContain("audit-retention");
  });
});

describe("retention when every event was purged", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it("the next event follows the anchor, and the chain verifies", async () => {
    await db.query("SELECT audit_partition_create((now() - interval '14 months')::date)");
    await eventsAt(db, "now() - interval '14 months'", 2);
    // Written by hand, without the job's audit event: the trail is then empty.
    expect((await db.query<{ events: string }>("SELECT events::text FROM audit_purge_expired()")).map((r) => r.events)).toEqual(["2"]);
    expect(await seqs(db)).toEqual([]);
    await db.transaction((tx) => audit(tx, systemContext(), { action: "test.after", subjectType: "test" }));
    expect(await seqs(db)).toEqual([3]);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, verifiedEvents: 1, breakCount: 0 });
  });
});

describe("an event numbered before the anchor but of a kept month", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it("is kept and checked; the purged number before the anchor is no break", async () => {
    // Numbers follow commits, dates follow transaction starts: near a month's end, a kept event may
    // carry a smaller number than the last one of the purged month (here, in the extreme).
    await db.query("SELECT audit_partition_create((now() - interval '14 months')::date)");
    await eventsAt(db, "now()", 1);
    await eventsAt(db, "now() - interval '14 months'", 1);
    await eventsAt(db, "now()", 1);
    expect((await purgeExpiredAuditEvents(db)).map((p) => p.events)).toEqual([1]);
    expect(await seqs(db)).toEqual([1, 3, 4]);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, verifiedEvents: 3, first: { seq: 1 }, last: { seq: 4 } });

    await asOwner(db, `UPDATE audit_events SET details = '{"effacé": true}' WHERE seq = 1`);
    expect((await verifyAuditChain(db)).breaks.map((b) => [b.seq, b.reason])).toEqual([[1, "altered"]]);
  });
});

describe("migration 020 on an existing trail", () => {
  let db: Db | null = null;
  afterEach(async () => {
    await db?.close();
  });

  it("copies every event with its seq, prev_hash and hash untouched, and the chain verifies", async () => {
    // A database as it was before 020: migrations 001–019, then events written the old way (with the address).
    db = await createTestDatabase();
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../migrations");
    // Fresh database, but migrated to the end: start again from an empty schema up to 019.
    await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await db.exec("CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    for (const file of fs.readdirSync(dir).filter((f) => /^\d+_.*\.sql$/.test(f) && f < "020").sort()) {
      await db.transaction(async (tx) => {
        await tx.exec(fs.readFileSync(path.join(dir, file), "utf8"));
        await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
      });
    }
    for (const [i, at] of ["2025-06-15T08:00:00Z", "2026-10-31T23:59:59.999999Z", "2026-11-01T00:00:00Z"].entries()) {
      await db.query(
        "INSERT INTO audit_events (occurred_at, actor_email, action, subject_type, subject_id, details) VALUES ($1, $2, 'test.old', 'test', $3, $4)",
        [at, `ancien.${i}@exemple.fr`, String(i), JSON.stringify({ i, texte: "l’été" })],
      );
    }
    const before = await db.query<{ seq: string; prev_hash: string | null; hash: string; actor_email: string }>(
      "SELECT seq::text, prev_hash, hash, actor_email FROM audit_events ORDER BY seq",
    );
    expect(before.map((r) => r.seq)).toEqual(["1", "2", "3"]);

    expect((await migrate(db))[0]).toBe("020_audit_partitions.sql");
    const after = await db.query<{ seq: string; prev_hash: string | null; hash: string; actor_email: string; part: string }>(
      "SELECT seq::text, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash, actor_email, tableoid::regclass::text AS part FROM audit_events ORDER BY audit_events.seq",
    );
    expect(after.map(({ part: _, ...r }) => r)).toEqual(before);
    expect(after.map((r) => r.part)).toEqual(["audit_events_2025_06", "audit_events_2026_10", "audit_events_2026_11"]);
    const report = await verifyAuditChain(db);
    expect(report).toMatchObject({ intact: true, verifiedEvents: 3 });
    // The chain goes on from the copied events.
    await db.transaction((tx) => audit(tx, systemContext(), { action: "test.new", subjectType: "test" }));
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, verifiedEvents: 4 });
  });
});
