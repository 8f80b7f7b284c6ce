import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { sendBookletNotices } from "./bookletNotices.js";
import { answerCandidacy, proposeCandidate } from "./pecCandidacies.js";
import { endContract, nameTutor, renewContract } from "./pecContracts.js";
import { postPecOffer } from "./pecOffers.js";

/** A year ahead: PEC contracts and immersions cannot start in the past, and the demo extends Rouen's convention to the end of the year after next. */
const Y = new Date().getFullYear() + 1;
/** The last day of February of the year after Y (the 29th only in a leap year). */
const endOfFebruaryAfterY = `${Y + 1}-02-${new Date(Date.UTC(Y + 1, 2, 0)).getUTCDate()}`;

/**
 * The PEC follow-up booklet (ADR 0038, 000 art. 3.1 a) on the demo's Rouen convention: milestones
 * written when the contract is created, links by e-mail that need no account, answered once, each
 * respondent blind to the other, the advisor seeing both only once both answered, a contact asked
 * for as a task, no job prospect at the last milestone proposing the pre-exit meeting.
 */
let t: TestApp;
let employer: RequestContext & { user: SessionUser };
let advisorCtx: RequestContext & { user: SessionUser };
let advisor: TestClient;
let contractId: string;
let secondContractId: string;
const TUTOR_EMAIL = "tuteur.livret@ville-rouen.test";
const EMPLOYEE_EMAIL = "salariee.livret@exemple.test";

async function ctxOf(email: string): Promise<RequestContext & { user: SessionUser }> {
  const [u] = await t.db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: SessionUser["roles"] }>(
    "SELECT id, email, first_name, last_name, organisation_id, roles FROM users WHERE email = $1",
    [email],
  );
  return { user: { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: u.roles }, requestId: "test", ip: "127.0.0.1" };
}
const deps = () => ({ mailer: t.deps.mailer, publicUrl: t.deps.config.publicUrl });

/** A Rouen contract through the PEC commands: offer, candidacy, acceptance, tutor. */
async function newContract(durationMonths: number, startsOn: string, ftIdentifier: string, tutorEmail: string): Promise<string> {
  const [{ id: cityId }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ville-rouen'");
  const [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'");
  const offer = await postPecOffer(t.db, deps(), employer, conventionId, {
    employerOrganisationId: cityId,
    title: "Agent d’entretien des espaces verts",
    skills: "Entretien des massifs, tonte",
    romeCodes: [],
    weeklyHours: 26,
    durationMonths,
    siteAddress: "Jardin des plantes, Rouen",
    wishedStartOn: startsOn,
  });
  const candidacy = await proposeCandidate(t.db, deps(), advisorCtx, offer.id, {
    ftIdentifier,
    diagnosis: "Projet professionnel dans les espaces verts, freins levés, besoin d’une première expérience.",
    proposal: "Candidate motivée",
  });
  const answer = await answerCandidacy(t.db, deps(), employer, candidacy.id, { answer: "accepted", startsOn });
  await nameTutor(t.db, employer, answer.contractId!, {
    name: "Paul Tuteur",
    email: tutorEmail,
    jobTitle: "Chef d’équipe espaces verts",
    isEmployee: true,
    volunteer: true,
    qualification: "CAP jardinier paysagiste",
    yearsExperience: 8,
    onSubsidisedContract: false,
    otherSubsidisedEmployees: 0,
  });
  return answer.contractId!;
}

const milestonesOf = (id: string) =>
  t.db.query<{ id: string; label: string; due_on: string; status: string; is_last: boolean }>(
    "SELECT id, label, due_on::text AS due_on, status, is_last FROM pec_booklet_milestones WHERE contract_id = $1 ORDER BY position",
    [id],
  );
const lastLinks = async (to: string, n = 1) =>
  (await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT $2", [to, n])).map(
    (e) => /\/livret\/([A-Za-z0-9_-]+)/.exec(e.body_text)?.[1] ?? null,
  );
/** Runs the daily job on a day; how many booklet e-mails the first contract's employee and tutor have received in all. */
async function sentAfter(day: string): Promise<number> {
  await sendBookletNotices(t.deps, day);
  return (await t.db.query("SELECT 1 FROM emails WHERE to_address IN ($1, $2)", [EMPLOYEE_EMAIL, TUTOR_EMAIL])).length;
}
const EMPLOYEE_ANSWERS = {
  commitments: "yes",
  evolution: "strong",
  skills: "in_progress",
  skillsComment: "J’apprends la taille des haies, confidentiel-salarie",
  training: "planned",
  jobProspect: "unknown",
  contact: "phone",
  contactWith: "alone",
};
const TUTOR_ANSWERS = { commitments: "yes", evolution: "some", skills: "in_progress", training: "planned", difficulties: "Retards, confidentiel-tuteur", jobProspect: "unknown", contact: "no" };

beforeAll(async () => {
  t = await createTestApp();
  employer = await ctxOf("agent.rouen@demo.tandem.fr");
  advisorCtx = await ctxOf("conseiller.rouen@demo.tandem.fr");
  advisor = await t.loginAs("conseiller.rouen");
  const people = await t.db.query<{ id: string; ft_identifier: string }>(
    `SELECT id, ft_identifier FROM job_seekers WHERE commune_insee = '76540' AND id NOT IN (SELECT job_seeker_id FROM pec_candidacies)
      ORDER BY ft_identifier LIMIT 2`,
  );
  await t.db.query("UPDATE job_seekers SET email = $2 WHERE id = $1", [people[0].id, EMPLOYEE_EMAIL]);
  await t.db.query("UPDATE job_seekers SET email = NULL WHERE id = $1", [people[1].id]);
  contractId = await newContract(12, `${Y}-01-05`, people[0].ft_identifier, TUTOR_EMAIL);
  secondContractId = await newContract(6, `${Y}-03-01`, people[1].ft_identifier, "tutrice.deux@ville-rouen.test");
}, 120_000);
afterAll(() => t.close());

describe("milestones follow the contract (ADR 0038)", () => {
  it("are written when the contract is created: month 1, month 6, month 9 of 12", async () => {
    expect((await milestonesOf(contractId)).map((m) => [m.label, m.due_on, m.status, m.is_last])).toEqual([
      ["1er mois du contrat", `${Y}-02-04`, "open", false],
      ["Mi-parcours", `${Y}-07-04`, "open", false],
      ["Aux ¾ du contrat", `${Y}-10-04`, "open", true],
    ]);
  });

  it("move with a renewal, and after an early end the later ones are cancelled", async () => {
    expect((await milestonesOf(secondContractId)).map((m) => m.due_on)).toEqual([`${Y}-03-31`, `${Y}-05-31`, `${Y}-07-16`]);
    await renewContract(t.db, employer, secondContractId, endOfFebruaryAfterY);
    expect((await milestonesOf(secondContractId)).map((m) => [m.due_on, m.status])).toEqual([
      [`${Y}-03-31`, "open"],
      [`${Y}-08-31`, "open"],
      [`${Y}-11-30`, "open"],
    ]);
    await endContract(t.db, employer, secondContractId, { exitOn: `${Y}-09-30`, outcome: "job" });
    expect((await milestonesOf(secondContractId)).map((m) => [m.due_on, m.status, m.is_last])).toEqual([
      [`${Y}-03-31`, "open", false],
      [`${Y}-08-31`, "open", true],
      [`${Y}-11-30`, "cancelled", false],
    ]);
  });
});

describe("links without an account", () => {
  let employeeToken: string;
  let tutorToken: string;

  it("a reminder 7 days before the due date, then the links on the due date, each sent once", async () => {
    expect(await sentAfter(`${Y}-01-27`)).toBe(0);
    expect(await sentAfter(`${Y}-01-28`)).toBe(2);
    expect(await sentAfter(`${Y}-01-28`)).toBe(2);
    expect(await lastLinks(EMPLOYEE_EMAIL)).toEqual([null]);
    expect(await sentAfter(`${Y}-02-04`)).toBe(4);
    expect(await sentAfter(`${Y}-02-04`)).toBe(4);
    [employeeToken] = (await lastLinks(EMPLOYEE_EMAIL)) as string[];
    [tutorToken] = (await lastLinks(TUTOR_EMAIL)) as string[];
    expect(employeeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the SHA-256 is kept.
    expect(await t.db.query("SELECT 1 FROM pec_booklet_tokens WHERE token_hash = $1", [employeeToken])).toEqual([]);
  });

  it("the page says who reads the answers, asks the questions worded for its respondent", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/session");
    const res = await anonymous.get(`/api/livret/${employeeToken}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.respondent).toBe("employee");
    expect(page.milestone).toEqual({ label: "1er mois du contrat", dueOn: `${Y}-02-04` });
    expect(page.whoSees).toContain("Votre tuteur et votre employeur ne les voient pas");
    expect(page.questions.find((q: { key: string }) => q.key === "contact").label).toBe("Souhaitez-vous être contacté·e par le conseiller ?");
  });

  it("bad answers change nothing and leave the link usable", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/session");
    const res = await anonymous.post(`/api/livret/${employeeToken}`, { answers: { ...EMPLOYEE_ANSWERS, evolution: "excellent", contactWith: undefined } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("PEC_BOOKLET_ANSWERS_INVALID");
    expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(["answers.evolution", "answers.contactWith"]);
    expect(await t.db.query("SELECT 1 FROM pec_booklet_answers")).toEqual([]);
    expect((await anonymous.get(`/api/livret/${employeeToken}`)).statusCode).toBe(200);
  });

  it("answers once: the link is then spent, and a contact asked for is a task of the referent advisor", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/session");
    expect((await anonymous.post(`/api/livret/${employeeToken}`, { answers: EMPLOYEE_ANSWERS })).statusCode).toBe(200);
    const again = await anonymous.post(`/api/livret/${employeeToken}`, { answers: EMPLOYEE_ANSWERS });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe("PEC_BOOKLET_LINK_INVALID");
    const reopened = await anonymous.get(`/api/livret/${employeeToken}`);
    expect(reopened.statusCode).toBe(410);
    expect(reopened.body).not.toContain("1er mois");
    const tasks = await t.db.query<{ respondent: string; contact_mode: string; contact_with: string; status: string; assignee_id: string }>(
      "SELECT respondent, contact_mode, contact_with, status, assignee_id FROM pec_booklet_tasks WHERE contract_id = $1",
      [contractId],
    );
    expect(tasks).toEqual([{ respondent: "employee", contact_mode: "phone", contact_with: "employee", status: "open", assignee_id: advisorCtx.user.id }]);
    const notes = await t.db.query<{ title: string }>("SELECT title FROM notifications WHERE user_id = $1 AND kind = 'pec_booklet_contact'", [advisorCtx.user.id]);
    expect(notes.map((n) => n.title)).toEqual(["Livret de suivi PEC : une prise de contact est demandée"]);
  });

  it("the advisor sees who has answered, not what, until both have", async () => {
    const res = await advisor.get(`/api/pec/contracts/${contractId}/booklet`);
    expect(res.statusCode).toBe(200);
    const first = res.json().milestones[0];
    expect(first.employeeAnsweredAt).not.toBeNull();
    expect(first.tutorAnsweredAt).toBeNull();
    expect(first.answers).toBeNull();
    expect(res.body).not.toContain("confidentiel-salarie");
  });

  it("the tutor's page shows nothing of the employee's answers", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/session");
    const page = await anonymous.get(`/api/livret/${tutorToken}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().respondent).toBe("tutor");
    expect(page.json().whoSees).toContain("Le salarié ne les voit pas");
    expect(page.body).not.toContain("confidentiel-salarie");
    expect((await anonymous.post(`/api/livret/${tutorToken}`, { answers: TUTOR_ANSWERS })).statusCode).toBe(200);
  });

  it("once both have answered, the advisor sees them side by side with their differences", async () => {
    const res = await advisor.get(`/api/pec/contracts/${contractId}/booklet`);
    const first = res.json().milestones[0];
    expect(first.answers.employee.skillsComment).toBe("J’apprends la taille des haies, confidentiel-salarie");
    expect(first.answers.tutor.difficulties).toBe("Retards, confidentiel-tuteur");
    expect(first.answers.differences).toEqual(["evolution"]);
    const [event] = await t.db.query<{ details: { answersShown: string[] } }>(
      "SELECT details FROM audit_events WHERE action = 'pec.booklet.read' ORDER BY occurred_at DESC LIMIT 1",
    );
    expect(event.details.answersShown).toEqual([first.id]);
  });

  it("the employer sees the milestones and who answered, never the answers nor the tasks", async () => {
    const city = await t.loginAs("agent.rouen");
    const res = await city.get(`/api/pec/contracts/${contractId}/booklet`);
    expect(res.statusCode).toBe(200);
    expect(res.json().canFollow).toBe(false);
    expect(res.json().milestones[0].answers).toBeNull();
    expect(res.json().milestones[0].tutorAnsweredAt).not.toBeNull();
    expect(res.json().tasks).toEqual([]);
    expect(res.body).not.toContain("confidentiel");
    expect((await city.post(`/api/pec/contracts/${contractId}/pre-exit/schedule`, { scheduledOn: `${Y}-12-01` })).statusCode).toBe(403);
  });

  it("another organisation's user learns nothing", async () => {
    const other = await t.loginAs("conseiller.creuse");
    const res = await other.get(`/api/pec/contracts/${contractId}/booklet`);
    expect(res.statusCode).toBe(404);
    const [task] = await t.db.query<{ id: string }>("SELECT id FROM pec_booklet_tasks WHERE contract_id = $1", [contractId]);
    expect((await other.post(`/api/pec/booklet-tasks/${task.id}/done`, {})).statusCode).toBe(404);
  });

  it("the advisor records the contact done, once", async () => {
    const [task] = await t.db.query<{ id: string }>("SELECT id FROM pec_booklet_tasks WHERE contract_id = $1", [contractId]);
    expect((await advisor.post(`/api/pec/booklet-tasks/${task.id}/done`, { note: "Appelée le 5 février" })).statusCode).toBe(200);
    const again = await advisor.post(`/api/pec/booklet-tasks/${task.id}/done`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("PEC_BOOKLET_TASK_DONE");
  });

  it("an expired link opens nothing", async () => {
    expect(await sentAfter(`${Y}-07-04`)).toBe(6);
    // The employee of the second contract has no e-mail: the tutor is still told of its first milestone.
    expect((await t.db.query("SELECT 1 FROM emails WHERE to_address = 'tutrice.deux@ville-rouen.test'")).length).toBe(1);
    const [token] = (await lastLinks(EMPLOYEE_EMAIL)) as string[];
    await t.db.query("UPDATE pec_booklet_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL AND respondent = 'employee'");
    const anonymous = t.client();
    await anonymous.get("/api/session");
    const res = await anonymous.get(`/api/livret/${token}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.message).toContain("Ce lien n’est plus valable");
  });

  it("the reminder after the due date goes once to who has not answered, with a new link", async () => {
    expect(await sentAfter(`${Y}-07-10`)).toBe(6);
    expect(await sentAfter(`${Y}-07-11`)).toBe(8);
    expect(await sentAfter(`${Y}-07-11`)).toBe(8);
    expect(await sentAfter(`${Y}-07-20`)).toBe(8);
    const [token] = (await lastLinks(EMPLOYEE_EMAIL)) as string[];
    const anonymous = t.client();
    await anonymous.get("/api/session");
    expect((await anonymous.get(`/api/livret/${token}`)).json().milestone.label).toBe("Mi-parcours");
  });
});

describe("the pre-exit meeting (000 art. 3.1 a)", () => {
  it("is proposed when the last milestone's answers show no job prospect, then scheduled and held", async () => {
    expect(await sentAfter(`${Y}-10-04`)).toBe(10);
    const [employeeToken] = (await lastLinks(EMPLOYEE_EMAIL)) as string[];
    const [tutorToken] = (await lastLinks(TUTOR_EMAIL)) as string[];
    const anonymous = t.client();
    await anonymous.get("/api/session");
    expect((await anonymous.post(`/api/livret/${employeeToken}`, { answers: { ...EMPLOYEE_ANSWERS, jobProspect: "no", contact: "no", contactWith: undefined } })).statusCode).toBe(200);
    // One answer is not enough: the advisor reads nothing before both.
    expect(await t.db.query("SELECT 1 FROM pec_pre_exit_meetings WHERE contract_id = $1", [contractId])).toEqual([]);
    expect((await anonymous.post(`/api/livret/${tutorToken}`, { answers: { ...TUTOR_ANSWERS, jobProspect: "unknown" } })).statusCode).toBe(200);
    let booklet = (await advisor.get(`/api/pec/contracts/${contractId}/booklet`)).json();
    expect(booklet.preExit).toMatchObject({ scheduledOn: null, heldOn: null });

    const late = await advisor.post(`/api/pec/contracts/${contractId}/pre-exit/schedule`, { scheduledOn: `${Y + 1}-01-05` });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details.issues[0].path).toBe("scheduledOn");
    const notScheduled = await advisor.post(`/api/pec/contracts/${contractId}/pre-exit/held`, { heldOn: "2026-11-30" });
    expect(notScheduled.json().error.code).toBe("PEC_PRE_EXIT_NOT_SCHEDULED");
    expect((await advisor.post(`/api/pec/contracts/${contractId}/pre-exit/schedule`, { scheduledOn: `${Y}-12-01` })).statusCode).toBe(200);
    const future = await advisor.post(`/api/pec/contracts/${contractId}/pre-exit/held`, { heldOn: "2099-01-01" });
    expect(future.statusCode).toBe(400);
    booklet = (await advisor.get(`/api/pec/contracts/${contractId}/booklet`)).json();
    expect(booklet.preExit).toMatchObject({ scheduledOn: `${Y}-12-01`, heldOn: null });
    const today = parisToday();
    expect((await advisor.post(`/api/pec/contracts/${contractId}/pre-exit/held`, { heldOn: today, note: "Recherche active, formation CACES envisagée" })).statusCode).toBe(200);
    booklet = (await advisor.get(`/api/pec/contracts/${contractId}/booklet`)).json();
    expect(booklet.preExit).toMatchObject({ scheduledOn: `${Y}-12-01`, heldOn: today, note: "Recherche active, formation CACES envisagée" });
    expect((await advisor.post(`/api/pec/contracts/${contractId}/pre-exit/held`, { heldOn: today })).json().error.code).toBe("PEC_PRE_EXIT_HELD");
  });
});

describe("an employee without an e-mail address", () => {
  it("the referent advisor is told once on the milestone's day, and hands over a link created on the contract's booklet", async () => {
    const advisorId = advisorCtx.user.id;
    const told = () =>
      t.db.query<{ title: string; body: string }>("SELECT title, body FROM notifications WHERE user_id = $1 AND kind = 'pec_booklet_no_email' ORDER BY created_at", [advisorId]);
    // The daily runs above (up to 4 October) reached the second contract's open milestones: its employee has no e-mail.
    await sendBookletNotices(t.deps, `${Y}-10-04`);
    const notices = await told();
    expect(notices.map((n) => n.title)).toEqual(["Livret de suivi PEC : lien à remettre au salarié", "Livret de suivi PEC : lien à remettre au salarié"]);
    expect(notices[0].body).toContain(`Le livret « 1er mois du contrat » du contrat « Agent d’entretien des espaces verts » (Ville de Rouen) est à renseigner le 31/03/${Y}`);
    expect(notices[1].body).toContain(`Le livret « Mi-parcours » du contrat « Agent d’entretien des espaces verts » (Ville de Rouen) est à renseigner le 31/08/${Y}`);
    expect(await t.db.query("SELECT 1 FROM emails WHERE to_address IS NULL OR to_address = ''")).toEqual([]);

    const city = await t.loginAs("agent.rouen");
    expect((await advisor.get(`/api/pec/contracts/${secondContractId}/booklet`)).json().employeeHasEmail).toBe(false);
    expect((await advisor.get(`/api/pec/contracts/${contractId}/booklet`)).json().employeeHasEmail).toBe(true);
    expect((await city.get(`/api/pec/contracts/${secondContractId}/booklet`)).json().employeeHasEmail).toBeNull();

    const [first, , cancelled] = await milestonesOf(secondContractId);
    const url = `/api/pec/contracts/${secondContractId}/booklet/milestones/${first.id}/link`;
    expect((await city.post(url, { respondent: "employee" })).json().error.code).toBe("PEC_BOOKLET_FORBIDDEN");
    expect((await (await t.loginAs("agent.creuse")).post(url, { respondent: "employee" })).statusCode).toBe(404);
    expect((await advisor.post(`/api/pec/contracts/${secondContractId}/booklet/milestones/${cancelled.id}/link`, { respondent: "employee" })).json().error.code).toBe(
      "PEC_BOOKLET_MILESTONE_CLOSED",
    );
    expect((await advisor.post(`/api/pec/contracts/${contractId}/booklet/milestones/${first.id}/link`, { respondent: "employee" })).statusCode).toBe(404);

    const handed = await advisor.post(url, { respondent: "employee" });
    expect(handed.statusCode, handed.body).toBe(200);
    const token = /\/livret\/([A-Za-z0-9_-]{43})$/.exec(handed.json().url)?.[1];
    expect(token).toBeDefined();
    const page = await t.client().get(`/api/livret/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().milestone).toEqual({ label: "1er mois du contrat", dueOn: `${Y}-03-31` });
    const [event] = await t.db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_events WHERE action = 'pec.booklet.link_handed' AND subject_id = $1", [secondContractId]);
    expect(event.details).toMatchObject({ milestoneId: first.id, respondent: "employee" });
    expect(JSON.stringify(event.details)).not.toContain(token as string);
    // Valid 30 days (ADR 0038), the day given in Paris.
    expect(handed.json().expiresOn).toBe(addDays(parisToday(), 30));
  });

  it("an address recorded afterwards gets the invitations the advisor's notices stood in for", async () => {
    await t.db.query("UPDATE job_seekers SET email = 'salarie.deux@exemple.test' WHERE id = (SELECT job_seeker_id FROM pec_contracts WHERE id = $1)", [secondContractId]);
    await sendBookletNotices(t.deps, `${Y}-10-05`);
    const mails = await t.db.query<{ subject: string }>("SELECT subject FROM emails WHERE to_address = 'salarie.deux@exemple.test' ORDER BY subject");
    expect(mails.map((m) => m.subject)).toEqual(["Tandem — Livret de suivi : « 1er mois du contrat » à renseigner", "Tandem — Livret de suivi : « Mi-parcours » à renseigner"]);
  });
});
