import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../platform/config.js";
import { createMailer } from "../platform/mail.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/**
 * Issue 8, identity: roles follow the organisation's kind, nobody changes their own roles,
 * role changes are audited and told to the person, login throttling that neither a cookie
 * bypasses nor turns against the real owner, a CSRF token bound to the session, password rules.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PASSWORD = "Tandem-demo-2026";
const email = (local: string) => `${local}@demo.tandem.fr`;
const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email(local)]))[0].id;
const orgId = async (code: string) => (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id;

/** A browser at a given IP address, with its own cookie jar (session, pre-session, CSRF). */
function browser(ip: string, app = t.app) {
  const jar = new Map<string, string>();
  const request = async (method: "GET" | "POST" | "PATCH", url: string, payload?: object, extra: { cookies?: Record<string, string>; csrf?: string } = {}) => {
    const cookies = new Map([...jar, ...Object.entries(extra.cookies ?? {})]);
    const csrf = extra.csrf ?? jar.get("tandem_csrf");
    const res: LightMyRequestResponse = await app.inject({
      method,
      url,
      remoteAddress: ip,
      ...(payload ? { payload } : {}),
      headers: { ...(csrf ? { "x-csrf-token": csrf } : {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === "" || c.maxAge === 0) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  };
  return {
    jar,
    request,
    /** What the login page does: fetch the session (and its CSRF token), then post the form. */
    async login(local: string, password = PASSWORD, extra: { cookies?: Record<string, string> } = {}) {
      await request("GET", "/api/session");
      return request("POST", "/api/auth/login", { email: local.includes("@") ? local : email(local), password }, extra);
    },
  };
}

describe("roles follow the organisation's kind", () => {
  it("a Département admin cannot invite a user with France Travail's advisor role: 403 naming the role and the kind, nothing created", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.post(`/api/organisations/${await orgId("cd-creuse")}/users`, {
      email: "faux.conseiller@creuse.fr",
      firstName: "Faux",
      lastName: "Conseiller",
      roles: ["advisor"],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    expect(res.json().error.message).toBe("Le rôle « Conseiller France Travail » ne peut pas être attribué dans une organisation de type « Département ».");
    expect(await t.db.query("SELECT 1 FROM users WHERE email = 'faux.conseiller@creuse.fr'")).toHaveLength(0);
    expect(await t.db.query("SELECT 1 FROM emails WHERE to_address = 'faux.conseiller@creuse.fr'")).toHaveLength(0);
  });

  it("the admin of a France Travail agency cannot give themselves social_worker (and so never reads social notes)", async () => {
    const admin = await t.loginAs("admin.ft-creuse");
    const res = await admin.patch(`/api/users/${admin.user!.id}`, { roles: ["org_admin", "social_worker"] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    expect(res.json().error.message).toBe("Le rôle « Travailleur social » ne peut pas être attribué dans une organisation de type « Agence France Travail ».");
    expect((await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE id = $1", [admin.user!.id]))[0].roles).toEqual(["org_admin"]);
  });

  it("a France Travail admin cannot make a colleague a social worker either", async () => {
    const admin = await t.loginAs("admin.ft-creuse");
    const res = await admin.patch(`/api/users/${await userId("conseiller.creuse")}`, { roles: ["advisor", "social_worker"] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    expect((await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE email = $1", [email("conseiller.creuse")]))[0].roles).toEqual(["advisor"]);
  });

  it("a role held against the rule (granted before it existed) gives no right: no social note for a France Travail admin", async () => {
    const social = await t.loginAs("social.creuse");
    const [{ id: caseId }] = await t.db.query<{ id: string }>(
      `SELECT sc.id FROM support_cases sc JOIN users u ON u.id = sc.social_worker_id
        WHERE u.email = $1 AND sc.status = 'active' ORDER BY sc.id LIMIT 1`,
      [email("social.creuse")],
    );
    expect((await social.post(`/api/support/cases/${caseId}/notes`, { visibility: "social", body: "Note sociale confidentielle 4F2A" })).statusCode).toBe(200);
    await t.db.query("UPDATE users SET roles = ARRAY['org_admin', 'social_worker'] WHERE email = $1", [email("admin.ft-basrhin")]);
    await t.db.query("UPDATE users SET roles = ARRAY['org_admin', 'social_worker'] WHERE email = $1", [email("admin.ft-troyes")]);
    const ftAdmin = await t.loginAs("admin.ft-troyes");
    expect((await ftAdmin.get("/api/session")).json().user.roles).toEqual(["org_admin"]);
    const creuseFtAdmin = t.client();
    // The Creuse agency's admin, who reaches Creuse cases through the convention, tries the note.
    await t.db.query("UPDATE users SET roles = ARRAY['org_admin', 'social_worker'] WHERE email = $1", [email("admin.ft-creuse")]);
    await creuseFtAdmin.get("/api/session");
    await creuseFtAdmin.post("/api/auth/login", { email: email("admin.ft-creuse"), password: PASSWORD });
    const read = await creuseFtAdmin.get(`/api/support/cases/${caseId}`);
    expect([403, 404]).toContain(read.statusCode);
    expect(read.body).not.toContain("4F2A");
    await t.db.query("UPDATE users SET roles = ARRAY['org_admin'] WHERE email = ANY($1)", [[email("admin.ft-creuse"), email("admin.ft-basrhin"), email("admin.ft-troyes")]]);
  });

  it("the users page gets from the server the roles this organisation may hold, and no role editor on one's own account", async () => {
    const admin = await t.loginAs("admin.ft-metz");
    const res = (await admin.get(`/api/organisations/${await orgId("ft-metz-sebastopol")}/users`)).json();
    expect(res.organisation.kind).toBe("ft_agency");
    expect(res.grantableRoles).toEqual(["advisor", "steering", "org_admin", "dpo"]);
    const me = res.users.find((u: { email: string }) => u.email === email("admin.ft-metz"));
    expect(me.abilities).toEqual({ editRoles: false, deactivate: false });
    const advisor = res.users.find((u: { email: string }) => u.email === email("conseiller.metz"));
    expect(advisor.abilities).toEqual({ editRoles: true, deactivate: true });
    const city = (await (await t.loginAs("admin.metz")).get(`/api/organisations/${await orgId("ville-metz")}/users`)).json();
    expect(city.grantableRoles).toEqual(["social_worker", "orienter", "partner_agent", "steering", "org_admin", "dpo"]);
  });

  it("platform_admin only in the platform's own organisation, even when the platform admin grants it", async () => {
    const platform = await t.loginAs("admin.plateforme");
    const res = await platform.patch(`/api/users/${await userId("pilotage.troyes")}`, { roles: ["steering", "platform_admin"] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND");
    expect(res.json().error.message).toContain("« Administrateur de la plateforme »");
  });
});

describe("nobody changes their own roles; role changes are audited and told to the person", () => {
  it("an org_admin cannot add a role to themselves, even one their organisation may hold", async () => {
    const admin = await t.loginAs("admin.ft-metz");
    const res = await admin.patch(`/api/users/${admin.user!.id}`, { roles: ["org_admin", "advisor"] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CANNOT_CHANGE_OWN_ROLES");
    expect(res.json().error.message).toMatch(/vos propres rôles/);
    expect((await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE id = $1", [admin.user!.id]))[0].roles).toEqual(["org_admin"]);
  });

  it("nor does the platform admin", async () => {
    const platform = await t.loginAs("admin.plateforme");
    const res = await platform.patch(`/api/users/${platform.user!.id}`, { roles: ["platform_admin", "dpo"] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CANNOT_CHANGE_OWN_ROLES");
  });

  it("a role change is audited with the roles before and after, and e-mailed to the person in the same transaction", async () => {
    const admin = await t.loginAs("admin.troyes");
    const target = await userId("orienteur.troyes");
    const res = await admin.patch(`/api/users/${target}`, { roles: ["orienter", "social_worker"] });
    expect(res.statusCode).toBe(200);
    const [event] = await t.db.query<{ details: { before: string[]; after: string[] }; actor_email: string }>(
      "SELECT details, (SELECT email FROM users WHERE users.id = actor_user_id) AS actor_email FROM audit_events WHERE action = 'user.roles_changed' AND subject_id = $1",
      [target],
    );
    expect(event.details.before).toEqual(["orienter"]);
    expect(event.details.after).toEqual(["orienter", "social_worker"]);
    expect(event.actor_email).toBe(email("admin.troyes"));
    const mails = await t.db.query<{ subject: string; body_text: string }>("SELECT subject, body_text FROM emails WHERE to_address = $1", [email("orienteur.troyes")]);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Vos rôles dans Tandem ont changé");
    expect(mails[0].body_text).toContain("Avant : Orienteur");
    expect(mails[0].body_text).toContain("Désormais : Orienteur, Travailleur social");
    expect(mails[0].body_text).toContain("Admin Troyes");
  });

  it("setting the same roles again changes nothing and tells nobody", async () => {
    const admin = await t.loginAs("admin.troyes");
    const target = await userId("pilotage.troyes");
    expect((await admin.patch(`/api/users/${target}`, { roles: ["steering"] })).statusCode).toBe(200);
    expect(await t.db.query("SELECT 1 FROM emails WHERE to_address = $1", [email("pilotage.troyes")])).toHaveLength(0);
    expect(await t.db.query("SELECT 1 FROM audit_events WHERE action = 'user.roles_changed' AND subject_id = $1", [target])).toHaveLength(0);
  });

  it.skipIf(!process.env.DATABASE_URL)("concurrent role changes of one account are serialised: each audit event starts where the previous one ended", async () => {
    const admin = await t.loginAs("admin.metz");
    const target = await userId("agent.metz");
    const sets = [["partner_agent"], ["partner_agent", "steering"], ["steering"], ["orienter"], ["partner_agent", "orienter"], ["dpo"], ["partner_agent", "dpo"], ["steering", "dpo"]];
    const results = await Promise.all(sets.map((roles) => admin.patch(`/api/users/${target}`, { roles })));
    expect(results.map((r) => r.statusCode)).toEqual(sets.map(() => 200));
    const events = await t.db.query<{ details: { before: string[]; after: string[] } }>(
      "SELECT details FROM audit_events WHERE action = 'user.roles_changed' AND subject_id = $1 ORDER BY id",
      [target],
    );
    let current = ["partner_agent"];
    for (const e of events) {
      expect(e.details.before).toEqual(current);
      current = e.details.after;
    }
    const [row] = await t.db.query<{ roles: string[] }>("SELECT roles FROM users WHERE id = $1", [target]);
    expect(row.roles).toEqual(current);
    expect(await t.db.query("SELECT 1 FROM emails WHERE to_address = $1", [email("agent.metz")])).toHaveLength(events.length);
  });
});

describe("login throttling", () => {
  it.skipIf(!process.env.DATABASE_URL)(
    "40 concurrent wrong passwords from one address: only the first 5 are checked, the rest refused unchecked; the owner still logs in from elsewhere",
    async () => {
      const attacker = browser("203.0.113.40");
      await attacker.request("GET", "/api/session");
      const results = await Promise.all(
        Array.from({ length: 40 }, () => attacker.request("POST", "/api/auth/login", { email: email("agent.rouen"), password: "devine-le-mot-de-passe" })),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(35);
      const [row] = await t.db.query<{ failed_logins: number }>("SELECT failed_logins FROM users WHERE email = $1", [email("agent.rouen")]);
      expect(row.failed_logins).toBe(5);
      const failed = await t.db.query("SELECT 1 FROM audit_events WHERE action = 'auth.login_failed' AND details->>'email' = $1", [email("agent.rouen")]);
      expect(failed).toHaveLength(5);
      const owner = browser("198.51.100.7");
      expect((await owner.login("agent.rouen")).statusCode).toBe(200);
    },
  );

  it("after 5 failures from one address the next tries wait, the delay doubles, and the owner elsewhere is not locked out", async () => {
    const attacker = browser("203.0.113.5");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attacker.login("agent.troyes", "faux-mot-de-passe")).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const refused = await attacker.login("agent.troyes", PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("LOGIN_THROTTLED");
    expect(refused.json().error.message).toMatch(/réessayez dans 1[0-6] secondes/);
    expect(refused.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.headers["retry-after"]).toBeDefined();
    // The real owner, from their own address, is not concerned.
    expect((await browser("198.51.100.5").login("agent.troyes")).statusCode).toBe(200);
    // Once the delay is over, one more try is checked; its failure doubles the delay.
    await t.db.query("UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE ip = '203.0.113.5'");
    expect((await attacker.login("agent.troyes", "encore-faux-mot-de-passe")).statusCode).toBe(401);
    const next = await attacker.login("agent.troyes", "encore-faux-mot-de-passe");
    expect(next.statusCode).toBe(429);
    expect(next.json().error.message).toMatch(/réessayez dans (2\d|3[0-2]) secondes/);
    const events = await t.db.query("SELECT 1 FROM audit_events WHERE action = 'auth.account_locked'");
    expect(events).toHaveLength(0);
  });

  it("an unknown address is throttled exactly like a real one (no way to tell which accounts exist)", async () => {
    const attacker = browser("203.0.113.6");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attacker.login("personne.inconnue@exemple.fr", "faux-mot-de-passe")).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("a random session cookie on each attempt does not escape the per-address limit", async () => {
    const attacker = browser("203.0.113.7");
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await attacker.login(`victime${i}@exemple.fr`, "faux-mot-de-passe", { cookies: { tandem_session: randomBytes(32).toString("base64url") } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it("a right password resets the failures of that address", async () => {
    const owner = browser("198.51.100.8");
    for (let i = 0; i < 4; i++) expect((await owner.login("agent.strasbourg", "je-me-trompe-encore")).statusCode).toBe(401);
    expect((await owner.login("agent.strasbourg")).statusCode).toBe(200);
    const again = browser("198.51.100.8");
    for (let i = 0; i < 4; i++) expect((await again.login("agent.strasbourg", "je-me-trompe-encore")).statusCode).toBe(401);
    expect((await again.login("agent.strasbourg")).statusCode).toBe(200);
  });
});

describe("CSRF token bound to the session", () => {
  it("a cookie and a header chosen by an attacker are refused, even with a real session", async () => {
    const victim = browser("198.51.100.20");
    expect((await victim.login("admin.rouen")).statusCode).toBe(200);
    const res = await victim.request(
      "POST",
      `/api/organisations/${await orgId("ville-rouen")}/users`,
      { email: "intrus.csrf@rouen.fr", firstName: "In", lastName: "Trus", roles: ["partner_agent"] },
      { cookies: { tandem_csrf: "jeton-choisi-par-l-attaquant" }, csrf: "jeton-choisi-par-l-attaquant" },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_TOKEN_INVALID");
    expect(await t.db.query("SELECT 1 FROM users WHERE email = 'intrus.csrf@rouen.fr'")).toHaveLength(0);
  });

  it("another session's token is refused", async () => {
    const a = browser("198.51.100.21");
    const b = browser("198.51.100.22");
    expect((await a.login("pilotage.rouen")).statusCode).toBe(200);
    expect((await b.login("dpo.rouen")).statusCode).toBe(200);
    const res = await b.request("POST", "/api/auth/logout", {}, { cookies: { tandem_csrf: a.jar.get("tandem_csrf")! }, csrf: a.jar.get("tandem_csrf")! });
    expect(res.statusCode).toBe(403);
    expect((await b.request("GET", "/api/session")).json().user.email).toBe(email("dpo.rouen"));
  });

  it("an anonymous form (login) needs the pre-session token this server issued, not any pair", async () => {
    const forged = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      remoteAddress: "198.51.100.23",
      payload: { email: email("agent.metz"), password: PASSWORD },
      headers: { cookie: "tandem_csrf=abc; tandem_presession=abc", "x-csrf-token": "abc" },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe("CSRF_TOKEN_INVALID");
  });

  it("the secret is shared through the database: a second instance accepts the first one's tokens", async () => {
    const config = { ...loadConfig({ NODE_ENV: "test" }) };
    const second = await buildApp({ db: t.db, config, mailer: createMailer(t.db, { from: config.mailFrom }) }, { logger: false });
    await second.ready();
    try {
      const user = browser("198.51.100.24");
      await user.request("GET", "/api/session");
      const onSecond = browser("198.51.100.24", second);
      for (const [k, v] of user.jar) onSecond.jar.set(k, v);
      expect((await onSecond.request("POST", "/api/auth/login", { email: email("social.rouen"), password: PASSWORD })).statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe("password rules", () => {
  const change = async (local: string, newPassword: string, currentPassword = PASSWORD) => {
    const c = await t.loginAs(local);
    return c.post("/api/me/password", { currentPassword, newPassword });
  };

  it("refuses a common password, next to the field, and keeps the old one", async () => {
    const res = await change("dpo.troyes", "Motdepasse2024!");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("PASSWORD_TOO_COMMON");
    expect(res.json().error.details.issues).toEqual([
      { path: "body.newPassword", message: "Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots." },
    ]);
    expect((await browser("198.51.100.30").login("dpo.troyes")).statusCode).toBe(200);
    expect((await change("dpo.troyes", "password12345")).json().error.code).toBe("PASSWORD_TOO_COMMON");
    expect((await change("dpo.troyes", "AZERTYUIOP123")).json().error.code).toBe("PASSWORD_TOO_COMMON");
  });

  it("refuses the current password as the new one", async () => {
    const res = await change("dpo.troyes", PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("PASSWORD_UNCHANGED");
    expect(res.json().error.details.issues[0].path).toBe("body.newPassword");
  });

  it("refuses a password built on the person's name or address, or on the service's name and a year", async () => {
    expect((await change("dpo.troyes", "Dpo.Troyes.2026")).json().error.code).toBe("PASSWORD_PREDICTABLE");
    expect((await change("dpo.troyes", "Tandem2027!!!!")).json().error.code).toBe("PASSWORD_PREDICTABLE");
    expect((await change("dpo.troyes", "Troyes-Tandem-2025")).json().error.code).toBe("PASSWORD_PREDICTABLE");
  });

  it("an invitation cannot be accepted with a common password; the link stays valid for a good one", async () => {
    const admin = await t.loginAs("admin.ccas-rouen");
    expect(
      (await admin.post(`/api/organisations/${await orgId("ccas-rouen")}/users`, { email: "lea.martin@ccas-rouen.fr", firstName: "Léa", lastName: "Martin", roles: ["social_worker"] })).statusCode,
    ).toBe(201);
    const [mail] = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = 'lea.martin@ccas-rouen.fr'");
    expect(mail.body_text).toContain("Travailleur social");
    const token = /invitation\/([\w-]+)/.exec(mail.body_text)![1];
    const anon = browser("198.51.100.31");
    await anon.request("GET", "/api/session");
    const weak = await anon.request("POST", "/api/invitations/accept", { token, password: "iloveyou12345" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe("PASSWORD_TOO_COMMON");
    expect(weak.json().error.details.issues[0].path).toBe("body.password");
    expect((await anon.request("POST", "/api/invitations/accept", { token, password: "LeaMartin1999" })).json().error.code).toBe("PASSWORD_PREDICTABLE");
    expect((await anon.request("POST", "/api/invitations/accept", { token, password: "quatre chats sur un toit" })).statusCode).toBe(200);
    expect((await browser("198.51.100.32").login("lea.martin@ccas-rouen.fr", "quatre chats sur un toit")).statusCode).toBe(200);
  });
});

describe("throttling rows are personal data", () => {
  it("the daily purge forgets attempts older than a day and keeps today's", async () => {
    const { purgeLoginThrottles } = await import("./purgeLoginThrottles.js");
    await t.db.query("INSERT INTO login_throttles (email, ip, failures, last_attempt_at) VALUES ('ancien@exemple.fr', '203.0.113.9', 3, now() - interval '2 days')");
    await t.db.query("INSERT INTO login_throttles (email, ip, failures, last_attempt_at) VALUES ('recent@exemple.fr', '203.0.113.9', 2, now() - interval '1 hour')");
    await purgeLoginThrottles(t.db);
    const left = await t.db.query<{ email: string }>("SELECT email FROM login_throttles WHERE ip = '203.0.113.9' ORDER BY email");
    expect(left.map((r) => r.email)).toEqual(["recent@exemple.fr"]);
  });
});
