import { matchPath } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { appRoutes } from "../../web/routes.js";
import { sendConventionAlerts } from "../convention/conventionAlerts.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { sendDailyDigest } from "../support/sendDailyDigest.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { loadConfig } from "./config.js";
import { createMailer } from "./mail.js";

/**
 * An e-mail leaves Tandem in clear: it says what happened and links to the page, where each
 * recipient sees only what they may see. This test runs every flow that sends e-mails on the demo
 * (invitation, role change, new orientation, pair chosen or taken up, no-show alert, the person's own
 * appointment, review table and its correction, review deleted, convention deadline, daily digest),
 * then reads the whole outbox: no subject or body names a job seeker or gives their France Travail
 * identifier — except an e-mail to the person themself, about them — and every link, opened by its
 * recipient, leads to a page that answers them.
 */
let t: TestApp;
const today = parisToday();
const config = loadConfig({ NODE_ENV: "test" });
const DEMO_DOMAIN = "@demo.tandem.fr";
const INVITED = "nina.recrue@strasbourg.example";
let invitedPassword: string | null = null;

type Mail = { to_address: string; subject: string; body_text: string };
let outbox: Mail[] = [];
/** Flows another capability may not have yet: their e-mails are expected only when their route answers. */
const optionalFlows: RegExp[] = [];
let deletedReviewId: string;

const orgId = async (code: string) => (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id;
const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}${DEMO_DOMAIN}`]))[0].id;
const ok = (res: { statusCode: number; body: string }, status = 200) => expect(res.statusCode, res.body).toBe(status);

beforeAll(async () => {
  t = await createTestApp();
  // An RSA beneficiary of Strasbourg who has just entered support (first appointments due), and one awaiting entry.
  const noShowCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 0 }, rsa: true });
  const awaitingCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", jobSeekerCommune: "67482" });
  // Only what the flows below send is under test (the builders' own mails use another address).
  await t.db.query("DELETE FROM emails");

  // Invitation and role change.
  const admin = await t.loginAs("admin.strasbourg");
  ok(await admin.post(`/api/organisations/${await orgId("ville-strasbourg")}/users`, { email: INVITED, firstName: "Nina", lastName: "Recrue", roles: ["social_worker"] }), 201);
  const metzAdmin = await t.loginAs("admin.metz");
  ok(await metzAdmin.patch(`/api/users/${await userId("agent.metz")}`, { roles: ["partner_agent", "social_worker"] }));

  // A missed first appointment of an RSA beneficiary: the orienter and the département's referents are told.
  const advisor = await t.loginAs("conseiller.basrhin");
  ok(await advisor.post(`/api/support/cases/${noShowCase}/appointments`, { kind: "professional", scheduledOn: today, status: "missed" }));

  // An orienter of the Département orients a person: the professionals who take such cases up are told.
  const orienter = await t.loginAs("orienteur.basrhin");
  const orient = async (ftIdentifier: string, lastName: string) => {
    const person = await orienter.post("/api/job-seekers", {
      ftIdentifier,
      firstName: "Solène",
      lastName,
      birthDate: "1988-03-14",
      communeInsee: "67482",
      registeredAt: "2026-01-05",
      benefits: ["RSA"],
      email: `${lastName.toLowerCase()}@exemple.invalid`,
    });
    ok(person, 201);
    const oriented = await orienter.post("/api/support/cases", { jobSeekerId: person.json().id, origin: "departement_social_service", barriers: [{ code: "housing" }] });
    ok(oriented, 201);
    return oriented.json().id as string;
  };
  const pairedCase = await orient("7700001A", "Courriel-Binome");
  const takenUpCase = await orient("7700002B", "Courriel-Prise");
  // The pair chosen by the social worker: the advisor is told a case joined their portfolio.
  const social = await t.loginAs("social.basrhin");
  ok(await social.post(`/api/support/cases/${pairedCase}/consent`, { givenOn: today, method: "in_person" }));
  ok(await social.post(`/api/support/cases/${pairedCase}/pair`, { advisorId: await userId("conseiller.basrhin"), socialWorkerId: await userId("social.basrhin") }));
  // Taken up from the orientation queue, one side after the other: the first is told when the second completes the pair.
  const takeUp = await advisor.post(`/api/support/cases/${takenUpCase}/take-up`, {});
  if (takeUp.statusCode === 404 && takeUp.json().error?.code === "NOT_FOUND") optionalFlows.push(/^Tandem — Nouvel accompagnement global dans votre portefeuille$/);
  else {
    ok(takeUp);
    ok(await social.post(`/api/support/cases/${takenUpCase}/take-up`, {}));
  }

  // A review closed, reopened and closed again: the follow-up table goes to the distribution list twice.
  const [convention] = await t.db.query<{ id: string; ends_on: string }>("SELECT id, ends_on FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  const scheduled = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [await orgId("ft-strasbourg")], heldOn: today });
  ok(scheduled, 201);
  const reviewId = scheduled.json().id;
  ok(await advisor.put(`/api/reviews/${reviewId}/decisions/${awaitingCase}`, { kind: "accept_entry" }));
  ok(await advisor.post(`/api/reviews/${reviewId}/close`));
  ok(await advisor.post(`/api/reviews/${reviewId}/reopen`));
  ok(await advisor.put(`/api/reviews/${reviewId}/decisions/${noShowCase}`, { kind: "other", note: "Absence au premier rendez-vous à reprendre" }));
  ok(await advisor.post(`/api/reviews/${reviewId}/close`));
  // A review scheduled by mistake, closed without any decision, then deleted: those it was sent to are told.
  const mistaken = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [await orgId("ft-strasbourg")], heldOn: today });
  ok(mistaken, 201);
  deletedReviewId = mistaken.json().id;
  ok(await advisor.post(`/api/reviews/${deletedReviewId}/close`));
  ok(await advisor.delete(`/api/reviews/${deletedReviewId}`));

  // The person's own appointment, sent to them by e-mail (the only e-mail that may name them).
  const planned = await advisor.post(`/api/support/cases/${noShowCase}/appointments`, {
    kind: "professional",
    scheduledOn: today,
    scheduledTime: "23:30",
    modality: "in_person",
    place: "Agence Strasbourg Meinau, 2 rue de Bâle",
    status: "planned",
  });
  const appointment = planned.statusCode === 200 ? (planned.json().appointments ?? []).find((a: { scheduledTime?: string }) => a.scheduledTime === "23:30") : null;
  const sentToPerson = appointment ? await advisor.post(`/api/support/cases/${noShowCase}/appointments/${appointment.id}/invitation`, {}) : null;
  if (!sentToPerson || (sentToPerson.statusCode === 404 && sentToPerson.json().error?.code === "NOT_FOUND")) optionalFlows.push(/rendez-vous d’accompagnement du/);
  else ok(sentToPerson);

  // The daily jobs: convention deadlines (calendar) and the pairs' digest.
  const mailer = createMailer(t.db, { from: config.mailFrom });
  expect(await sendConventionAlerts({ db: t.db, mailer, config: { ...config, conventionAlertDays: 30 } }, convention.ends_on.replace(/-\d\d-\d\d$/, "-12-10"))).toBeGreaterThan(0);
  expect(await sendDailyDigest({ db: t.db, mailer, publicUrl: config.publicUrl }, today)).toBeGreaterThan(0);

  outbox = await t.db.query<Mail>("SELECT to_address, subject, body_text FROM emails ORDER BY created_at");
});
afterAll(() => t.close());

describe("the e-mails sent by Tandem", () => {
  it("cover every flow that sends one", () => {
    const subjects = outbox.map((m) => m.subject);
    for (const expected of [
      /^Votre compte Tandem$/,
      /^Vos rôles dans Tandem ont changé$/,
      /^Tandem — Nouvelle orientation à prendre en charge$/,
      /^Tandem — Nouvel accompagnement global dans votre portefeuille$/,
      /^Tandem — Absence au premier rendez-vous professionnel$/,
      /rendez-vous d’accompagnement du/,
      /^Tableau de suivi — Revue de portefeuille/,
      /^\[Corrigé\] Tableau de suivi — Revue de portefeuille/,
      /^Revue supprimée — Revue de portefeuille/,
      /^(Échéance le|\d+ échéances à partir du) .* — BAS-RHIN-2021-AG$/,
      /^Tandem — Échéances du /,
    ].filter((e) => !optionalFlows.some((o) => String(o) === String(e)))) {
      expect(subjects.some((s) => expected.test(s)), String(expected)).toBe(true);
    }
  });

  it("give every recipient of a review's table a page to open: the review, or its summary for those who do not take part", () => {
    const tables = outbox.filter((m) => m.subject.includes("Tableau de suivi"));
    expect(tables.map((m) => m.to_address)).toEqual(expect.arrayContaining([`pilotage.ft-basrhin${DEMO_DOMAIN}`, `pilotage.basrhin${DEMO_DOMAIN}`, `admin.strasbourg${DEMO_DOMAIN}`]));
    for (const m of tables) expect(m.body_text, m.to_address).toMatch(/\/(revues|synthese-revue)\/[0-9a-f-]{36}/);
    const steering = tables.find((m) => m.to_address === `pilotage.ft-basrhin${DEMO_DOMAIN}`)!;
    expect(steering.body_text).toMatch(/\d+\u00a0accompagnements? examinés?\u00a0: /);
  });

  it("name no job seeker and give no France Travail identifier", async () => {
    const people = await t.db.query<{ first_name: string; last_name: string; ft_identifier: string; email: string | null }>(
      "SELECT first_name, last_name, ft_identifier, email FROM job_seekers",
    );
    expect(people.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const m of outbox) {
      const text = `${m.subject}\n${m.body_text}`.toLocaleLowerCase("fr");
      // An e-mail to the person themself (their appointment) names them (and so their namesakes), and no one else.
      const self = people.find((p) => p.email === m.to_address);
      for (const p of people) {
        if (p === self) continue;
        const names = self && p.first_name === self.first_name && p.last_name === self.last_name ? [] : [`${p.first_name} ${p.last_name}`, `${p.last_name} ${p.first_name}`];
        for (const clue of [...names, p.ft_identifier]) {
          if (text.includes(clue.toLocaleLowerCase("fr"))) leaks.push(`${m.to_address} « ${m.subject} » : ${clue}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("link only to pages their recipient may open", async () => {
    const clients = new Map<string, TestClient>();
    const clientOf = async (email: string) => {
      if (!clients.has(email)) clients.set(email, email.endsWith(DEMO_DOMAIN) ? await t.loginAs(email.replace(DEMO_DOMAIN, "")) : await invitedClient(email));
      return clients.get(email)!;
    };
    // The invited colleague, once they chose their password from the invitation's link (read before their other e-mails).
    const invitedClient = async (email: string) => {
      expect(invitedPassword, `${email} : invitation non acceptée`).not.toBeNull();
      const c = t.client();
      await c.get("/api/session");
      ok(await c.post("/api/auth/login", { email, password: invitedPassword }));
      return c;
    };
    const failures: string[] = [];
    let links = 0;
    const personAddresses = new Set((await t.db.query<{ email: string }>("SELECT email FROM job_seekers WHERE email IS NOT NULL")).map((p) => p.email));
    for (const m of outbox) {
      for (const [url] of m.body_text.matchAll(/https?:\/\/[^\s)»]+/g)) {
        const where = `${m.to_address} « ${m.subject} » ${url}`;
        // The person has no account: nothing in their e-mail may send them into Tandem (a video link leads out).
        if (personAddresses.has(m.to_address)) {
          if (url.startsWith(config.publicUrl)) failures.push(`${where} : lien vers Tandem envoyé à la personne`);
          continue;
        }
        // The table of the review deleted afterwards: its recipients were told it no longer stands.
        if (url.endsWith(`/revues/${deletedReviewId}`) || url.endsWith(`/synthese-revue/${deletedReviewId}`)) {
          expect(outbox.some((d) => d.to_address === m.to_address && d.subject.startsWith("Revue supprimée"))).toBe(true);
          continue;
        }
        links++;
        if (!url.startsWith(config.publicUrl)) {
          failures.push(`${where} : hors de Tandem`);
          continue;
        }
        const path = url.slice(config.publicUrl.length) || "/";
        const route = appRoutes.find((r) => matchPath(r.path, path));
        if (!route) {
          failures.push(`${where} : aucune page`);
          continue;
        }
        if (route.public) {
          // The invitation: the invited person, not yet logged in, chooses a password from it.
          if (route.path === "/invitation/:token") {
            invitedPassword = "Une phrase de passe solide 2026 !";
            const anonymous = t.client();
            await anonymous.get("/api/session");
            const res = await anonymous.post("/api/invitations/accept", { token: matchPath(route.path, path)!.params.token, password: invitedPassword });
            if (res.statusCode !== 200) failures.push(`${where} : ${res.statusCode}`);
          }
          continue;
        }
        const client = await clientOf(m.to_address);
        const session = (await client.get("/api/session")).json();
        const roles: string[] = session.user?.roles ?? [];
        if (route.roles && !route.roles.some((r) => roles.includes(r))) {
          failures.push(`${where} : page réservée à ${route.roles.join(", ")}`);
          continue;
        }
        // The data the page loads, asked by the recipient's own session.
        const id = matchPath(route.path, path)?.params.id;
        const api: Record<string, string> = {
          "/": "/api/session",
          "/conventions/:id": `/api/conventions/${id}`,
          "/accompagnements/:id": `/api/support/cases/${id}`,
          "/revues/:id": `/api/reviews/${id}`,
          "/synthese-revue/:id": `/api/reviews/${id}/summary`,
        };
        if (!api[route.path]) {
          failures.push(`${where} : page sans contrôle dans ce test`);
          continue;
        }
        const res = await client.get(api[route.path]);
        if (res.statusCode !== 200) failures.push(`${where} : ${res.statusCode}`);
      }
    }
    expect(links).toBeGreaterThan(5);
    expect(failures).toEqual([]);
    expect(invitedPassword).not.toBeNull();
  });
});
