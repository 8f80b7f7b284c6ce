import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, frenchDate, parisToday } from "../../domain/shared/calendarDate.js";
import { metzTrialConvention } from "../testing/metzTrialConvention.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { findConventionsRunningGlobalSupport } from "./conventionTerms.js";
import { conventionsDir } from "./demoConventions.js";

/**
 * Issue 8, finding 2: one party could put a convention in force that binds France Travail.
 * An imported file is a draft; each party signs in Tandem (or the platform admin records a
 * scanned signed copy); data opens only once every party has signed. Dates are relative to
 * today so that "in force today" stays true whatever the day the suite runs.
 */
let t: TestApp;
const today = parisToday();
const orgId = async (code: string) => (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id;
const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0].n);
const signatureEvents = (id: string) => count("SELECT 1 FROM convention_events WHERE convention_id = $1 AND kind = 'signature'", [id]);
const signatureAudits = (id: string) => count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.signature_recorded'", [id]);

/** A Metz global-support convention between the France Travail agency and the city, both signature dates filled in. */
const metzFile = (number: string, endsOn = addDays(today, 365)) =>
  metzTrialConvention({ number, ftSignedOn: addDays(today, -40), citySignedOn: addDays(today, -30), endsOn });

const importAs = async (client: TestClient, content: string) => {
  const res = await client.post("/api/conventions/import", { content });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const sign = (client: TestClient, id: string, body: Record<string, unknown>) =>
  client.post(`/api/conventions/${id}/signatures`, { name: "Signataire", title: "Qualité", signedOn: addDays(today, -2), ...body });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("an imported file is a draft", () => {
  it("the Ville de Metz imports a file with both signature dates filled in: a draft, and the city's staff cannot search France Travail's job seekers", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const id = await importAs(metz, metzFile("METZ-AG-BROUILLON"));
    const c = (await metz.get(`/api/conventions/${id}`)).json();
    expect(c).toMatchObject({ status: "draft", signedOn: null, effectiveOn: null });
    expect(c.awaitingSignatureOf).toEqual(["France Travail — Agence Metz Sébastopol", "Ville de Metz"]);
    // The file's dates are shown as what they are: information written in the file.
    const ft = c.parties.find((p: { code: string }) => p.code === "ft-metz-sebastopol");
    expect(ft).toMatchObject({ signature: null, fileSignatories: [{ name: "Directrice d’agence", title: "Directrice", signedOn: addDays(today, -40) }] });

    expect(await findConventionsRunningGlobalSupport(t.db, await orgId("ville-metz"), today)).toEqual([]);
    const search = await (await t.loginAs("social.metz")).get("/api/job-seekers?q=martin");
    expect(search.statusCode).toBe(403);
    expect((await metz.get("/api/conventions?status=draft")).json().items.map((i: { number: string }) => i.number)).toContain("METZ-AG-BROUILLON");
  });

  it("each party signs in turn, in Tandem: in force at the last signature, and only then does global support open", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const id = await importAs(metz, metzFile("METZ-AG-SIGNATURES"));

    const ftSteering = await t.loginAs("pilotage.ft-metz");
    const first = await sign(ftSteering, id, { organisation: "ft-metz-sebastopol", name: "Claire Dupont", title: "Directrice d’agence", signedOn: addDays(today, -10) });
    expect(first.statusCode, first.body).toBe(200);
    const half = (await metz.get(`/api/conventions/${id}`)).json();
    expect(half).toMatchObject({ status: "draft", signedOn: null, awaitingSignatureOf: ["Ville de Metz"] });
    expect(half.parties.find((p: { code: string }) => p.code === "ft-metz-sebastopol").signature).toMatchObject({
      name: "Claire Dupont",
      title: "Directrice d’agence",
      signedOn: addDays(today, -10),
      mode: "in_app",
      recordedBy: "Pilotage Ft-metz",
    });
    expect((await (await t.loginAs("social.metz")).get("/api/job-seekers?q=martin")).statusCode).toBe(403);

    // The same party cannot sign twice.
    const again = await sign(ftSteering, id, { organisation: "ft-metz-sebastopol" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("SIGNATURE_ALREADY_RECORDED");

    const last = await sign(metz, id, { organisation: "ville-metz", name: "François Grosdidier", title: "Maire", signedOn: addDays(today, -5) });
    expect(last.statusCode, last.body).toBe(200);
    const signed = (await metz.get(`/api/conventions/${id}`)).json();
    expect(signed).toMatchObject({ status: "in_force", signedOn: addDays(today, -5), effectiveOn: addDays(today, -5), awaitingSignatureOf: [] });
    expect((await findConventionsRunningGlobalSupport(t.db, await orgId("ville-metz"), today)).map((r) => r.number)).toEqual(["METZ-AG-SIGNATURES"]);
    expect((await (await t.loginAs("social.metz")).get("/api/job-seekers?q=martin")).statusCode).toBe(200);
    expect(await signatureEvents(id)).toBe(2);
  });

  it("a signature date in the future, or after the convention's end, is refused next to the field", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const id = await importAs(metz, metzFile("METZ-AG-DATES"));
    const future = await sign(metz, id, { organisation: "ville-metz", signedOn: addDays(today, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.issues).toEqual([{ path: "signedOn", message: "La date de signature ne peut pas être dans le futur." }]);
    const ended = await importAs(metz, metzFile("METZ-AG-FINIE", addDays(today, -20)));
    const afterEnd = await sign(metz, ended, { organisation: "ville-metz", signedOn: addDays(today, -3) });
    expect(afterEnd.statusCode).toBe(400);
    expect(afterEnd.json().error.details.issues[0].path).toBe("signedOn");
    expect(afterEnd.json().error.details.issues[0].message).toMatch(/postérieure à la fin de la convention/);
    expect(afterEnd.json().error.details.issues[0].message).toContain(frenchDate(addDays(today, -20)));
    expect(await signatureEvents(id)).toBe(0);
    expect(await signatureEvents(ended)).toBe(0);
  });
});

describe("a party's signature is recorded only by that party, or by the platform admin from a scanned copy", () => {
  it("a Ville de Strasbourg admin cannot sign on behalf of France Travail: 403, nothing recorded", async () => {
    const strasbourg = await t.loginAs("admin.strasbourg");
    const copy = fs
      .readFileSync(path.join(conventionsDir, "bas-rhin-2021-accompagnement-global.yaml"), "utf8")
      .replace("number: BAS-RHIN-2021-AG", "number: BAS-RHIN-COPIE");
    const id = await importAs(strasbourg, copy);
    const res = await sign(strasbourg, id, { organisation: "ft-strasbourg", name: "Directeur régional", title: "Directeur régional", signedOn: "2020-12-18" });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
    expect(await signatureEvents(id)).toBe(0);
    expect(await signatureAudits(id)).toBe(0);
    const c = (await strasbourg.get(`/api/conventions/${id}`)).json();
    expect(c.parties.find((p: { code: string }) => p.code === "ft-strasbourg").signature).toBeNull();
    // The page offers the city its own party only.
    expect(c.parties.filter((p: { canSign: boolean }) => p.canSign).map((p: { code: string }) => p.code)).toEqual(["ville-strasbourg"]);
    expect(c.canRecordScannedCopy).toBe(false);
    // Its own party: accepted.
    expect((await sign(strasbourg, id, { organisation: "ville-strasbourg", signedOn: "2020-12-18" })).statusCode).toBe(200);
  });

  it("the platform admin records a signature from a scanned signed copy, audited with that mode; no one else uses that mode", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const id = await importAs(metz, metzFile("METZ-AG-SCAN"));
    expect((await sign(metz, id, { organisation: "ville-metz", mode: "scanned_copy" })).statusCode).toBe(403);

    const admin = await t.loginAs("admin.plateforme");
    expect((await admin.get(`/api/conventions/${id}`)).json()).toMatchObject({ canRecordScannedCopy: true });
    expect((await sign(admin, id, { organisation: "ft-metz-sebastopol" })).statusCode).toBe(403); // in Tandem, only the party signs
    const res = await sign(admin, id, { organisation: "ft-metz-sebastopol", mode: "scanned_copy", name: "Directrice d’agence", title: "Directrice" });
    expect(res.statusCode, res.body).toBe(200);
    const [event] = await t.db.query<{ actor_email: string; details: { organisation: string; mode: string } }>(
      "SELECT (SELECT email FROM users WHERE users.id = actor_user_id) AS actor_email, details FROM audit_events WHERE subject_id = $1 AND action = 'convention.signature_recorded'",
      [id],
    );
    expect(event).toMatchObject({ actor_email: "admin.plateforme@demo.tandem.fr", details: { organisation: "ft-metz-sebastopol", mode: "scanned_copy" } });
    const c = (await metz.get(`/api/conventions/${id}`)).json();
    expect(c.parties.find((p: { code: string }) => p.code === "ft-metz-sebastopol").signature).toMatchObject({ mode: "scanned_copy" });
    expect(c.status).toBe("draft");
  });

  it("the demo's conventions are in force through signatures the system recorded from the signed copies, audited as such", async () => {
    const rows = await t.db.query<{ number: string; n: string }>(
      `SELECT c.number, count(*) AS n FROM audit_events a JOIN conventions c ON c.id::text = a.subject_id
        WHERE a.action = 'convention.signature_recorded' AND a.actor_user_id IS NULL AND a.details->>'mode' = 'scanned_copy' AND a.request_id = 'demo'
        GROUP BY c.number ORDER BY c.number`,
      [],
    );
    expect(rows.map((r) => [r.number, Number(r.n)])).toEqual([
      ["BAS-RHIN-2021-AG", 3],
      ["CREUSE-2023-AG", 2],
      ["METZ-2013", 2],
      ["ROUEN-PARTENARIAT", 3],
      ["TCM-2020", 2],
      ["TCM-2020-DONNEES", 2],
    ]);
  });
});

describe("one command path for every convention write", () => {
  it("reusing an amendment number is a 409 with a stable code, not a 500", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'METZ-2013'");
    const amendment = { number: "AV-7", signedOn: "2013-06-01", effectiveOn: "2013-07-01", summary: "Changement de référent", changes: {} };
    expect((await metz.post(`/api/conventions/${id}/amendments`, amendment)).statusCode).toBe(200);
    const again = await metz.post(`/api/conventions/${id}/amendments`, { ...amendment, summary: "Autre objet" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("AMENDMENT_NUMBER_TAKEN");
    expect(await count("SELECT 1 FROM convention_amendments WHERE convention_id = $1 AND number = 'AV-7'", [id])).toBe(1);
  });

  it("a user who may import no convention is refused before the file is read", async () => {
    const agent = await t.loginAs("agent.metz");
    const res = await agent.post("/api/conventions/import", { content: "convention: [pas même du YAML valide" });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
  });
});

describe.skipIf(!process.env.DATABASE_URL)("concurrent writes on the PostgreSQL server", () => {
  it("20 simultaneous signatures of the same party: one row, one event, one audit; the 19 others refused with 409", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const id = await importAs(metz, metzFile("METZ-AG-CONCURRENCE"));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => sign(metz, id, { organisation: "ville-metz", name: `Signataire ${i}` })));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(new Set(["SIGNATURE_ALREADY_RECORDED"]));
    expect(await count("SELECT 1 FROM convention_signatures WHERE convention_id = $1", [id])).toBe(1);
    expect(await signatureEvents(id)).toBe(1);
    expect(await signatureAudits(id)).toBe(1);
  });

  it("20 simultaneous terminations: one is recorded, the 19 others refused with 409", async () => {
    const metz = await t.loginAs("pilotage.metz");
    const id = await importAs(metz, metzFile("METZ-AG-RESILIATION"));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => metz.post(`/api/conventions/${id}/termination`, { receivedOn: addDays(today, -1), reason: "notice" })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(await count("SELECT 1 FROM convention_events WHERE convention_id = $1 AND kind = 'termination_notice'", [id])).toBe(1);
    expect(await count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.termination_recorded'", [id])).toBe(1);
  });
});
