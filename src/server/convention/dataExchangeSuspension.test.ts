import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, frenchDate, parisToday } from "../../domain/shared/calendarDate.js";
import { metzTrialConvention } from "../testing/metzTrialConvention.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { dataExchangeSuspended } from "./conventionTerms.js";

/**
 * Issue 10, ADR 0028: a breach of the data clauses suspends the exchange of personal data between
 * the parties at once (003 annexe art. 10). What sends a person's data from one party to the other
 * under the convention is refused while it is suspended: the review's follow-up table (its
 * distribution at the close, its download) and a new orientation (it hands the person to the
 * other party's side of the pair). Dates relative to today so the convention stays in force.
 */
let t: TestApp;
let city: TestClient;
let ft: TestClient;
let advisor: TestClient;
const today = parisToday();
const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0].n);

/** A Metz convention whose breach suspends the data exchange at once, signed by both parties. */
async function signedConvention(number: string, o: { suspendAtOnce?: boolean; annexOf?: string } = {}) {
  let yaml = metzTrialConvention({ number, ftSignedOn: addDays(today, -10), citySignedOn: addDays(today, -5), endsOn: addDays(today, 365) });
  if (o.suspendAtOnce) yaml = yaml.replace('breach: { effectiveAfterFormalNotice: { value: 1, unit: months }, source: "essai art. 2" }', 'breach: { effectiveAfterFormalNotice: { value: 1, unit: months }, suspendDataExchangeAtOnce: true, source: "essai art. 2" }');
  if (o.annexOf) yaml = yaml.replace("kind: cooperation", `kind: data_exchange\n  annexOf: ${o.annexOf}`);
  const imported = await city.post("/api/conventions/import", { content: yaml });
  expect(imported.statusCode, imported.body).toBe(201);
  const id = imported.json().id as string;
  const signature = { name: "Signataire", title: "Qualité" };
  expect((await ft.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-metz-sebastopol", signedOn: addDays(today, -10) })).statusCode).toBe(200);
  expect((await city.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ville-metz", signedOn: addDays(today, -5) })).statusCode).toBe(200);
  return id;
}

/** A Metz person with no open case, oriented by the advisor under the convention. */
async function orient(conventionId: string, skip: number) {
  const [person] = await t.db.query<{ id: string }>(
    `SELECT js.id FROM job_seekers js WHERE js.commune_insee = '57463' AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id AND sc.closed_on IS NULL)
      ORDER BY js.ft_identifier OFFSET $1 LIMIT 1`,
    [skip],
  );
  return advisor.post("/api/support/cases", { jobSeekerId: person.id, conventionId, origin: "france_travail", barriers: [{ code: "housing" }, { code: "mobility" }] });
}

beforeAll(async () => {
  t = await createTestApp();
  city = await t.loginAs("pilotage.metz");
  ft = await t.loginAs("pilotage.ft-metz");
  advisor = await t.loginAs("conseiller.metz");
});
afterAll(() => t.close());

describe("the exchange of personal data suspended by a breach of the data clauses", () => {
  it("refuses the follow-up table's distribution and download, and a new orientation, with the day it was suspended: 409, nothing sent", async () => {
    const id = await signedConvention("METZ-SUSPENSION", { suspendAtOnce: true });
    expect((await orient(id, 0)).statusCode).toBe(201);
    const agency = (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-metz-sebastopol'"))[0].id;
    const scheduled = await advisor.post("/api/reviews", { conventionId: id, agencyIds: [agency], heldOn: today });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const reviewId = scheduled.json().id as string;
    expect((await advisor.post(`/api/reviews/${reviewId}/close`)).statusCode).toBe(200);
    expect((await advisor.get(`/api/reviews/${reviewId}/documents/1/table_csv`)).statusCode).toBe(200);
    expect((await advisor.post(`/api/reviews/${reviewId}/reopen`)).statusCode).toBe(200);
    expect(await dataExchangeSuspended(t.db, id, today)).toBeNull();

    // A formal notice for a breach today: the exchange is suspended at once, the convention ends in a month.
    const breach = await ft.post(`/api/conventions/${id}/termination`, { receivedOn: today, reason: "breach" });
    expect(breach.statusCode, breach.body).toBe(200);
    expect(breach.json().dataExchangeSuspendedOn).toBe(today);
    expect(await dataExchangeSuspended(t.db, id, addDays(today, -1))).toBeNull();
    expect(await dataExchangeSuspended(t.db, id, today)).toEqual({ number: "METZ-SUSPENSION", since: today });

    const mailsBefore = await count("SELECT 1 FROM emails", []);
    const close = await advisor.post(`/api/reviews/${reviewId}/close`);
    expect(close.statusCode).toBe(409);
    expect(close.json().error).toEqual({
      code: "DATA_EXCHANGE_SUSPENDED",
      message: `Diffusion du tableau de suivi refusée : l’échange de données personnelles entre les parties de la convention n° METZ-SUSPENSION est suspendu depuis le ${frenchDate(today)} (manquement aux clauses de protection des données). Rien n’a été transmis.`,
      details: { since: today },
    });
    expect((await t.db.query<{ status: string }>("SELECT status FROM portfolio_reviews WHERE id = $1", [reviewId]))[0].status).toBe("open");
    expect(await count("SELECT 1 FROM emails", [])).toBe(mailsBefore);

    const download = await advisor.get(`/api/reviews/${reviewId}/documents/1/table_csv`);
    expect(download.statusCode).toBe(409);
    expect(download.json().error.code).toBe("DATA_EXCHANGE_SUSPENDED");

    const cases = await count("SELECT 1 FROM support_cases WHERE convention_id = $1", [id]);
    const oriented = await orient(id, 1);
    expect(oriented.statusCode).toBe(409);
    expect(oriented.json().error.message).toMatch(/^Orientation refusée : l’échange de données personnelles entre les parties de la convention n° METZ-SUSPENSION est suspendu depuis le /);
    expect(await count("SELECT 1 FROM support_cases WHERE convention_id = $1", [id])).toBe(cases);
  });

  it("a breach of the data annex suspends the exchanges of the convention it is annexed to, not of another", async () => {
    const parent = await signedConvention("METZ-PARENT");
    const other = await signedConvention("METZ-AUTRE");
    const annex = await signedConvention("METZ-PARENT-DONNEES", { suspendAtOnce: true, annexOf: "METZ-PARENT" });
    const breach = await ft.post(`/api/conventions/${annex}/termination`, { receivedOn: addDays(today, -2), reason: "breach" });
    expect(breach.statusCode, breach.body).toBe(200);
    expect(await dataExchangeSuspended(t.db, annex, today)).toEqual({ number: "METZ-PARENT-DONNEES", since: addDays(today, -2) });
    expect(await dataExchangeSuspended(t.db, parent, today)).toEqual({ number: "METZ-PARENT", since: addDays(today, -2) });
    expect(await dataExchangeSuspended(t.db, other, today)).toBeNull();
    expect((await orient(parent, 2)).json().error.code).toBe("DATA_EXCHANGE_SUSPENDED");
  });
});
