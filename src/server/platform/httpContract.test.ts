import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/testApp.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("service", () => {
  it("GET /api/health says ok and which database runs", async () => {
    const res = await t.client().get("/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "server" : "embedded" });
  });

  it("serves the OpenAPI 3 document with the routes and their schemas", async () => {
    const doc = (await t.client().get("/api/openapi.json")).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths["/api/auth/login"].post.requestBody.content["application/json"].schema.required).toEqual(["email", "password"]);
    const docs = await t.client().get("/api/docs/");
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("swagger");
  });

  it("sends security headers", async () => {
    const res = await t.client().get("/api/health");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });
});

describe("bad input: a JSON error with a stable code and a French message, and nothing changes", () => {
  const loginAsAdmin = () => t.loginAs("admin.rouen");
  const countUsers = async () => Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM users"))[0].n);

  it("malformed JSON → 400 MALFORMED_JSON", async () => {
    const c = await loginAsAdmin();
    const before = await countUsers();
    const res = await c.request({
      method: "POST",
      url: `/api/organisations/${c.user!.organisation.id}/users`,
      headers: { "content-type": "application/json" },
      payload: '{"email": "a@b.fr",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: "MALFORMED_JSON", message: "Le corps de la requête n'est pas un JSON valide." });
    expect(await countUsers()).toBe(before);
  });

  it("unknown field, missing field and wrong type → 400 VALIDATION_ERROR listing each path in French", async () => {
    const c = await loginAsAdmin();
    const before = await countUsers();
    const res = await c.post(`/api/organisations/${c.user!.organisation.id}/users`, {
      email: "pas-une-adresse",
      firstName: 42,
      roles: ["advisor"],
      admin: true,
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.message).toBe("Les données envoyées ne sont pas valides.");
    const paths = error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["body.email", "body.firstName", "body.lastName", "body"]));
    expect(JSON.stringify(error.details)).toContain("Clé non reconnue");
    expect(await countUsers()).toBe(before);
  });

  it("oversized body → 413 PAYLOAD_TOO_LARGE", async () => {
    const c = await loginAsAdmin();
    const res = await c.post(`/api/organisations/${c.user!.organisation.id}/users`, { email: "x".repeat(2_000_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("wrong content type → 415", async () => {
    const c = await loginAsAdmin();
    const res = await c.request({ method: "POST", url: "/api/me/password", headers: { "content-type": "application/xml" }, payload: "<bonjour/>" });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("unknown route → 404 ROUTE_NOT_FOUND", async () => {
    const res = await t.client().get("/api/nexiste-pas");
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: "ROUTE_NOT_FOUND", message: "Cette adresse n'existe pas." });
  });

  it("a bad id in the path → 400, not a database error", async () => {
    const c = await loginAsAdmin();
    const res = await c.get("/api/organisations/pas-un-uuid/users");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
  });

  it("an impossible date in a filter → 400 in French, never a database error", async () => {
    const dpo = await t.loginAs("dpo.rouen");
    const res = await dpo.get("/api/audit-events?from=2026-02-30");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("audit trail", () => {
  it("cannot be changed or deleted, even by SQL from the application", async () => {
    await t.loginAs("conseiller.rouen");
    await expect(t.db.query("UPDATE audit_events SET action = 'effacé'")).rejects.toThrow(/append-only/);
    await expect(t.db.query("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    const [{ n }] = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'auth.login'");
    expect(Number(n)).toBeGreaterThan(0);
  });

  it("records who, organisation, action, subject, request id and IP", async () => {
    const c = await t.loginAs("admin.ccas-rouen");
    await c.request({ method: "GET", url: `/api/organisations/${c.user!.organisation.id}/users`, headers: { "x-request-id": "requete-test-0001" } });
    const [event] = await t.db.query<Record<string, unknown>>("SELECT * FROM audit_events WHERE request_id = 'requete-test-0001'");
    expect(event).toMatchObject({
      actor_email: "admin.ccas-rouen@demo.tandem.fr",
      actor_organisation_id: c.user!.organisation.id,
      action: "organisation.users.read",
      subject_type: "organisation",
      subject_id: c.user!.organisation.id,
      ip: "127.0.0.1",
    });
  });

  it("exports a French CSV (semicolons, UTF-8 BOM)", async () => {
    const dpo = await t.loginAs("dpo.rouen");
    const res = await dpo.get("/api/audit-events/export.csv");
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body.split("\r\n")[0]).toBe("\uFEFFDate;Auteur;Organisation;Action;Objet;Identifiant;Détails;Requête;IP");
    expect(res.body).toContain("dpo.rouen@demo.tandem.fr");
  });
});
