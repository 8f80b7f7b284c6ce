import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, parisToday } from "../../domain/shared/calendarDate.js";
import { metzTrialConvention } from "../testing/metzTrialConvention.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { findConventionsRunningGlobalSupport, termsInForce } from "./conventionTerms.js";

/**
 * Issue 8, finding 2, for amendments: one party could change a convention through an amendment
 * (extend it, raise the money) and bind the others at once. An amendment is proposed by a party
 * and takes effect only once every party has signed it in Tandem (ADR 0008, « Avenants »).
 * Dates are relative to today so that "in force" stays true whatever the day the suite runs.
 */
let t: TestApp;
const today = parisToday();
const FT = "France Travail — Agence Metz Sébastopol";
const CITY = "Ville de Metz";
const orgId = async (code: string) => (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id;
const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0].n);
const amendmentSignatures = (id: string) => count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.amendment_signature_recorded'", [id]);

/** A Metz global-support convention between the France Travail agency and the city: ends in 30 days, 18 months at most. */
const metzFile = (number: string, extra = "") =>
  metzTrialConvention({ number, ftSignedOn: addDays(today, -10), citySignedOn: addDays(today, -5), endsOn: addDays(today, 30), maxTotalMonths: 18, extra });

let city: TestClient;
let ft: TestClient;

/** Imported by the city, then signed in Tandem by both parties: in force since 5 days ago. */
async function signedConvention(number: string, extra = "") {
  const res = await city.post("/api/conventions/import", { content: metzFile(number, extra) });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const signature = { name: "Signataire", title: "Qualité" };
  expect((await ft.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-metz-sebastopol", signedOn: addDays(today, -10) })).statusCode).toBe(200);
  expect((await city.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ville-metz", signedOn: addDays(today, -5) })).statusCode).toBe(200);
  return id;
}

type AmendmentDto = { id: string; number: string; status: string; signedOn: string | null; awaitingSignatureOf: string[]; parties: { code: string; canSign: boolean; signature: { mode: string } | null }[] };
const detail = async (client: TestClient, id: string) => (await client.get(`/api/conventions/${id}`)).json();
const amendment = async (client: TestClient, id: string, number: string): Promise<AmendmentDto> =>
  (await detail(client, id)).amendments.find((a: { number: string }) => a.number === number);
const signAmendment = (client: TestClient, id: string, amendmentId: string, body: Record<string, unknown>) =>
  client.post(`/api/conventions/${id}/amendments/${amendmentId}/signatures`, { name: "Signataire", title: "Qualité", signedOn: today, ...body });

beforeAll(async () => {
  t = await createTestApp();
  city = await t.loginAs("pilotage.metz");
  ft = await t.loginAs("pilotage.ft-metz");
});
afterAll(() => t.close());

describe("an amendment binds the parties only once every party has signed it in Tandem", () => {
  it("the city alone extends the end date: the end date does not move, nor does global support open past the old end, until France Travail signs", async () => {
    const id = await signedConvention("METZ-AV-UNE-PARTIE");
    const oldEnd = addDays(today, 30);
    const newEnd = addDays(today, 200);
    const proposed = await city.post(`/api/conventions/${id}/amendments`, {
      number: "AV-1",
      signedOn: today,
      effectiveOn: today,
      summary: "Prolongation de six mois",
      changes: { period: { endsOn: newEnd } },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);

    const pending = await detail(city, id);
    expect(pending.endsOn).toBe(oldEnd);
    expect(pending.terms.period.endsOn).toBe(oldEnd);
    expect(pending.amendments).toMatchObject([{ number: "AV-1", status: "pending", signedOn: null, awaitingSignatureOf: [FT, CITY] }]);
    expect(await findConventionsRunningGlobalSupport(t.db, await orgId("ville-metz"), addDays(today, 100))).toEqual([]);
    expect((await termsInForce(t.db, id, addDays(today, 100)))?.period.endsOn).toBe(oldEnd);

    // The city signs its own amendment: still France Travail's signature missing, still nothing changes.
    const citySigns = await signAmendment(city, id, pending.amendments[0].id, { organisation: "ville-metz", name: "François Grosdidier", title: "Maire" });
    expect(citySigns.statusCode, citySigns.body).toBe(200);
    expect(await detail(city, id)).toMatchObject({ endsOn: oldEnd, amendments: [{ number: "AV-1", status: "pending", awaitingSignatureOf: [FT] }] });
    expect(await findConventionsRunningGlobalSupport(t.db, await orgId("ville-metz"), addDays(today, 100))).toEqual([]);

    // France Travail signs: the amendment applies from its date.
    const ftSigns = await signAmendment(ft, id, pending.amendments[0].id, { organisation: "ft-metz-sebastopol", name: "Claire Dupont", title: "Directrice d’agence" });
    expect(ftSigns.statusCode, ftSigns.body).toBe(200);
    const signed = await detail(city, id);
    expect(signed).toMatchObject({ endsOn: newEnd, amendments: [{ number: "AV-1", status: "signed", signedOn: today, awaitingSignatureOf: [] }] });
    expect(signed.terms.period.endsOn).toBe(newEnd);
    expect((await findConventionsRunningGlobalSupport(t.db, await orgId("ville-metz"), addDays(today, 100))).map((r) => r.number)).toEqual(["METZ-AV-UNE-PARTIE"]);
    expect(await amendmentSignatures(id)).toBe(2);
  });

  it("the proposer's party signs with the proposal when asked; the wrong party cannot sign (403), nor the same party twice (409); the platform admin only records a scanned copy", async () => {
    const id = await signedConvention("METZ-AV-PARTIES");
    const proposed = await city.post(`/api/conventions/${id}/amendments`, {
      number: "AV-2",
      effectiveOn: today,
      summary: "Prolongation de trois mois",
      changes: { period: { endsOn: addDays(today, 120) } },
      signature: { name: "François Grosdidier", title: "Maire", signedOn: today },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const av = await amendment(city, id, "AV-2");
    expect(av).toMatchObject({ status: "pending", awaitingSignatureOf: [FT] });
    expect(av.parties.find((p) => p.code === "ville-metz")?.signature).toMatchObject({ mode: "in_app", name: "François Grosdidier" });
    // The page offers each user their own party only.
    expect(av.parties.filter((p) => p.canSign).map((p) => p.code)).toEqual([]);
    expect((await amendment(ft, id, "AV-2")).parties.filter((p) => p.canSign).map((p) => p.code)).toEqual(["ft-metz-sebastopol"]);

    const cityForFt = await signAmendment(city, id, av.id, { organisation: "ft-metz-sebastopol" });
    expect(cityForFt.statusCode).toBe(403);
    expect(cityForFt.json().error.code).toBe("FORBIDDEN");
    const cityAgain = await signAmendment(city, id, av.id, { organisation: "ville-metz" });
    expect(cityAgain.statusCode).toBe(409);
    expect(cityAgain.json().error.code).toBe("AMENDMENT_SIGNATURE_ALREADY_RECORDED");
    const outsider = await signAmendment(await t.loginAs("pilotage.creuse"), id, av.id, { organisation: "ft-metz-sebastopol" });
    expect(outsider.statusCode).toBe(404);
    const admin = await t.loginAs("admin.plateforme");
    expect((await signAmendment(admin, id, av.id, { organisation: "ft-metz-sebastopol" })).statusCode).toBe(403);
    expect(await amendmentSignatures(id)).toBe(1);
    expect((await detail(city, id)).endsOn).toBe(addDays(today, 30));

    const scanned = await signAmendment(admin, id, av.id, { organisation: "ft-metz-sebastopol", mode: "scanned_copy", name: "Directrice d’agence", title: "Directrice" });
    expect(scanned.statusCode, scanned.body).toBe(200);
    const [event] = await t.db.query<{ actor_email: string; details: { organisation: string; mode: string; number: string } }>(
      "SELECT (SELECT email FROM users WHERE users.id = actor_user_id) AS actor_email, details FROM audit_events WHERE subject_id = $1 AND action = 'convention.amendment_signature_recorded' ORDER BY seq DESC LIMIT 1",
      [id],
    );
    expect(event).toMatchObject({ actor_email: "admin.plateforme@demo.tandem.fr", details: { number: "AV-2", organisation: "ft-metz-sebastopol", mode: "scanned_copy" } });
    expect(await detail(city, id)).toMatchObject({ endsOn: addDays(today, 120), amendments: [{ number: "AV-2", status: "signed" }] });
  });

  it("the rules are checked at the proposal and again at the last signature, on the terms as they stand then", async () => {
    const id = await signedConvention("METZ-AV-REGLES");
    const start = addDays(today, -5);
    const cap = addDays(addMonths(start, 18), -1);
    const beyond = await city.post(`/api/conventions/${id}/amendments`, {
      number: "AV-TROP",
      effectiveOn: today,
      summary: "Prolongation au-delà de la durée maximale",
      changes: { period: { endsOn: addDays(cap, 1) } },
    });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.details.issues[0].message).toContain("La durée totale ne peut dépasser 18 mois");

    // Valid on its own: up to the cap, signed by the city with the proposal.
    const extend = await city.post(`/api/conventions/${id}/amendments`, {
      number: "AV-PROLONGATION",
      effectiveOn: today,
      summary: "Prolongation jusqu’à la durée maximale",
      changes: { period: { endsOn: cap } },
      signature: { name: "Maire", title: "Maire", signedOn: today },
    });
    expect(extend.statusCode, extend.body).toBe(200);
    // Meanwhile both parties sign another amendment that brings the cap down to 12 months.
    const shorten = await city.post(`/api/conventions/${id}/amendments`, {
      number: "AV-PLAFOND",
      effectiveOn: today,
      summary: "Durée maximale ramenée à 12 mois",
      changes: { period: { maxDuration: { value: 12, unit: "months" } } },
      signature: { name: "Maire", title: "Maire", signedOn: today },
    });
    expect(shorten.statusCode, shorten.body).toBe(200);
    expect((await signAmendment(ft, id, (await amendment(ft, id, "AV-PLAFOND")).id, { organisation: "ft-metz-sebastopol" })).statusCode).toBe(200);

    // France Travail's signature would now make the first one apply beyond the new cap: refused, nothing recorded.
    const last = await signAmendment(ft, id, (await amendment(ft, id, "AV-PROLONGATION")).id, { organisation: "ft-metz-sebastopol" });
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe("AMENDMENT_NO_LONGER_VALID");
    expect(last.json().error.details.issues[0].message).toContain("La durée totale ne peut dépasser 12 mois");
    expect(await amendment(ft, id, "AV-PROLONGATION")).toMatchObject({ status: "pending", awaitingSignatureOf: [FT] });
    expect((await detail(city, id)).endsOn).toBe(addDays(today, 30));
  });

  it("amendments written in an imported file are information: they apply only once every party has signed them in Tandem", async () => {
    const amendments = `amendments:
  - { number: AV-FICHIER, signedOn: ${addDays(today, -3)}, effectiveOn: ${addDays(today, -3)}, summary: Prolongation écrite dans le fichier, changes: { period: { endsOn: ${addDays(today, 300)} } } }
`;
    const id = await signedConvention("METZ-AV-FICHIER", amendments);
    const c = await detail(city, id);
    expect(c.endsOn).toBe(addDays(today, 30));
    expect(c.amendments).toMatchObject([{ number: "AV-FICHIER", status: "pending", signedOn: null, statedSignedOn: addDays(today, -3), awaitingSignatureOf: [FT, CITY] }]);
    const runningOn = async (day: string) => (await findConventionsRunningGlobalSupport(t.db, await orgId("ville-metz"), day)).map((r) => r.number);
    expect(await runningOn(addDays(today, 100))).not.toContain("METZ-AV-FICHIER");
    const av = c.amendments[0];
    expect((await signAmendment(city, id, av.id, { organisation: "ville-metz" })).statusCode).toBe(200);
    expect((await signAmendment(ft, id, av.id, { organisation: "ft-metz-sebastopol" })).statusCode).toBe(200);
    expect((await detail(city, id)).endsOn).toBe(addDays(today, 300));
    expect(await runningOn(addDays(today, 100))).toContain("METZ-AV-FICHIER");
  });

  it("an amendment whose delays are in the old format gets the convention file's own refusal, each old key named; nothing recorded", async () => {
    const id = await signedConvention("METZ-AV-ANCIEN");
    const res = await city.post(`/api/conventions/${id}/amendments`, {
      number: "AV-ANCIEN",
      effectiveOn: today,
      summary: "Délai de démarrage raccourci",
      changes: { programmes: { globalSupport: { daysFromOrientationToStart: 15 } } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: "CONVENTION_FILE_OLD_DELAY_FORMAT",
      message:
        "L’avenant suit l’ancien format : 1 délai est écrit sans unité. Écrivez chaque délai avec sa valeur et son unité, comme le dit la convention. Rien n’a été enregistré.",
      details: {
        issues: [
          {
            path: "changes.programmes.globalSupport.daysFromOrientationToStart",
            message:
              "Ancien format de délai : « daysFromOrientationToStart » est remplacé par « orientationToStart », une valeur et son unité comme le dit la convention (ex. orientationToStart: { value: 15, unit: days } ; hours, days, weeks, months ou years).",
          },
        ],
      },
    });
    expect(await count("SELECT 1 FROM convention_amendments WHERE convention_id = $1", [id])).toBe(0);
  });

  it("the demo's DEMO-1 amendments apply through signatures the system recorded from the signed copies, audited as such", async () => {
    const rows = await t.db.query<{ number: string; n: string }>(
      `SELECT c.number, count(*) AS n FROM audit_events a JOIN conventions c ON c.id::text = a.subject_id
        WHERE a.action = 'convention.amendment_signature_recorded' AND a.actor_user_id IS NULL AND a.details->>'mode' = 'scanned_copy'
          AND a.details->>'number' = 'DEMO-1' AND a.request_id = 'demo'
        GROUP BY c.number ORDER BY c.number`,
      [],
    );
    expect(rows.map((r) => [r.number, Number(r.n)])).toEqual([
      // The Collectivité européenne d'Alsace signs for the Département it succeeded.
      ["BAS-RHIN-2021-AG", 3],
      ["CREUSE-2023-AG", 2],
      // Rouen's city, CCAS and France Travail: PEC and immersions run today in the demo (ADR 0037).
      ["ROUEN-PARTENARIAT", 3],
    ]);
    const [creuse] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'CREUSE-2023-AG'");
    const c = await detail(await t.loginAs("pilotage.creuse"), creuse.id);
    expect(c).toMatchObject({ status: "in_force", endsOn: `${Number(today.slice(0, 4)) + 2}-12-31`, amendments: [{ number: "DEMO-1", status: "signed" }] });
  });
});

describe.skipIf(!process.env.DATABASE_URL)("concurrent amendment signatures on the PostgreSQL server", () => {
  it("20 simultaneous signatures of the same party on an amendment: one row, one audit; the 19 others refused with 409", async () => {
    const id = await signedConvention("METZ-AV-CONCURRENCE");
    expect((await city.post(`/api/conventions/${id}/amendments`, { number: "AV-C", effectiveOn: today, summary: "Essai", changes: {} })).statusCode).toBe(200);
    const av = await amendment(city, id, "AV-C");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signAmendment(city, id, av.id, { organisation: "ville-metz", name: `Signataire ${i}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(await count("SELECT 1 FROM convention_amendment_signatures WHERE amendment_id = $1", [av.id])).toBe(1);
    expect(await amendmentSignatures(id)).toBe(1);
  });
});
