import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { conventionsDir } from "./demoConventions.js";

/**
 * Issue 9, « list and correct payments of a convention »: a payment recorded with a mistake is
 * corrected (the new values checked by the rules of a new payment) or cancelled with a reason, and
 * its previous values stay in its history. Metz [004]: 33 300,80 € for 2013, signed 15/02/2013.
 */
let t: TestApp;
let metz: TestClient;
let ftMetz: TestClient;
const nbsp = "\u202f";
const metzYaml = fs.readFileSync(path.join(conventionsDir, "metz-2013-cooperation.yaml"), "utf8");
const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0].n);
const audits = (id: string, action: string) => count("SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = $2", [id, action]);
const corrections = (id: string) => count("SELECT 1 FROM convention_payment_corrections WHERE convention_id = $1", [id]);

async function signedMetzCopy(number: string) {
  const res = await metz.post("/api/conventions/import", { content: metzYaml.replace("number: METZ-2013", `number: ${number}`) });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const signature = { name: "Signataire", title: "Qualité", signedOn: "2013-02-15" };
  expect((await ftMetz.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-metz-sebastopol" })).statusCode).toBe(200);
  expect((await metz.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ville-metz" })).statusCode).toBe(200);
  return id;
}
const detail = async (id: string, client = metz) => (await client.get(`/api/conventions/${id}`)).json();
const partyId = async (id: string, code: string) => (await detail(id)).parties.find((p: { code: string }) => p.code === code).organisationId as string;

/** Records a payment and returns its id (the only new one in the list). */
async function pay(id: string, paidOn: string, amount: string, extra: Record<string, unknown> = {}) {
  const before = new Set((await detail(id)).finance.payments.map((p: { id: string }) => p.id));
  const res = await metz.post(`/api/conventions/${id}/payments`, { paidOn, amount, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return (await detail(id)).finance.payments.find((p: { id: string }) => !before.has(p.id)).id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  metz = await t.loginAs("admin.metz");
  ftMetz = await t.loginAs("pilotage.ft-metz");
});
afterAll(() => t.close());

describe("a convention's payments are listed and corrected, with their history", () => {
  it("lists each payment with its payer, payee, instalment and who recorded it", async () => {
    const id = await signedMetzCopy("METZ-LISTE-VERSEMENTS");
    const instalment = (await detail(id)).finance.instalments[0];
    expect(instalment).toEqual({
      key: "2013-01-01:0",
      label: "50 % du montant de l’année civile à la signature — année du 01/01/2013 au 31/12/2013",
      amount: `16${nbsp}650,40 €`,
      paid: "0,00 €",
      onStatement: false,
      statementOn: null,
    });
    await pay(id, "2013-02-20", "16650.40", { instalment: "2013-01-01:0" });
    const finance = (await detail(id)).finance;
    expect(finance.payments).toEqual([
      expect.objectContaining({
        paidOn: "2013-02-20",
        amount: `16${nbsp}650,40 €`,
        payer: expect.objectContaining({ name: "Ville de Metz" }),
        payee: expect.objectContaining({ name: "France Travail — Agence Metz Sébastopol" }),
        instalment: { key: "2013-01-01:0", label: "50 % du montant de l’année civile à la signature — année du 01/01/2013 au 31/12/2013" },
        cancelled: null,
        history: [],
      }),
    ]);
    expect(finance.payments[0].recordedBy).toMatch(/\S+ \S+/);
    expect(finance.instalments[0].paid).toBe(`16${nbsp}650,40 €`);
    expect(finance.paid).toBe(`16${nbsp}650,40 €`);
  });

  it("a corrected amount: the list shows the new amount, the history the old one with the reason; the totals follow", async () => {
    const id = await signedMetzCopy("METZ-CORRECTION-MONTANT");
    const paymentId = await pay(id, "2013-02-20", "10000.00");
    const [ville, ft] = [await partyId(id, "ville-metz"), await partyId(id, "ft-metz-sebastopol")];
    const res = await metz.post(`/api/conventions/${id}/payments/${paymentId}/corrections`, {
      paidOn: "2013-02-20",
      amount: "16650.40",
      payerOrganisationId: ville,
      payeeOrganisationId: ft,
      instalment: "2013-01-01:0",
      reason: "Montant mal recopié du mandat",
    });
    expect(res.statusCode, res.body).toBe(200);
    const finance = (await detail(id)).finance;
    expect(finance.payments).toHaveLength(1);
    expect(finance.payments[0]).toMatchObject({ amount: `16${nbsp}650,40 €`, cancelled: null });
    expect(finance.payments[0].history).toEqual([
      expect.objectContaining({
        kind: "corrected",
        reason: "Montant mal recopié du mandat",
        before: expect.objectContaining({ amount: `10${nbsp}000,00 €`, instalment: null }),
        after: expect.objectContaining({ amount: `16${nbsp}650,40 €`, instalment: expect.stringContaining("50 % du montant") }),
      }),
    ]);
    expect(finance).toMatchObject({ paid: `16${nbsp}650,40 €`, outstanding: `16${nbsp}650,40 €` });
    expect(await audits(id, "convention.payment_corrected")).toBe(1);
  });

  it("a correction that would bring the total beyond the amount due is refused with the rule and the figures; nothing changes", async () => {
    const id = await signedMetzCopy("METZ-CORRECTION-TROP");
    const first = await pay(id, "2013-02-20", "16650.40");
    await pay(id, "2013-12-20", "16650.40");
    const [ville, ft] = [await partyId(id, "ville-metz"), await partyId(id, "ft-metz-sebastopol")];
    const res = await metz.post(`/api/conventions/${id}/payments/${first}/corrections`, {
      paidOn: "2013-02-20",
      amount: "16650.41",
      payerOrganisationId: ville,
      payeeOrganisationId: ft,
      instalment: null,
      reason: "Essai",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: "PAYMENT_EXCEEDS_AMOUNT_DUE",
      message: `Le versement corrigé dépasse le montant restant dû : 16${nbsp}650,40 € (montant dû 33${nbsp}300,80 €, versé par ailleurs 16${nbsp}650,40 €). Rien n’a été modifié.`,
      details: { issues: [{ path: "amount", message: `Reste dû : 16${nbsp}650,40 € (montant dû 33${nbsp}300,80 €, déjà versé 16${nbsp}650,40 €).` }] },
    });
    const finance = (await detail(id)).finance;
    expect(finance.payments.map((p: { amount: string }) => p.amount)).toEqual([`16${nbsp}650,40 €`, `16${nbsp}650,40 €`]);
    expect(finance.paid).toBe(`33${nbsp}300,80 €`);
    expect(await corrections(id)).toBe(0);
    expect(await audits(id, "convention.payment_corrected")).toBe(0);
  });

  it("the corrected values are checked like a new payment: date, parties, instalment, a reason, and a real change", async () => {
    const id = await signedMetzCopy("METZ-CORRECTION-REGLES");
    const paymentId = await pay(id, "2013-02-20", "100.00");
    const [ville, ft] = [await partyId(id, "ville-metz"), await partyId(id, "ft-metz-sebastopol")];
    const base = { paidOn: "2013-02-20", amount: "100.00", payerOrganisationId: ville, payeeOrganisationId: ft, instalment: null, reason: "Erreur" };
    const correct = (body: Record<string, unknown>) => metz.post(`/api/conventions/${id}/payments/${paymentId}/corrections`, { ...base, ...body });

    const early = await correct({ paidOn: "2013-02-10" });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      code: "PAYMENT_INVALID",
      details: { issues: [{ path: "paidOn", message: "Un versement ne peut pas précéder la signature de la convention par toutes les parties (15/02/2013)." }] },
    });
    const samePayee = await correct({ payeeOrganisationId: ville });
    expect(samePayee.json().error.details.issues).toEqual([{ path: "payeeOrganisationId", message: "Le bénéficiaire doit être une autre partie que le payeur." }]);
    const [{ id: creuseOrg }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'cd-creuse'");
    const outsider = await correct({ payerOrganisationId: creuseOrg });
    expect(outsider.json().error.details.issues).toEqual([{ path: "payerOrganisationId", message: "Le payeur doit être une partie de la convention." }]);
    const unknownInstalment = await correct({ instalment: "2019-01-01:0" });
    expect(unknownInstalment.json().error.details.issues).toEqual([{ path: "instalment", message: "Cette échéance n’appartient pas à l’échéancier de la convention." }]);
    const noReason = await correct({ amount: "90.00", reason: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.issues).toEqual([expect.objectContaining({ path: "body.reason", message: "Indiquez le motif de la correction." })]);
    const unchanged = await correct({});
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().error.code).toBe("PAYMENT_UNCHANGED");
    expect((await detail(id)).finance.payments[0]).toMatchObject({ paidOn: "2013-02-20", amount: "100,00 €", history: [] });
    expect(await corrections(id)).toBe(0);
  });

  it("a cancelled payment no longer counts, stays listed with its reason, and can no longer be corrected", async () => {
    const id = await signedMetzCopy("METZ-ANNULATION");
    const paymentId = await pay(id, "2013-02-20", "16650.40");
    const res = await metz.post(`/api/conventions/${id}/payments/${paymentId}/cancellation`, { reason: "Versement saisi deux fois" });
    expect(res.statusCode, res.body).toBe(200);
    const finance = (await detail(id)).finance;
    expect(finance).toMatchObject({ paid: "0,00 €", outstanding: `33${nbsp}300,80 €` });
    expect(finance.payments[0].cancelled).toMatchObject({ reason: "Versement saisi deux fois" });
    expect(finance.payments[0].history).toEqual([
      expect.objectContaining({ kind: "cancelled", reason: "Versement saisi deux fois", after: null, before: expect.objectContaining({ amount: `16${nbsp}650,40 €` }) }),
    ]);
    expect(await audits(id, "convention.payment_cancelled")).toBe(1);

    const again = await metz.post(`/api/conventions/${id}/payments/${paymentId}/cancellation`, { reason: "Encore" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("PAYMENT_CANCELLED");
    const [ville, ft] = [await partyId(id, "ville-metz"), await partyId(id, "ft-metz-sebastopol")];
    const corrected = await metz.post(`/api/conventions/${id}/payments/${paymentId}/corrections`, {
      paidOn: "2013-02-20",
      amount: "100.00",
      payerOrganisationId: ville,
      payeeOrganisationId: ft,
      instalment: null,
      reason: "Essai",
    });
    expect(corrected.statusCode).toBe(409);
    // The whole amount can be paid again.
    expect((await metz.post(`/api/conventions/${id}/payments`, { paidOn: "2013-02-21", amount: "33300.80" })).statusCode).toBe(200);
  });

  it("only who may record payments corrects them: a reader of the party gets 403, an outsider 404, another convention's payment 404; nothing changes", async () => {
    const id = await signedMetzCopy("METZ-CORRECTION-DROITS");
    const paymentId = await pay(id, "2013-02-20", "100.00");
    const [ville, ft] = [await partyId(id, "ville-metz"), await partyId(id, "ft-metz-sebastopol")];
    const body = { paidOn: "2013-02-20", amount: "200.00", payerOrganisationId: ville, payeeOrganisationId: ft, instalment: null, reason: "Essai" };

    const agent = await t.loginAs("agent.metz");
    const byAgent = await agent.post(`/api/conventions/${id}/payments/${paymentId}/corrections`, body);
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().error.code).toBe("FORBIDDEN");
    expect((await agent.post(`/api/conventions/${id}/payments/${paymentId}/cancellation`, { reason: "Essai" })).statusCode).toBe(403);
    expect((await detail(id, agent)).finance.canCorrectPayments).toBe(false);

    const creuse = await t.loginAs("pilotage.creuse");
    const byOutsider = await creuse.post(`/api/conventions/${id}/payments/${paymentId}/corrections`, body);
    expect(byOutsider.statusCode).toBe(404);
    expect(byOutsider.json().error.code).toBe("CONVENTION_NOT_FOUND");

    const other = await signedMetzCopy("METZ-CORRECTION-AUTRE");
    const elsewhere = await metz.post(`/api/conventions/${other}/payments/${paymentId}/cancellation`, { reason: "Essai" });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe("PAYMENT_NOT_FOUND");

    expect((await detail(id)).finance.payments[0]).toMatchObject({ amount: "100,00 €", cancelled: null, history: [] });
    expect(await corrections(id)).toBe(0);
  });
});
