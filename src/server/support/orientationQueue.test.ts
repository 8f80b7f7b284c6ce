import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * « Orientations à attribuer »: a person oriented by an orienter reaches the professionals who
 * take it up — told by a notification whose link opens for each of them, listed in their queue
 * (per side, per organisation in reach) — and once both sides are taken up the pair is chosen and
 * the case is in both portfolios. Two advisors taking the same case at once: one wins.
 */
let t: TestApp;
const today = parisToday();
const DOMAIN = "@demo.tandem.fr";
const onServer = Boolean(process.env.DATABASE_URL);

type QueueItem = { id: string; person: { name: string }; missing: string[]; ageDays: number; startDueOn: string; urgency: string; advisor: string | null; socialWorker: string | null };
const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}${DOMAIN}`]))[0].id;
const queueOf = async (c: TestClient) => {
  const res = await c.get("/api/support/queue?pageSize=200");
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: QueueItem[]; total: number; sides: string[] };
};
const portfolioIds = async (c: TestClient) => ((await c.get("/api/support/portfolio?pageSize=200")).json().items as { id: string }[]).map((i) => i.id);

/** A person of the commune never oriented yet. */
async function freshPerson(commune: string, exclude: string[] = []) {
  const [p] = await t.db.query<{ id: string; name: string }>(
    `SELECT id, last_name || ' ' || first_name AS name FROM job_seekers js WHERE commune_insee LIKE $1 AND NOT (id = ANY($2::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) ORDER BY ft_identifier LIMIT 1`,
    [commune, exclude],
  );
  expect(p, `personne libre à ${commune}`).toBeDefined();
  return p;
}

/** A second advisor of the Creuse agency, with the demo password (copied hash). */
async function secondAdvisor(local: string) {
  await t.db.query(
    `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash)
     SELECT organisation_id, $1, 'Second', 'Conseiller', roles, password_hash FROM users WHERE email = $2`,
    [`${local}${DOMAIN}`, `conseiller.creuse${DOMAIN}`],
  );
  return t.loginAs(local);
}

let orienter: TestClient;
let advisor: TestClient;
let socialWorker: TestClient;
let otherAdvisor: TestClient;
let creuseCase: string;
let creusePerson: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  await t.db.query("DELETE FROM emails");
  orienter = await t.loginAs("orienteur.creuse");
  advisor = await t.loginAs("conseiller.creuse");
  socialWorker = await t.loginAs("social.creuse");
  otherAdvisor = await secondAdvisor("conseiller2.creuse");
  creusePerson = await freshPerson("23%");
  // Oriented with no barrier at all: nothing stops it being taken up, the barriers come later.
  const oriented = await orienter.post("/api/support/cases", { jobSeekerId: creusePerson.id, origin: "departement_social_service" });
  expect(oriented.statusCode, oriented.body).toBe(201);
  creuseCase = oriented.json().id;
}, 240_000);
afterAll(() => t?.close());

describe("a new orientation reaches the people who take it up", () => {
  it("notifies the professionals of each side in reach, with a link that opens for each, and names no one by e-mail", async () => {
    const told = await t.db.query<{ email: string; title: string; body: string; link: string | null }>(
      `SELECT u.email, n.title, n.body, n.link FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.case_id = $1 AND n.kind = 'case_to_take_up' ORDER BY u.email`,
      [creuseCase],
    );
    expect(told.map((n) => n.email)).toEqual([`conseiller.creuse${DOMAIN}`, `conseiller2.creuse${DOMAIN}`, `social.creuse${DOMAIN}`]);
    for (const n of told) {
      expect(n.title).toBe("Nouvelle orientation à prendre en charge");
      expect(n.link).toBe(`/accompagnements/${creuseCase}`);
      expect(n.body).not.toContain(creusePerson.name.split(" ")[0]);
      const recipient = await t.loginAs(n.email.replace(DOMAIN, ""));
      expect((await recipient.get(`/api/support/cases/${creuseCase}`)).statusCode, n.email).toBe(200);
    }
    expect(told.find((n) => n.email.startsWith("conseiller."))!.body).toContain(`Démarrage attendu au plus tard le ${addDays(today, 21).split("-").reverse().join("/")}`);
    const mails = await t.db.query<{ to_address: string; body_text: string }>("SELECT to_address, body_text FROM emails WHERE subject = 'Tandem — Nouvelle orientation à prendre en charge'");
    expect(mails.map((m) => m.to_address).sort()).toEqual(told.map((n) => n.email));
    for (const m of mails) {
      for (const word of creusePerson.name.split(" ")) expect(m.body_text).not.toContain(word);
      expect(m.body_text).toContain(`/accompagnements/${creuseCase}`);
    }
  });

  it("tells an organisation's designated referents only, when it named some", async () => {
    const admin = await t.loginAs("admin.ft-creuse");
    const [agency] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-creuse'");
    const referents = await admin.put(`/api/organisations/${agency.id}/support-referents`, { userIds: [await userId("conseiller2.creuse")] });
    expect(referents.statusCode, referents.body).toBe(200);
    const person = await freshPerson("23%", [creusePerson.id]);
    const oriented = await orienter.post("/api/support/cases", { jobSeekerId: person.id, origin: "pf1" });
    expect(oriented.statusCode, oriented.body).toBe(201);
    const told = await t.db.query<{ email: string }>(
      "SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.kind = 'case_to_take_up' ORDER BY u.email",
      [oriented.json().id],
    );
    expect(told.map((n) => n.email)).toEqual([`conseiller2.creuse${DOMAIN}`, `social.creuse${DOMAIN}`]);
    expect((await admin.put(`/api/organisations/${agency.id}/support-referents`, { userIds: [] })).statusCode).toBe(200);
  });
});

describe("the queue of orientations to take up", () => {
  it("lists the case on each side, with its age, its start deadline and its urgency", async () => {
    for (const [client, side] of [
      [advisor, "france_travail"],
      [socialWorker, "social"],
    ] as const) {
      const queue = await queueOf(client);
      expect(queue.sides).toEqual([side]);
      const item = queue.items.find((i) => i.id === creuseCase);
      expect(item).toMatchObject({
        person: { name: creusePerson.name },
        missing: ["france_travail", "social"],
        ageDays: 0,
        startDueOn: addDays(today, 21),
        urgency: "later",
        advisor: null,
        socialWorker: null,
      });
    }
  });

  it("is ordered by start deadline, oldest orientation first", async () => {
    const person = await freshPerson("23%", [creusePerson.id]);
    const older = await orienter.post("/api/support/cases", { jobSeekerId: person.id, origin: "other", orientedOn: addDays(today, -30) });
    expect(older.statusCode, older.body).toBe(201);
    const queue = await queueOf(advisor);
    const ids = queue.items.map((i) => i.id);
    expect(ids.indexOf(older.json().id)).toBeLessThan(ids.indexOf(creuseCase));
    expect(queue.items.find((i) => i.id === older.json().id)).toMatchObject({ ageDays: 30, startDueOn: addDays(today, -9), urgency: "overdue" });
    const dues = queue.items.map((i) => i.startDueOn);
    expect(dues).toEqual([...dues].sort());
  });

  it("shows nothing of a case outside the caller's reach: another convention, another agency's territory, or an orienter", async () => {
    expect((await queueOf(await t.loginAs("conseiller.basrhin"))).items.map((i) => i.id)).not.toContain(creuseCase);
    expect(await queueOf(orienter)).toMatchObject({ items: [], total: 0, sides: [] });

    // Bas-Rhin: a person of the département outside Strasbourg, oriented by the Département.
    const basRhinOrienter = await t.loginAs("orienteur.basrhin");
    const [rural] = await t.db.query<{ id: string }>(
      `SELECT id FROM job_seekers js WHERE commune_insee LIKE '67%' AND commune_insee <> '67482'
          AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) ORDER BY ft_identifier LIMIT 1`,
    );
    expect(rural, "une personne du Bas-Rhin hors de Strasbourg").toBeDefined();
    const oriented = await basRhinOrienter.post("/api/support/cases", { jobSeekerId: rural.id, origin: "departement_social_service" });
    expect(oriented.statusCode, oriented.body).toBe(201);
    const ruralCase = oriented.json().id;
    // The Strasbourg agency serves Strasbourg only: it neither sees the case nor is told of it.
    expect((await queueOf(await t.loginAs("conseiller.basrhin"))).items.map((i) => i.id)).not.toContain(ruralCase);
    expect((await (await t.loginAs("conseiller.basrhin")).get(`/api/support/cases/${ruralCase}`)).statusCode).toBe(404);
    const told = await t.db.query<{ email: string }>(
      "SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 ORDER BY u.email",
      [ruralCase],
    );
    expect(told.map((n) => n.email)).not.toContain(`conseiller.basrhin${DOMAIN}`);
    expect(told.map((n) => n.email)).toContain(`social.basrhin${DOMAIN}`);
    // The Département's own social worker sees it; the city of Strasbourg's does not.
    expect((await queueOf(await t.loginAs("social.basrhin"))).items.map((i) => i.id)).toContain(ruralCase);
    expect((await queueOf(await t.loginAs("social.strasbourg"))).items.map((i) => i.id)).not.toContain(ruralCase);
  });

  it("agrees with the case page: every case listed opens for the caller", async () => {
    for (const client of [advisor, socialWorker, await t.loginAs("social.basrhin")]) {
      for (const item of (await queueOf(client)).items) expect((await client.get(`/api/support/cases/${item.id}`)).statusCode).toBe(200);
    }
  });
});

describe("« Prendre en charge »", () => {
  it("the advisor takes the France Travail side, then the social worker the social side: the pair is chosen, in both portfolios", async () => {
    const taken = await advisor.post(`/api/support/cases/${creuseCase}/take-up`, {});
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: "oriented", pair: null });
    expect(taken.json().timeline.map((e: { label: string }) => e.label)).toContain("Pris en charge côté France Travail par Conseiller Creuse");
    expect((await queueOf(advisor)).items.map((i) => i.id)).not.toContain(creuseCase);
    expect((await queueOf(socialWorker)).items.find((i) => i.id === creuseCase)).toMatchObject({ missing: ["social"], advisor: "Conseiller Creuse" });
    expect(await portfolioIds(advisor)).toContain(creuseCase);
    // The other advisors' call to take it up is answered; the social side's still stands.
    const unreadCalls = async () =>
      (
        await t.db.query<{ email: string }>(
          `SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.case_id = $1 AND n.kind = 'case_to_take_up' AND n.read_at IS NULL ORDER BY u.email`,
          [creuseCase],
        )
      ).map((n) => n.email);
    expect(await unreadCalls()).toEqual([`social.creuse${DOMAIN}`]);

    // Another advisor comes too late: a clear conflict, nothing changed.
    const late = await otherAdvisor.post(`/api/support/cases/${creuseCase}/take-up`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: "CASE_ALREADY_TAKEN_UP" });
    expect(late.json().error.message).toContain("Conseiller Creuse");
    // An orienter takes up nothing.
    expect((await orienter.post(`/api/support/cases/${creuseCase}/take-up`, {})).statusCode).toBe(403);

    const paired = await socialWorker.post(`/api/support/cases/${creuseCase}/take-up`, {});
    expect(paired.statusCode, paired.body).toBe(200);
    expect(paired.json().pair).toMatchObject({ advisor: { name: "Conseiller Creuse" }, socialWorker: { name: "Social Creuse" } });
    expect(paired.json().timeline.map((e: { label: string }) => e.label)).toContain("Binôme désigné : Conseiller Creuse et Social Creuse");
    expect((await queueOf(socialWorker)).items.map((i) => i.id)).not.toContain(creuseCase);
    expect(await unreadCalls()).toEqual([]);
    expect(await portfolioIds(advisor)).toContain(creuseCase);
    expect(await portfolioIds(socialWorker)).toContain(creuseCase);
    const told = await t.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM notifications WHERE case_id = $1 AND kind = 'pair_assigned' AND user_id = $2",
      [creuseCase, await userId("conseiller.creuse")],
    );
    expect(Number(told[0].n)).toBe(1);
    // The pair chosen this way is the pair of the lifecycle: fixed once the support starts.
    const audit = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'support.case_taken_up' AND subject_id = $1", [creuseCase]);
    expect(Number(audit[0].n)).toBe(2);
  });

  it.skipIf(!onServer)("two advisors taking the same case at once: one wins, the other gets CASE_ALREADY_TAKEN_UP", async () => {
    const person = await freshPerson("23%", [creusePerson.id]);
    const oriented = await orienter.post("/api/support/cases", { jobSeekerId: person.id, origin: "other" });
    const id = oriented.json().id;
    const [a, b] = await Promise.all([advisor.post(`/api/support/cases/${id}/take-up`, {}), otherAdvisor.post(`/api/support/cases/${id}/take-up`, {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe("CASE_ALREADY_TAKEN_UP");
    const [row] = await t.db.query<{ advisor_id: string }>("SELECT advisor_id FROM support_cases WHERE id = $1", [id]);
    expect(row.advisor_id).toBe(a.statusCode === 200 ? await userId("conseiller.creuse") : await userId("conseiller2.creuse"));
    const events = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM support_case_events WHERE case_id = $1 AND kind = 'taken_up'", [id]);
    expect(Number(events[0].n)).toBe(1);
  });
});
