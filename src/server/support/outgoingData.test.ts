import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createMailer } from "../platform/mail.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { sendDailyDigest } from "./sendDailyDigest.js";

/**
 * Whatever leaves the server about several cases (the transparency export, the person's record)
 * carries only the objects the receiving user may read, each asked of the policy as its own page does.
 */
let t: TestApp;
const today = parisToday();
const review = { kind: "review", reviewId: null, reviewedOn: today };
const file = (text: string) => Buffer.from(text, "utf8").toString("base64");

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("the transparency export of a person who moved from Bas-Rhin to Creuse", () => {
  let oldCase: string;
  let newCase: string;
  let personId: string;

  beforeAll(async () => {
    // A Bas-Rhin case with a social note, a document and an appointment, then exited.
    oldCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 2 } });
    const socialBasRhin = await t.loginAs("social.basrhin");
    const advisorBasRhin = await t.loginAs("conseiller.basrhin");
    const base = `/api/support/cases/${oldCase}`;
    expect((await socialBasRhin.post(`${base}/notes`, { visibility: "social", body: "Secret bas-rhinois : violences conjugales" })).statusCode).toBe(200);
    expect((await socialBasRhin.post(`${base}/notes`, { visibility: "pair", body: "Note du binôme bas-rhinois" })).statusCode).toBe(200);
    const doc = await socialBasRhin.post(`${base}/documents`, { visibility: "pair", name: "Bilan-Strasbourg.txt", contentType: "text/plain", contentBase64: file("bilan") });
    expect(doc.statusCode, doc.body).toBe(200);
    const appointment = await advisorBasRhin.post(`${base}/appointments`, { kind: "professional", scheduledOn: today, status: "attended", note: "Rendez-vous à Strasbourg-Meinau" });
    expect(appointment.statusCode, appointment.body).toBe(200);
    const exited = await advisorBasRhin.post(`${base}/exit`, { on: today, type: "move", source: review });
    expect(exited.statusCode, exited.body).toBe(200);
    personId = exited.json().person.id;
    // The person moves to Guéret; a Creuse social worker opens a new case.
    expect((await advisorBasRhin.patch(`/api/job-seekers/${personId}`, { communeInsee: "23096" })).statusCode).toBe(200);
    const socialCreuse = await t.loginAs("social.creuse");
    const oriented = await socialCreuse.post("/api/support/cases", { jobSeekerId: personId, origin: "departement_social_service", barriers: [{ code: "housing" }, { code: "mobility" }] });
    expect(oriented.statusCode, oriented.body).toBe(201);
    newCase = oriented.json().id;
    expect((await socialCreuse.post(`/api/support/cases/${newCase}/notes`, { visibility: "social", body: "Note sociale creusoise" })).statusCode).toBe(200);
  });

  it("a Creuse social worker gets the Creuse case only: nothing of the Bas-Rhin case's notes, documents, appointments or timeline", async () => {
    const socialCreuse = await t.loginAs("social.creuse");
    const res = await socialCreuse.get(`/api/support/cases/${newCase}/transparency`);
    expect(res.statusCode, res.body).toBe(200);
    const exported = res.json();
    expect(exported.cases.map((c: { id: string }) => c.id)).toEqual([newCase]);
    expect(exported.person.cases.map((c: { id: string }) => c.id)).toEqual([newCase]);
    for (const secret of [oldCase, "Secret bas-rhinois", "Note du binôme bas-rhinois", "Bilan-Strasbourg.txt", "Rendez-vous à Strasbourg-Meinau", "BAS-RHIN-2021-AG", "Social Basrhin"]) {
      expect(res.body, secret).not.toContain(secret);
    }
    expect(JSON.stringify(exported.cases)).toContain("Note sociale creusoise");
    // The person learns that other records exist and whom to ask, without their content.
    expect(exported.withheld).toEqual([
      "1 autre accompagnement tenu par une autre organisation ou sous une autre convention : son contenu est à demander à l’organisation qui l’a suivi.",
    ]);
  });

  it("the person's record shown to the Creuse social worker lists the Creuse case only", async () => {
    const socialCreuse = await t.loginAs("social.creuse");
    const person = (await socialCreuse.get(`/api/job-seekers/${personId}`)).json();
    expect(person.cases.map((c: { id: string }) => c.id)).toEqual([newCase]);
  });

  it("the Bas-Rhin social worker's export of the old case leaves the Creuse case out", async () => {
    const socialBasRhin = await t.loginAs("social.basrhin");
    const res = await socialBasRhin.get(`/api/support/cases/${oldCase}/transparency`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cases.map((c: { id: string }) => c.id)).toEqual([oldCase]);
    expect(res.body).toContain("Secret bas-rhinois");
    expect(res.body).not.toContain("Note sociale creusoise");
    expect(res.body).not.toContain(newCase);
    // Nor does the search (the person is still theirs to find: they followed them) show the Creuse case.
    const found = (await socialBasRhin.get(`/api/job-seekers?q=${res.json().person.ftIdentifier}`)).json();
    expect(found.items.map((p: { id: string; openCase: unknown }) => [p.id, p.openCase])).toEqual([[personId, null]]);
    const creuse = (await (await t.loginAs("social.creuse")).get(`/api/job-seekers?q=${res.json().person.ftIdentifier}`)).json();
    expect(creuse.items[0].openCase).toEqual({ id: newCase, status: "oriented" });
  });
});

const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}@demo.tandem.fr`]))[0].id;
const personOf = async (caseId: string) =>
  (
    await t.db.query<{ first_name: string; last_name: string }>(
      "SELECT js.first_name, js.last_name FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE sc.id = $1",
      [caseId],
    )
  )[0];

describe("notifications show only what the user may read now", () => {
  it("a referent who may not read the case is told of the no-show without the person's name or the link", async () => {
    // The Creuse admin names a steering user as the département's global-support referent.
    const admin = await t.loginAs("admin.creuse");
    const org = admin.user!.organisation.id;
    expect((await admin.put(`/api/organisations/${org}/support-referents`, { userIds: [await userId("pilotage.creuse")] })).statusCode).toBe(200);
    const caseId = await buildSupportCase(t.db, { advisor: "conseiller.creuse", socialWorker: "social.creuse", jobSeekerCommune: "23096", rsa: true, entered: { monthsAgo: 0 } });
    const person = await personOf(caseId);
    const advisor = await t.loginAs("conseiller.creuse");
    const missed = await advisor.post(`/api/support/cases/${caseId}/appointments`, { kind: "social", scheduledOn: today, status: "missed" });
    expect(missed.statusCode, missed.body).toBe(200);

    const referent = await t.loginAs("pilotage.creuse");
    const res = await referent.get("/api/notifications");
    expect(res.statusCode).toBe(200);
    const [alert] = res.json().items.filter((n: { kind: string }) => n.kind === "no_show");
    expect(alert).toMatchObject({
      title: "Absence au premier rendez-vous social",
      body: "Le détail de cette notification ne vous est pas accessible : elle concerne un accompagnement que votre rôle ne permet pas de consulter.",
      link: null,
    });
    expect(res.body).not.toContain(person.last_name);
    expect(res.body).not.toContain(caseId);
  });

  it("reading one's notifications is in the audit trail", async () => {
    const social = await t.loginAs("social.creuse");
    const res = await social.get("/api/notifications");
    expect(res.statusCode).toBe(200);
    const events = await t.db.query<{ action: string; subject_type: string; subject_id: string; details: { items: number } }>(
      "SELECT action, subject_type, subject_id, details FROM audit_events WHERE actor_user_id = (SELECT id FROM users WHERE email = 'social.creuse@demo.tandem.fr') AND action = 'notifications.read'",
    );
    expect(events).toEqual([{ action: "notifications.read", subject_type: "user", subject_id: await userId("social.creuse"), details: { items: res.json().items.length, withheld: 0 } }]);
  });
});

describe("the daily digest asks the policy for each case of each recipient", () => {
  it("lists a social worker's cases while they may read them, keeps initials out of the e-mail, and stops when their role is withdrawn", async () => {
    // A social worker of the Creuse département, pair member of one case whose start deadline is near.
    const [creuse] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'cd-creuse'");
    await t.db.query(
      `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash)
       SELECT $1, 'social.ancienne@demo.tandem.fr', 'Ancienne', 'Sociale', ARRAY['social_worker'], password_hash FROM users WHERE email = 'social.creuse@demo.tandem.fr'`,
      [creuse.id],
    );
    const caseId = await buildSupportCase(t.db, { advisor: "conseiller.creuse", socialWorker: "social.ancienne", jobSeekerCommune: "23096", rsa: false });
    const person = await personOf(caseId);
    const initials = `${person.first_name[0]}. ${person.last_name[0]}.`;
    const deps = { db: t.db, mailer: createMailer(t.db, { from: "x@y.fr" }), publicUrl: "http://tandem.test" };
    const worker = await userId("social.ancienne");
    const digests = () => t.db.query<{ body: string }>("SELECT body FROM notifications WHERE user_id = $1 AND kind = 'daily_digest' ORDER BY created_at", [worker]);

    await sendDailyDigest(deps, today);
    const [first] = await digests();
    expect(first.body).toContain(`- ${initials} : `);
    expect(first.body).toContain(`http://tandem.test/accompagnements/${caseId}`);
    const [mail] = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = 'social.ancienne@demo.tandem.fr' AND subject LIKE 'Tandem — Échéances%'");
    expect(mail.body_text).toContain(`http://tandem.test/accompagnements/${caseId}`);
    expect(mail.body_text).not.toContain(initials);

    // The social worker becomes steering staff: the case is no longer theirs to read.
    await t.db.query("UPDATE users SET roles = ARRAY['steering'] WHERE id = $1", [worker]);
    const former = await t.loginAs("social.ancienne");
    const shown = (await former.get("/api/notifications")).json().items.find((n: { kind: string }) => n.kind === "daily_digest");
    expect(shown.body).not.toContain(initials);
    expect(shown.body).not.toContain(caseId);
    await sendDailyDigest(deps, today);
    expect(await digests()).toHaveLength(1);
  });
});
