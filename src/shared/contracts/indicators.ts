import "../zodFrench.js";
import { z } from "zod";
import { BREAKDOWNS, INDICATOR_UNITS } from "../../domain/indicators/definitions.js";
import { PERIOD_KEY_PATTERN } from "../../domain/indicators/periods.js";

/** The indicators' dashboard, drill-down, freezing and export (ADR 0033). */

export const PeriodKeySchema = z.string().regex(PERIOD_KEY_PATTERN, "Période attendue : 2026-T4 (trimestre), 2026-S2 (semestre) ou 2026 (année).");

/** A territory of the convention to filter on: an intercommunality (EPCI) by its SIREN. */
const TerritoryFilterSchema = z.string().regex(/^[0-9]{9}$/, "Intercommunalité attendue par son numéro SIREN (9 chiffres).");

export const DashboardQuerySchema = z.strictObject({
  period: PeriodKeySchema.optional(),
  kind: z.enum(["quarter", "semester", "year"]).optional(),
  agency: z.uuid("Agence inconnue.").optional(),
  territory: TerritoryFilterSchema.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

export const PeriodViewSchema = z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() });

/** A figure as shown: masked (« < 5 ») or not, with what it is made of when it is a share. */
export const CellViewSchema = z.object({
  display: z.string(),
  value: z.number().nullable(),
  masked: z.boolean(),
  /** How many cases the figure is about (the denominator of a share); null when masked or unavailable. */
  cases: z.number().nullable(),
});
export type CellView = z.infer<typeof CellViewSchema>;

export const FrozenSchema = z.object({ at: z.string(), by: z.string(), version: z.number() });

/**
 * A commitment of the convention measured by this indicator (its file's `commitments[].indicator`),
 * against each period of the dashboard: met, not met, the figure not available (never « not met »),
 * or not comparable (a count of people over a period of another length than the commitment's).
 */
export const CommitmentStatusSchema = z.enum(["met", "not_met", "unavailable", "not_comparable"]);
export type CommitmentStatus = z.infer<typeof CommitmentStatusSchema>;
export const IndicatorCommitmentSchema = z.object({
  key: z.string(),
  description: z.string(),
  owner: z.string(),
  comparison: z.enum(["at_least", "at_most"]),
  target: z.number(),
  /** « au moins 70 par conseiller » */
  targetLabel: z.string(),
  period: z.string(),
  source: z.string(),
  results: z.array(z.object({ period: z.string(), status: CommitmentStatusSchema, label: z.string() })),
});
export type IndicatorCommitment = z.infer<typeof IndicatorCommitmentSchema>;

export const IndicatorViewSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  counts: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  source: z.string(),
  /** The current definition's version (a frozen period may show another, in `frozen`). */
  version: z.number(),
  available: z.boolean(),
  /** One figure per period of the dashboard, oldest first. */
  series: z.array(z.object({ period: z.string(), cell: CellViewSchema, version: z.number(), frozen: FrozenSchema.nullable() })),
  /** The convention's commitments this indicator measures, each against every period shown. */
  commitments: z.array(IndicatorCommitmentSchema).default([]),
  /** The selected period's breakdowns. */
  breakdowns: z.array(
    z.object({
      dim: z.enum(BREAKDOWNS),
      label: z.string(),
      rows: z.array(z.object({ key: z.string(), label: z.string(), cell: CellViewSchema })),
    }),
  ),
});
export type IndicatorView = z.infer<typeof IndicatorViewSchema>;

export const DashboardSchema = z.object({
  convention: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  period: PeriodViewSchema,
  periods: z.array(PeriodViewSchema),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  agencyId: z.string().nullable(),
  /** The intercommunalities where the convention's people live: the territory filter's choices (SIREN, name). */
  territories: z.array(z.object({ code: z.string(), name: z.string() })),
  territory: z.string().nullable(),
  canFreeze: z.boolean(),
  /** The selected period's adoption, when the steering committee froze it. */
  frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
  indicators: z.array(IndicatorViewSchema),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const FreezeIndicatorsSchema = z.strictObject({ period: PeriodKeySchema });
export type FreezeIndicators = z.infer<typeof FreezeIndicatorsSchema>;

export const DrillDownQuerySchema = z.strictObject({
  /** The current quarter when absent, as the dashboard. */
  period: PeriodKeySchema.optional(),
  agency: z.uuid("Agence inconnue.").optional(),
  territory: TerritoryFilterSchema.optional(),
  dim: z.enum(BREAKDOWNS).optional(),
  value: z.string().max(100).optional(),
});
export type DrillDownQuery = z.infer<typeof DrillDownQuerySchema>;

export const DrillDownSchema = z.object({
  /** `counted`: what the rows are (supports by default; PEC contracts or candidacies, named by nobody). */
  indicator: z.object({ key: z.string(), name: z.string(), version: z.number(), counted: z.object({ one: z.string(), many: z.string() }).nullable() }),
  period: PeriodViewSchema,
  filter: z.object({ dim: z.string(), label: z.string(), value: z.string() }).nullable(),
  total: CellViewSchema,
  /** The cases the user may read (policy support.case.read), by name. */
  cases: z.array(z.object({ id: z.string(), name: z.string(), agency: z.string().nullable(), commune: z.string() })),
  /** The others, counted only (masked under 5), in all and by agency. */
  hidden: CellViewSchema,
  hiddenByAgency: z.array(z.object({ label: z.string(), cell: CellViewSchema })),
});
export type DrillDown = z.infer<typeof DrillDownSchema>;

/** A France Travail territorial direction's conventions side by side, with the period's main figures. */
export const TerritoryQuerySchema = z.strictObject({ period: PeriodKeySchema.optional() });
export const TerritoryDashboardSchema = z.object({
  direction: z.object({ id: z.string(), name: z.string() }),
  period: PeriodViewSchema,
  /** The figures' columns, in order: the same for every convention. */
  indicators: z.array(z.object({ key: z.string(), name: z.string(), unit: z.enum(INDICATOR_UNITS) })),
  conventions: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      /** The adoption of the period, when its steering committee froze it. */
      frozen: z.object({ at: z.string(), by: z.string() }).nullable(),
      /** One cell per column of `indicators`, « — » when the convention does not follow that indicator. */
      cells: z.array(CellViewSchema.extend({ version: z.number().nullable() })),
    }),
  ),
});
export type TerritoryDashboard = z.infer<typeof TerritoryDashboardSchema>;
