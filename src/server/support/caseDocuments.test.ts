import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

let t: TestApp;
let caseId: string;
beforeAll(async () => {
  t = await createTestApp();
  caseId = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
});
afterAll(() => t.close());

const file = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("documents of a case", () => {
  it("a social document stays with social workers; a pair document is shared", async () => {
    const social = await t.loginAs("social.strasbourg");
    const added = await social.post(`/api/support/cases/${caseId}/documents`, {
      visibility: "social",
      name: "Évaluation sociale.txt",
      contentType: "text/plain",
      contentBase64: file("Situation de logement : hébergement d’urgence."),
    });
    expect(added.statusCode).toBe(200);
    const socialDoc = added.json().documents[0];
    expect(socialDoc).toMatchObject({ name: "Évaluation sociale.txt", visibility: "social", uploadedBy: "Social Strasbourg" });
    const download = await social.get(`/api/support/cases/${caseId}/documents/${socialDoc.id}`);
    expect(download.body).toBe("Situation de logement : hébergement d’urgence.");
    expect(download.headers["content-disposition"]).toContain("filename*=UTF-8''%C3%89valuation");

    const advisor = await t.loginAs("conseiller.basrhin");
    await advisor.post(`/api/support/cases/${caseId}/documents`, { visibility: "pair", name: "CV.pdf", contentType: "application/pdf", contentBase64: file("%PDF-1.4 cv") });
    const view = (await advisor.get(`/api/support/cases/${caseId}`)).json();
    expect(view.documents.map((d: { name: string }) => d.name)).toEqual(["CV.pdf"]);
    const refused = await advisor.get(`/api/support/cases/${caseId}/documents/${socialDoc.id}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe("DOCUMENT_NOT_FOUND");
    const cannotFile = await advisor.post(`/api/support/cases/${caseId}/documents`, { visibility: "social", name: "x.txt", contentType: "text/plain", contentBase64: file("x") });
    expect(cannotFile.statusCode).toBe(403);
  });

  it("refuses a program or an outsider", async () => {
    const advisor = await t.loginAs("conseiller.basrhin");
    const exe = await advisor.post(`/api/support/cases/${caseId}/documents`, { visibility: "pair", name: "a.exe", contentType: "application/x-msdownload", contentBase64: file("MZ") });
    expect(exe.statusCode).toBe(400);
    expect(JSON.stringify(exe.json().error.details)).toContain("Type de fichier non accepté");
    const outsider = await t.loginAs("social.creuse");
    expect((await outsider.post(`/api/support/cases/${caseId}/documents`, { visibility: "pair", name: "b.txt", contentType: "text/plain", contentBase64: file("b") })).statusCode).toBe(404);
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM support_documents WHERE case_id = $1", [caseId]);
    expect(n).toBe(2);
  });
});

describe("global-support referents", () => {
  it("an org_admin names the referents of their organisation only; a stranger cannot be named", async () => {
    const admin = await t.loginAs("admin.creuse");
    const org = admin.user!.organisation.id;
    const [worker] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'social.creuse@demo.tandem.fr'");
    const res = await admin.put(`/api/organisations/${org}/support-referents`, { userIds: [worker.id] });
    expect(res.json()).toEqual({ userIds: [worker.id] });
    expect((await admin.get(`/api/organisations/${org}/support-referents`)).json().userIds).toEqual([worker.id]);
    const [stranger] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'social.strasbourg@demo.tandem.fr'");
    const refused = await admin.put(`/api/organisations/${org}/support-referents`, { userIds: [stranger.id] });
    expect(refused.statusCode).toBe(400);
    expect((await admin.get(`/api/organisations/${org}/support-referents`)).json().userIds).toEqual([worker.id]);
    const advisor = await t.loginAs("conseiller.creuse");
    expect((await advisor.put(`/api/organisations/${org}/support-referents`, { userIds: [] })).statusCode).toBe(403);
  });
});
