import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../privacy/auditChain.js";
import { countStatements } from "../testing/statementCounter.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { auditRead } from "./audit.js";
import type { Db } from "./db.js";
import type { RequestContext } from "./requestContext.js";

/**
 * Reads record their audit event by group commit (issue 15): the events of the reads that arrive
 * while a batch is being written go together in the next INSERT, each read resolved only once its
 * event is committed, and refused if it could not be.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

const ctx = (n: number): RequestContext => ({ user: null, requestId: `lecture-${n}`, ip: "127.0.0.1" });
const count = async (prefix: string) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE request_id LIKE $1", [`${prefix}%`]))[0].n;

describe("auditRead", () => {
  it("twenty concurrent reads: the first alone, the nineteen that waited in one INSERT; every event committed and chained", async () => {
    const counter = countStatements(db);
    const reads = Array.from({ length: 20 }, (_, i) => auditRead(counter.db, ctx(i), { action: "support.case_read", subjectType: "support_case", details: { i } }));
    await Promise.all(reads);
    const inserts = counter.statements().filter((s) => s.sql.startsWith("INSERT INTO audit_events"));
    expect(inserts).toHaveLength(2);
    // The second INSERT carries nineteen rows: nineteen parenthesised tuples of values.
    expect(inserts[1].sql.split("VALUES ")[1].match(/\(\$/g)).toHaveLength(19);
    expect(await count("lecture-")).toBe(20);
    const report = await verifyAuditChain(db);
    expect(report.intact).toBe(true);
    expect(report.verifiedEvents).toBe(20);
  });

  it("a batch that cannot be written refuses every read in it, and the next reads are written again", async () => {
    let failing = true;
    const flaky: Db = {
      kind: db.kind,
      query: (sql, params) => (failing && sql.startsWith("INSERT INTO audit_events") ? Promise.reject(new Error("disque plein")) : db.query(sql, params)),
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      close: () => db.close(),
    };
    const refused = await Promise.allSettled([1, 2, 3].map((i) => auditRead(flaky, { ...ctx(i), requestId: `refusee-${i}` }, { action: "support.case_read", subjectType: "support_case" })));
    expect(refused.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await count("refusee-")).toBe(0);
    failing = false;
    await auditRead(flaky, { ...ctx(4), requestId: "reprise-4" }, { action: "support.case_read", subjectType: "support_case" });
    expect(await count("reprise-")).toBe(1);
  });
});
