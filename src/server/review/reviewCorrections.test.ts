import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { pdfText } from "../testing/pdfText.js";

/**
 * Every mistake of a review is correctable, with history: a review scheduled by mistake is deleted
 * (only while it holds no decision), a decision is corrected by reopening the review and the new
 * minutes say what it replaces; and those the distribution list names without taking part (steering
 * staff) get a page of counts the e-mail links to.
 */
let t: TestApp;
let advisor: TestClient;
let conventionId: string;
let agencyId: string;
let renewalCase: string;
let summaryCase: string;
const today = parisToday();

const schedule = async () => {
  const res = await advisor.post("/api/reviews", { conventionId, agencyIds: [agencyId], heldOn: today });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const personOf = async (caseId: string) =>
  (await t.db.query<{ name: string; ft: string }>("SELECT js.last_name || ' ' || js.first_name AS name, js.ft_identifier AS ft FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE sc.id = $1", [caseId]))[0];
const mailsAbout = (subject: string) => t.db.query<{ to_address: string; subject: string; body_text: string }>("SELECT to_address, subject, body_text FROM emails WHERE subject LIKE $1 ORDER BY to_address", [subject]);

beforeAll(async () => {
  t = await createTestApp();
  renewalCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 5, daysAgo: 10 } });
  summaryCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", jobSeekerCommune: "67482", entered: { monthsAgo: 5, daysAgo: 12 } });
  advisor = await t.loginAs("conseiller.basrhin");
  [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  [{ id: agencyId }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-strasbourg'");
  await t.db.query("DELETE FROM emails");
});
afterAll(() => t.close());

describe("deleting a review scheduled by mistake", () => {
  it("deletes a review that holds no decision, keeps what it was in the audit trail, and tells no one who was never told of it", async () => {
    const id = await schedule();
    const res = await advisor.delete(`/api/reviews/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await advisor.get(`/api/reviews/${id}`)).statusCode).toBe(404);
    expect((await advisor.get("/api/reviews")).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    const [event] = await t.db.query<{ details: { heldOn: string; told: string[] } }>("SELECT details FROM audit_events WHERE action = 'review.deleted' AND subject_id = $1", [id]);
    expect(event.details).toMatchObject({ heldOn: today, told: [] });
    expect(await mailsAbout("Revue supprimée%")).toEqual([]);
  });

  it("refuses, with a stable code and nothing changed, a review that holds a decision: it is corrected by reopening", async () => {
    const id = await schedule();
    const decided = await advisor.put(`/api/reviews/${id}/decisions/${renewalCase}`, { kind: "other", note: "Point d’étape" });
    expect(decided.statusCode, decided.body).toBe(200);
    const res = await advisor.delete(`/api/reviews/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "REVIEW_HOLDS_DECISIONS",
      message: "Cette revue contient des décisions, déjà appliquées aux accompagnements : elle ne peut pas être supprimée. Rouvrez-la pour corriger une décision.",
    });
    expect((await advisor.get(`/api/reviews/${id}`)).statusCode).toBe(200);
    // Closed, it is still refused.
    expect((await advisor.post(`/api/reviews/${id}/close`)).statusCode).toBe(200);
    expect((await advisor.delete(`/api/reviews/${id}`)).json().error.code).toBe("REVIEW_HOLDS_DECISIONS");
    expect((await t.db.query("SELECT 1 FROM audit_events WHERE action = 'review.deleted' AND subject_id = $1", [id])).length).toBe(0);
  });

  it("tells those the table was sent to when a review closed without decision is deleted, naming no one", async () => {
    const id = await schedule();
    expect((await advisor.post(`/api/reviews/${id}/close`)).statusCode).toBe(200);
    const sent = (await mailsAbout("Tableau de suivi%")).filter((m) => m.body_text.includes(id)).map((m) => m.to_address);
    expect(sent.length).toBeGreaterThan(3);
    expect((await advisor.delete(`/api/reviews/${id}`)).statusCode).toBe(200);
    const told = await mailsAbout("Revue supprimée%");
    expect(told.map((m) => m.to_address).sort()).toEqual([...sent].sort());
    const person = await personOf(renewalCase);
    for (const m of told) {
      expect(m.body_text).toContain("Conseiller Basrhin a supprimé cette revue de portefeuille mensuelle (convention BAS-RHIN-2021-AG)");
      expect(m.body_text).not.toContain(person.name);
      expect(m.body_text).not.toContain(person.ft);
    }
  });

  it("is refused to anyone who does not take part, as if the review did not exist", async () => {
    const id = await schedule();
    for (const outsider of ["social.creuse", "pilotage.ft-basrhin"]) {
      const res = await (await t.loginAs(outsider)).delete(`/api/reviews/${id}`);
      expect(res.statusCode, outsider).toBe(404);
      expect(res.json().error.code).toBe("REVIEW_NOT_FOUND");
    }
    expect((await advisor.get(`/api/reviews/${id}`)).statusCode).toBe(200);
    expect((await advisor.delete(`/api/reviews/${id}`)).statusCode).toBe(200);
  });
});

describe("correcting a decision by reopening the review", () => {
  it("the minutes of version 2 show the corrected decision and say which one it replaces", async () => {
    const id = await schedule();
    expect((await advisor.put(`/api/reviews/${id}/decisions/${renewalCase}`, { kind: "renew" })).statusCode).toBe(200);
    expect((await advisor.post(`/api/reviews/${id}/close`)).statusCode).toBe(200);
    expect((await advisor.post(`/api/reviews/${id}/reopen`)).statusCode).toBe(200);
    const corrected = await advisor.put(`/api/reviews/${id}/decisions/${renewalCase}`, { kind: "exit", exitType: "sustainable_job", note: "CDI signé avant la revue" });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await advisor.post(`/api/reviews/${id}/close`)).statusCode).toBe(200);

    const person = await personOf(renewalCase);
    const v1 = pdfText((await advisor.get(`/api/reviews/${id}/documents/1/minutes_pdf`)).rawPayload);
    const v2 = pdfText((await advisor.get(`/api/reviews/${id}/documents/2/minutes_pdf`)).rawPayload);
    expect(v1).toContain("RÉPUBLIQUE FRANÇAISE Liberté Égalité Fraternité");
    expect(v1).toContain("Convention n°\u00a0BAS-RHIN-2021-AG");
    expect(v1).toContain(`${person.name} (${person.ft})`);
    expect(v1).toContain("Décision\u00a0: Renouvellement — prise en version 1");
    expect(v1).not.toContain("remplace");
    expect(v2).toContain("Version 2 : remplace la version 1 de ce compte rendu après réouverture de la revue.");
    expect(v2).toContain("Décision\u00a0: Sortie — Emploi durable — prise en version 2");
    expect(v2).toContain("Décision corrigée : remplace « Renouvellement (version 1) ».");
    expect(v2).toContain("Note\u00a0: CDI signé avant la revue");
    // The other people on the agenda were left undecided; the participants are named with their organisation.
    const agenda = (await advisor.get(`/api/reviews/${id}`)).json().items.length;
    expect(v2).toContain(`Personnes restées sans décision (${agenda - 1})`);
    expect(v2).toContain("Conseiller Basrhin — France Travail — Agence Strasbourg Meinau");
    expect(v2).toContain("Pour France Travail");
    expect(v2).toContain("Pour les partenaires");
  });
});

describe("the summary of a review, for the distribution list's steering staff", () => {
  it("answers those the list names with counts only, and nobody else", async () => {
    const id = await schedule();
    expect((await advisor.put(`/api/reviews/${id}/decisions/${summaryCase}`, { kind: "renew" })).statusCode).toBe(200);
    expect((await advisor.post(`/api/reviews/${id}/close`)).statusCode).toBe(200);
    const person = await personOf(summaryCase);
    const examined = (await advisor.get(`/api/reviews/${id}`)).json().items.length;

    for (const reader of ["pilotage.ft-basrhin", "pilotage.basrhin", "admin.strasbourg", "conseiller.basrhin"]) {
      const res = await (await t.loginAs(reader)).get(`/api/reviews/${id}/summary`);
      expect(res.statusCode, reader).toBe(200);
      expect(res.json()).toMatchObject({ conventionNumber: "BAS-RHIN-2021-AG", heldOn: today, status: "closed", examined, undecided: examined - 1, decisions: [{ kind: "renew", label: "1\u00a0renouvellement", count: 1 }] });
      expect(res.body).not.toContain(person.name);
      expect(res.body).not.toContain(person.ft);
    }
    for (const outsider of ["pilotage.creuse", "social.creuse", "admin.plateforme", "admin.basrhin"]) {
      const res = await (await t.loginAs(outsider)).get(`/api/reviews/${id}/summary`);
      expect(res.statusCode, outsider).toBe(404);
    }
    const [mail] = (await mailsAbout("Tableau de suivi%")).filter((m) => m.to_address === "pilotage.ft-basrhin@demo.tandem.fr" && m.body_text.includes(id));
    expect(mail.body_text).toContain(`${examined}\u00a0accompagnements examinés\u00a0: 1\u00a0renouvellement ; ${examined - 1}\u00a0sans décision.`);
    expect(mail.body_text).toContain(`/synthese-revue/${id}`);
  });
});
