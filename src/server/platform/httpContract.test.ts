import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { installErrorHandling } from "./http/errorHandler.js";

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

  it("GET /api/live answers without asking the database", async () => {
    const down = () => Promise.reject(new Error("base indisponible"));
    const live = await createTestApp({ demo: false, wrapDb: (db) => ({ kind: db.kind, query: down, exec: down, transaction: down, close: () => db.close() }) });
    try {
      expect((await live.client().get("/api/live")).json()).toEqual({ status: "ok" });
      expect((await live.client().get("/api/health")).statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await live.close();
    }
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
    expect(res.json().error).toEqual({ code: "MALFORMED_JSON", message: "Le corps de la requête n’est pas un JSON valide." });
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
    expect(JSON.stringify(error.details)).toContain("Champ inattendu : admin.");
    expect(JSON.stringify(error.details)).toContain("Ce champ est obligatoire.");
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
    expect(res.json().error).toEqual({ code: "ROUTE_NOT_FOUND", message: "Cette adresse n’existe pas." });
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
    const [event] = await t.db.query<Record<string, unknown>>(
      "SELECT a.*, u.email AS actor_account_email FROM audit_events a JOIN users u ON u.id = a.actor_user_id WHERE a.request_id = 'requete-test-0001'",
    );
    // Who: the account (its address is no longer copied into the event, migrations/020).
    expect(event).toMatchObject({
      actor_account_email: "admin.ccas-rouen@demo.tandem.fr",
      actor_email: null,
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
    expect(res.body.split("\r\n")[0]).toBe("\uFEFFDate et heure (Paris);Auteur;Adresse de l’auteur;Organisation de l’auteur;Action;Objet;Code de l’action;Identifiant de l’objet;Détails;Requête;Adresse IP");
    expect(res.body).toContain("dpo.rouen@demo.tandem.fr");
  });
});

describe("no request stalls the server", () => {
  const countConventions = async () => Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM conventions"))[0].n);

  /** Runs fn while a 1 ms interval measures the longest time the event loop did not turn. */
  async function longestStall<T>(fn: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
    let last = performance.now();
    let stallMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      stallMs = Math.max(stallMs, now - last);
      last = now;
    }, 1);
    try {
      const result = await fn();
      // The gap still open when fn settles counts too (a request that never yields would hide in it).
      return { result, stallMs: Math.max(stallMs, performance.now() - last) };
    } finally {
      clearInterval(timer);
    }
  }

  it("a 460 kB YAML file with 42 000 flat keys is refused at once: 413 FILE_TOO_COMPLEX, nothing imported", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const before = await countConventions();
    let content = "";
    for (let i = 0; i < 42_000; i++) content += `k${String(i).padStart(6, "0")}: 1\n`;
    expect(content.length).toBeGreaterThan(450_000);
    const started = performance.now();
    const res = await metz.post("/api/conventions/import", { content });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("FILE_TOO_COMPLEX");
    expect(res.json().error.message).toMatch(/trop volumineux ou trop complexe/);
    expect(await countConventions()).toBe(before);
  }, 120_000);

  it("a large YAML file within the limits is read off the event loop: a 1 ms timer keeps firing and /api/health answers", async () => {
    const metz = await t.loginAs("pilotage.metz");
    // ~230 kB, 2 000 keys: well-formed YAML that takes hundreds of milliseconds to read, but not a convention.
    let content = "convention:\n";
    for (let i = 0; i < 2_000; i++) content += `  cle_${String(i).padStart(5, "0")}_${"x".repeat(60)}: ${"valeur ".repeat(5)}\n`;
    const { result, stallMs } = await longestStall(() =>
      Promise.all([metz.post("/api/conventions/import", { content }), t.client().get("/api/health")]),
    );
    const [imported, health] = result;
    expect(imported.statusCode).toBe(400);
    expect(imported.json().error.code).toBe("CONVENTION_FILE_INVALID");
    expect(health.statusCode).toBe(200);
    // Reading this file on the main thread stalled the loop ~1.5 s; off it, the loop turns every few ms.
    // The bound is loose on purpose: a loaded CI machine (GC, two test files at once) must not make it flaky.
    expect(stallMs).toBeLessThan(400);
  });

  it("a 40 000-deep JSON in an amendment → 400 JSON_TOO_DEEP, nothing recorded", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'METZ-2013'");
    const amendments = async () => Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM convention_amendments"))[0].n);
    const before = await amendments();
    const changes = `${'{"a":'.repeat(40_000)}1${"}".repeat(40_000)}`;
    const res = await metz.request({
      method: "POST",
      url: `/api/conventions/${id}/amendments`,
      headers: { "content-type": "application/json" },
      payload: `{"number":"AV-9","signedOn":"2013-11-15","effectiveOn":"2014-01-01","summary":"Avenant","changes":${changes}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: "JSON_TOO_DEEP", message: "Le corps de la requête est trop imbriqué (64 niveaux au plus)." });
    expect(await amendments()).toBe(before);
  });

  it("the depth bound holds on every JSON route, including public ones", async () => {
    const anonymous = t.client();
    await anonymous.get("/api/session");
    const deepArray = `${"[".repeat(100)}${"]".repeat(100)}`;
    const login = await anonymous.request({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json; charset=utf-8" },
      payload: `{"email":${deepArray},"password":"x"}`,
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.code).toBe("JSON_TOO_DEEP");
    // Brackets inside strings are text, not depth.
    const admin = await t.loginAs("admin.rouen");
    const text = await admin.post(`/api/organisations/${admin.user!.organisation.id}/users`, { email: "a@b.fr", firstName: "[".repeat(200), lastName: "{".repeat(50) });
    expect(text.json().error?.code).not.toBe("JSON_TOO_DEEP");
  });
});

describe("control characters: a clean 400 naming the field, never a database error", () => {
  const message = "Ce texte contient un caractère de contrôle interdit (par exemple le caractère nul).";
  let caseId: string;
  let social: TestClient;
  const notes = async () => Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM support_notes"))[0].n);

  beforeAll(async () => {
    const [person] = await t.db.query<{ id: string }>(
      "SELECT id FROM job_seekers js WHERE commune_insee = '23096' AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) LIMIT 1",
    );
    const orienter = await t.loginAs("orienteur.creuse");
    const oriented = await orienter.post("/api/support/cases", { jobSeekerId: person.id, origin: "pf1", barriers: [{ code: "housing" }] });
    expect(oriented.statusCode, oriented.body).toBe(201);
    caseId = oriented.json().id;
    social = await t.loginAs("social.creuse");
  });

  const expectRefused = (res: { statusCode: number; json(): { error: { code: string; details: { issues: unknown[] } } } }, path: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(res.json().error.details.issues).toEqual([{ path, message }]);
  };

  it("a NUL byte in a note → 400 on body.body, no note written", async () => {
    const before = await notes();
    expectRefused(await social.post(`/api/support/cases/${caseId}/notes`, { visibility: "social", body: "Rendez-vous\u0000 pris" }), "body.body");
    expect(await notes()).toBe(before);
    // Tab, CR and LF are text.
    expect((await social.post(`/api/support/cases/${caseId}/notes`, { visibility: "social", body: "Ligne 1\r\n\tLigne 2" })).statusCode).toBe(200);
  });

  it("a NUL byte in a document name → 400 on body.name", async () => {
    const res = await social.post(`/api/support/cases/${caseId}/documents`, {
      visibility: "social",
      name: "courrier\u0000.pdf",
      contentType: "application/pdf",
      contentBase64: "JVBERi0xLjQK",
    });
    expectRefused(res, "body.name");
  });

  it("a NUL byte or another control character in a search or a filter → 400 on the query field", async () => {
    expectRefused(await (await t.loginAs("conseiller.creuse")).get("/api/job-seekers?q=du%00pont"), "querystring.q");
    expectRefused(await social.get("/api/conventions?q=%1B"), "querystring.q");
    expectRefused(await (await t.loginAs("dpo.creuse")).get("/api/audit-events?actorEmail=a%00b"), "querystring.actorEmail");
  });

  it("a control character in a key of a JSON object is refused too", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'METZ-2013'");
    const res = await metz.post(`/api/conventions/${id}/amendments`, {
      number: "AV-NUL",
      signedOn: "2013-11-15",
      effectiveOn: "2014-01-01",
      summary: "Avenant",
      changes: { "period\u0000": { endsOn: "2014-06-30" } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(res.json().error.details.issues[0].path).toBe("body.changes");
  });
});

describe("our error shape for every failure", () => {
  it("a malformed URL (/api/%) → 400 MALFORMED_URL in our shape", async () => {
    const res = await t.client().get("/api/%");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: "MALFORMED_URL", message: "L’adresse demandée est mal formée." } });
  });

  it("reusing an amendment number → 409 AMENDMENT_NUMBER_TAKEN, not a 500", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'METZ-2013'");
    const amendment = { number: "AV-DOUBLE", signedOn: "2013-11-15", effectiveOn: "2014-01-01", summary: "Renouvellement pour 2014", changes: { period: { endsOn: "2014-12-31" } } };
    expect((await metz.post(`/api/conventions/${id}/amendments`, amendment)).statusCode).toBe(200);
    const again = await metz.post(`/api/conventions/${id}/amendments`, amendment);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("AMENDMENT_NUMBER_TAKEN");
  });

  it("a unique-key violation no use case checks → 409 with a stable code per known constraint, CONFLICT otherwise", async () => {
    const app = Fastify({ logger: false });
    installErrorHandling(app);
    const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'METZ-2013'");
    app.get("/organisation", async () => t.db.query("INSERT INTO organisations (code, name, kind) SELECT code, name, kind FROM organisations LIMIT 1"));
    app.get("/amendment", async () =>
      t.db.query(
        `INSERT INTO convention_amendments (convention_id, number, signed_on, effective_on, summary, changes)
         SELECT convention_id, number, signed_on, effective_on, summary, changes FROM convention_amendments WHERE convention_id = $1 LIMIT 1`,
        [id],
      ),
    );
    const generic = await app.inject({ method: "GET", url: "/organisation" });
    expect(generic.statusCode).toBe(409);
    expect(generic.json()).toEqual({ error: { code: "CONFLICT", message: "Cette donnée existe déjà : l’opération n’a pas été enregistrée. Rechargez la page pour voir l’état actuel." } });
    const amendment = await app.inject({ method: "GET", url: "/amendment" });
    expect(amendment.statusCode).toBe(409);
    expect(amendment.json().error.code).toBe("AMENDMENT_NUMBER_TAKEN");
    await app.close();
  });

  it("a foreign-key violation (a reference to nothing) → 409 REFERENCE_CONFLICT, not a 500", async () => {
    const app = Fastify({ logger: false });
    installErrorHandling(app);
    app.get("/dangling", async () =>
      t.db.query("INSERT INTO convention_events (convention_id, kind, occurred_on) VALUES ('00000000-0000-4000-8000-000000000000', 'payment', '2026-01-01')"),
    );
    const res = await app.inject({ method: "GET", url: "/dangling" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("REFERENCE_CONFLICT");
    await app.close();
  });

  it("bad JSON, a forbidden __proto__ key, a wrong content type and a huge body all answer in our shape", async () => {
    const c = await t.loginAs("admin.rouen");
    const url = `/api/organisations/${c.user!.organisation.id}/users`;
    const cases: [string, string, number, string][] = [
      ["application/json", "{", 400, "MALFORMED_JSON"],
      ["application/json", '{"__proto__": {"admin": true}}', 400, "MALFORMED_JSON"],
      ["text/csv", "a;b", 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["application/json", JSON.stringify({ email: "x".repeat(2_000_000) }), 413, "PAYLOAD_TOO_LARGE"],
    ];
    for (const [type, payload, status, code] of cases) {
      const res = await c.request({ method: "POST", url, headers: { "content-type": type }, payload });
      expect([res.statusCode, res.json().error.code]).toEqual([status, code]);
      expect(Object.keys(res.json())).toEqual(["error"]);
    }
  });
});
