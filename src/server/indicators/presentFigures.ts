import { BREAKDOWN_LABELS, type Breakdown, type IndicatorUnit, isSmallCell } from "../../domain/indicators/definitions.js";
import { EXIT_TYPE_LABELS, type ExitType, ORIGIN_LABELS, type OrientationOrigin } from "../../domain/support/vocabulary.js";
import type { CellView, Dashboard, IndicatorView } from "../../shared/contracts/indicators.js";
import { findCommune } from "../organisations/territories.js";
import type { Cell, RawFigure, Unavailable } from "./computeFigures.js";

export const NOT_IN_TANDEM = "Données non disponibles dans Tandem";
const NO_DELAY = "Délai non fixé par la convention";
export const SMALL_CELL = "< 5";

const number = (v: number, digits: number) => v.toLocaleString("fr-FR", { maximumFractionDigits: digits });

/** The dashboard's filters in words (« Agence : … », « Territoire : … »), for the exports that carry its figures. */
export function filterLabels(dashboard: Dashboard): string[] {
  const agency = dashboard.agencyId ? dashboard.agencies.find((a) => a.id === dashboard.agencyId)?.name : null;
  const territory = dashboard.territory ? dashboard.territories.find((t) => t.code === dashboard.territory)?.name ?? `EPCI ${dashboard.territory}` : null;
  return [agency ? `Agence : ${agency}` : null, territory ? `Territoire : ${territory}` : null].filter((l): l is string => l !== null);
}

/** The value of a cell in its unit: a count, a share in % (one decimal), a median in days. */
export function valueInUnit(cell: Cell, unit: IndicatorUnit): number | null {
  if (unit === "personnes") return cell.n;
  if (unit === "%") return cell.n === 0 ? null : Math.round((1000 * cell.k) / cell.n) / 10;
  if (unit === "par conseiller") return cell.k === 0 ? null : Math.round((10 * cell.n) / cell.k) / 10;
  return cell.median === null ? null : Math.round(cell.median * 10) / 10;
}

/**
 * A figure as the page, the drill-down and the XLSX show it. `mask`: statistical secrecy — a cell
 * about 1 to 4 people (for a share or a median: computed on 1 to 4 cases) is shown « < 5 ».
 */
export function cellView(f: Cell | Unavailable, unit: IndicatorUnit, mask: boolean): CellView {
  if ("unavailable" in f) return { display: f.unavailable === "not_in_tandem" ? NOT_IN_TANDEM : NO_DELAY, value: null, masked: false, cases: null };
  if (mask && isSmallCell(f.n)) return { display: SMALL_CELL, value: null, masked: true, cases: null };
  const value = valueInUnit(f, unit);
  const display = value === null ? "—" : unit === "personnes" ? number(value, 0) : unit === "%" ? `${number(value, 1)} %` : unit === "par conseiller" ? `${number(value, 1)} par conseiller` : `${number(value, 1)} j`;
  return { display, value, masked: false, cases: f.n };
}

const BENEFIT_LABELS: Record<string, string> = { RSA: "RSA", ASS: "ASS", ARE: "ARE", BOE: "BOE", AUCUNE: "Aucune allocation" };

/** A commune by its official name and code (« Strasbourg (67482) »): the database holds the INSEE code only. */
export function communeLabel(code: string): string {
  const commune = findCommune(code);
  return commune ? `${commune.nom} (${code})` : code;
}

/** The French label of a breakdown's value (organisation names come from the query, communes from the referential). */
export function breakdownValueLabel(dim: Breakdown, key: string, label: string): string {
  if (dim === "origin") return ORIGIN_LABELS[key as OrientationOrigin] ?? key;
  if (dim === "exit_type") return key === "aucune" ? "Pas de sortie" : (EXIT_TYPE_LABELS[key as ExitType] ?? key);
  if (dim === "benefit") return BENEFIT_LABELS[key] ?? key;
  if (dim === "commune") return communeLabel(key);
  if ((dim === "agency" || dim === "social_service") && !key) return dim === "agency" ? "Sans conseiller désigné" : "Sans travailleur social désigné";
  return label;
}

/** The breakdowns of one figure, each cell masked under 5. */
export function breakdownViews(figure: RawFigure | Unavailable, unit: IndicatorUnit): IndicatorView["breakdowns"] {
  if ("unavailable" in figure) return [];
  return (Object.entries(figure.breakdowns) as [Breakdown, RawFigure["breakdowns"][Breakdown]][]).map(([dim, rows]) => ({
    dim,
    label: BREAKDOWN_LABELS[dim],
    rows: (rows ?? []).map((r) => ({ key: r.key, label: breakdownValueLabel(dim, r.key, r.label), cell: cellView(r.cell, unit, true) })),
  }));
}
