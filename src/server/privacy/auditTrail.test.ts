import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "../platform/audit.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/** The audit trail as a DPO reads it: French labels, names, search by person, Paris times in the CSV. */
let t: TestApp;
let martinCase: string;
let durandCase: string;
type Event = { action: string; actionLabel: string; actorName: string | null; actorOrganisation: string | null; subjectLabel: string; subjectId: string | null };

const person = (ftIdentifier: string, firstName: string, lastName: string) => ({
  ftIdentifier,
  firstName,
  lastName,
  birthDate: "1988-03-14",
  communeInsee: "23096",
  registeredAt: "2026-01-05",
  benefits: ["RSA"],
});

beforeAll(async () => {
  t = await createTestApp();
  // Two people of Guéret oriented by the Département de la Creuse's orienter.
  const orienter = await t.loginAs("orienteur.creuse");
  const orient = async (ft: string, first: string, last: string) => {
    const created = await orienter.post("/api/job-seekers", person(ft, first, last));
    expect(created.statusCode, created.body).toBe(201);
    const oriented = await orienter.post("/api/support/cases", { jobSeekerId: created.json().id, origin: "departement_social_service", barriers: [{ code: "housing" }] });
    expect(oriented.statusCode, oriented.body).toBe(201);
    return oriented.json().id as string;

  };
  martinCase = await orient("9911001M", "Denise", "Martinou");
  durandCase = await orient("9911002D", "Damien", "Durandal");
});
afterAll(() => t.close());

const search = async (query: string) => {
  const dpo = await t.loginAs("dpo.creuse");
  const res = await dpo.get(`/api/audit-events?pageSize=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Event[]; total: number };
};

describe("the audit trail read by a DPO", () => {
  it("finds an actor's entries by their address, which comes from their account (events no longer copy it)", async () => {
    const { items } = await search("actorEmail=ORIENTEUR.creuse@demo.tandem.fr&action=support.oriented");
    expect(items.map((e) => e.subjectId)).toEqual(expect.arrayContaining([martinCase, durandCase]));
    expect(items.every((e) => (e as Event & { actorEmail: string }).actorEmail === "orienteur.creuse@demo.tandem.fr")).toBe(true);
    const [{ stored }] = await t.db.query<{ stored: string }>("SELECT count(actor_email)::text AS stored FROM audit_events WHERE action = 'support.oriented'");
    expect(stored).toBe("0");
    expect((await search("actorEmail=personne@demo.tandem.fr")).total).toBe(0);
  });

  it("says what happened in French and names the actor, their organisation and the subject", async () => {
    const { items } = await search("action=support.oriented");
    const martin = items.find((e) => e.subjectId === martinCase)!;
    expect(martin).toMatchObject({
      actionLabel: "Orientation vers l’accompagnement global",
      actorName: "Orienteur Creuse",
      actorOrganisation: "Conseil départemental de la Creuse",
      subjectLabel: "Accompagnement de D. Martinou",
    });
    const created = (await search("action=job_seeker.created")).items.map((e) => e.subjectLabel);
    expect(created).toEqual(expect.arrayContaining(["Fiche de D. Martinou", "Fiche de D. Durandal"]));
    const logins = (await search("action=auth.login")).items;
    expect(logins[0]).toMatchObject({ actionLabel: "Connexion", subjectLabel: expect.stringMatching(/^Compte de [A-Z]\. \S+/) });
  });

  it("finds every entry about a person by name or France Travail identifier, and none about another", async () => {
    // A review decision on Martinou's case is about her too (its subject is the review, its case in the details).
    const [o] = await t.db.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email = 'orienteur.creuse@demo.tandem.fr'");
    const ctx = { user: { id: o.id, email: "orienteur.creuse@demo.tandem.fr", firstName: "Orienteur", lastName: "Creuse", organisationId: o.organisation_id, roles: ["orienter" as const] }, requestId: "r", ip: "127.0.0.1" };
    await t.db.transaction((tx) => audit(tx, ctx, { action: "review.decision_recorded", subjectType: "portfolio_review", subjectId: null, details: { caseId: martinCase } }));
    for (const query of ["person=martinou", "person=Denise%20MARTINOU", "person=9911001m"]) {
      const { items } = await search(query);
      expect(items.map((e) => e.action).sort(), query).toEqual(["job_seeker.created", "job_seeker.read", "review.decision_recorded", "support.case_read", "support.oriented"]);
      expect(items.filter((e) => e.action !== "review.decision_recorded").every((e) => e.subjectLabel.endsWith("D. Martinou")), query).toBe(true);
      expect(items.some((e) => e.subjectId === durandCase)).toBe(false);
    }
    // With the period and the action.
    expect((await search("person=martinou&action=support.oriented")).items.map((e) => e.subjectId)).toEqual([martinCase]);
    expect((await search("person=martinou&to=2020-01-01")).total).toBe(0);
  });

  it("finds a user's entries, as actor or as subject", async () => {
    const { items } = await search("user=orienteur%20creuse");
    const actions = new Set(items.map((e) => e.action));
    expect(actions).toEqual(new Set(["auth.login", "job_seeker.created", "job_seeker.read", "support.case_read", "support.oriented", "review.decision_recorded"]));
    expect(items.every((e) => e.actorName === "Orienteur Creuse")).toBe(true);
  });

  it("keeps a DPO to their organisation's entries, even searched by person", async () => {
    const other = await t.loginAs("dpo.basrhin");
    const res = (await other.get("/api/audit-events?person=martinou")).json();
    expect(res.total).toBe(0);
  });

  it("exports the same entries in CSV with French headers, labels, names and Paris times", async () => {
    const dpo = await t.loginAs("dpo.creuse");
    const res = await dpo.get("/api/audit-events/export.csv?action=support.oriented&person=9911001M");
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header.split(";").slice(0, 6)).toEqual(["Date et heure (Paris)", "Auteur", "Adresse de l’auteur", "Organisation de l’auteur", "Action", "Objet"]);
    expect(rows).toHaveLength(1);
    const martin = rows.find((r) => r.includes(martinCase))!.split(";");
    expect(martin.slice(1, 6)).toEqual([
      "Orienteur Creuse",
      "orienteur.creuse@demo.tandem.fr",
      "Conseil départemental de la Creuse",
      "Orientation vers l’accompagnement global",
      "Accompagnement de D. Martinou",
    ]);
  });

  it("writes times in Europe/Paris, summer and winter", async () => {
    const [me] = await t.db.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email = 'dpo.creuse@demo.tandem.fr'");
    // Entries dated in July (UTC+2) and December (UTC+1); the chain trigger links them as any other.
    for (const at of ["2026-07-01T12:00:00Z", "2026-12-01T12:00:00Z"]) {
      await t.db.query(
        `INSERT INTO audit_events (occurred_at, actor_user_id, actor_organisation_id, action, subject_type, subject_id)
         VALUES ($1, $2, $3, 'job_seeker.read', 'job_seeker', 'heure-de-paris')`,
        [at, me.id, me.organisation_id],
      );
    }
    const dpo = await t.loginAs("dpo.creuse");
    const res = await dpo.get("/api/audit-events/export.csv?subjectId=heure-de-paris");
    const times = res.body.trim().split("\r\n").slice(1).map((r) => r.split(";")[0]);
    expect(times).toEqual(["01/12/2026 13:00:00", "01/07/2026 14:00:00"]);
  });
});
