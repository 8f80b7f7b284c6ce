import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import { pdfText } from "../testing/pdfText.js";
import { type TestApp, type TestClient, createTestApp } from "../testing/testApp.js";
import { commitmentStatus, targetLabel } from "./indicatorCommitments.js";

/**
 * The convention's commitments against the indicators that measure them, and the CSV export
 * (issue 11). The Bas-Rhin's file says « 70 demandeurs d’emploi a minima par conseiller » (002 art.
 * 3.2) with `indicator: accompagnements_par_conseiller`. A small data set in 2023, a year the demo
 * leaves empty; Q1 2023 runs from 1 January to 31 March:
 *
 *  case | entered    | exited     | advisor
 *  a1   | 2023-01-20 | —          | Strasbourg (A)
 *  a2   | 2023-03-31 | —          | Haguenau (B)      entered on the quarter's last day: counts at its end
 *  a3   | 2023-02-10 | 2023-03-31 | Strasbourg (A)   exited on the last day: not in support at its end
 *  a4   | 2023-04-01 | —          | Strasbourg (A)   the next quarter's
 *  a5   | 2023-01-05 | —          | Strasbourg (A)
 *
 * At the end of Q1: a1, a2, a5 followed by 2 advisors = 1,5 per advisor; at the end of Q2: 4 / 2 = 2.
 */
let t: TestApp;
let pilotage: TestClient;
const ids = { convention: "", advisorA: "", advisorB: "", social: "", orienter: "", orienterOrg: "" };

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const userId = async (local: string) => (await one<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}@${DEMO_EMAIL_DOMAIN}`])).id;

async function addCase(name: string, c: { entered: string; exited?: string; advisor: string; origin?: string }) {
  const js = await one<{ id: string }>(
    `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, synthetic)
     VALUES ($1, 'Test', $2, '1980-06-01', '67482', false, '{RSA}', '2022-01-01', true) RETURNING id`,
    [`ENG-${name}`, `Engagement${name.toUpperCase()}`],
  );
  await t.db.query(
    // In its advisor's agency since its orientation, as the support context records it (migrations/044).
    `INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id,
        advisor_id, social_worker_id, entered_on, max_ends_on, exited_on, exit_type, agency_id, agency_since)
     VALUES ($1, $2, $3, $4, ($5::date - 10), $6, $7, $8, $9, $5, ($5::date + interval '12 months')::date, $10, $11,
             (SELECT organisation_id FROM users WHERE id = $8), ($5::date - 10))`,
    [js.id, ids.convention, c.exited ? "exited" : "active", c.origin ?? "departement_social_service", c.entered, ids.orienter, ids.orienterOrg, c.advisor, ids.social, c.exited ?? null, c.exited ? "training" : null],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  ids.convention = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'")).id;
  const haguenau = (await one<{ id: string }>("INSERT INTO organisations (code, name, kind) VALUES ('ft-haguenau-eng', 'France Travail — Agence Haguenau', 'ft_agency') RETURNING id")).id;
  ids.advisorA = await userId("conseiller.basrhin");
  ids.advisorB = (
    await one<{ id: string }>(
      "INSERT INTO users (organisation_id, email, first_name, last_name, roles) VALUES ($1, 'conseiller.haguenau-eng@test.invalid', 'Hugo', 'Haguenau', '{advisor}') RETURNING id",
      [haguenau],
    )
  ).id;
  ids.social = await userId("social.basrhin");
  ids.orienter = await userId("orienteur.basrhin");
  ids.orienterOrg = (await one<{ organisation_id: string }>("SELECT organisation_id FROM users WHERE id = $1", [ids.orienter])).organisation_id;
  await addCase("a1", { entered: "2023-01-20", advisor: ids.advisorA });
  await addCase("a2", { entered: "2023-03-31", advisor: ids.advisorB });
  await addCase("a3", { entered: "2023-02-10", exited: "2023-03-31", advisor: ids.advisorA });
  await addCase("a4", { entered: "2023-04-01", advisor: ids.advisorA });
  await addCase("a5", { entered: "2023-01-05", advisor: ids.advisorA });
  pilotage = await t.loginAs("pilotage.basrhin");
}, 120_000);
afterAll(async () => t?.close());

type Board = {
  periods: { key: string }[];
  indicators: {
    key: string;
    unit: string;
    series: { period: string; cell: { display: string; value: number | null } }[];
    commitments: { key: string; targetLabel: string; owner: string; source: string; results: { period: string; status: string; label: string }[] }[];
  }[];
};

describe("a figure against a commitment", () => {
  const cell = (value: number | null) => ({ display: "", value, masked: false, cases: value === null ? null : 1 });
  const perAdvisor = { key: "accompagnements_par_conseiller", unit: "par conseiller" as const };
  const entries = { key: "entrees", unit: "personnes" as const };

  it("is met at the target, not met below it, and never « not met » when the figure is not available", () => {
    const atLeast70 = { comparison: "at_least" as const, target: 70, period: "month" };
    expect(commitmentStatus(cell(70), atLeast70, perAdvisor, "quarter")).toBe("met");
    expect(commitmentStatus(cell(69.9), atLeast70, perAdvisor, "quarter")).toBe("not_met");
    expect(commitmentStatus(cell(null), atLeast70, perAdvisor, "quarter")).toBe("unavailable");
    const atMost = { comparison: "at_most" as const, target: 10, period: "quarter" };
    expect(commitmentStatus(cell(10), atMost, { key: "absences_premier_rendez_vous", unit: "%" }, "year")).toBe("met");
    expect(commitmentStatus(cell(10.1), atMost, { key: "absences_premier_rendez_vous", unit: "%" }, "year")).toBe("not_met");
    expect(targetLabel("at_least", 70, "par conseiller")).toBe("au moins 70 par conseiller");
    expect(targetLabel("at_most", 12.5, "%")).toBe("au plus 12,5 %");
  });

  it("compares a count of people over a period only with a commitment of the same length", () => {
    const yearly = { comparison: "at_least" as const, target: 800, period: "year" };
    expect(commitmentStatus(cell(900), yearly, entries, "quarter")).toBe("not_comparable");
    expect(commitmentStatus(cell(900), yearly, entries, "year")).toBe("met");
    // A level at the period's end compares over any period.
    expect(commitmentStatus(cell(900), yearly, { key: "accompagnements_en_cours", unit: "personnes" }, "quarter")).toBe("met");
  });
});

describe("the Bas-Rhin's dashboard against its commitment of 70 active cases per advisor (002 art. 3.2)", () => {
  it("computes the active cases per advisor at each quarter's end and sets them against the target", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2`);
    expect(res.statusCode).toBe(200);
    const board = res.json() as Board;
    const perAdvisor = board.indicators.find((i) => i.key === "accompagnements_par_conseiller");
    expect(perAdvisor?.unit).toBe("par conseiller");
    expect(perAdvisor?.series.map((s) => [s.period, s.cell.display])).toEqual([
      ["2022-T3", "—"],
      ["2022-T4", "—"],
      ["2023-T1", "1,5 par conseiller"],
      ["2023-T2", "2 par conseiller"],
    ]);
    expect(perAdvisor?.commitments).toHaveLength(1);
    const commitment = perAdvisor?.commitments[0];
    expect(commitment?.key).toBe("portefeuille_actif");
    expect(commitment?.targetLabel).toBe("au moins 70 par conseiller");
    expect(commitment?.source).toBe("002 art. 3.2 — 70 demandeurs d’emploi a minima par conseiller");
    expect(commitment?.results.map((r) => [r.period, r.status, r.label])).toEqual([
      ["2022-T3", "unavailable", "Données non disponibles"],
      ["2022-T4", "unavailable", "Données non disponibles"],
      ["2023-T1", "not_met", "Non atteint"],
      ["2023-T2", "not_met", "Non atteint"],
    ]);
    // An indicator no commitment names carries none.
    expect(board.indicators.find((i) => i.key === "entrees")?.commitments).toEqual([]);
  });

  it("says « atteint » once the figure reaches the target (the terms changed to at least 1,5)", async () => {
    const [{ base_terms }] = await t.db.query<{ base_terms: { commitments: { key: string; target: number }[] } }>("SELECT base_terms FROM conventions WHERE id = $1", [ids.convention]);
    const terms = { ...base_terms, commitments: base_terms.commitments.map((c) => (c.key === "portefeuille_actif" ? { ...c, target: 1.5 } : c)) };
    await t.db.query("UPDATE conventions SET base_terms = $2 WHERE id = $1", [ids.convention, JSON.stringify(terms)]);
    try {
      const board = (await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2`)).json() as Board;
      const results = board.indicators.find((i) => i.key === "accompagnements_par_conseiller")?.commitments[0].results;
      expect(results?.slice(-2).map((r) => r.label)).toEqual(["Atteint", "Atteint"]);
    } finally {
      await t.db.query("UPDATE conventions SET base_terms = $2 WHERE id = $1", [ids.convention, JSON.stringify(base_terms)]);
    }
  });

  it("writes the commitment in the XLSX (target and result per quarter) and in the PDF (target line, results)", async () => {
    const xlsx = await pilotage.get(`/api/conventions/${ids.convention}/indicators/export.xlsx?period=2023-T2`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets.find((w) => w.name.startsWith("Accompagnements en cours par"));
    // Rows 5–8 the quarters; row 10 the commitment; row 11 its header; rows 12–15 the quarters against it.
    expect(String(sheet?.getRow(10).getCell(1).value)).toMatch(/^Engagement : Taille des portefeuilles actifs par conseiller .* au moins 70 par conseiller/);
    expect(sheet?.getRow(14).getCell(2).value).toBe(1.5);
    expect(sheet?.getRow(14).getCell(3).value).toBe(70);
    expect(sheet?.getRow(14).getCell(4).value).toBe("Non atteint");
    expect(sheet?.getRow(12).getCell(4).value).toBe("Données non disponibles");

    const pdf = await pilotage.get(`/api/conventions/${ids.convention}/indicators/report.pdf?period=2023-T2`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain("Objectif 70");
    expect(text).toContain("Engagement : Taille des portefeuilles actifs par conseiller");
    expect(text).toContain("1er trimestre 2023 : Non atteint");
  });

  it("refuses at import a commitment naming an unknown indicator, with its path, nothing imported", async () => {
    const { readFileSync } = await import("node:fs");
    const yaml = readFileSync("conventions/bas-rhin-2021-accompagnement-global.yaml", "utf8")
      .replace("number: BAS-RHIN-2021-AG", "number: BR-ENG-UNKNOWN")
      .replace("indicator: accompagnements_par_conseiller", "indicator: portefeuilles_au_jugé");
    const res = await pilotage.post("/api/conventions/import", { content: yaml });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("CONVENTION_FILE_INVALID");
    const issue = res.json().error.details.issues[0];
    expect(issue.path).toBe("convention.commitments.1.indicator");
    expect(issue.message).toMatch(/^Indicateur inconnu : « portefeuilles_au_jugé »\./);
    expect((await one<{ n: number }>("SELECT count(*)::int AS n FROM conventions WHERE number = 'BR-ENG-UNKNOWN'")).n).toBe(0);
  });
});

describe("the CSV export", () => {
  it("is a French CSV of the dashboard's figures, masked like the page, with the definitions' versions; audited", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators/export.csv?period=2023-T1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="indicateurs-BAS-RHIN-2021-AG-2023-T1-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = res.rawPayload.toString("utf8");
    expect(body.startsWith("\uFEFF")).toBe(true);
    const lines = body.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Clé;Indicateur;Version de la définition;Unité;Période;Du;Au;Ventilation;Valeur de la ventilation;Valeur;Affichage;Figée;Engagement de la convention;Atteint;Filtres",
    );
    // Q1 entries: a1, a2 (31 March), a3, a5 — not a4 (1 April).
    expect(lines).toContain("entrees;Entrées en accompagnement global;1;personnes;1er trimestre 2023;2023-01-01;2023-03-31;Total;;4;4;non;;;");
    // A decimal comma, the commitment and its result.
    expect(lines).toContain(
      "accompagnements_par_conseiller;Accompagnements en cours par conseiller;1;par conseiller;1er trimestre 2023;2023-01-01;2023-03-31;Total;;1,5;1,5 par conseiller;non;Taille des portefeuilles actifs par conseiller : au moins 70 par conseiller (002 art. 3.2 — 70 demandeurs d’emploi a minima par conseiller);Non atteint;",
    );
    // A breakdown's small cell stays « < 5 », with no value (a steering user reads no case).
    expect(lines).toContain("entrees;Entrées en accompagnement global;1;personnes;1er trimestre 2023;2023-01-01;2023-03-31;Agence France Travail;France Travail — Agence Haguenau;;< 5;non;;;");
    // What Tandem does not record is said, never a zero.
    expect(lines).toContain("rapport_annuel;Rapport annuel d’évaluation;1;personnes;1er trimestre 2023;2023-01-01;2023-03-31;Total;;;Données non disponibles dans Tandem;non;;;");
    const audited = await one<{ n: number; details: { format: string; period: string } }>(
      "SELECT count(*) OVER ()::int AS n, details FROM audit_events WHERE action = 'indicators.exported' AND subject_id = $1 AND details->>'format' = 'csv'",
      [ids.convention],
    );
    expect(audited.n).toBe(1);
    expect(audited.details.period).toBe("2023-T1");
  });

  it("is refused to a steering user of an organisation that is not a party, as the dashboard", async () => {
    const creuse = await t.loginAs("pilotage.creuse");
    const res = await creuse.get(`/api/conventions/${ids.convention}/indicators/export.csv?period=2023-T1`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("INDICATORS_FORBIDDEN");
    const advisor = await t.loginAs("conseiller.basrhin");
    expect((await advisor.get(`/api/conventions/${ids.convention}/indicators/export.csv?period=2023-Q1`)).statusCode).toBe(400);
  });
});
