import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { conventionsDir } from "./demoConventions.js";

/**
 * Issue 10 — how a convention may end, money on statement, commitments measured right: through
 * the API, on both databases. Copies of the seeds run today (dates moved to 2026–2027).
 */
let t: TestApp;
let troyes: TestClient;
let ftTroyes: TestClient;
let metz: TestClient;
let ftMetz: TestClient;
let ftBasRhin: TestClient;
let basRhin: TestClient;
const seed = (file: string) => fs.readFileSync(path.join(conventionsDir, file), "utf8");
const one = async <T>(sql: string, params: unknown[]) => (await t.db.query<T>(sql, params))[0];
const count = async (sql: string, params: unknown[]) => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params)).n);

async function importYaml(client: TestClient, yaml: string) {
  const res = await client.post("/api/conventions/import", { content: yaml });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
/** The Troyes cooperation as a parent that runs today: 2026-01-01 to 2027-12-31, effect 2 months after receipt. */
const troyesParent = (number: string) =>
  seed("troyes-2020-cooperation.yaml")
    .replace("number: TCM-2020", `number: ${number}`)
    .replace("effective: { date: 2020-01-01 }", "effective: { date: 2026-01-01 }")
    .replace("endsOn: 2020-12-31", "endsOn: 2027-12-31")
    .replace("delay: { value: 3, unit: months }\n      before: end\n      effectiveAfterReceipt: null", "delay: null\n      before: none\n      effectiveAfterReceipt: { value: 2, unit: months }");
const troyesAnnex = (number: string, parent: string) =>
  seed("troyes-2020-echange-donnees.yaml")
    .replace("number: TCM-2020-DONNEES", `number: ${number}`)
    .replace("annexOf: TCM-2020", `annexOf: ${parent}`)
    .replace("effective: { rule: last_signature }", "effective: { date: 2026-01-01 }")
    .replace("endsOn: 2020-12-31", "endsOn: 2027-12-31");
const terminate = (client: TestClient, id: string, body: Record<string, unknown>) => client.post(`/api/conventions/${id}/termination`, body);
const row = (id: string) =>
  one<{ terminated_on: string | null; data_exchange_suspended_on: string | null }>("SELECT terminated_on, data_exchange_suspended_on FROM conventions WHERE id = $1", [id]);

beforeAll(async () => {
  t = await createTestApp();
  troyes = await t.loginAs("admin.troyes");
  ftTroyes = await t.loginAs("admin.ft-troyes");
  metz = await t.loginAs("admin.metz");
  ftMetz = await t.loginAs("pilotage.ft-metz");
  ftBasRhin = await t.loginAs("pilotage.ft-basrhin");
  basRhin = await t.loginAs("pilotage.basrhin");
});
afterAll(() => t.close());

describe("how a convention may end", () => {
  it("a convention that had ended when the letter came cannot be terminated: 409, nothing written", async () => {
    const { id } = await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'TCM-2020'", []);
    const res = await terminate(troyes, id, { receivedOn: "2021-01-04", reason: "notice" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("CONVENTION_ALREADY_ENDED");
    expect((await row(id)).terminated_on).toBeNull();
  });

  it("a breach is refused where the file says nothing about it (Troyes art. 7), next to the reason", async () => {
    const id = await importYaml(troyes, troyesParent("TCM-BREACH"));
    const res = await terminate(troyes, id, { receivedOn: "2026-03-02", reason: "breach" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "TERMINATION_NOT_PROVIDED", details: { issues: [{ path: "reason", message: "La convention ne prévoit pas de résiliation pour manquement." }] } });
    expect((await row(id)).terminated_on).toBeNull();
    expect(await count("SELECT 1 FROM convention_events WHERE convention_id = $1 AND kind = 'termination_notice'", [id])).toBe(0);
  });

  it("no notice where the file provides none (Bas-Rhin 002 art. 8.1, « pas de résiliation sans motif »): refused next to the reason", async () => {
    const { id } = await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'", []);
    const res = await terminate(ftBasRhin, id, { receivedOn: "2026-11-02", reason: "notice" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([{ path: "reason", message: "La convention ne prévoit pas de résiliation sans motif (préavis)." }]);
    expect((await row(id)).terminated_on).toBeNull();
  });

  it("a data annex breached: exchange suspended at the formal notice (2026-03-31), end one month later (2026-04-30)", async () => {
    await importYaml(troyes, troyesParent("TCM-P1"));
    const annexId = await importYaml(troyes, troyesAnnex("TCM-P1-DONNEES", "TCM-P1"));
    const res = await terminate(ftTroyes, annexId, { receivedOn: "2026-03-31", reason: "breach" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ endsOn: "2026-04-30", dataExchangeSuspendedOn: "2026-03-31" });
    expect(await row(annexId)).toEqual({ terminated_on: "2026-04-30", data_exchange_suspended_on: "2026-03-31" });
    const detail = (await troyes.get(`/api/conventions/${annexId}`)).json();
    expect(detail.dataExchangeSuspendedOn).toBe("2026-03-31");
  });

  it("an annex ends with its parent: notice received 2026-05-31 ends the parent 2026-07-31, and its annex the same day", async () => {
    const parentId = await importYaml(troyes, troyesParent("TCM-P2"));
    const annexId = await importYaml(troyes, troyesAnnex("TCM-P2-DONNEES", "TCM-P2"));
    const res = await terminate(troyes, parentId, { receivedOn: "2026-05-31", reason: "notice" });
    expect(res.json()).toEqual({ endsOn: "2026-07-31", dataExchangeSuspendedOn: null });
    expect(await row(annexId)).toEqual({ terminated_on: "2026-07-31", data_exchange_suspended_on: null });
    const event = await one<{ occurred_on: string; details: unknown }>("SELECT occurred_on, details FROM convention_events WHERE convention_id = $1 AND kind = 'ended_with_parent'", [annexId]);
    expect(event).toEqual({ occurred_on: "2026-05-31", details: { parent: "TCM-P2", endsOn: "2026-07-31" } });
    expect(await count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.ended_with_parent'", [annexId])).toBe(1);
  });

  it("mutual agreement on a date, where the file provides for it: ends on the agreed date; without a date, refused next to the field", async () => {
    const yaml = troyesParent("TCM-MUTUAL").replace("    mutualAgreement: null", '    mutualAgreement: { source: "art. test — d’un commun accord" }');
    const id = await importYaml(troyes, yaml);
    const missing = await terminate(troyes, id, { receivedOn: "2026-04-10", reason: "mutual" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.issues).toEqual([{ path: "agreedEndOn", message: "Indiquez la date de fin convenue entre les parties." }]);
    const res = await terminate(troyes, id, { receivedOn: "2026-04-10", reason: "mutual", agreedEndOn: "2026-09-30" });
    expect(res.json()).toEqual({ endsOn: "2026-09-30", dataExchangeSuspendedOn: null });
    // Where the file says nothing, mutual agreement is not offered.
    const other = await importYaml(troyes, troyesParent("TCM-NOMUTUAL"));
    expect((await terminate(troyes, other, { receivedOn: "2026-04-10", reason: "mutual", agreedEndOn: "2026-09-30" })).json().error.code).toBe("TERMINATION_NOT_PROVIDED");
  });
});

describe("money: a payment on statement", () => {
  it("Metz's balance is due when its statement is recorded (2014-01-31), not at the end; its reminder is in the calendar", async () => {
    const id = await importYaml(metz, seed("metz-2013-cooperation.yaml").replace("number: METZ-2013", "number: METZ-STATEMENT"));
    const signature = { name: "Signataire", title: "Qualité", signedOn: "2013-02-15" };
    expect((await ftMetz.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-metz-sebastopol" })).statusCode).toBe(200);
    expect((await metz.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ville-metz" })).statusCode).toBe(200);
    const payments = async () =>
      (await metz.get(`/api/conventions/${id}`)).json().calendar.filter((o: { kind: string }) => o.kind === "payment").map((o: { dueOn: string }) => o.dueOn);
    expect(await payments()).toEqual(["2013-02-15"]);
    const wrong = await metz.post(`/api/conventions/${id}/statements`, { instalment: "2013-01-01:0", recordedOn: "2014-01-31" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues).toEqual([{ path: "instalment", message: "Choisissez un versement dû au vu d’un mémoire." }]);
    expect((await metz.post(`/api/conventions/${id}/statements`, { instalment: "2013-01-01:1", recordedOn: "2014-01-31" })).statusCode).toBe(200);
    expect(await payments()).toEqual(["2013-02-15", "2014-01-31"]);
    expect(await count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.statement_recorded'", [id])).toBe(1);
    const again = await metz.post(`/api/conventions/${id}/statements`, { instalment: "2013-01-01:1", recordedOn: "2014-02-01" });
    expect(again.json().error.details.issues).toEqual([{ path: "instalment", message: "Un mémoire est déjà enregistré pour ce versement." }]);
  });
});

describe("commitments measured right", () => {
  it("an unknown computedFrom is refused at import with the field's path, nothing imported", async () => {
    const yaml = seed("bas-rhin-2021-accompagnement-global.yaml")
      .replace("number: BAS-RHIN-2021-AG", "number: BR-UNKNOWN")
      .replace("computedFrom: global_support_dedicated_advisors", "computedFrom: conseillers_au_doigt_mouille");
    const res = await basRhin.post("/api/conventions/import", { content: yaml });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: string; message: string }[];
    expect(issues).toEqual([
      {
        path: "convention.commitments.0.computedFrom",
        message:
          "Mesure calculée inconnue : « conseillers_au_doigt_mouille ». Mesures connues de Tandem : global_support_dedicated_advisors, global_support_active_cases_per_advisor (ou null pour une valeur saisie).",
      },
    ]);
    expect(await count("SELECT 1 FROM conventions WHERE number = 'BR-UNKNOWN'", [])).toBe(0);
  });

  it("dedicated advisors are those named by a France Travail steering user (audited), not anyone with a case; the target is per convention", async () => {
    const { id } = await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'", []);
    const measure = async (conventionId: string, key: string) =>
      (await ftBasRhin.get(`/api/conventions/${conventionId}`)).json().commitments.find((c: { key: string }) => c.key === key).value;
    // Advisors carry cases under the convention, but none is named: 0 dedicated.
    const { advisor_id: advisor, n } = await one<{ advisor_id: string; n: number }>(
      `SELECT advisor_id, count(*)::int AS n FROM support_cases WHERE convention_id = $1 AND status IN ('active','social_only') AND advisor_id IS NOT NULL
        GROUP BY advisor_id ORDER BY count(*) DESC, advisor_id LIMIT 1`,
      [id],
    );
    expect(n).toBeGreaterThanOrEqual(3);
    expect(await measure(id, "conseillers_dedies")).toBe(0);
    // A partner's steering user may not name them.
    expect((await basRhin.post(`/api/conventions/${id}/dedicated-advisors`, { userId: advisor })).statusCode).toBe(403);
    expect((await ftBasRhin.post(`/api/conventions/${id}/dedicated-advisors`, { userId: advisor })).statusCode).toBe(200);
    expect(await measure(id, "conseillers_dedies")).toBe(1);
    expect(await count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.dedicated_advisor_named'", [id])).toBe(1);

    // The same advisor under a second convention, with 2 of their cases moved to it: each convention counts its own.
    const copyId = await importYaml(basRhin, seed("bas-rhin-2021-accompagnement-global.yaml").replace("number: BAS-RHIN-2021-AG", "number: BR-SECOND"));
    await t.db.query(
      `UPDATE support_cases SET convention_id = $2 WHERE id IN (
         SELECT id FROM support_cases WHERE convention_id = $1 AND advisor_id = $3 AND status IN ('active','social_only') ORDER BY id LIMIT 2)`,
      [id, copyId, advisor],
    );
    expect((await ftBasRhin.post(`/api/conventions/${copyId}/dedicated-advisors`, { userId: advisor })).statusCode).toBe(200);
    expect(await measure(copyId, "portefeuille_actif")).toBe(2);
    expect(await measure(id, "portefeuille_actif")).toBe(n - 2);

    expect((await ftBasRhin.delete(`/api/conventions/${id}/dedicated-advisors/${advisor}`)).statusCode).toBe(200);
    expect(await measure(id, "conseillers_dedies")).toBe(0);
  });
});
