import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createMailer } from "../platform/mail.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { sendDailyDigest } from "./sendDailyDigest.js";

let t: TestApp;
const today = parisToday();
const review = { kind: "review", reviewId: null, reviewedOn: today };

beforeAll(async () => {
  t = await createTestApp();
  // The demo runs the global-support conventions to the end of the year after next; a Creuse support entered
  // today and renewed (12 + 6 months) may run past it, which is refused (ADR 0024): here they run
  // three years longer, so that the walk below holds whatever the day the suite runs.
  await t.db.query("UPDATE conventions SET ends_on = (ends_on + interval '3 years')::date");
});
afterAll(() => t.close());

const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}@demo.tandem.fr`]))[0].id;

/** A person of the territory who has never been oriented. */
async function freshPerson(commune: string, rsa: boolean) {
  const [p] = await t.db.query<{ id: string; last_name: string; first_name: string; ft_identifier: string }>(
    `SELECT id, last_name, first_name, ft_identifier FROM job_seekers js WHERE commune_insee = $1 AND ('RSA' = ANY(benefits)) = $2
        AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) ORDER BY ft_identifier DESC LIMIT 1`,
    [commune, rsa],
  );
  return p;
}

/** Orients, then consent, pair, shared diagnosis; returns the case id. */
async function orientAndPrepare(orienter: TestClient, pro: TestClient, opts: { commune: string; advisor: string; socialWorker: string; rsa?: boolean }) {
  const person = await freshPerson(opts.commune, opts.rsa ?? true);
  const oriented = await orienter.post("/api/support/cases", {
    jobSeekerId: person.id,
    origin: "departement_social_service",
    barriers: [{ code: "housing" }, { code: "no_qualification" }],
    note: "Orientation suite à l’instruction du RSA.",
  });
  expect(oriented.statusCode, oriented.body).toBe(201);
  const id = oriented.json().id;
  expect((await pro.post(`/api/support/cases/${id}/consent`, { givenOn: today, method: "in_person" })).statusCode).toBe(200);
  const paired = await pro.post(`/api/support/cases/${id}/pair`, { advisorId: await userId(opts.advisor), socialWorkerId: await userId(opts.socialWorker) });
  expect(paired.statusCode, paired.body).toBe(200);
  const diagnosed = await pro.post(`/api/support/cases/${id}/diagnosis`, { kind: "shared", on: today });
  expect(diagnosed.statusCode, diagnosed.body).toBe(200);
  return { id, person };
}

describe.each([
  { territory: "Creuse", orienter: "orienteur.creuse", advisor: "conseiller.creuse", socialWorker: "social.creuse", commune: "23096", article: "001 art. 2.2", months: 12 },
  { territory: "Bas-Rhin", orienter: "social.strasbourg", advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", commune: "67482", article: "002 art. 2 g)", months: 6 },
])("global support in $territory, through the API", ({ orienter, advisor, socialWorker, commune, article, months }) => {
  it("orientation → diagnosis → entry at the review → missed first appointment → renewal once → exit", async () => {
    const o = await t.loginAs(orienter);
    const a = await t.loginAs(advisor);
    const person = await freshPerson(commune, true);

    const found = (await o.get(`/api/job-seekers?q=${encodeURIComponent(person.ft_identifier)}`)).json();
    expect(found.items.map((p: { id: string }) => p.id)).toEqual([person.id]);

    const oriented = await o.post("/api/support/cases", { jobSeekerId: person.id, origin: "pf1", barriers: [{ code: "housing" }, { code: "mobility" }] });
    expect(oriented.statusCode, oriented.body).toBe(201);
    const c = oriented.json();
    expect(c).toMatchObject({ status: "oriented", originLabel: "Plateforme d’orientation des entrants au RSA (PF1)" });
    expect(c.nextDeadline.kind).toBe("start");
    expect(c.entryGaps).toContain("Le consentement de la personne (date et manière de le recueillir) n’est pas enregistré.");
    expect((await o.post("/api/support/cases", { jobSeekerId: person.id, origin: "pf1" })).json().error.code).toBe("SUPPORT_ALREADY_OPEN");

    const candidates = (await a.get(`/api/support/cases/${c.id}/pair-candidates`)).json();
    expect(candidates.advisors.map((p: { id: string }) => p.id)).toContain(await userId(advisor));
    expect(candidates.socialWorkers.map((p: { id: string }) => p.id)).toContain(await userId(socialWorker));
    expect(candidates.advisors[0].activeCases).toEqual(expect.any(Number));

    const base = `/api/support/cases/${c.id}`;
    await a.post(`${base}/consent`, { givenOn: today, method: "written" });
    await a.post(`${base}/pair`, { advisorId: await userId(advisor), socialWorkerId: await userId(socialWorker) });
    const shared = await a.post(`${base}/diagnosis`, { kind: "shared", on: today });
    expect(shared.statusCode).toBe(409);
    expect(shared.json().error.code).toBe("DIAGNOSIS_TRUST_REQUIRED");
    expect((await a.post(`${base}/diagnosis`, { kind: "trust", on: today })).json().status).toBe("diagnosed");

    const direct = await a.post(`${base}/entry`, { on: today, source: { kind: "pair" } });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().error).toMatchObject({ code: "ENTRY_REQUIRES_REVIEW" });
    expect(direct.json().error.message).toMatch(/revue de portefeuille mensuelle/);

    expect((await a.post(`${base}/submission`, {})).json().status).toBe("awaiting_entry");
    const entered = (await a.post(`${base}/entry`, { on: today, source: review })).json();
    expect(entered.status).toBe("active");
    expect(entered.nextDeadline.kind).toBe("first_appointments");
    expect(entered.convention.terms.initialMonths).toBe(months);

    const missed = await a.post(`${base}/appointments`, { kind: "professional", scheduledOn: today, status: "missed" });
    expect(missed.statusCode, missed.body).toBe(200);
    const alerts = (await o.get("/api/notifications")).json();
    expect(alerts.items[0]).toMatchObject({ kind: "no_show", title: "Absence au premier rendez-vous professionnel", link: `/accompagnements/${c.id}` });
    const [mail] = await t.db.query<{ to_address: string; body_text: string }>(
      "SELECT to_address, body_text FROM emails WHERE subject LIKE '%Absence au premier%' ORDER BY created_at DESC LIMIT 1",
    );
    expect(mail.to_address).toBe(`${orienter}@demo.tandem.fr`);
    expect(mail.body_text).not.toContain(person.last_name);
    expect(mail.body_text).toContain(`/accompagnements/${c.id}`);

    expect((await a.post(`${base}/renewal`, { on: today })).json().renewalsUsed).toBe(1);
    const second = await a.post(`${base}/renewal`, { on: today });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("RENEWAL_LIMIT_REACHED");
    expect(second.json().error.message).toContain(article);

    const exited = (await a.post(`${base}/exit`, { on: today, type: "training", source: review })).json();
    expect(exited).toMatchObject({ status: "exited", exitType: "training" });
    expect(exited.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      "oriented",
      "consent",
      "pair_assigned",
      "diagnosis",
      "entry_submitted",
      "entered",
      "appointment_missed",
      "renewed",
      "exited",
    ]);
    expect(exited.timeline.find((e: { kind: string }) => e.kind === "entered").source).toEqual(review);
  });
});

describe("rules refused with 409 and their wording", () => {
  it("exiting a case never started; entering without consent; a pair of two advisors", async () => {
    const o = await t.loginAs("orienteur.creuse");
    const a = await t.loginAs("conseiller.creuse");
    const person = await freshPerson("23096", false);
    const id = (await o.post("/api/support/cases", { jobSeekerId: person.id, origin: "france_travail", barriers: [{ code: "housing" }, { code: "mobility" }] })).json().id;
    const exit = await a.post(`/api/support/cases/${id}/exit`, { on: today, type: "drop_out" });
    expect(exit.statusCode).toBe(409);
    expect(exit.json().error.code).toBe("EXIT_BEFORE_ENTRY");

    const twoAdvisors = await a.post(`/api/support/cases/${id}/pair`, { advisorId: await userId("conseiller.creuse"), socialWorkerId: await userId("conseiller.creuse") });
    expect(twoAdvisors.statusCode).toBe(409);
    expect(twoAdvisors.json().error.code).toBe("PAIR_NEEDS_SOCIAL_WORKER");

    await a.post(`/api/support/cases/${id}/pair`, { advisorId: await userId("conseiller.creuse"), socialWorkerId: await userId("social.creuse") });
    await a.post(`/api/support/cases/${id}/diagnosis`, { kind: "shared", on: today });
    const entry = await a.post(`/api/support/cases/${id}/entry`, { on: today, source: review });
    expect(entry.statusCode).toBe(409);
    expect(entry.json().error).toEqual({
      code: "ENTRY_NOT_ELIGIBLE",
      message: "Conditions d’éligibilité non remplies [002 art. 2 b)] : le consentement de la personne (date et manière de le recueillir) n’est pas enregistré.",
      details: { missing: [{ code: "NO_CONSENT", message: "Le consentement de la personne (date et manière de le recueillir) n’est pas enregistré." }] },
    });
  });

  it("a barrier outside the lists counts once both professionals agreed", async () => {
    const o = await t.loginAs("orienteur.creuse");
    const a = await t.loginAs("conseiller.creuse");
    const person = await freshPerson("23096", true);
    const c = (await o.post("/api/support/cases", { jobSeekerId: person.id, origin: "france_travail", barriers: [{ code: "mobility" }, { code: "other", category: "social", label: "Addiction" }] })).json();
    expect(c.eligibility.missing.map((m: { code: string }) => m.code)).toEqual(["NO_SOCIAL_BARRIER", "NO_CONSENT"]);
    const other = c.barriers.find((b: { code: string }) => b.code === "other");
    const admitted = (await a.patch(`/api/support/cases/${c.id}/barriers/${other.id}`, { jointDecisionOn: today })).json();
    expect(admitted.eligibility.missing.map((m: { code: string }) => m.code)).toEqual(["NO_CONSENT"]);
    expect(admitted.timeline.at(-1).label).toBe("Frein admis par décision commune : Addiction");
  });
});

describe("who may see what", () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await orientAndPrepare(await t.loginAs("social.strasbourg"), await t.loginAs("conseiller.basrhin"), {
      commune: "67482",
      advisor: "conseiller.basrhin",
      socialWorker: "social.strasbourg",
    })).id;
  });

  it("a social worker of another département does not reach a Bas-Rhin case", async () => {
    const creuse = await t.loginAs("social.creuse");
    for (const res of [await creuse.get(`/api/support/cases/${caseId}`), await creuse.post(`/api/support/cases/${caseId}/consent`, { givenOn: today, method: "phone" })]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("SUPPORT_CASE_NOT_FOUND");
    }
    const person = (await t.db.query<{ job_seeker_id: string }>("SELECT job_seeker_id FROM support_cases WHERE id = $1", [caseId]))[0].job_seeker_id;
    expect((await creuse.get(`/api/job-seekers/${person}`)).statusCode).toBe(404);
  });

  it("a city whose convention does not run global support is refused everything", async () => {
    for (const local of ["agent.metz", "social.metz"]) {
      const metz = await t.loginAs(local);
      const portfolio = await metz.get("/api/support/portfolio");
      expect(portfolio.statusCode).toBe(403);
      expect(portfolio.json().error.code).toBe("NO_GLOBAL_SUPPORT_CONVENTION");
      expect((await metz.get("/api/job-seekers?q=martin")).statusCode).toBe(403);
      expect((await metz.get("/api/support/conventions")).statusCode).toBe(403);
      expect([403, 404]).toContain((await metz.get(`/api/support/cases/${caseId}`)).statusCode);
      const person = await freshPerson("57463", true);
      const orient = await metz.post("/api/support/cases", { jobSeekerId: person.id, origin: "city_social_service" });
      expect(orient.statusCode).toBe(403);
      expect(orient.json().error.code).toBe("NO_GLOBAL_SUPPORT_CONVENTION");
    }
  });

  it("an advisor never receives a social note, nor may write one; the social worker does", async () => {
    const social = await t.loginAs("social.strasbourg");
    const advisor = await t.loginAs("conseiller.basrhin");
    await social.post(`/api/support/cases/${caseId}/notes`, { visibility: "social", body: "Violences conjugales : mise à l’abri en cours." });
    await advisor.post(`/api/support/cases/${caseId}/notes`, { visibility: "employment", body: "Piste : CACES en juin." });
    await social.post(`/api/support/cases/${caseId}/notes`, { visibility: "pair", body: "Premier entretien commun le 12." });

    const seenByAdvisor = await advisor.get(`/api/support/cases/${caseId}`);
    expect(seenByAdvisor.body).not.toContain("Violences");
    expect(seenByAdvisor.json().notes.map((n: { visibility: string }) => n.visibility).sort()).toEqual(["employment", "pair", "pair"]);
    expect(seenByAdvisor.json().can.writeNoteVisibilities).toEqual(["pair", "employment"]);
    const seenBySocial = (await social.get(`/api/support/cases/${caseId}`)).json();
    expect(seenBySocial.notes.map((n: { visibility: string }) => n.visibility).sort()).toEqual(["pair", "pair", "social"]);

    const write = await advisor.post(`/api/support/cases/${caseId}/notes`, { visibility: "social", body: "x" });
    expect(write.statusCode).toBe(403);

    const exported = await advisor.get(`/api/support/cases/${caseId}/transparency`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain("Violences");
    expect(exported.json().withheld).toEqual(["1 note(s) sociale(s) couvertes par le secret professionnel : à remettre par le travailleur social."]);
    const full = (await social.get(`/api/support/cases/${caseId}/transparency`)).json();
    expect(JSON.stringify(full)).toContain("Violences");
    expect(full.person.ftIdentifier).toEqual(expect.any(String));
  });

  it("a partner agent of a territory that runs global support is still refused: the programme is for the pair and the orienters", async () => {
    const agent = await t.loginAs("agent.creuse");
    const res = await agent.get("/api/support/portfolio");
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
  });

  it("an orienter follows the case but does not act on it, nor read notes", async () => {
    const o = await t.loginAs("orienteur.creuse");
    const a = await t.loginAs("conseiller.creuse");
    const { id } = await orientAndPrepare(o, a, { commune: "23096", advisor: "conseiller.creuse", socialWorker: "social.creuse" });
    const view = (await o.get(`/api/support/cases/${id}`)).json();
    expect(view.notes).toEqual([]);
    expect(view.can.work).toBe(false);
    expect((await o.post(`/api/support/cases/${id}/consent`, { givenOn: today, method: "phone" })).statusCode).toBe(403);
  });

  it("every read of a case is in the audit trail", async () => {
    await (await t.loginAs("conseiller.basrhin")).get(`/api/support/cases/${caseId}`);
    const [e] = await t.db.query<{ actor_email: string }>(
      "SELECT (SELECT email FROM users WHERE users.id = actor_user_id) AS actor_email FROM audit_events WHERE action = 'support.case_read' AND subject_id = $1 ORDER BY id DESC LIMIT 1",
      [caseId],
    );
    expect(e.actor_email).toBe("conseiller.basrhin@demo.tandem.fr");
  });
});

describe("job seekers", () => {
  it("searches by name without accents or order, within the user's territory only", async () => {
    const o = await t.loginAs("orienteur.creuse");
    const [p] = await t.db.query<{ id: string; first_name: string; last_name: string }>(
      "SELECT id, first_name, last_name FROM job_seekers WHERE commune_insee LIKE '23%' AND first_name LIKE '%é%' LIMIT 1",
    );
    const q = `${p.first_name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()} ${p.last_name.toUpperCase()}`;
    const res = (await o.get(`/api/job-seekers?q=${encodeURIComponent(q)}&pageSize=200`)).json();
    expect(res.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect(res.items.every((i: { communeInsee: string }) => i.communeInsee.startsWith("23"))).toBe(true);
    expect((await o.get("/api/job-seekers?q=a")).statusCode).toBe(400);
  });

  it("catches duplicates on the identifier and on name + birth date", async () => {
    const o = await t.loginAs("orienteur.creuse");
    const [p] = await t.db.query<{ ft_identifier: string; first_name: string; last_name: string; birth_date: string }>(
      "SELECT ft_identifier, first_name, last_name, birth_date FROM job_seekers WHERE last_name = 'André' LIMIT 1",
    );
    const person = { firstName: "Nouvelle", lastName: "Personne", birthDate: "1990-05-04", communeInsee: "23096", registeredAt: "2026-01-05", benefits: ["RSA"] };
    const created = await o.post("/api/job-seekers", { ...person, ftIdentifier: "9900001Z" });
    expect(created.statusCode, created.body).toBe(201);
    const sameId = await o.post("/api/job-seekers", { ...person, firstName: "Autre", ftIdentifier: "9900001z" });
    expect(sameId.json().error.code).toBe("JOB_SEEKER_DUPLICATE");
    const sameIdentity = await o.post("/api/job-seekers", { ...person, firstName: p.first_name.toUpperCase(), lastName: "andre", birthDate: p.birth_date, ftIdentifier: "9900002Z" });
    expect(sameIdentity.statusCode).toBe(409);
    expect(sameIdentity.json().error.message).toMatch(/même nom, prénom et date de naissance/);
    const outside = await o.post("/api/job-seekers", { ...person, firstName: "Loin", communeInsee: "67482", ftIdentifier: "9900003Z" });
    expect(outside.statusCode).toBe(403);
    const updated = await o.patch(`/api/job-seekers/${created.json().id}`, { phone: "05 55 00 00 00", qpv: true, deregisteredOn: today });
    expect(updated.json()).toMatchObject({ phone: "05 55 00 00 00", qpv: true, deregisteredOn: today });
  });
});

describe("Mon portefeuille and the daily digest", () => {
  it("lists my open cases by urgency, filters in SQL, and shows my load against the convention's target", async () => {
    const a = await t.loginAs("conseiller.basrhin");
    const page = (await a.get("/api/support/portfolio?pageSize=200")).json();
    expect(page.total).toBeGreaterThan(5);
    const dues = page.items.map((i: { nextDeadline: { dueOn: string } | null }) => i.nextDeadline?.dueOn ?? "9999");
    expect(dues).toEqual([...dues].sort());
    expect(page.load).toMatchObject({ target: 70 });
    expect(page.load.targetSource).toContain("002 art. 3.2");
    expect(page.load.active).toBeGreaterThan(0);
    const rsa = (await a.get("/api/support/portfolio?rsa=true&pageSize=200")).json();
    expect(rsa.items.length).toBeGreaterThan(0);
    expect(rsa.items.every((i: { person: { rsa: boolean } }) => i.person.rsa)).toBe(true);
    const social = (await a.get("/api/support/portfolio?status=social_only")).json();
    expect(social.items.map((i: { status: string }) => i.status)).toEqual(["social_only"]);
    const housing = (await a.get("/api/support/portfolio?barrier=housing&pageSize=200")).json();
    expect(housing.total).toBeGreaterThan(0);
    expect(housing.total).toBeLessThan(page.total);
    const creuseTarget = (await (await t.loginAs("conseiller.creuse")).get("/api/support/portfolio")).json().load;
    expect(creuseTarget.target).toBeNull();
  });

  it("sends each pair member one digest of the deadlines due soon or overdue", async () => {
    const mailer = createMailer(t.db, { from: "x@y.fr" });
    const users = await sendDailyDigest({ db: t.db, mailer, publicUrl: "http://tandem.test" }, today);
    expect(users).toBeGreaterThan(0);
    const a = await t.loginAs("conseiller.creuse");
    const digest = (await a.get("/api/notifications")).json().items.find((n: { kind: string }) => n.kind === "daily_digest");
    expect(digest.title).toMatch(/^Échéances du /);
    expect(digest.body).toMatch(/http:\/\/tandem\.test\/accompagnements\//);
    expect((await a.post(`/api/notifications/${digest.id}/read`)).statusCode).toBe(200);
    expect((await (await t.loginAs("conseiller.basrhin")).post(`/api/notifications/${digest.id}/read`)).statusCode).toBe(404);
  });
});
