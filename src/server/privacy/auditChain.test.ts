import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "../platform/audit.js";
import { openEmbedded } from "../platform/db.js";
import { migrate } from "../platform/migrate.js";
import { systemContext } from "../platform/requestContext.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { runAuditVerify, verifyAuditChain } from "./auditChain.js";

/**
 * The audit trail is a hash chain: whoever gets around the append-only trigger (the database
 * owner can switch it off) leaves a trace that `tandem audit:verify` and the DPO page report.
 */
let t: TestApp;
let dpo: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  dpo = await t.loginAs("dpo.creuse");
});
afterAll(() => t.close());

/** What the owner of the database can do: switch the append-only trigger off around a statement. */
async function asOwner(sql: string, params: unknown[] = []) {
  await t.db.transaction(async (tx) => {
    await tx.exec("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
    await tx.query(sql, params);
    await tx.exec("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update");
  });
}
const count = async () => Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events"))[0].n);
const eventAt = async (seq: number) =>
  (await t.db.query<{ id: string; occurred_at: Date; details: string }>("SELECT id::text, occurred_at, details::text FROM audit_events WHERE seq = $1", [seq]))[0];
const integrity = async (client = dpo) => {
  const res = await client.get("/api/audit-events/integrity");
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe("audit chain", () => {
  it("after the demo load every event is chained to the one before it, and the chain is intact", async () => {
    const n = await count();
    expect(n).toBeGreaterThan(20);
    const unlinked = await t.db.query(
      `SELECT a.seq FROM audit_events a LEFT JOIN audit_events b ON b.seq = a.seq - 1
        WHERE octet_length(a.hash) <> 32 OR (a.seq = 1 AND a.prev_hash IS NOT NULL) OR (a.seq > 1 AND a.prev_hash IS DISTINCT FROM b.hash)`,
    );
    expect(unlinked).toEqual([]);

    const report = await integrity();
    expect(report.intact).toBe(true);
    expect(report.verifiedEvents).toBe(n);
    expect(report.breaks).toEqual([]);
    expect(report.breakCount).toBe(0);
    expect(report.first.seq).toBe(1);
    expect(report.last.seq).toBe(n);
    expect(new Date(report.first.occurredAt).getTime()).toBe((await eventAt(1)).occurred_at.getTime());
  });

  it("the DPO page's check is itself in the audit trail, with its result", async () => {
    // The actor is their account (the address is no longer copied into the event: migrations/020).
    const [event] = await t.db.query<{ actor_email: string | null; email: string; details: Record<string, unknown> }>(
      `SELECT a.actor_email, u.email, a.details FROM audit_events a JOIN users u ON u.id = a.actor_user_id
        WHERE a.action = 'audit.chain_verified' ORDER BY a.seq DESC LIMIT 1`,
    );
    expect(event.email).toBe("dpo.creuse@demo.tandem.fr");
    expect(event.actor_email).toBeNull();
    expect(event.details).toMatchObject({ intact: true, breakCount: 0 });
  });

  it("is shown to the platform admin and to every DPO, and refused to an advisor or an org admin", async () => {
    expect((await integrity(await t.loginAs("admin.plateforme"))).intact).toBe(true);
    expect((await integrity(await t.loginAs("dpo.basrhin"))).intact).toBe(true);
    for (const who of ["conseiller.creuse", "admin.creuse"]) {
      const res = await (await t.loginAs(who)).get("/api/audit-events/integrity");
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe("FORBIDDEN");
    }
  });

  it("an event whose details the database owner changed is reported with its number and date; restoring it heals the chain", async () => {
    const original = await eventAt(10);
    await asOwner(`UPDATE audit_events SET details = details || '{"effacé": true}' WHERE seq = 10`);

    const n = await count();
    const report = await integrity();
    expect(report.intact).toBe(false);
    expect(report.breakCount).toBe(1);
    expect(report.breaks).toEqual([{ seq: 10, eventId: original.id, occurredAt: original.occurred_at.toISOString(), reason: "altered" }]);
    // A break does not stop the reading: every event is still checked.
    expect(report.verifiedEvents).toBe(n);

    const cli = await runAuditVerify(t.db);
    expect(cli.exitCode).toBe(1);
    expect(cli.output).toMatch(/ROMPUE/);
    expect(cli.output).toMatch(/n° 10 .*contenu modifié/);

    await asOwner("UPDATE audit_events SET details = $1::jsonb WHERE seq = 10", [original.details]);
    expect((await integrity()).intact).toBe(true);
    const ok = await runAuditVerify(t.db);
    expect(ok.exitCode).toBe(0);
    expect(ok.output).toMatch(/intacte/);
  });

  it("an event the owner deleted is reported as missing where the chain breaks", async () => {
    const next = await eventAt(21);
    await asOwner("DELETE FROM audit_events WHERE seq = 20");
    const report = await integrity();
    expect(report.intact).toBe(false);
    expect(report.breaks).toEqual([
      { seq: 21, eventId: next.id, occurredAt: expect.any(String), reason: "missing", missingFrom: 20, missingTo: 20 },
    ]);
    const cli = await runAuditVerify(t.db);
    expect(cli.exitCode).toBe(1);
    expect(cli.output).toMatch(/n° 21 .*n° 20 manque/);
  });

  it("an event rewritten with a recomputed hash still breaks the link to the next one", async () => {
    // The careful forger recomputes the hash of what they changed; the next event still points at the old hash.
    await asOwner(`UPDATE audit_events SET details = '{"réécrit": true}' WHERE seq = 30`);
    await asOwner("UPDATE audit_events SET hash = audit_event_hash(audit_events) WHERE seq = 30");
    const report = await integrity();
    expect(report.breaks.map((b: { seq: number; reason: string }) => [b.seq, b.reason])).toEqual([
      [21, "missing"],
      [31, "relinked"],
    ]);
    expect(report.breakCount).toBe(2);
  });

  it("deleting the last events is seen against the chain head", async () => {
    const [{ last }] = await t.db.query<{ last: string }>("SELECT max(seq)::text AS last FROM audit_events");
    await asOwner("DELETE FROM audit_events WHERE seq >= $1", [Number(last) - 1]);
    const report = await integrity();
    expect(report.breaks.at(-1)).toEqual({
      seq: Number(last),
      eventId: null,
      occurredAt: null,
      reason: "missing",
      missingFrom: Number(last) - 1,
      missingTo: Number(last),
    });
  });

  it("verifies in batches: a small batch size gives the same report", async () => {
    const whole = await verifyAuditChain(t.db);
    const batched = await verifyAuditChain(t.db, { batchSize: 7 });
    expect({ ...batched, checkedAt: "" }).toEqual({ ...whole, checkedAt: "" });
  });
});

describe("appending to the chain", () => {
  it("20 transactions auditing at the same time, some rolled back, leave a gapless intact chain", async () => {
    const fresh = await createTestDatabase();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          fresh.transaction(async (tx) => {
            await audit(tx, systemContext(`parallele-${i}`), { action: "test.parallel", subjectType: "test", details: { i } });
            if (i % 5 === 0) throw new Error("annulée");
          }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(16);
      const seqs = await fresh.query<{ seq: string }>("SELECT seq::text FROM audit_events WHERE action = 'test.parallel' ORDER BY audit_events.seq");
      // Numbered in commit order without a hole: the rolled-back ones took no number.
      expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      const report = await verifyAuditChain(fresh);
      expect(report.intact).toBe(true);
      expect(report.last?.seq).toBe(report.verifiedEvents);
    } finally {
      await fresh.close();
    }
  });
});

describe("appending within one transaction (migrations/024: the head and the statement's tail)", () => {
  it("rows of one statement, of several statements, and of a savepoint rolled back: numbered without a hole, chain intact", async () => {
    const fresh = await createTestDatabase();
    try {
      await fresh.transaction(async (tx) => {
        await audit(tx, systemContext("un"), { action: "test.tail", subjectType: "test", details: { n: 1 } });
        // A savepoint whose two events are rolled back: their numbers go to the events after it.
        await tx
          .transaction(async (sp) => {
            await audit(sp, systemContext("annule"), { action: "test.tail", subjectType: "test", details: { n: "x" } });
            await audit(sp, systemContext("annule"), { action: "test.tail", subjectType: "test", details: { n: "y" } });
            throw new Error("annulé");
          })
          .catch(() => undefined);
        // Three rows in one statement.
        await tx.query(
          `INSERT INTO audit_events (action, subject_type, details, request_id, ip)
           SELECT 'test.tail', 'test', jsonb_build_object('n', n), 'lot', 'local' FROM generate_series(2, 4) n`,
        );
        await audit(tx, systemContext("cinq"), { action: "test.tail", subjectType: "test", details: { n: 5 } });
      });
      await fresh.transaction((tx) => audit(tx, systemContext("six"), { action: "test.tail", subjectType: "test", details: { n: 6 } }));
      const rows = await fresh.query<{ seq: string; n: string }>("SELECT seq::text, details->>'n' AS n FROM audit_events WHERE action = 'test.tail' ORDER BY seq");
      expect(rows.map((r) => [Number(r.seq), r.n])).toEqual([
        [1, "1"],
        [2, "2"],
        [3, "3"],
        [4, "4"],
        [5, "5"],
        [6, "6"],
      ]);
      const [head] = await fresh.query<{ last_seq: string }>("SELECT last_seq::text FROM audit_chain");
      expect(head.last_seq).toBe("6");
      const report = await verifyAuditChain(fresh);
      expect(report.intact).toBe(true);
      expect(report.verifiedEvents).toBe(6);
    } finally {
      await fresh.close();
    }
  });
});

describe("tandem audit:verify", () => {
  it("exits 0 on an intact chain and 1, naming the event, on a tampered one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-audit-"));
    try {
      const db = await openEmbedded(path.join(dir, "pglite"));
      await migrate(db);
      for (const i of [1, 2, 3]) await db.transaction((tx) => audit(tx, systemContext(), { action: "test.cli", subjectType: "test", details: { i } }));
      await db.close();
      const { DATABASE_URL: _server, ...env } = process.env;
      const run = () =>
        promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/tandem.ts", "audit:verify"], {
          env: { ...env, TANDEM_DATA_DIR: dir, NODE_ENV: "test" },
        }).then(
          (r) => ({ code: 0, out: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
        );
      const ok = await run();
      expect(ok.out).toMatch(/intacte : 3 évènements vérifiés/);
      expect(ok.code).toBe(0);

      const again = await openEmbedded(path.join(dir, "pglite"));
      await again.exec(
        `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update; UPDATE audit_events SET action = 'test.effacé' WHERE seq = 2; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;`,
      );
      await again.close();
      const broken = await run();
      expect(broken.out).toMatch(/n° 2 .*contenu modifié/);
      expect(broken.code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);
});
