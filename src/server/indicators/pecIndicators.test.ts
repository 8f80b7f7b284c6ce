import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../domain/indicators/periods.js";
import { type TestApp, type TestClient, createTestApp } from "../testing/testApp.js";
import { computeFigures } from "./computeFigures.js";
import { CURRENT_DEFINITIONS } from "./indicatorAccess.js";

/** A year ahead: PEC contracts and immersions cannot start in the past, and the demo extends Rouen's convention to the end of the year after next. */
const Y = new Date().getFullYear() + 1;

/**
 * PEC's facts in the indicators (issue 14, ADR 0033 and 0037), under ROUEN-PARTENARIAT, in 2025 — a
 * year the demo leaves without PEC facts. Offers, candidacies, answers and exits go through PEC's own
 * routes; only the proposal times are moved back to 2025 (the command stamps them now()).
 *
 *  person | offer | proposed (UTC)           | Paris day  | answer   | contract starts | exit
 *  P1     | o1    | 2025-01-02 09:00         | 2025-01-02 | accepted | 2025-01-06      | 2025-07-15 job
 *  P2     | o2    | 2025-01-02 09:00         | 2025-01-02 | accepted | 2025-01-06      | 2025-08-20 training
 *  P3     | o3    | 2025-01-02 09:00         | 2025-01-02 | accepted | 2025-01-06      | 2025-09-30 renewal (Q3's last day)
 *  P4     | o4    | 2025-03-31 22:30         | 2025-04-01 | accepted | 2025-04-07      | 2025-10-01 other (Q4's first day)
 *  P5     | o1    | 2025-03-31 21:30         | 2025-03-31 | refused  |                 |
 *  P6     | o3    | 2025-02-10 10:00         | 2025-02-10 | (none)   |                 |
 */
let t: TestApp;
let city: TestClient;
let advisor: TestClient;
let pilotage: TestClient;
const ids = { convention: "", city: "", agency: "", otherAgency: "" };
const ft: string[] = [];
const offers: string[] = [];
const candidacies: Record<string, string> = {};
const contracts: Record<string, string> = {};

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const offer = {
  title: "Agent d’entretien des espaces verts",
  skills: "Entretien des massifs, tonte, taille.",
  romeCodes: ["A1203"],
  weeklyHours: 26,
  durationMonths: 12,
  siteAddress: "Hôtel de ville, 2 place du Général de Gaulle, 76000 Rouen",
  wishedStartOn: `${Y}-01-04`,
};
const proposal = { diagnosis: "Trois ans sans emploi, pas de qualification : le PEC apporte une expérience.", proposal: "Disponible immédiatement." };

async function propose(person: number, offerIndex: number, at: string) {
  const res = await advisor.post(`/api/pec/offers/${offers[offerIndex]}/candidacies`, { ftIdentifier: ft[person], ...proposal });
  expect(res.statusCode, res.body).toBe(201);
  await t.db.query("UPDATE pec_candidacies SET proposed_at = $2 WHERE id = $1", [res.json().id, at]);
  candidacies[`P${person + 1}`] = res.json().id;
}
async function accept(p: string, startsOn: string) {
  const res = await city.post(`/api/pec/candidacies/${candidacies[p]}/answer`, { answer: "accepted", startsOn });
  expect(res.statusCode, res.body).toBe(200);
  contracts[p] = res.json().contractId;
}
async function exit(p: string, exitOn: string, outcome: string) {
  const res = await advisor.post(`/api/pec/contracts/${contracts[p]}/exit`, { exitOn, outcome });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  ids.convention = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'")).id;
  ids.city = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ville-rouen'")).id;
  ids.agency = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-rouen-saint-sever'")).id;
  ids.otherAgency = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-strasbourg'")).id;
  const people: [string, boolean, string][] = [
    ["1999-05-01", true, "RSA"],
    ["1980-06-01", false, "ASS"],
    ["1970-01-01", false, "RSA"],
    ["1985-03-01", true, "AUCUNE"],
    ["1990-01-01", false, "ARE"],
    ["1992-01-01", false, "RSA"],
  ];
  for (const [i, [born, qpv, benefit]] of people.entries()) {
    await t.db.query(
      `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, synthetic)
       VALUES ($1, 'Test', $2, $3, '76540', $4, $5, '2024-01-01', true)`,
      [`PECIND${i + 1}`, `PecIndicateur${i + 1}`, born, qpv, [benefit]],
    );
    ft.push(`PECIND${i + 1}`);
  }
  city = await t.loginAs("agent.rouen");
  advisor = await t.loginAs("conseiller.rouen");
  pilotage = await t.loginAs("pilotage.rouen");
  for (let i = 0; i < 4; i++) {
    const res = await city.post(`/api/pec/conventions/${ids.convention}/offers`, { ...offer, title: `${offer.title} ${i + 1}`, employerOrganisationId: ids.city });
    expect(res.statusCode, res.body).toBe(201);
    offers.push(res.json().id);
  }
  await propose(0, 0, "2025-01-02T09:00:00Z");
  await propose(1, 1, "2025-01-02T09:00:00Z");
  await propose(2, 2, "2025-01-02T09:00:00Z");
  await propose(3, 3, "2025-03-31T22:30:00Z");
  await propose(4, 0, "2025-03-31T21:30:00Z");
  await propose(5, 2, "2025-02-10T10:00:00Z");
  const refused = await city.post(`/api/pec/candidacies/${candidacies.P5}/answer`, { answer: "refused", reason: "Poste pourvu en interne." });
  expect(refused.statusCode, refused.body).toBe(200);
  await accept("P1", "2025-01-06");
  await accept("P2", "2025-01-06");
  await accept("P3", "2025-01-06");
  await accept("P4", "2025-04-07");
  await exit("P1", "2025-07-15", "job");
  await exit("P2", "2025-08-20", "training");
  await exit("P3", "2025-09-30", "renewal");
  await exit("P4", "2025-10-01", "other");
}, 180_000);
afterAll(async () => t?.close());

const period = (key: string) => {
  const p = parsePeriod(key);
  if (!p) throw new Error(key);
  return p;
};
const pecDefinitions = CURRENT_DEFINITIONS.filter((d) => d.key === "pec_sorties" || d.key === "pec_mises_en_relation");

async function figures(periods: string[], agencyId: string | null = null) {
  const out = await computeFigures(
    t.db,
    { conventionId: ids.convention, periods: periods.map(period), agencyId, orientDelay: null, firstDelay: null, today: "2026-01-15" },
    pecDefinitions,
  );
  const at = (key: string, i: number) => {
    const f = out.get(key)?.[i];
    if (!f || "unavailable" in f) throw new Error(`${key} indisponible`);
    return f;
  };
  return {
    total: (key: string, i = 0) => at(key, i).total.n,
    rows: (key: string, dim: "outcome" | "agency" | "qpv" | "benefit" | "age_band", i = 0) =>
      Object.fromEntries((at(key, i).breakdowns[dim] ?? []).map((r) => [r.label, r.cell.n])),
  };
}

describe("PEC contract exits by outcome (pec_sorties)", () => {
  it("counts the exits of each quarter, both ends included, by PEC's own outcome", async () => {
    const f = await figures(["2025-T2", "2025-T3", "2025-T4"]);
    expect(f.total("pec_sorties", 0)).toBe(0);
    // 30 September is Q3's; 1 October is Q4's.
    expect(f.total("pec_sorties", 1)).toBe(3);
    expect(f.rows("pec_sorties", "outcome", 1)).toEqual({ Emploi: 1, Formation: 1, "Renouvellement en contrat aidé": 1 });
    expect(f.total("pec_sorties", 2)).toBe(1);
    expect(f.rows("pec_sorties", "outcome", 2)).toEqual({ Autre: 1 });
    expect(f.rows("pec_sorties", "qpv", 1)).toEqual({ "En QPV": 1, "Hors QPV": 2 });
    expect(f.rows("pec_sorties", "benefit", 1)).toEqual({ RSA: 2, ASS: 1 });
    // P1 born 1999-05-01 is 26 on 30 September 2025.
    expect(f.rows("pec_sorties", "age_band", 1)).toEqual({ "26 à 49 ans": 2, "50 ans et plus": 1 });
    expect(f.rows("pec_sorties", "agency", 1)).toEqual({ "France Travail — Agence Rouen Saint-Sever": 3 });
  });

  it("filters by the agency of the referent advisor", async () => {
    expect((await figures(["2025-T3"], ids.agency)).total("pec_sorties")).toBe(3);
    expect((await figures(["2025-T3"], ids.otherAgency)).total("pec_sorties")).toBe(0);
  });
});

describe("PEC candidacies (pec_mises_en_relation)", () => {
  it("counts the candidacies proposed in the quarter (Paris day) by the employer's answer", async () => {
    const f = await figures(["2025-T1", "2025-T2"]);
    // 31 March 21:30 UTC is 23:30 in Paris (Q1); 22:30 UTC is 1 April 00:30 (Q2).
    expect(f.total("pec_mises_en_relation", 0)).toBe(5);
    expect(f.rows("pec_mises_en_relation", "outcome", 0)).toEqual({ Acceptée: 3, Refusée: 1, "En attente de réponse": 1 });
    expect(f.total("pec_mises_en_relation", 1)).toBe(1);
    expect(f.rows("pec_mises_en_relation", "outcome", 1)).toEqual({ Acceptée: 1 });
    expect((await figures(["2025-T1"], ids.otherAgency)).total("pec_mises_en_relation")).toBe(0);
  });
});

describe("the Rouen dashboard and drill-down", () => {
  it("shows both PEC indicators to Rouen's steering, quarterly, with their source", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2025-T3`);
    expect(res.statusCode, res.body).toBe(200);
    const byKey = (k: string) => res.json().indicators.find((i: { key: string }) => i.key === k);
    expect(byKey("pec_sorties")).toMatchObject({ name: "Sorties de parcours emploi compétences par issue", source: "000 art. 3.1 a" });
    // The quarter against the three before: 2024-T4, 2025-T1, 2025-T2, 2025-T3.
    expect(byKey("pec_sorties").series.map((s: { cell: { display: string } }) => s.cell.display)).toEqual(["0", "0", "0", "3"]);
    expect(byKey("pec_sorties").series.at(-1).cell).toEqual({ display: "3", value: 3, masked: false, cases: 3 });
    const outcome = byKey("pec_sorties").breakdowns.find((b: { dim: string }) => b.dim === "outcome");
    expect(outcome.label).toBe("Issue");
    expect(outcome.rows.map((r: { label: string; cell: { display: string } }) => [r.label, r.cell.display])).toEqual([
      ["Emploi", "< 5"],
      ["Formation", "< 5"],
      ["Renouvellement en contrat aidé", "< 5"],
    ]);
    expect(byKey("pec_mises_en_relation").name).toBe("Candidatures PEC proposées et retenues");
    const ftPilotage = await t.loginAs("pilotage.ft-rouen");
    const ftBoard = (await ftPilotage.get(`/api/conventions/${ids.convention}/indicators?period=2025-T1`)).json();
    expect(ftBoard.indicators.find((i: { key: string }) => i.key === "pec_mises_en_relation").series.at(-1).cell.display).toBe("5");
  });

  it("the drill-down of PEC rows gives counts only, masked under 5, by agency; a breakdown value filters", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators/pec_sorties/cases?period=2025-T3`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.cases).toEqual([]);
    expect(body.total.display).toBe("< 5");
    expect(body.hiddenByAgency).toEqual([{ label: "France Travail — Agence Rouen Saint-Sever", cell: { display: "< 5", value: null, masked: true, cases: null } }]);
    const job = (await pilotage.get(`/api/conventions/${ids.convention}/indicators/pec_sorties/cases?period=2025-T3&dim=outcome&value=job`)).json();
    expect(job.hidden).toEqual({ display: "< 5", value: null, masked: true, cases: null });
    expect(job.filter).toMatchObject({ dim: "outcome", label: "Issue" });
    const none = (await pilotage.get(`/api/conventions/${ids.convention}/indicators/pec_sorties/cases?period=2025-T3&dim=outcome&value=other`)).json();
    expect(none.total.display).toBe("0");
  });
});
