import type { Breakdown } from "../../domain/indicators/definitions.js";
import type { Period } from "../../domain/indicators/periods.js";
import type { Db } from "../platform/db.js";
import { type ComputableDefinition, type RuleParams, compile, figuresSql } from "./indicatorSql.js";

/** A figure as the database gives it, unmasked: `n` cases, `k` of them meeting the rule's test, the median of days. */
export type Cell = { n: number; k: number; median: number | null };
export type BreakdownRow = { key: string; label: string; cell: Cell };
export type RawFigure = { total: Cell; breakdowns: Partial<Record<Breakdown, BreakdownRow[]>> };
/** Why a figure has no value: Tandem has no such facts, or the convention sets no delay to measure against. */
export type Unavailable = { unavailable: "not_in_tandem" | "no_delay" };

type Row = { idx: number; dim: string; key: string | null; label: string | null; n: number; k: number; median: number | null };

export type FigureScope = {
  conventionId: string;
  periods: Period[];
  agencyId: string | null;
  /** Only the people living in these communes (the territory filter); everyone when absent. */
  communes?: readonly string[] | null;
  /** The convention's delays as PostgreSQL intervals (conventionDelays), null when it sets none. */
  orientDelay: string | null;
  firstDelay: string | null;
  today: string;
  /** Breakdowns only from this period (index) on; every period's when absent. */
  breakdownsFrom?: number;
};

/**
 * Computes each definition's figures for every period of the scope: one statement per indicator
 * (periods and breakdowns in it), never the cases themselves in Node.
 */
export async function computeFigures(db: Db, scope: FigureScope, definitions: readonly ComputableDefinition[]): Promise<Map<string, (RawFigure | Unavailable)[]>> {
  const params: RuleParams = { ...scope, periods: scope.periods.map((p) => ({ from: p.from, to: p.to })) };
  const statements = new Map<string, Promise<Row[]>>();
  // One statement per indicator, sent together: the server pool runs them side by side (PGlite in turn).
  const computed = await Promise.all(
    definitions.map(async (d): Promise<(RawFigure | Unavailable)[]> => {
      const rule = d.rule;
      if (!d.available || !rule) return scope.periods.map(() => ({ unavailable: "not_in_tandem" as const }));
      if (rule.needs && !scope[rule.needs]) return scope.periods.map(() => ({ unavailable: "no_delay" as const }));
      const { text, values } = compile(figuresSql(rule, d.breakdowns), params);
      // Two definitions with the same rule and breakdowns (persons concerned, typology) share one statement.
      let pending = statements.get(text);
      if (!pending) {
        pending = db.query<Row>(text, values);
        statements.set(text, pending);
      }
      const rows = await pending;
      const figures: RawFigure[] = scope.periods.map(() => ({ total: { n: 0, k: 0, median: null }, breakdowns: {} }));
      for (const r of rows) {
        const cell = { n: Number(r.n), k: Number(r.k), median: r.median === null ? null : Number(r.median) };
        const f = figures[Number(r.idx)];
        if (r.dim === "total") f.total = cell;
        else {
          const dim = r.dim as Breakdown;
          const list = f.breakdowns[dim] ?? [];
          list.push({ key: r.key ?? "", label: r.label ?? r.key ?? "", cell });
          f.breakdowns[dim] = list;
        }
      }
      for (const f of figures) for (const rowsOf of Object.values(f.breakdowns)) rowsOf.sort((a, b) => b.cell.n - a.cell.n || a.label.localeCompare(b.label, "fr"));
      return figures;
    }),
  );
  const out = new Map<string, (RawFigure | Unavailable)[]>(definitions.map((d, i) => [d.key, computed[i]]));
  return out;
}
