import ExcelJS from "exceljs";
import { BARRIER_LABELS, type BarrierCode } from "../../domain/support/vocabulary.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { CellView, DashboardQuery } from "../../shared/contracts/indicators.js";
import type { Db } from "../platform/db.js";
import type { SessionUser } from "../platform/requestContext.js";
import { computeFigures } from "./computeFigures.js";
import { CURRENT_DEFINITIONS, authorizeIndicators, indicatorConvention } from "./indicatorAccess.js";
import { periodOfQuery } from "./indicatorDashboard.js";
import { breakdownViews, cellView } from "./presentFigures.js";

/** The figures the yearly evaluation asks [001 art. 5, 002 art. 5.3], whatever the convention's own list. */
const PACK_KEYS = ["personnes_concernees", "entrees", "freins_a_l_entree", "sorties", "leviers_mobilises"] as const;

const frenchDate = (d: string) => d.split("-").reverse().join("/");
const masked = (n: number): CellView => cellView({ n, k: 0, median: null }, "personnes", true);

/**
 * The barriers observed at entry of the people supported during the period, and where each stood
 * at the period's end: lifted (resolved by its last day) or still open. Counted in SQL, per barrier.
 */
async function barrierEvolution(db: Db, conventionId: string, from: string, to: string) {
  return db.query<{ category: string; code: string; at_entry: number; lifted: number; open: number }>(
    `SELECT b.category, b.code, count(DISTINCT b.case_id)::int AS at_entry,
            count(DISTINCT b.case_id) FILTER (WHERE b.resolved_on IS NOT NULL AND b.resolved_on <= $3::date)::int AS lifted,
            count(DISTINCT b.case_id) FILTER (WHERE b.resolved_on IS NULL OR b.resolved_on > $3::date)::int AS open
       FROM support_cases sc JOIN support_case_barriers b ON b.case_id = sc.id AND b.observed_on <= sc.entered_on
      WHERE sc.convention_id = $1 AND sc.entered_on <= $3::date AND (sc.exited_on IS NULL OR sc.exited_on >= $2::date)
      GROUP BY b.category, b.code ORDER BY at_entry DESC, b.code`,
    [conventionId, from, to],
  );
}

/** The partners' resources mobilised during the period (ADR 0035), people counted per structure. */
async function leversByStructure(db: Db, conventionId: string, from: string, to: string) {
  return db.query<{ structure: string; n: number }>(
    `SELECT coalesce(e.details->>'structure', 'Structure non précisée') AS structure, count(DISTINCT sc.id)::int AS n
       FROM support_cases sc JOIN support_case_events e ON e.case_id = sc.id AND e.kind = 'resource_mobilised' AND e.occurred_on BETWEEN $2::date AND $3::date
      WHERE sc.convention_id = $1
      GROUP BY 1 ORDER BY n DESC, structure`,
    [conventionId, from, to],
  );
}

/**
 * The annual evaluation pack as a workbook: the profiles of the people supported (age band, QPV,
 * benefits, commune — sex is not recorded in Tandem, and says so), the barriers at entry and how
 * they evolved, the exits by type, the levers used. For the parties' steering users, as the
 * dashboard, and masked as it: every count of 1 to 4 people is « < 5 ».
 */
export async function evaluationPack(db: Db, user: SessionUser, conventionId: string, query: Pick<DashboardQuery, "period">, today = parisToday()) {
  await authorizeIndicators(db, user, conventionId, "indicators.read");
  const period = periodOfQuery({ period: query.period, kind: "year" }, today);
  const convention = await indicatorConvention(db, conventionId, period.to);
  const definitions = CURRENT_DEFINITIONS.filter((d) => (PACK_KEYS as readonly string[]).includes(d.key));
  const [figures, barriers, levers] = await Promise.all([
    computeFigures(db, { conventionId, periods: [period], agencyId: null, orientDelay: convention.orientDelay, firstDelay: convention.firstDelay, today }, definitions),
    barrierEvolution(db, conventionId, period.from, period.to),
    leversByStructure(db, conventionId, period.from, period.to),
  ]);
  const figureOf = (key: string) => {
    const f = figures.get(key)?.[0];
    if (!f) throw new Error(`indicateur ${key} absent du dossier d’évaluation`);
    return f;
  };
  const total = (key: string) => {
    const f = figureOf(key);
    return cellView("unavailable" in f ? f : f.total, "personnes", true).display;
  };
  const breakdown = (key: string, dim: string) => breakdownViews(figureOf(key), "personnes").find((b) => b.dim === dim)?.rows ?? [];

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tandem";
  const table = (sheet: ExcelJS.Worksheet, header: string[], rows: (string | number)[][]) => {
    sheet.addRow(header).font = { bold: true };
    for (const r of rows) sheet.addRow(r);
    sheet.addRow([]);
  };

  const summary = workbook.addWorksheet("Synthèse");
  summary.addRow([`Dossier d’évaluation annuelle — convention ${convention.number} — ${convention.title}`]).font = { bold: true };
  summary.addRow([`Période : ${period.label} (du ${frenchDate(period.from)} au ${frenchDate(period.to)}). Calculé le ${frenchDate(today)}.`]);
  summary.addRow(["Secret statistique : les effectifs de 1 à 4 personnes sont masqués (« < 5 »)."]);
  summary.addRow([]);
  table(
    summary,
    ["Indicateur", "Valeur", "Version de la définition"],
    definitions.map((d) => [d.name, total(d.key), d.version]),
  );

  const profiles = workbook.addWorksheet("Profils");
  profiles.addRow([`Personnes accompagnées pendant la période : ${total("personnes_concernees")}`]).font = { bold: true };
  profiles.addRow([]);
  for (const [dim, label] of [
    ["age_band", "Tranche d’âge"],
    ["qpv", "Quartier prioritaire (QPV)"],
    ["benefit", "Allocations (RSA, ASS, ARE, BOE)"],
    ["commune", "Commune"],
  ] as const) {
    table(profiles, [label, "Personnes"], breakdown("personnes_concernees", dim).map((r) => [r.label, r.cell.display]));
  }
  profiles.addRow(["Sexe : non enregistré dans Tandem."]);

  const barrierSheet = workbook.addWorksheet("Freins");
  barrierSheet.addRow([`Personnes entrées dans la période avec au moins un frein : ${total("freins_a_l_entree")}`]).font = { bold: true };
  barrierSheet.addRow(["Freins relevés à l’entrée des personnes accompagnées pendant la période, et leur état au dernier jour de la période."]);
  barrierSheet.addRow([]);
  table(
    barrierSheet,
    ["Frein", "Catégorie", "Relevé à l’entrée", "Levé", "Toujours ouvert"],
    barriers.map((b) => [
      BARRIER_LABELS[b.code as BarrierCode] ?? b.code,
      b.category === "social" ? "Social" : "Professionnel",
      masked(b.at_entry).display,
      masked(b.lifted).display,
      masked(b.open).display,
    ]),
  );

  const exits = workbook.addWorksheet("Sorties");
  exits.addRow([`Sorties pendant la période : ${total("sorties")}`]).font = { bold: true };
  exits.addRow([]);
  table(exits, ["Type de sortie", "Personnes"], breakdown("sorties", "exit_type").map((r) => [r.label, r.cell.display]));

  const leverSheet = workbook.addWorksheet("Leviers");
  leverSheet.addRow([`Personnes pour lesquelles une ressource des partenaires a été mobilisée : ${total("leviers_mobilises")}`]).font = { bold: true };
  leverSheet.addRow(["Mesures PPAE et CER : non enregistrées dans Tandem."]);
  leverSheet.addRow([]);
  table(leverSheet, ["Structure", "Personnes"], levers.map((l) => [l.structure, masked(l.n).display]));

  const defs = workbook.addWorksheet("Définitions");
  table(
    defs,
    ["Clé", "Indicateur", "Version", "Ce qui est compté", "Source"],
    definitions.map((d) => [d.key, d.name, d.version, d.counts, d.source]),
  );
  for (const sheet of workbook.worksheets) {
    sheet.getColumn(1).width = 48;
    for (const n of [2, 3, 4, 5]) sheet.getColumn(n).width = 18;
  }
  return { convention, period, file: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
