import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { conventionsDir } from "./demoConventions.js";

/**
 * Issue 9, "amounts against what is due": a payment of 99 999 999 € on a 33 300,80 € convention
 * was accepted. A payment is checked, under the convention's row lock, against what the finance
 * terms make due (per contractual year, pro rata on early termination) and against the
 * convention's dates. Metz [004]: 41 626 € × 0,80 FTE = 33 300,80 € for 2013, signed 15/02/2013.
 */
let t: TestApp;
let metz: TestClient;
let ftMetz: TestClient;
const nbsp = "\u202f";
const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0].n);
const payments = (id: string) => count("SELECT 1 FROM convention_payments WHERE convention_id = $1", [id]);
const paymentEvents = (id: string) => count("SELECT 1 FROM convention_events WHERE convention_id = $1 AND kind = 'payment'", [id]);
const paymentAudits = (id: string) => count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'convention.payment_recorded'", [id]);

const metzYaml = fs.readFileSync(path.join(conventionsDir, "metz-2013-cooperation.yaml"), "utf8");

/** A copy of the Metz convention, imported by the city and signed by both parties on 15/02/2013 (unless `signed: false`). */
async function metzCopy(number: string, opts: { signed?: boolean; edit?: (yaml: string) => string } = {}) {
  const res = await metz.post("/api/conventions/import", { content: (opts.edit ?? ((y) => y))(metzYaml.replace("number: METZ-2013", `number: ${number}`)) });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (opts.signed !== false) {
    const signature = { name: "Signataire", title: "Qualité", signedOn: "2013-02-15" };
    expect((await ftMetz.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-metz-sebastopol" })).statusCode).toBe(200);
    expect((await metz.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ville-metz" })).statusCode).toBe(200);
  }
  return id;
}
const pay = (id: string, paidOn: string, amount: string) => metz.post(`/api/conventions/${id}/payments`, { paidOn, amount });

beforeAll(async () => {
  t = await createTestApp();
  metz = await t.loginAs("admin.metz");
  ftMetz = await t.loginAs("pilotage.ft-metz");
});
afterAll(() => t.close());

describe("a payment is checked against what is due", () => {
  it("99 999 999 € on the 33 300,80 € Metz convention: 400 naming the amount still due, nothing written", async () => {
    const [{ id }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'METZ-2013'");
    expect((await pay(id, "2013-02-20", "16650.40")).statusCode).toBe(200);

    const huge = await pay(id, "2013-03-01", "99999999.00");
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error).toMatchObject({
      code: "PAYMENT_EXCEEDS_AMOUNT_DUE",
      message: `Le versement dépasse le montant restant dû : 16${nbsp}650,40 €.`,
      details: { issues: [{ path: "amount", message: `Reste dû : 16${nbsp}650,40 € (montant dû 33${nbsp}300,80 €, déjà versé 16${nbsp}650,40 €).` }] },
    });
    expect(await payments(id)).toBe(1);
    expect(await paymentEvents(id)).toBe(1);
    expect(await paymentAudits(id)).toBe(1);

    // One cent too much is refused too; the exact balance is accepted; then nothing more is due.
    expect((await pay(id, "2013-12-31", "16650.41")).statusCode).toBe(400);
    expect((await pay(id, "2013-12-31", "16650.40")).statusCode).toBe(200);
    const more = await pay(id, "2013-12-31", "0.01");
    expect(more.statusCode).toBe(400);
    expect(more.json().error.message).toBe("Le montant dû par la convention est entièrement versé : plus rien n’est dû.");
    const c = (await metz.get(`/api/conventions/${id}`)).json();
    expect(c.finance).toMatchObject({ due: `33${nbsp}300,80 €`, paid: `33${nbsp}300,80 €`, outstanding: "0,00 €", outstandingCents: "0" });
    expect(await payments(id)).toBe(2);
  });

  it("a payment in the future, before the signature or after the end is refused next to the date; a payment window stated by the convention extends the end", async () => {
    const id = await metzCopy("METZ-VERSEMENT-DATES");
    const today = parisToday();
    const future = await pay(id, addDays(today, 1), "100.00");
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.issues).toEqual([{ path: "paidOn", message: "La date du versement ne peut pas être dans le futur." }]);
    const early = await pay(id, "2013-02-10", "100.00");
    expect(early.json().error.details.issues).toEqual([
      { path: "paidOn", message: "Un versement ne peut pas précéder la signature de la convention par toutes les parties (15/02/2013)." },
    ]);
    const late = await pay(id, "2014-01-10", "100.00");
    expect(late.json().error.details.issues).toEqual([{ path: "paidOn", message: "Un versement ne peut pas être postérieur à la fin de la convention (31/12/2013)." }]);
    expect(await payments(id)).toBe(0);

    // The balance on the statement of presence may come after the end when the convention says so.
    const windowed = await metzCopy("METZ-VERSEMENT-DELAI", { edit: (y) => y.replace("earlyEndRefund: pro_rata", "earlyEndRefund: pro_rata\n    paymentWindow: { value: 3, unit: months }") });
    expect((await pay(windowed, "2014-01-10", "100.00")).statusCode).toBe(200);
    const beyond = await pay(windowed, "2014-04-01", "100.00");
    expect(beyond.json().error.details.issues).toEqual([
      { path: "paidOn", message: "Un versement ne peut pas être postérieur au 31/03/2014 : fin de la convention (31/12/2013) plus le délai de versement de 3 mois." },
    ]);
  });

  it("nothing is paid on a draft, nor on a convention without financial terms", async () => {
    const draft = await metzCopy("METZ-VERSEMENT-BROUILLON", { signed: false });
    const onDraft = await pay(draft, "2013-02-20", "100.00");
    expect(onDraft.statusCode).toBe(409);
    expect(onDraft.json().error.code).toBe("CONVENTION_NOT_SIGNED");
    expect(await payments(draft)).toBe(0);
    const [{ id: creuse }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'CREUSE-2023-AG'");
    const none = await (await t.loginAs("pilotage.creuse")).post(`/api/conventions/${creuse}/payments`, { paidOn: "2024-01-10", amount: "10.00" });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe("NO_PAYMENT_DUE");
    expect(await payments(creuse)).toBe(0);
  });

  it("a renewal by amendment signed by both parties makes the second year due as well", async () => {
    const id = await metzCopy("METZ-VERSEMENT-RENOUVELEE");
    const renewal = await metz.post(`/api/conventions/${id}/amendments`, {
      number: "AV-2014",
      effectiveOn: "2014-01-01",
      summary: "Renouvellement pour 2014",
      changes: { period: { endsOn: "2014-12-31" } },
      signature: { name: "Maire", title: "Maire", signedOn: "2013-11-15" },
    });
    expect(renewal.statusCode, renewal.body).toBe(200);
    expect((await pay(id, "2013-02-20", "33300.80")).statusCode).toBe(200);
    // Signed by the city only: the renewal does not apply, 2014 is after the end.
    expect((await pay(id, "2014-02-20", "100.00")).json().error.details.issues[0].path).toBe("paidOn");
    const [{ id: amendmentId }] = await t.db.query<{ id: string }>("SELECT id FROM convention_amendments WHERE convention_id = $1", [id]);
    const ftSigns = await ftMetz.post(`/api/conventions/${id}/amendments/${amendmentId}/signatures`, { organisation: "ft-metz-sebastopol", name: "D", title: "Directeur", signedOn: "2013-11-20" });
    expect(ftSigns.statusCode, ftSigns.body).toBe(200);
    expect((await metz.get(`/api/conventions/${id}`)).json().finance).toMatchObject({ due: `66${nbsp}601,60 €`, outstanding: `33${nbsp}300,80 €` });
    expect((await pay(id, "2014-02-20", "33300.80")).statusCode).toBe(200);
    expect((await pay(id, "2014-03-20", "0.01")).statusCode).toBe(400);
  });

  it("an amount of zero is refused as bad input, not a server error", async () => {
    const id = await metzCopy("METZ-VERSEMENT-ZERO");
    const zero = await pay(id, "2013-02-20", "0.00");
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details.issues).toEqual([{ path: "amount", message: "Le montant d’un versement doit être supérieur à zéro." }]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("concurrent payments on the PostgreSQL server", () => {
  it("20 simultaneous payments of a tenth of the amount due: exactly 10 recorded, the total never exceeded", async () => {
    const id = await metzCopy("METZ-VERSEMENT-CONCURRENCE");
    const results = await Promise.all(Array.from({ length: 20 }, () => pay(id, "2013-03-01", "3330.08")));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(10).fill(200), ...Array(10).fill(400)]);
    expect(new Set(results.filter((r) => r.statusCode === 400).map((r) => r.json().error.code))).toEqual(new Set(["PAYMENT_EXCEEDS_AMOUNT_DUE"]));
    expect(await payments(id)).toBe(10);
    const [{ total }] = await t.db.query<{ total: string }>("SELECT sum(amount_cents)::text AS total FROM convention_payments WHERE convention_id = $1", [id]);
    expect(total).toBe("3330080");
    expect(await paymentAudits(id)).toBe(10);
  });
});
