import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../domain/indicators/periods.js";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import type { SessionUser } from "../platform/requestContext.js";
import { pdfText } from "../testing/pdfText.js";
import { type TestApp, type TestClient, createTestApp } from "../testing/testApp.js";
import { computeFigures } from "./computeFigures.js";
import { CURRENT_DEFINITIONS } from "./indicatorAccess.js";
import { readDashboard } from "./indicatorDashboard.js";

/**
 * Indicators (ADR 0033) on a small data set written here, under the Bas-Rhin convention (orientation →
 * start within 21 days, first appointments within a month of the entry), in 2023 — a year the demo
 * leaves empty. Q1 2023 runs from 1 January to 31 March.
 *
 *  case | origin        | oriented   | entered    | exited                | advisor            | allocations
 *  c1   | département   | 2023-01-05 | 2023-01-20 | —  (social only 03-01) | Strasbourg         | RSA (QPV, born 2000)
 *  c2   | ville         | 2023-02-01 | 2023-03-31 | —                     | Strasbourg, then   | ASS, BOE
 *       |               |            |            |                       | Haguenau from 05-15|
 *  c3   | France Travail| 2023-03-10 | 2023-04-01 | —                     | Strasbourg         | —
 *  c4   | département   | 2022-12-15 | 2023-01-03 | 2023-02-15 emploi     | Strasbourg         | —
 *  c5   | PF1           | 2023-01-10 | refused    |                       | —                  | RSA
 */
let t: TestApp;
let pilotage: TestClient;
const ids = { convention: "", strasbourg: "", haguenau: "", advisorA: "", advisorB: "", social: "", orienter: "", orienterOrg: "" };
const cases: Record<string, string> = {};

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const userId = async (local: string) => (await one<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}@${DEMO_EMAIL_DOMAIN}`])).id;
const sessionUser = async (local: string): Promise<SessionUser> => {
  const u = await one<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: SessionUser["roles"] }>(
    "SELECT id, email, first_name, last_name, organisation_id, roles FROM users WHERE email = $1",
    [`${local}@${DEMO_EMAIL_DOMAIN}`],
  );
  return { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: u.roles };
};

async function addCase(
  name: string,
  c: { origin: string; oriented: string; entered?: string; exited?: string; exitType?: string; status: string; advisor?: string; benefits: string[]; qpv?: boolean; born?: string },
) {
  const js = await one<{ id: string }>(
    `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, synthetic)
     VALUES ($1, 'Test', $2, $3, '67482', $4, $5, '2022-01-01', true) RETURNING id`,
    [`IND-${name}`, `Indicateur${name.toUpperCase()}`, c.born ?? "1980-06-01", c.qpv ?? false, c.benefits],
  );
  const sc = await one<{ id: string }>(
    // The case's agency is its advisor's since its orientation, as the support context records it (migrations/044).
    `INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id,
        advisor_id, social_worker_id, entered_on, max_ends_on, exited_on, exit_type, agency_id, agency_since)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ($10::date + interval '12 months')::date, $11, $12,
             (SELECT organisation_id FROM users WHERE id = $8), CASE WHEN $8::uuid IS NOT NULL THEN $5::date END) RETURNING id`,
    [js.id, ids.convention, c.status, c.origin, c.oriented, ids.orienter, ids.orienterOrg, c.advisor ?? null, c.advisor ? ids.social : null, c.entered ?? null, c.exited ?? null, c.exitType ?? null],
  );
  cases[name] = sc.id;
  return sc.id;
}
const appointment = (caseId: string, kind: string, on: string, status: string) =>
  t.db.query("INSERT INTO support_appointments (case_id, kind, scheduled_on, status) VALUES ($1, $2, $3, $4)", [caseId, kind, on, status]);

beforeAll(async () => {
  t = await createTestApp();
  ids.convention = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'")).id;
  ids.strasbourg = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-strasbourg'")).id;
  ids.haguenau = (await one<{ id: string }>("INSERT INTO organisations (code, name, kind) VALUES ('ft-haguenau-test', 'France Travail — Agence Haguenau', 'ft_agency') RETURNING id")).id;
  ids.advisorA = await userId("conseiller.basrhin");
  ids.advisorB = (
    await one<{ id: string }>(
      "INSERT INTO users (organisation_id, email, first_name, last_name, roles) VALUES ($1, 'conseiller.haguenau@test.invalid', 'Hugo', 'Haguenau', '{advisor}') RETURNING id",
      [ids.haguenau],
    )
  ).id;
  ids.social = await userId("social.basrhin");
  ids.orienter = await userId("orienteur.basrhin");
  ids.orienterOrg = (await one<{ organisation_id: string }>("SELECT organisation_id FROM users WHERE id = $1", [ids.orienter])).organisation_id;

  const c1 = await addCase("c1", { origin: "departement_social_service", oriented: "2023-01-05", entered: "2023-01-20", status: "social_only", advisor: ids.advisorA, benefits: ["RSA"], qpv: true, born: "2000-05-01" });
  await t.db.query("UPDATE support_cases SET first_social_appointment_on = '2023-02-01', first_professional_appointment_on = '2023-02-03', social_only_started_on = '2023-03-01' WHERE id = $1", [c1]);
  await appointment(c1, "social", "2023-02-01", "attended");
  await appointment(c1, "professional", "2023-02-03", "attended");
  await t.db.query("INSERT INTO support_case_barriers (case_id, category, code, observed_on) VALUES ($1, 'social', 'housing', '2023-01-05')", [c1]);
  await t.db.query("INSERT INTO support_case_events (case_id, kind, occurred_on) VALUES ($1, 'social_only_started', '2023-03-01')", [c1]);
  // c2 was followed in Strasbourg, then moved to Haguenau on 15 May (Q2): Strasbourg's until 14 May, in the history.
  const c2 = await addCase("c2", { origin: "city_social_service", oriented: "2023-02-01", entered: "2023-03-31", status: "active", advisor: ids.advisorA, benefits: ["ASS", "BOE"] });
  await t.db.query("UPDATE support_cases SET advisor_id = $2, agency_id = $3, agency_since = '2023-05-15' WHERE id = $1", [c2, ids.advisorB, ids.haguenau]);
  await t.db.query("INSERT INTO support_case_agency_history (case_id, agency_id, from_on, until_on) VALUES ($1, $2, '2023-02-01', '2023-05-15')", [c2, ids.strasbourg]);
  await t.db.query("INSERT INTO support_case_events (case_id, kind, occurred_on, details) VALUES ($1, 'pair_assigned', '2023-05-15', '{}')", [c2]);
  await addCase("c3", { origin: "france_travail", oriented: "2023-03-10", entered: "2023-04-01", status: "active", advisor: ids.advisorA, benefits: [] });
  const c4 = await addCase("c4", { origin: "departement_social_service", oriented: "2022-12-15", entered: "2023-01-03", exited: "2023-02-15", exitType: "sustainable_job", status: "exited", advisor: ids.advisorA, benefits: [] });
  await t.db.query("UPDATE support_cases SET first_social_appointment_on = '2023-01-10', first_professional_appointment_on = '2023-02-10' WHERE id = $1", [c4]);
  await appointment(c4, "social", "2023-01-10", "attended");
  await appointment(c4, "professional", "2023-01-25", "missed");
  await appointment(c4, "professional", "2023-02-10", "attended");
  await addCase("c5", { origin: "pf1", oriented: "2023-01-10", status: "refused", benefits: ["RSA"] });
  pilotage = await t.loginAs("pilotage.basrhin");
}, 120_000);
afterAll(async () => t?.close());

const q1 = parsePeriod("2023-T1");
const q2 = parsePeriod("2023-T2");

describe("indicators computed in SQL on a small data set", () => {
  it("computes each indicator of Q1 and Q2 2023 with its breakdowns", async () => {
    if (!q1 || !q2) throw new Error("périodes");
    const figures = await computeFigures(
      t.db,
      { conventionId: ids.convention, periods: [q1, q2], agencyId: null, orientDelay: "21 days", firstDelay: "1 months", today: "2023-07-15" },
      CURRENT_DEFINITIONS,
    );
    const total = (key: string, i = 0) => {
      const f = figures.get(key)?.[i];
      if (!f || "unavailable" in f) throw new Error(`${key} indisponible`);
      return f.total;
    };
    const rows = (key: string, dim: string, i = 0) => {
      const f = figures.get(key)?.[i];
      if (!f || "unavailable" in f) throw new Error(key);
      return Object.fromEntries((f.breakdowns[dim as "agency"] ?? []).map((r) => [r.label, r.cell.n]));
    };
    // Period boundaries: c2 entered on 31 March counts in Q1, c3 on 1 April does not (it is Q2's).
    expect(total("entrees").n).toBe(3);
    expect(total("entrees", 1).n).toBe(1);
    // c2, entered on 31 March in Strasbourg, counts there: its move to Haguenau in May does not rewrite Q1.
    expect(rows("entrees", "agency")).toEqual({ "France Travail — Agence Strasbourg Meinau": 3 });
    expect(total("origine_orientations").n).toBe(4);
    expect(rows("origine_orientations", "origin")).toEqual({ departement_social_service: 1, city_social_service: 1, france_travail: 1, pf1: 1 });
    expect(total("accompagnements_en_cours").n).toBe(2);
    // The case that moved agency on 15 May counts once a quarter, in the agency it had at the quarter's end:
    // Strasbourg at the end of Q1 (c1, c2), Haguenau at the end of Q2 (c2; c1 and c3 in Strasbourg).
    expect(rows("accompagnements_en_cours", "agency", 0)).toEqual({ "France Travail — Agence Strasbourg Meinau": 2 });
    expect(total("accompagnements_en_cours", 1).n).toBe(3);
    expect(rows("accompagnements_en_cours", "agency", 1)).toEqual({ "France Travail — Agence Strasbourg Meinau": 2, "France Travail — Agence Haguenau": 1 });
    expect(total("personnes_concernees").n).toBe(3);
    expect(rows("typologie", "benefit")).toEqual({ RSA: 1, ASS: 1, BOE: 1, AUCUNE: 1 });
    expect(rows("entrees", "age_band")).toEqual({ "Moins de 26 ans": 1, "26 à 49 ans": 2 });
    expect(rows("entrees", "qpv")).toEqual({ "En QPV": 1, "Hors QPV": 2 });
    expect(total("sorties").n).toBe(1);
    expect(rows("sorties", "exit_type")).toEqual({ sustainable_job: 1 });
    expect(total("freins_a_l_entree").n).toBe(1);
    // c1 within 21 days (15), c2 (58) and c3 (22) late; c5 refused is left out.
    expect(total("orientations_demarrees_dans_le_delai")).toEqual({ n: 3, k: 1, median: null });
    // c1 both held by 20 February; c4's professional one on 10 February, past 3 February; c2 none by 30 April.
    expect(total("premiers_rendez_vous_dans_le_delai")).toEqual({ n: 3, k: 1, median: null });
    // First appointments in Q1: c1 (both held), c4 (the professional one missed on 25 January).
    expect(total("absences_premier_rendez_vous")).toEqual({ n: 2, k: 1, median: null });
    // 15, 58 and 19 days: the median is 19.
    expect(total("delai_orientation_entree").median).toBe(19);
    // c1 12 days, c4 7 days: 9.5.
    expect(total("delai_entree_premier_rendez_vous").median).toBe(9.5);
    expect(total("duree_maximale_atteinte")).toEqual({ n: 1, k: 0, median: null });
    expect(total("accompagnement_social_exclusif").n).toBe(1);
    expect(rows("accompagnement_social_exclusif", "outcome")).toEqual({ "Toujours en social exclusif": 1 });
    expect(figures.get("justificatifs_fse")?.[0]).toEqual({ unavailable: "not_in_tandem" });
  });

  it("filters by agency as the case was then: c2 is Haguenau's at the end of Q2, not of Q1", async () => {
    const inSupport = async (agency: string) => {
      const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2&agency=${agency}`);
      expect(res.statusCode).toBe(200);
      const series = res.json().indicators.find((i: { key: string }) => i.key === "accompagnements_en_cours").series;
      return series.slice(-2).map((s: { cell: { value: number } }) => s.cell.value);
    };
    // Q1, Q2: Haguenau has c2 in Q2 only; Strasbourg c1 and c2 in Q1, c1 and c3 in Q2.
    expect(await inSupport(ids.haguenau)).toEqual([0, 1]);
    expect(await inSupport(ids.strasbourg)).toEqual([2, 2]);
    // Its filter offers the agencies the convention's cases are or were in.
    const board = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2`);
    expect(board.json().agencies.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(["France Travail — Agence Haguenau", "France Travail — Agence Strasbourg Meinau"]));
  });

  it("filters by territory, the intercommunality where the person lives; an unknown one is refused", async () => {
    // c3 lives in Haguenau (CA de Haguenau), the others in Strasbourg (Eurométropole de Strasbourg).
    await t.db.query("UPDATE job_seekers SET commune_insee = '67180' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [cases.c3]);
    try {
      const board = async (territory: string) => {
        const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2&territory=${territory}`);
        expect(res.statusCode).toBe(200);
        return res.json();
      };
      const inSupport = (b: { indicators: { key: string; series: { cell: { value: number } }[] }[] }) =>
        b.indicators.find((i) => i.key === "accompagnements_en_cours")?.series.slice(-2).map((s) => s.cell.value);
      // At the end of Q1: c1, c2 in support (Strasbourg); at the end of Q2: c1, c2 and c3 (Haguenau).
      const haguenau = await board("200067874");
      expect(inSupport(haguenau)).toEqual([0, 1]);
      expect(haguenau.territory).toBe("200067874");
      expect(haguenau.canFreeze).toBe(false);
      expect(inSupport(await board("246700488"))).toEqual([2, 2]);
      // The filter offers the intercommunalities where the convention's people live.
      expect(haguenau.territories).toEqual(expect.arrayContaining([{ code: "200067874", name: "CA de Haguenau" }, { code: "246700488", name: "Eurométropole de Strasbourg" }]));
      // The drill-down and the exports follow the filter.
      const drill = await pilotage.get(`/api/conventions/${ids.convention}/indicators/accompagnements_en_cours/cases?period=2023-T2&territory=200067874`);
      expect(drill.json().total.display).toBe("< 5");
      expect(drill.json().hiddenByAgency).toEqual([{ label: "France Travail — Agence Strasbourg Meinau", cell: { display: "< 5", value: null, masked: true, cases: null } }]);
      const csv = (await pilotage.get(`/api/conventions/${ids.convention}/indicators/export.csv?period=2023-T2&territory=200067874`)).rawPayload.toString("utf8");
      expect(csv).toContain(
        "accompagnements_en_cours;Accompagnements en cours en fin de période;1;personnes;2e trimestre 2023;2023-04-01;2023-06-30;Total;;1;1;non;;;Territoire : CA de Haguenau",
      );
      // A commune is named as the official referential names it, with its code.
      expect(csv).toContain(";2e trimestre 2023;2023-04-01;2023-06-30;Commune de résidence;Haguenau (67180);;< 5;non;;;Territoire : CA de Haguenau");
      // An EPCI the referential does not know, and a malformed one: 400 next to the field, nothing computed.
      const unknown = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2&territory=999999999`);
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.code).toBe("INDICATOR_TERRITORY_UNKNOWN");
      expect(unknown.json().error.details.issues).toEqual([{ path: "querystring.territory", message: "Intercommunalité inconnue du référentiel officiel." }]);
      const malformed = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T2&territory=67`);
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe("VALIDATION_ERROR");
    } finally {
      await t.db.query("UPDATE job_seekers SET commune_insee = '67482' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [cases.c3]);
    }
  });
});

describe("the dashboard", () => {
  it("shows the quarter against the three before, breakdowns masked under 5, unknown facts as such", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-T1`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.periods.map((p: { key: string }) => p.key)).toEqual(["2022-T2", "2022-T3", "2022-T4", "2023-T1"]);
    const byKey = (k: string) => body.indicators.find((i: { key: string }) => i.key === k);
    expect(byKey("entrees").series.at(-1).cell.display).toBe("3");
    expect(byKey("orientations_demarrees_dans_le_delai").series.at(-1).cell.display).toBe("33,3 %");
    const origin = byKey("origine_orientations").breakdowns.find((b: { dim: string }) => b.dim === "origin");
    expect(origin.rows.map((r: { label: string; cell: { display: string } }) => [r.label, r.cell.display])).toContainEqual(["Service social du Département", "< 5"]);
    expect(byKey("rapport_annuel").series.at(-1).cell.display).toBe("Données non disponibles dans Tandem");
  });

  it("is refused to a steering user of an organisation that is not a party (403, INDICATORS_FORBIDDEN) and to a party's advisor", async () => {
    const creuse = await t.loginAs("pilotage.creuse");
    const res = await creuse.get(`/api/conventions/${ids.convention}/indicators?period=2023-T1`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("INDICATORS_FORBIDDEN");
    expect((await creuse.get(`/api/conventions/${ids.convention}/indicators/export.xlsx?period=2023-T1`)).statusCode).toBe(403);
    const advisor = await t.loginAs("conseiller.basrhin");
    expect((await advisor.get(`/api/conventions/${ids.convention}/indicators?period=2023-T1`)).json().error.code).toBe("INDICATORS_FORBIDDEN");
  });

  it("refuses a malformed period, changing nothing", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators?period=2023-Q1`);
    expect(res.statusCode).toBe(400);
  });
});

describe("drill-down", () => {
  it("gives a steering user without case access counts only, masked under 5", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators/entrees/cases?period=2023-T1`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.cases).toEqual([]);
    expect(body.total.display).toBe("< 5");
    expect(body.hidden.display).toBe("< 5");
    // Q1's entries were all in Strasbourg then (c2 moved to Haguenau in May).
    expect(body.hiddenByAgency.map((a: { label: string; cell: { display: string } }) => [a.label, a.cell.display])).toEqual([["France Travail — Agence Strasbourg Meinau", "< 5"]]);
  });

  it("names the cases a user may read (steering and advisor), the others counted", async () => {
    await t.db.query("UPDATE users SET roles = '{advisor,steering}' WHERE id = $1", [ids.advisorA]);
    const both = await t.loginAs("conseiller.basrhin");
    const res = await both.get(`/api/conventions/${ids.convention}/indicators/entrees/cases?period=2023-T1&dim=agency&value=${ids.strasbourg}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().cases.map((c: { name: string }) => c.name)).toEqual(["IndicateurC1 Test", "IndicateurC2 Test", "IndicateurC4 Test"]);
    expect(res.json().hidden).toEqual({ display: "0", value: 0, masked: false, cases: 0 });
    const audited = await one<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'indicators.cases_listed' AND subject_id = $1", [ids.convention]);
    expect(audited.n).toBe(1);
    // Filtered by Strasbourg, the cases in support at the quarter's end: c2 in Q1, no longer in Q2 (Haguenau's since 15 May).
    const inStrasbourg = async (period: string) =>
      (await both.get(`/api/conventions/${ids.convention}/indicators/accompagnements_en_cours/cases?period=${period}&agency=${ids.strasbourg}`))
        .json()
        .cases.map((c: { name: string; agency: string }) => `${c.name} (${c.agency})`);
    expect(await inStrasbourg("2023-T1")).toEqual(["IndicateurC1 Test (France Travail — Agence Strasbourg Meinau)", "IndicateurC2 Test (France Travail — Agence Strasbourg Meinau)"]);
    expect(await inStrasbourg("2023-T2")).toEqual(["IndicateurC1 Test (France Travail — Agence Strasbourg Meinau)", "IndicateurC3 Test (France Travail — Agence Strasbourg Meinau)"]);
    await t.db.query("UPDATE users SET roles = '{advisor}' WHERE id = $1", [ids.advisorA]);
  });
});

describe("freezing and definition versions", () => {
  it("keeps an adopted quarter with its version while the definition changes and the data move", async () => {
    const frozen = await pilotage.post(`/api/conventions/${ids.convention}/indicators/freeze`, { period: "2023-T1" });
    expect(frozen.statusCode).toBe(201);
    const again = await pilotage.post(`/api/conventions/${ids.convention}/indicators/freeze`, { period: "2023-T1" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("INDICATORS_ALREADY_FROZEN");
    const audit = await one<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'indicators.frozen' AND subject_id = $1", [ids.convention]);
    expect(audit.n).toBe(1);

    // A late entry recorded in Q1 after the adoption does not change the adopted figure.
    await addCase("c6", { origin: "france_travail", oriented: "2023-03-01", entered: "2023-03-15", status: "active", advisor: ids.advisorA, benefits: [] });
    // Version 2 of « entrees » leaves out France Travail's own orientations.
    const v2 = CURRENT_DEFINITIONS.map((d) =>
      d.key === "entrees" && d.rule ? { ...d, version: 2, rule: { ...d.rule, population: `${d.rule.population} AND sc.origin <> 'france_travail'` } } : d,
    );
    const board = await readDashboard(t.db, await sessionUser("pilotage.basrhin"), ids.convention, { period: "2023-T2" }, { definitions: v2, today: "2023-07-15" });
    const entrees = board.indicators.find((i) => i.key === "entrees");
    const [q1Figure, q2Figure] = entrees?.series.slice(-2) ?? [];
    expect(q1Figure.cell.value).toBe(3);
    expect(q1Figure.version).toBe(1);
    expect(q1Figure.frozen?.by).toBe(`${(await sessionUser("pilotage.basrhin")).firstName} ${(await sessionUser("pilotage.basrhin")).lastName}`);
    // Q2 is live, with v2: c3 (France Travail) is no longer counted.
    expect(q2Figure.cell.value).toBe(0);
    expect(q2Figure.version).toBe(2);
    expect(q2Figure.frozen).toBeNull();
  });

  it("refuses to freeze a period not yet over, or for anyone but the parties' steering", async () => {
    const current = await pilotage.post(`/api/conventions/${ids.convention}/indicators/freeze`, { period: "2099-T1" });
    expect(current.statusCode).toBe(409);
    expect(current.json().error.code).toBe("INDICATOR_PERIOD_NOT_OVER");
    const advisor = await t.loginAs("conseiller.basrhin");
    expect((await advisor.post(`/api/conventions/${ids.convention}/indicators/freeze`, { period: "2023-T2" })).statusCode).toBe(403);
  });
});

describe("XLSX export", () => {
  it("has a definitions sheet and one sheet per indicator, masked like the page", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators/export.xlsx?period=2023-T1`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const defs = wb.getWorksheet("Définitions");
    expect(defs?.getRow(6).getCell(1).value).toBe("entrees");
    expect(defs?.getRow(6).getCell(3).value).toBe(1);
    const sheet = wb.worksheets.find((w) => w.name.startsWith("Entrées en accompagnement"));
    // The frozen Q1 figure: 3 (row 5 + 3 earlier periods = row 8).
    expect(sheet?.getRow(8).getCell(2).value).toBe(3);
    const values = sheet?.getSheetValues().flat().filter((v) => v === "< 5");
    expect(values?.length).toBeGreaterThan(0);
  });
});

describe("the steering committee's PDF report", () => {
  it("holds the convention, the adopted figure, the definition's version and who froze it; refused to a non-party", async () => {
    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators/report.pdf?period=2023-T1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(res.rawPayload);
    expect(text).toContain("Rapport au comité de pilotage");
    expect(text).toContain("Convention n°\u00a0BAS-RHIN-2021-AG");
    const steering = await sessionUser("pilotage.basrhin");
    expect(text).toContain(`par ${steering.firstName} ${steering.lastName}.`);
    // The entries of Q1 as adopted (3), drawn above their bar, and the orientations started in time.
    expect(text).toContain("Entrées en accompagnement");
    expect(text).toMatch(/Définition version 1\. .* 3 /);
    expect(text).toContain("33,3 %");
    expect(text).toContain("entrees, version 1");
    // Small cells masked as on the page.
    expect(text).toContain("Service social du Département : < 5");
    const creuse = await t.loginAs("pilotage.creuse");
    const refused = await creuse.get(`/api/conventions/${ids.convention}/indicators/report.pdf?period=2023-T1`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("INDICATORS_FORBIDDEN");
  });
});

describe("the FSE evidence", () => {
  it("lists the participants of Q1 2023 a case reader may read, with entry, exit and situation at exit; refused to steering and to a non-party", async () => {
    // c7 lives in Creuse and is followed in Haguenau: out of the Strasbourg advisor's reach, counted but not named.
    const c7 = await addCase("c7", { origin: "france_travail", oriented: "2023-02-01", entered: "2023-02-10", status: "active", advisor: ids.advisorB, benefits: [] });
    await t.db.query("UPDATE job_seekers SET commune_insee = '23096' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [c7]);
    const advisor = await t.loginAs("conseiller.basrhin");
    const res = await advisor.get(`/api/conventions/${ids.convention}/indicators/fse-evidence.xlsx?period=2023-T1`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Participants");
    const rows = (sheet?.getSheetValues() ?? []).slice(6).map((r) => (r as unknown[]).slice(1));
    // Supported during Q1, by entry: c4 (3 Jan, exited 15 Feb), c1 (20 Jan), c6 (15 Mar, added above), c2 (31 Mar, in the advisor's
    // territory though followed in Haguenau); c3 entered on 1 April and c5 never entered.
    expect(rows.map((r) => [r[0], r[7], r[8], r[9]])).toEqual([
      ["IndicateurC4", "03/01/2023", "15/02/2023", "Emploi durable"],
      ["IndicateurC1", "20/01/2023", "", "En accompagnement au 31/03/2023"],
      ["IndicateurC6", "15/03/2023", "", "En accompagnement au 31/03/2023"],
      ["IndicateurC2", "31/03/2023", "", "En accompagnement au 31/03/2023"],
    ]);
    expect(sheet?.getRow(3).getCell(1).value).toBe("Participants que vous ne pouvez pas lire, non nommés ici : < 5.");
    const audited = await one<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'indicators.fse_evidence_exported' AND subject_id = $1", [ids.convention]);
    expect(audited.n).toBe(1);
    const steering = await pilotage.get(`/api/conventions/${ids.convention}/indicators/fse-evidence.xlsx?period=2023-T1`);
    expect(steering.statusCode).toBe(403);
    expect(steering.json().error.code).toBe("FSE_EVIDENCE_FORBIDDEN");
    const creuse = await t.loginAs("conseiller.creuse");
    expect((await creuse.get(`/api/conventions/${ids.convention}/indicators/fse-evidence.xlsx?period=2023-T1`)).statusCode).toBe(403);
  });
});

describe("the annual evaluation pack and the levers used", () => {
  it("counts the partners' resources mobilised as levers (definition version 2), and packs profiles, barriers, exits and levers masked under 5", async () => {
    // c1's housing barrier is still open on 31 March; c4's mobility barrier, seen at entry, was lifted on 1 February.
    await t.db.query("INSERT INTO support_case_barriers (case_id, category, code, observed_on, resolved_on) VALUES ($1, 'professional', 'mobility', '2023-01-02', '2023-02-01')", [cases.c4]);
    await t.db.query(
      `INSERT INTO support_case_events (case_id, kind, occurred_on, details) VALUES
         ($1, 'resource_mobilised', '2023-03-10', '{"structure": "Emmaüs Connect"}'),
         ($1, 'resource_mobilised', '2023-03-20', '{"structure": "Mission locale"}'),
         ($2, 'resource_mobilised', '2023-04-02', '{"structure": "Emmaüs Connect"}')`,
      [cases.c1, cases.c3],
    );
    if (!q1 || !q2) throw new Error("périodes");
    const figures = await computeFigures(
      t.db,
      { conventionId: ids.convention, periods: [q1, q2], agencyId: null, orientDelay: "21 days", firstDelay: "1 months", today: "2023-07-15" },
      CURRENT_DEFINITIONS.filter((d) => d.key === "leviers_mobilises"),
    );
    const [inQ1, inQ2] = figures.get("leviers_mobilises") ?? [];
    // c1 counts once in Q1 for its two resources; c3's resource of 2 April is Q2's.
    expect(inQ1).toMatchObject({ total: { n: 1 } });
    expect(inQ2).toMatchObject({ total: { n: 1 } });
    expect(CURRENT_DEFINITIONS.find((d) => d.key === "leviers_mobilises")).toMatchObject({ version: 2, available: true });

    const res = await pilotage.get(`/api/conventions/${ids.convention}/indicators/evaluation.xlsx?period=2023-T1`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = (name: string) => (wb.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    // Supported in Q1: c1, c2, c4, c6, c7 — five people, shown; everything smaller is « < 5 ».
    expect(values("Profils")[0]).toEqual(["Personnes accompagnées pendant la période : 5"]);
    expect(values("Profils")).toContainEqual(["Sexe : non enregistré dans Tandem."]);
    expect(values("Freins")).toContainEqual(["Logement", "Social", "< 5", "0", "< 5"]);
    expect(values("Freins")).toContainEqual(["Mobilité géographique ou professionnelle", "Professionnel", "< 5", "< 5", "0"]);
    expect(values("Sorties")).toContainEqual(["Emploi durable", "< 5"]);
    expect(values("Leviers")).toEqual([
      ["Personnes pour lesquelles une ressource des partenaires a été mobilisée : < 5"],
      ["Mesures PPAE et CER : non enregistrées dans Tandem."],
      ["Structure", "Personnes"],
      ["Emmaüs Connect", "< 5"],
      ["Mission locale", "< 5"],
    ]);
    expect(values("Synthèse")).toContainEqual(["Leviers mobilisés (ressources des partenaires)", "< 5", 2]);
    const creuse = await t.loginAs("pilotage.creuse");
    expect((await creuse.get(`/api/conventions/${ids.convention}/indicators/evaluation.xlsx?period=2023-T1`)).statusCode).toBe(403);
  });
});

describe("a convention's indicators point to definitions", () => {
  it("an unknown key is refused at import with its path and a French message, nothing imported", async () => {
    const { readFileSync } = await import("node:fs");
    const yaml = readFileSync("conventions/bas-rhin-2021-accompagnement-global.yaml", "utf8")
      .replace("number: BAS-RHIN-2021-AG", "number: BR-IND-UNKNOWN")
      .replace("key: entrees,", "key: entrees_au_doigt_mouille,");
    const res = await pilotage.post("/api/conventions/import", { content: yaml });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("CONVENTION_FILE_INVALID");
    const issue = res.json().error.details.issues[0];
    expect(issue.path).toBe("convention.indicators.0.key");
    expect(issue.message).toMatch(/^Indicateur inconnu : « entrees_au_doigt_mouille »\. Indicateurs connus de Tandem : entrees, origine_orientations,/);
    expect((await one<{ n: number }>("SELECT count(*)::int AS n FROM conventions WHERE number = 'BR-IND-UNKNOWN'")).n).toBe(0);
  });
});

describe("the territorial director's view", () => {
  it("sets the conventions where the direction's agencies act side by side, Q1 as adopted; refused outside a France Travail direction", async () => {
    const direction = await one<{ id: string }>(
      "INSERT INTO organisations (code, name, kind) VALUES ('ft-dt-bas-rhin-test', 'France Travail — Direction territoriale Bas-Rhin', 'ft_direction') RETURNING id",
    );
    await t.db.query("UPDATE organisations SET parent_id = $1 WHERE id = $2", [direction.id, ids.strasbourg]);
    await t.db.query("UPDATE users SET organisation_id = $1 WHERE email = $2", [direction.id, `pilotage.ft-basrhin@${DEMO_EMAIL_DOMAIN}`]);
    const director = await t.loginAs("pilotage.ft-basrhin");
    const res = await director.get("/api/indicators/territory?period=2023-T1");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.direction.name).toBe("France Travail — Direction territoriale Bas-Rhin");
    expect(body.indicators.map((i: { key: string }) => i.key)).toEqual(["entrees", "accompagnements_en_cours", "sorties", "orientations_demarrees_dans_le_delai", "premiers_rendez_vous_dans_le_delai"]);
    expect(body.conventions.map((c: { number: string }) => c.number)).toEqual(["BAS-RHIN-2021-AG"]);
    const [basRhin] = body.conventions;
    // Q1 was adopted with 3 entries (c6 and c7, recorded later, do not change it), 2 in support at its end, 1 exit, 1 of 3 started in time.
    expect(basRhin.cells.map((c: { display: string }) => c.display)).toEqual(["3", "2", "1", "33,3 %", "33,3 %"]);
    expect(basRhin.cells[0].version).toBe(1);
    expect(basRhin.frozen.by).toBe(`${(await sessionUser("pilotage.basrhin")).firstName} ${(await sessionUser("pilotage.basrhin")).lastName}`);

    // Seine-Maritime's director does not see Bas-Rhin; a département's steering user is not a France Travail direction.
    const rouen = (await (await t.loginAs("pilotage.ft-rouen")).get("/api/indicators/territory?period=2023-T1")).json();
    expect(rouen.conventions.map((c: { number: string }) => c.number)).not.toContain("BAS-RHIN-2021-AG");
    const refused = await pilotage.get("/api/indicators/territory?period=2023-T1");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("TERRITORY_INDICATORS_FORBIDDEN");
  });
});
