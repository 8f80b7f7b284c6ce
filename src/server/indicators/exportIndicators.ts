import ExcelJS from "exceljs";
import type { Dashboard } from "../../shared/contracts/indicators.js";
import { filterLabels } from "./presentFigures.js";

/** Excel forbids these in sheet names, and caps them at 31 characters. */
const sheetName = (name: string, used: Set<string>) => {
  let base = name.replace(/[\\/*?:[\]]/g, " ").slice(0, 28).trim();
  while (used.has(base)) base = `${base.slice(0, 26)} ${used.size}`;
  used.add(base);
  return base;
};

/**
 * The dashboard as a workbook: a sheet of definitions (key, version, unit, what it counts, source),
 * then one sheet per indicator with the periods side by side, each commitment of the convention the
 * indicator measures against those periods (target, met or not), and the selected period's breakdowns.
 * Made from the dashboard itself, so masked exactly as the page (« < 5 »), with the same versions.
 */
export async function indicatorsWorkbook(dashboard: Dashboard): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tandem";
  const used = new Set<string>();
  const defs = workbook.addWorksheet(sheetName("Définitions", used));
  defs.addRow([`Convention ${dashboard.convention.number} — ${dashboard.convention.title}`]);
  defs.addRow([[`Période : ${dashboard.period.label} (du ${dashboard.period.from} au ${dashboard.period.to})`, ...filterLabels(dashboard)].join(" — ")]);
  defs.addRow([dashboard.frozen ? `Figée le ${dashboard.frozen.at.slice(0, 10)} par ${dashboard.frozen.by}` : "Calculée à la date de l’export (non figée)"]);
  defs.addRow([]);
  defs.addRow(["Clé", "Indicateur", "Version", "Unité", "Ce qui est compté", "Source"]).font = { bold: true };
  for (const i of dashboard.indicators) defs.addRow([i.key, i.name, i.version, i.unit, i.counts, i.source]);
  defs.columns.forEach((c, n) => {
    c.width = [28, 45, 9, 10, 80, 40][n] ?? 20;
  });

  for (const i of dashboard.indicators) {
    const sheet = workbook.addWorksheet(sheetName(i.name, used));
    sheet.addRow([i.name]).font = { bold: true };
    sheet.addRow([`${i.counts} Unité : ${i.unit}. Source : ${i.source}.`]);
    sheet.addRow([]);
    sheet.addRow(["Période", "Valeur", "Version de la définition", "Figée"]).font = { bold: true };
    for (const s of i.series) {
      const label = dashboard.periods.find((p) => p.key === s.period)?.label ?? s.period;
      sheet.addRow([label, s.cell.value ?? s.cell.display, s.version, s.frozen ? `le ${s.frozen.at.slice(0, 10)} par ${s.frozen.by}` : "non"]);
    }
    for (const c of i.commitments) {
      sheet.addRow([]);
      sheet.addRow([`Engagement : ${c.description} (${c.owner}) — ${c.targetLabel}, ${c.period} — source : ${c.source}`]).font = { bold: true };
      sheet.addRow(["Période", "Valeur", "Objectif", "Résultat"]).font = { bold: true };
      for (const s of i.series) {
        const label = dashboard.periods.find((p) => p.key === s.period)?.label ?? s.period;
        sheet.addRow([label, s.cell.value ?? s.cell.display, c.target, c.results.find((r) => r.period === s.period)?.label ?? ""]);
      }
    }
    for (const b of i.breakdowns) {
      sheet.addRow([]);
      sheet.addRow([`${b.label} — ${dashboard.period.label}`, "Valeur"]).font = { bold: true };
      for (const r of b.rows) sheet.addRow([r.label, r.cell.value ?? r.cell.display]);
    }
    sheet.getColumn(1).width = 45;
    sheet.getColumn(2).width = 18;
    sheet.getColumn(3).width = 24;
    sheet.getColumn(4).width = 30;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
