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
 * recipient sees only what they may see. This test runs every flow that sends e-mails on the demo,
 * then reads the whole outbox: no subject or body names a job seeker or gives their France Travail
 * identifier, and every link, opened by its recipient, leads to a page that answers them.
 * Attachments (the follow-up table) may carry names: they are authorised per recipient already.
 */
let t: TestApp;
const today = parisToday();
const config = loadConfig({ NODE_ENV: "test" });
const DEMO_DOMAIN = "@demo.tandem.fr";
const INVITED = "nina.recrue@strasbourg.example";
let invitedPassword: string | null = null;

type Mail = { to_address: string; subject: string; body_text: string };
let outbox: Mail[] = [];

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
      /^Tandem — Absence au premier rendez-vous professionnel$/,
      /^Tableau de suivi — Revue de portefeuille/,
      /^\[Corrigé\] Tableau de suivi — Revue de portefeuille/,
      /^Échéance le .* — BAS-RHIN-2021-AG$/,
      /^Tandem — Échéances du /,
    ]) {
      expect(subjects.some((s) => expected.test(s)), String(expected)).toBe(true);
    }
  });

  it("name no job seeker and give no France Travail identifier", async () => {
    const people = await t.db.query<{ first_name: string; last_name: string; ft_identifier: string }>("SELECT first_name, last_name, ft_identifier FROM job_seekers");
    expect(people.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const m of outbox) {
      const text = `${m.subject}\n${m.body_text}`.toLocaleLowerCase("fr");
      for (const p of people) {
        for (const clue of [`${p.first_name} ${p.last_name}`, `${p.last_name} ${p.first_name}`, p.ft_identifier]) {
          if (text.includes(clue.toLocaleLowerCase("fr"))) leaks.push(`${m.to_address} « ${m.subject} » : ${clue}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("link only to pages their recipient may open", async () => {
    const clients = new Map<string, TestClient>();
    const clientOf = async (email: string) => {
      if (!clients.has(email)) clients.set(email, await t.loginAs(email.replace(DEMO_DOMAIN, "")));
      return clients.get(email)!;
    };
    const failures: string[] = [];
    let links = 0;
    for (const m of outbox) {
      for (const [url] of m.body_text.matchAll(/https?:\/\/[^\s)»]+/g)) {
        links++;
        const where = `${m.to_address} « ${m.subject} » ${url}`;
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
