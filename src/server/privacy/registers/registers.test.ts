import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EMAIL_DOMAIN } from "../../demo/demoOrganisations.js";
import { createMailer } from "../../platform/mail.js";
import type { SessionUser } from "../../platform/requestContext.js";
import { createTestApp, type TestApp, type TestClient } from "../../testing/testApp.js";
import { pdfText } from "../../testing/pdfText.js";
import { sendBreachOverdueAlerts } from "./breachOverdueAlerts.js";
import { listRightsRequests } from "./rightsRequests.js";

/**
 * The registers of ADR 0031 on the demo: Troyes Champagne Métropole and the France Travail
 * agencies of Troyes exchange data under TCM-2020-DONNEES, whose clauses say « réponse aux
 * demandes des personnes concernées dans le délai d’un mois » and « au plus tard 36 heures après
 * la découverte de la violation » [003 (annexe) art. 7].
 */
let t: TestApp;
let dpoTroyes: TestClient;
const ids = { troyesData: "", troyesCoop: "", basRhin: "", ftTroyes: "", troyesOrg: "" };
type Person = { id: string; first_name: string; last_name: string; ft_identifier: string; registered_at: string };
let anne: Person;
let other: Person;

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const sessionUser = async (local: string): Promise<SessionUser> => {
  const u = await one<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: SessionUser["roles"] }>(
    "SELECT id, email, first_name, last_name, organisation_id, roles FROM users WHERE email = $1",
    [`${local}@${DEMO_EMAIL_DOMAIN}`],
  );
  return { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: u.roles };
};
const issues = (body: { error: { details?: { issues?: { path: string; message: string }[] } } }) => body.error.details?.issues ?? [];

beforeAll(async () => {
  t = await createTestApp();
  const conv = async (n: string) => (await one<{ id: string }>("SELECT id FROM conventions WHERE number = $1", [n])).id;
  ids.troyesData = await conv("TCM-2020-DONNEES");
  ids.troyesCoop = await conv("TCM-2020");
  ids.basRhin = await conv("BAS-RHIN-2021-AG");
  ids.ftTroyes = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-troyes'")).id;
  ids.troyesOrg = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'troyes-champagne-metropole'")).id;
  const troyesPeople = await t.db.query<Person>(
    `SELECT js.id, js.first_name, js.last_name, js.ft_identifier, js.registered_at::text FROM job_seekers js
      WHERE js.commune_insee IN (SELECT insee_code FROM organisation_communes WHERE organisation_id = $1) AND js.registered_at <= '2025-12-31'
      ORDER BY js.ft_identifier LIMIT 2`,
    [ids.troyesOrg],
  );
  [anne, other] = troyesPeople;
  // The other party's contacts, as a platform admin records them on its organisation (ADR 0022).
  await t.db.query("UPDATE organisations SET dpo_name = 'Délégué FT Grand Est', dpo_email = 'dpo.grand-est@francetravail.example', security_email = 'securite@francetravail.example' WHERE id = $1", [ids.ftTroyes]);
  dpoTroyes = await t.loginAs("dpo.troyes");
});
afterAll(async () => t?.close());

describe("rights requests", () => {
  let requestId = "";

  it("offers the organisation's conventions with their clauses' delays", async () => {
    const res = await dpoTroyes.get("/api/privacy/register-options");
    expect(res.statusCode).toBe(200);
    const data = res.json().conventions.find((c: { number: string }) => c.number === "TCM-2020-DONNEES");
    expect(data.rightsAnswer.label).toBe("1 mois");
    expect(data.rightsAnswer.source).toBe("003 (annexe) art. 7 — réponse aux demandes des personnes concernées dans le délai d’un mois");
    expect(data.breachNotice.label).toBe("36 heures");
    expect(res.json().conventions.find((c: { number: string }) => c.number === "TCM-2020").breachNotice).toBeNull();
  });

  it("finds only the persons the organisation reaches", async () => {
    const found = (await dpoTroyes.get(`/api/privacy/people?q=${encodeURIComponent(anne.ft_identifier)}`)).json().items;
    expect(found.map((p: { id: string }) => p.id)).toEqual([anne.id]);
    const basRhinPerson = await one<{ ft_identifier: string }>("SELECT ft_identifier FROM job_seekers WHERE commune_insee LIKE '67%' LIMIT 1");
    expect((await dpoTroyes.get(`/api/privacy/people?q=${basRhinPerson.ft_identifier}`)).json().items).toEqual([]);
  });

  it("refuses bad input next to its field and records nothing", async () => {
    const base = { jobSeekerId: anne.id, kind: "access", channel: "letter", conventionId: ids.troyesData, receivedOn: "2026-01-31", request: "Copie de mes données" };
    const future = await dpoTroyes.post("/api/privacy/rights-requests", { ...base, receivedOn: "2099-01-01" });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe("RECEIVED_IN_FUTURE");
    expect(issues(future.json())[0].path).toBe("body.receivedOn");
    const before = await dpoTroyes.post("/api/privacy/rights-requests", { ...base, receivedOn: "1990-01-01" });
    expect(before.json().error.code).toBe("RECEIVED_BEFORE_PERSON");
    const basRhinPerson = await one<{ id: string }>("SELECT id FROM job_seekers WHERE commune_insee LIKE '67%' LIMIT 1");
    const outOfReach = await dpoTroyes.post("/api/privacy/rights-requests", { ...base, jobSeekerId: basRhinPerson.id });
    expect(outOfReach.statusCode).toBe(403);
    expect(outOfReach.json().error.code).toBe("PERSON_NOT_IN_REACH");
    expect(issues(outOfReach.json())[0].path).toBe("body.jobSeekerId");
    const notMine = await dpoTroyes.post("/api/privacy/rights-requests", { ...base, conventionId: ids.basRhin });
    expect(notMine.json().error.code).toBe("CONVENTION_NOT_OF_ORGANISATION");
    expect(issues(notMine.json())[0].path).toBe("body.conventionId");
    const badKind = await dpoTroyes.post("/api/privacy/rights-requests", { ...base, kind: "deletion" });
    expect(badKind.statusCode).toBe(400);
    expect((await one<{ n: string }>("SELECT count(*) AS n FROM rights_requests")).n).toBe("0");
  });

  it("records a request with its due date one calendar month after receipt", async () => {
    const res = await dpoTroyes.post("/api/privacy/rights-requests", {
      jobSeekerId: anne.id,
      kind: "access",
      channel: "letter",
      conventionId: ids.troyesData,
      receivedOn: "2026-01-31",
      request: "Copie de mes données",
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    requestId = r.id;
    expect(r.dueOn).toBe("2026-02-28");
    expect(r.delay.label).toBe("1 mois");
    expect(r.status).toBe("received");
    expect(r.person.name).toBe(`${anne.first_name} ${anne.last_name}`);
  });

  it("lists overdue requests with how late they are", async () => {
    const user = await sessionUser("dpo.troyes");
    const ctx = { user, requestId: "test", ip: "local" };
    const late = await listRightsRequests(t.db, ctx, "late", "2026-03-03");
    expect(late.items.map((r) => [r.id, r.late])).toEqual([[requestId, "en retard de 3 jours"]]);
    expect(late.lateCount).toBe(1);
    expect((await listRightsRequests(t.db, ctx, "late", "2026-02-28")).items).toEqual([]);
    expect((await listRightsRequests(t.db, ctx, "answered", "2026-03-03")).items).toEqual([]);
  });

  it("refuses an answer dated before receipt, then answers an access request with a PDF of the person's data only", async () => {
    const early = await dpoTroyes.post(`/api/privacy/rights-requests/${requestId}/answer`, { answeredOn: "2026-01-30", answer: "Voici vos données." });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe("ANSWERED_BEFORE_RECEIPT");
    expect(issues(early.json())[0].path).toBe("body.answeredOn");
    expect((await dpoTroyes.get(`/api/privacy/rights-requests/${requestId}/access-answer.pdf`)).statusCode).toBe(409);

    const res = await dpoTroyes.post(`/api/privacy/rights-requests/${requestId}/answer`, { answeredOn: "2026-02-20", answer: "Voici les données que nous détenons." });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("answered");
    expect(res.json().late).toBeNull();
    const pdf = await dpoTroyes.get(`/api/privacy/rights-requests/${requestId}/access-answer.pdf`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("Réponse à votre demande d’accès à vos données personnelles");
    expect(text).toContain("Identité et coordonnées");
    expect(text).toContain(`${anne.first_name} ${anne.last_name}`);
    expect(text).toContain(anne.ft_identifier);
    expect(text).toContain("Source : France Travail");
    expect(text).not.toContain(other.ft_identifier);
    expect(text).not.toContain(other.last_name);
    // Closed: a second answer changes nothing.
    expect((await dpoTroyes.post(`/api/privacy/rights-requests/${requestId}/answer`, { answeredOn: "2026-02-21", answer: "Encore" })).json().error.code).toBe("RIGHTS_REQUEST_CLOSED");
  });

  it("copies a case's path, appointments, barriers and shared notes by category, with the convention's parties as recipients", async () => {
    const c = await one<{ case_id: string; job_seeker_id: string; ft_identifier: string; registered_at: string }>(
      `SELECT sc.id AS case_id, js.id AS job_seeker_id, js.ft_identifier, js.registered_at::text FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
        WHERE js.commune_insee LIKE '67%' AND sc.social_worker_id IS NOT NULL ORDER BY js.ft_identifier LIMIT 1`,
    );
    const otherCase = await one<{ case_id: string; ft_identifier: string }>(
      `SELECT sc.id AS case_id, js.ft_identifier FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
        WHERE js.commune_insee LIKE '67%' AND js.id <> $1 LIMIT 1`,
      [c.job_seeker_id],
    );
    const author = await one<{ id: string }>(`SELECT id FROM users WHERE email = 'social.basrhin@${DEMO_EMAIL_DOMAIN}'`);
    await t.db.query("INSERT INTO support_notes (case_id, visibility, body, author_id) VALUES ($1, 'pair', 'Cherche un emploi de cariste près de chez lui', $3), ($2, 'pair', 'Note confidentielle d’une autre personne', $3), ($1, 'social', 'Secret professionnel : dette de loyer', $3)", [
      c.case_id,
      otherCase.case_id,
      author.id,
    ]);
    await t.db.query("INSERT INTO support_case_barriers (case_id, category, code, observed_on) VALUES ($1, 'professional', 'mobility', '2026-01-10')", [c.case_id]);
    const dpo = await t.loginAs("dpo.basrhin");
    const recorded = await dpo.post("/api/privacy/rights-requests", {
      jobSeekerId: c.job_seeker_id,
      kind: "access",
      channel: "email",
      conventionId: ids.basRhin,
      receivedOn: "2026-11-02",
      request: "Accès à mon dossier",
    });
    expect(recorded.statusCode).toBe(201);
    // BAS-RHIN-2021-AG sets no delay: the law's month applies (RGPD art. 12.3).
    expect(recorded.json().dueOn).toBe("2026-12-02");
    expect(recorded.json().delay.source).toContain("RGPD art. 12.3");
    await dpo.post(`/api/privacy/rights-requests/${recorded.json().id}/answer`, { answeredOn: "2026-11-20", answer: "Voici votre dossier." });
    const text = pdfText((await dpo.get(`/api/privacy/rights-requests/${recorded.json().id}/access-answer.pdf`)).rawPayload);
    expect(text).toContain("Parcours d’accompagnement global — convention BAS-RHIN-2021-AG");
    expect(text).toContain("Rendez-vous — convention BAS-RHIN-2021-AG");
    expect(text).toContain("Freins — convention BAS-RHIN-2021-AG");
    expect(text).toContain("Mobilité");
    expect(text).toContain("Cherche un emploi de cariste près de chez lui");
    expect(text).toContain("Destinataires : Les parties de la convention BAS-RHIN-2021-AG");
    expect(text).toContain("secret professionnel");
    expect(text).not.toContain("dette de loyer");
    expect(text).not.toContain("Note confidentielle d’une autre personne");
    expect(text).not.toContain(otherCase.ft_identifier);
  });

  it("applies a rectification through the support context and records an erasure decision", async () => {
    const rect = (
      await dpoTroyes.post("/api/privacy/rights-requests", { jobSeekerId: other.id, kind: "rectification", channel: "counter", conventionId: ids.troyesData, receivedOn: "2026-11-02", request: "Mon téléphone a changé" })
    ).json();
    await dpoTroyes.post(`/api/privacy/rights-requests/${rect.id}/start`);
    const answered = await dpoTroyes.post(`/api/privacy/rights-requests/${rect.id}/answer`, { answeredOn: "2026-11-03", answer: "Numéro corrigé.", rectification: { phone: "0611223344" } });
    expect(answered.json().applied).toBe("Fiche de la personne rectifiée : téléphone.");
    expect((await one<{ phone: string }>("SELECT phone FROM job_seekers WHERE id = $1", [other.id])).phone).toBe("0611223344");
    const logged = await one<{ details: { rightsRequestId: string; fields: string[] } }>("SELECT details FROM audit_events WHERE action = 'job_seeker.updated' AND subject_id = $1", [other.id]);
    expect(logged.details).toEqual({ fields: ["phone"], rightsRequestId: rect.id });

    const erase = (
      await dpoTroyes.post("/api/privacy/rights-requests", { jobSeekerId: other.id, kind: "erasure", channel: "letter", conventionId: ids.troyesData, receivedOn: "2026-11-02", request: "Effacez mes données" })
    ).json();
    const wrong = await dpoTroyes.post(`/api/privacy/rights-requests/${erase.id}/answer`, { answeredOn: "2026-11-03", answer: "Fait", rectification: { phone: "0" } });
    expect(wrong.json().error.code).toBe("RECTIFICATION_NOT_ASKED");
    const refused = await dpoTroyes.post(`/api/privacy/rights-requests/${erase.id}/refusal`, { answeredOn: "2026-11-04", reason: "Accompagnement en cours : données nécessaires (obligation légale)" });
    expect(refused.json().status).toBe("refused");
    expect(refused.json().refusalReason).toBe("Accompagnement en cours : données nécessaires (obligation légale)");
  });

  it("keeps each organisation's register to itself", async () => {
    const creuse = await t.loginAs("dpo.creuse");
    expect((await creuse.get(`/api/privacy/rights-requests/${requestId}`)).statusCode).toBe(404);
    expect((await creuse.get(`/api/privacy/rights-requests/${requestId}/access-answer.pdf`)).statusCode).toBe(404);
    expect((await creuse.post(`/api/privacy/rights-requests/${requestId}/start`)).statusCode).toBe(404);
    expect((await creuse.get("/api/privacy/rights-requests")).json().items).toEqual([]);
    const advisor = await t.loginAs("conseiller.troyes");
    expect((await advisor.get("/api/privacy/rights-requests")).statusCode).toBe(403);
    const admin = await t.loginAs("admin.plateforme");
    expect((await admin.get(`/api/privacy/rights-requests/${requestId}`)).statusCode).toBe(404);
  });
});

describe("breaches", () => {
  let breachId = "";
  const base = {
    kind: "breach",
    conventionId: "",
    discoveredOn: "2026-03-28",
    discoveredAt: "22:30",
    description: "Liste des nouveaux inscrits envoyée à un mauvais destinataire",
    dataConcerned: "Nom, prénom, adresse, date d’inscription",
    peopleConcerned: "212 nouveaux inscrits de mars",
  };

  it("refuses bad input next to its field and records nothing", async () => {
    const body = { ...base, conventionId: ids.troyesData };
    const future = await dpoTroyes.post("/api/privacy/breaches", { ...body, discoveredOn: "2099-01-01" });
    expect(future.json().error.code).toBe("DISCOVERED_IN_FUTURE");
    expect(issues(future.json())[0].path).toBe("body.discoveredAt");
    const skipped = await dpoTroyes.post("/api/privacy/breaches", { ...body, discoveredOn: "2026-03-29", discoveredAt: "02:30" });
    expect(skipped.json().error.code).toBe("NONEXISTENT_TIME");
    const noClause = await dpoTroyes.post("/api/privacy/breaches", { ...body, conventionId: ids.troyesCoop });
    expect(noClause.json().error.code).toBe("CONVENTION_WITHOUT_BREACH_CLAUSE");
    expect(issues(noClause.json())[0].path).toBe("body.conventionId");
    const badTime = await dpoTroyes.post("/api/privacy/breaches", { ...body, discoveredAt: "25:00" });
    expect(badTime.statusCode).toBe(400);
    expect((await one<{ n: string }>("SELECT count(*) AS n FROM breaches")).n).toBe("0");
  });

  it("declares a breach with its 36-hour deadline, across the change to summer time", async () => {
    const res = await dpoTroyes.post("/api/privacy/breaches", { ...base, conventionId: ids.troyesData });
    expect(res.statusCode).toBe(201);
    const b = res.json();
    breachId = b.id;
    expect(b.discoveredAt).toBe("2026-03-28T21:30:00.000Z");
    // 22:30 CET + 36 hours = Monday 30 March, 11:30 CEST.
    expect(b.deadlineAt).toBe("2026-03-30T09:30:00.000Z");
    expect(b.delay.label).toBe("36 heures");
    expect(b.late).not.toBeNull();
    expect(b.contacts).toEqual([
      { organisation: "France Travail — Agences du bassin de Troyes", kind: "dpo", kindLabel: "Délégué à la protection des données", email: "dpo.grand-est@francetravail.example" },
      { organisation: "France Travail — Agences du bassin de Troyes", kind: "security", kindLabel: "Contact sécurité", email: "securite@francetravail.example" },
    ]);
    expect(b.notifications).toEqual([]);
  });

  it("alerts the DPO and the platform admin once per overdue breach", async () => {
    const mailer = createMailer(t.db, { from: "tandem@example.fr" });
    const deps = { db: t.db, mailer, config: { publicUrl: "http://tandem.test" } };
    expect(await sendBreachOverdueAlerts(deps, new Date("2026-03-30T09:00:00Z"))).toBe(0);
    expect(await sendBreachOverdueAlerts(deps, new Date("2026-03-30T10:00:00Z"))).toBe(2);
    expect(await sendBreachOverdueAlerts(deps, new Date("2026-03-31T10:00:00Z"))).toBe(0);
    const mails = await t.db.query<{ to_address: string; subject: string }>("SELECT to_address, subject FROM emails WHERE subject LIKE 'En retard%' ORDER BY to_address");
    expect(mails.map((m) => m.to_address)).toEqual([`admin.plateforme@${DEMO_EMAIL_DOMAIN}`, `dpo.troyes@${DEMO_EMAIL_DOMAIN}`]);
    expect(mails[0].subject).toBe("En retard : l’autre partie n’est pas informée — Violation de données (Troyes Champagne Métropole)");
  });

  it("shows the late breach in the register and to the platform admin, never to another organisation", async () => {
    const register = (await dpoTroyes.get("/api/privacy/breaches")).json();
    expect(register.lateCount).toBe(1);
    expect(register.items.map((b: { id: string }) => b.id)).toEqual([breachId]);
    const creuse = await t.loginAs("dpo.creuse");
    expect((await creuse.get(`/api/privacy/breaches/${breachId}`)).statusCode).toBe(404);
    expect((await creuse.post(`/api/privacy/breaches/${breachId}/notification`)).statusCode).toBe(404);
    expect((await creuse.get("/api/privacy/breaches")).json().items).toEqual([]);
    const admin = await t.loginAs("admin.plateforme");
    expect((await admin.get(`/api/privacy/breaches/${breachId}`)).statusCode).toBe(200);
    expect((await admin.get("/api/privacy/breaches")).json().items.map((b: { id: string }) => b.id)).toContain(breachId);
    expect((await (await t.loginAs("agent.troyes")).get("/api/privacy/breaches")).statusCode).toBe(403);
  });

  it("tells the other party's DPO and security contact through the outbox, and keeps the e-mails", async () => {
    await dpoTroyes.post(`/api/privacy/breaches/${breachId}/measures`, { measures: "Destinataire prié de détruire le fichier ; envoi chiffré désormais" });
    const res = await dpoTroyes.post(`/api/privacy/breaches/${breachId}/notification`);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.notifiedAt).not.toBeNull();
    expect(b.late).toBeNull();
    expect(b.notifications.map((n: { to: string }) => n.to)).toEqual(["dpo.grand-est@francetravail.example", "securite@francetravail.example"]);
    const outbox = await t.db.query<{ to_address: string; subject: string; body_text: string }>(
      "SELECT to_address, subject, body_text FROM emails WHERE to_address LIKE '%@francetravail.example' ORDER BY to_address",
    );
    expect(outbox.map((m) => m.to_address)).toEqual(["dpo.grand-est@francetravail.example", "securite@francetravail.example"]);
    expect(outbox[0].subject).toBe("Violation de données — convention TCM-2020-DONNEES — information de l’autre partie");
    expect(outbox[0].body_text).toContain("découverte le 28/03/2026 à 22 h 30 (heure de Paris)");
    expect(outbox[0].body_text).toContain("au plus tard le 30/03/2026 à 11 h 30 (heure de Paris)");
    expect(outbox[0].body_text).toContain("Destinataire prié de détruire le fichier");
    expect((await dpoTroyes.post(`/api/privacy/breaches/${breachId}/notification`)).json().error.code).toBe("BREACH_ALREADY_NOTIFIED");
  });
});
