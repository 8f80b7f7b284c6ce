import { type IndicatorDefinition, periodLengthMatters } from "../../domain/indicators/definitions.js";
import type { PeriodKind } from "../../domain/indicators/periods.js";
import { type ConventionTerms, PERIOD_LABELS } from "../../shared/contracts/conventionFile.js";
import type { CellView, CommitmentStatus, IndicatorCommitment } from "../../shared/contracts/indicators.js";

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  met: "Atteint",
  not_met: "Non atteint",
  unavailable: "Données non disponibles",
  not_comparable: "Non comparable sur cette période",
};

const number = (v: number) => v.toLocaleString("fr-FR", { maximumFractionDigits: 2 });

/** « au moins 70 par conseiller », « au plus 10 % »: the target in the indicator's unit. */
export function targetLabel(comparison: "at_least" | "at_most", target: number, unit: IndicatorDefinition["unit"]): string {
  const value = unit === "%" ? `${number(target)} %` : unit === "jours" ? `${number(target)} j` : `${number(target)} ${unit}`;
  return `${comparison === "at_least" ? "au moins" : "au plus"} ${value}`;
}

/**
 * One figure against a commitment. A figure Tandem cannot give (not recorded, no delay, masked,
 * nothing to divide) is « données non disponibles », never « non atteint »; a count of people over
 * a period (entries, exits…) compares only over a period of the commitment's own length.
 */
export function commitmentStatus(
  cell: CellView,
  commitment: { comparison: "at_least" | "at_most"; target: number; period: string },
  definition: Pick<IndicatorDefinition, "key" | "unit">,
  periodKind: PeriodKind,
): CommitmentStatus {
  if (periodLengthMatters(definition) && commitment.period !== periodKind) return "not_comparable";
  if (cell.value === null) return "unavailable";
  const met = commitment.comparison === "at_least" ? cell.value >= commitment.target : cell.value <= commitment.target;
  return met ? "met" : "not_met";
}

/** The commitments an indicator measures, each against every period of the series. */
export function commitmentsOf(
  definition: Pick<IndicatorDefinition, "key" | "unit">,
  commitments: ConventionTerms["commitments"],
  series: { period: string; cell: CellView }[],
  periodKind: PeriodKind,
  ownerNames: Map<string, string>,
): IndicatorCommitment[] {
  return commitments
    .filter((c) => c.indicator === definition.key)
    .map((c) => ({
      key: c.key,
      description: c.description,
      owner: ownerNames.get(c.owner) ?? c.owner,
      comparison: c.comparison,
      target: c.target,
      targetLabel: targetLabel(c.comparison, c.target, definition.unit),
      period: PERIOD_LABELS[c.period],
      source: c.source,
      results: series.map((s) => {
        const status = commitmentStatus(s.cell, c, definition, periodKind);
        return { period: s.period, status, label: COMMITMENT_STATUS_LABELS[status] };
      }),
    }));
}
