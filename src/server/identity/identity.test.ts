import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/testApp.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("connexion", () => {
  it("connects a demo advisor and returns their organisation", async () => {
    const c = await t.loginAs("conseiller.creuse");
    const session = (await c.get("/api/session")).json();
    expect(session.user.email).toBe("conseiller.creuse@demo.tandem.fr");
    expect(session.user.organisation.name).toBe("France Travail — Agence de Guéret");
    expect(session.user.roles).toEqual(["advisor"]);
  });

  it("sets an HttpOnly SameSite=Lax session cookie", async () => {
    const c = t.client();
    await c.get("/api/session");
    const res = await c.post("/api/auth/login", { email: "conseiller.metz@demo.tandem.fr", password: "Tandem-demo-2026" });
    const cookie = res.cookies.find((k: { name: string }) => k.name === "tandem_session") as Record<string, unknown>;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
  });

  it("refuses a wrong password with a French message and no session", async () => {
    const c = t.client();
    await c.get("/api/session");
    const res = await c.post("/api/auth/login", { email: "conseiller.metz@demo.tandem.fr", password: "mauvais mot de passe" });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("INVALID_CREDENTIALS");
    expect(res.json().error.message).toMatch(/incorrect/);
    expect((await c.get("/api/session")).json().user).toBeNull();
  });

  it("after 5 failures from one browser its next tries wait, even with the right password, and it is recorded", async () => {
    const c = t.client();
    await c.get("/api/session");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await c.post("/api/auth/login", { email: "agent.troyes@demo.tandem.fr", password: "faux-mot-de-passe" })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const right = await c.post("/api/auth/login", { email: "agent.troyes@demo.tandem.fr", password: "Tandem-demo-2026" });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe("LOGIN_THROTTLED");
    const events = await t.db.query("SELECT action FROM audit_events WHERE action = 'auth.login_throttled'");
    expect(events).toHaveLength(1);
  });

  it("logout kills the session on the server", async () => {
    const c = await t.loginAs("conseiller.rouen");
    expect((await c.post("/api/auth/logout")).statusCode).toBe(200);
    const res = await c.get("/api/organisations/00000000-0000-4000-8000-000000000000/users");
    expect(res.statusCode).toBe(401);
  });

  it("an idle session expires", async () => {
    const c = await t.loginAs("conseiller.basrhin");
    await t.db.query(
      "UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = (SELECT id FROM users WHERE email = 'conseiller.basrhin@demo.tandem.fr')",
    );
    const res = await c.get(`/api/organisations/${c.user!.organisation.id}/users`);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("SESSION_EXPIRED");
  });
});

describe("protection CSRF", () => {
  it("refuses a state-changing request without the token, and changes nothing", async () => {
    const c = await t.loginAs("admin.metz");
    const res = await c.request({
      method: "POST",
      url: `/api/organisations/${c.user!.organisation.id}/users`,
      headers: { "x-csrf-token": "faux" },
      payload: { email: "nouveau@metz.fr", firstName: "A", lastName: "B", roles: ["partner_agent"] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_TOKEN_INVALID");
    expect(await t.db.query("SELECT 1 FROM users WHERE email = 'nouveau@metz.fr'")).toHaveLength(0);
  });
});

describe("mot de passe", () => {
  it("refuses a password shorter than 12 characters", async () => {
    const c = await t.loginAs("pilotage.metz");
    const res = await c.post("/api/me/password", { currentPassword: "Tandem-demo-2026", newPassword: "court" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(res.json().error.details)).toContain("au moins 12 caractères");
  });

  it("changes the password: the old one no longer works, the new one does", async () => {
    const c = await t.loginAs("pilotage.metz");
    const res = await c.post("/api/me/password", { currentPassword: "Tandem-demo-2026", newPassword: "un nouveau mot de passe" });
    expect(res.statusCode).toBe(200);
    const other = t.client();
    await other.get("/api/session");
    expect((await other.post("/api/auth/login", { email: "pilotage.metz@demo.tandem.fr", password: "Tandem-demo-2026" })).statusCode).toBe(401);
    expect((await other.post("/api/auth/login", { email: "pilotage.metz@demo.tandem.fr", password: "un nouveau mot de passe" })).statusCode).toBe(200);
  });
});

describe("administration des comptes d'une organisation", () => {
  it("an org_admin invites a colleague, who sets a password through the e-mailed link", async () => {
    const admin = await t.loginAs("admin.creuse");
    const orgId = admin.user!.organisation.id;
    const res = await admin.post(`/api/organisations/${orgId}/users`, {
      email: "Nouvelle.Collegue@creuse.fr",
      firstName: "Nouvelle",
      lastName: "Collègue",
      roles: ["social_worker"],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitationPending).toBe(true);
    const [mail] = await t.db.query<{ body_text: string; status: string }>(
      "SELECT body_text, status FROM emails WHERE to_address = 'nouvelle.collegue@creuse.fr'",
    );
    expect(mail.status).toBe("outbox");
    const token = /invitation\/([\w-]+)/.exec(mail.body_text)![1];
    const anon = t.client();
    await anon.get("/api/session");
    expect((await anon.post("/api/invitations/accept", { token, password: "mon mot de passe sûr" })).statusCode).toBe(200);
    const login = await anon.post("/api/auth/login", { email: "nouvelle.collegue@creuse.fr", password: "mon mot de passe sûr" });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.organisation.id).toBe(orgId);
  });

  it("an org_admin changes roles and deactivates an account of their organisation; the account's sessions end", async () => {
    const admin = await t.loginAs("admin.basrhin");
    const worker = await t.loginAs("orienteur.basrhin");
    const list = (await admin.get(`/api/organisations/${admin.user!.organisation.id}/users`)).json();
    const target = list.users.find((u: { email: string }) => u.email === "orienteur.basrhin@demo.tandem.fr");
    const roles = await admin.patch(`/api/users/${target.id}`, { roles: ["orienter", "social_worker"] });
    expect(roles.json().roles).toEqual(["orienter", "social_worker"]);
    const off = await admin.patch(`/api/users/${target.id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await worker.get("/api/session")).json().user).toBeNull();
  });

  it("an org_admin never manages another organisation's accounts", async () => {
    const creuse = await t.loginAs("admin.creuse");
    const basRhinAdmin = await t.loginAs("admin.basrhin");
    const basRhinOrg = basRhinAdmin.user!.organisation.id;
    expect((await creuse.get(`/api/organisations/${basRhinOrg}/users`)).statusCode).toBe(403);
    expect(
      (await creuse.post(`/api/organisations/${basRhinOrg}/users`, { email: "x@y.fr", firstName: "X", lastName: "Y", roles: ["advisor"] })).statusCode,
    ).toBe(403);
    const list = (await basRhinAdmin.get(`/api/organisations/${basRhinOrg}/users`)).json();
    const someone = list.users.find((u: { email: string }) => u.email === "social.basrhin@demo.tandem.fr");
    expect((await creuse.patch(`/api/users/${someone.id}`, { active: false })).statusCode).toBe(403);
    const after = (await basRhinAdmin.get(`/api/organisations/${basRhinOrg}/users`)).json();
    expect(after.users.find((u: { id: string }) => u.id === someone.id).active).toBe(true);
  });

  it("an org_admin cannot grant platform_admin", async () => {
    const admin = await t.loginAs("admin.metz");
    const res = await admin.post(`/api/organisations/${admin.user!.organisation.id}/users`, {
      email: "escalade@metz.fr",
      firstName: "E",
      lastName: "S",
      roles: ["platform_admin"],
    });
    expect(res.statusCode).toBe(403);
  });
});
