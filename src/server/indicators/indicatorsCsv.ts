import type { Dashboard } from "../../shared/contracts/indicators.js";
import { toFrenchCsv } from "../platform/frenchCsv.js";
import { filterLabels } from "./presentFigures.js";

export const CSV_HEADER = [
  "Clé",
  "Indicateur",
  "Version de la définition",
  "Unité",
  "Période",
  "Du",
  "Au",
  "Ventilation",
  "Valeur de la ventilation",
  "Valeur",
  "Affichage",
  "Figée",
  "Engagement de la convention",
  "Atteint",
  "Filtres",
];

/** A number as a French spreadsheet reads it: decimal comma, no thousands separator. */
const frenchNumber = (v: number) => String(v).replace(".", ",");

/**
 * The dashboard's figures as a French CSV (`;`, UTF-8 with BOM, decimal comma): one row per
 * indicator × period for the totals, then one per indicator × breakdown value for the selected
 * period (the only period whose breakdowns the dashboard shows), each with its definition's
 * version. Made from the dashboard itself, so authorised and masked exactly as the page: a small
 * cell stays « < 5 » with no value; an unavailable figure says so, never a zero.
 */
export function indicatorsCsv(dashboard: Dashboard): string {
  const rows: (string | number | null)[][] = [];
  const period = (key: string) => dashboard.periods.find((p) => p.key === key);
  // Each row says the filters its figures were computed with (none: the whole convention).
  const filters = filterLabels(dashboard).join(" — ");
  for (const i of dashboard.indicators) {
    for (const s of i.series) {
      const p = period(s.period);
      rows.push([
        i.key,
        i.name,
        s.version,
        i.unit,
        p?.label ?? s.period,
        p?.from ?? "",
        p?.to ?? "",
        "Total",
        "",
        s.cell.value === null ? "" : frenchNumber(s.cell.value),
        s.cell.display,
        s.frozen ? `le ${s.frozen.at.slice(0, 10)} par ${s.frozen.by}` : "non",
        i.commitments.map((c) => `${c.description} : ${c.targetLabel} (${c.source})`).join(" ; "),
        i.commitments.map((c) => c.results.find((r) => r.period === s.period)?.label ?? "").join(" ; "),
        filters,
      ]);
    }
    const selected = i.series.at(-1);
    for (const b of i.breakdowns) {
      for (const r of b.rows) {
        rows.push([
          i.key,
          i.name,
          selected?.version ?? i.version,
          i.unit,
          dashboard.period.label,
          dashboard.period.from,
          dashboard.period.to,
          b.label,
          r.label,
          r.cell.value === null ? "" : frenchNumber(r.cell.value),
          r.cell.display,
          selected?.frozen ? `le ${selected.frozen.at.slice(0, 10)} par ${selected.frozen.by}` : "non",
          "",
          "",
          filters,
        ]);
      }
    }
  }
  return toFrenchCsv(CSV_HEADER, rows);
}
