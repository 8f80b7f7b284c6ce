import { type PeriodKind, type Period, parsePeriod, periodContaining, periodsEndingWith } from "../../domain/indicators/periods.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Dashboard, DashboardQuery, IndicatorView } from "../../shared/contracts/indicators.js";
import { epcisOfCommunes, findEpci } from "../organisations/territories.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { type RawFigure, type Unavailable, computeFigures } from "./computeFigures.js";
import { CURRENT_DEFINITIONS, authorizeIndicators, definitionsFor, indicatorConvention, indicatorErrors } from "./indicatorAccess.js";
import type { ComputableDefinition } from "./indicatorSql.js";
import { commitmentsOf } from "./indicatorCommitments.js";
import { breakdownViews, cellView } from "./presentFigures.js";
import { snapshotsOf } from "./snapshots.js";

/** How many periods the dashboard sets side by side (the selected one and those before it). */
export const PERIODS_SHOWN = 4;

const periodView = (p: Period) => ({ key: p.key, label: p.label, from: p.from, to: p.to });

/** The period a query asks for: its key, or the current period of its kind (the quarter by default). */
export function periodOfQuery(q: { period?: string; kind?: PeriodKind }, today: string): Period {
  if (q.period) {
    const p = parsePeriod(q.period);
    if (!p) throw indicatorErrors.periodInvalid();
    return p;
  }
  return periodContaining(q.kind ?? "quarter", today);
}

/**
 * The filters' choices, in one statement: the agencies the convention's cases are or were in
 * (migrations/044), and the intercommunalities where its people live (the communes Tandem holds).
 */
async function filterChoicesOf(db: Db, conventionId: string) {
  const [row] = await db.query<{ agencies: { id: string; name: string }[] | null; communes: string[] | null }>(
    `SELECT (SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name) FROM organisations o
              WHERE o.id IN (SELECT sc.agency_id FROM support_cases sc WHERE sc.convention_id = $1
                             UNION SELECT h.agency_id FROM support_case_agency_history h JOIN support_cases sc ON sc.id = h.case_id WHERE sc.convention_id = $1)) AS agencies,
            (SELECT array_agg(DISTINCT js.commune_insee) FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE sc.convention_id = $1) AS communes`,
    [conventionId],
  );
  return { agencies: row.agencies ?? [], territories: epcisOfCommunes(row.communes ?? []) };
}

/** The communes of the territory filter (an EPCI's members), null without a filter; an unknown EPCI is refused. */
export function territoryCommunes(territory: string | undefined): string[] | null {
  if (!territory) return null;
  const found = findEpci(territory);
  if (!found) throw indicatorErrors.territoryUnknown();
  return found.membres.map((m) => m.code);
}

/** The names of the commitments' owners (organisation codes in the file). */
async function ownerNamesOf(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; name: string }>("SELECT code, name FROM organisations WHERE code = ANY($1::text[])", [codes]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * A convention's dashboard: each of its indicators over the selected period and the ones before,
 * frozen figures as adopted (with their definition's version), the others computed live; the
 * selected period's breakdowns with small cells masked. Filtered by agency or territory, every
 * figure is live (an adoption is of the whole convention).
 */
export async function readDashboard(
  db: Db,
  user: SessionUser,
  conventionId: string,
  query: DashboardQuery,
  opts: { today?: string; definitions?: readonly ComputableDefinition[] } = {},
): Promise<Dashboard> {
  const today = opts.today ?? parisToday();
  const readers = await authorizeIndicators(db, user, conventionId, "indicators.read");
  const period = periodOfQuery(query, today);
  const periods = periodsEndingWith(period, PERIODS_SHOWN);
  const convention = await indicatorConvention(db, conventionId, period.to);
  const definitions = definitionsFor(convention.keys, opts.definitions ?? CURRENT_DEFINITIONS);
  const agencyId = query.agency ?? null;
  const communes = territoryCommunes(query.territory);
  const filtered = agencyId !== null || communes !== null;
  const [live, snapshots, { agencies, territories }, owners] = await Promise.all([
    // The breakdowns shown are the selected period's (the last): the earlier ones are totals only.
    computeFigures(
      db,
      { conventionId, periods, agencyId, communes, orientDelay: convention.orientDelay, firstDelay: convention.firstDelay, today, breakdownsFrom: periods.length - 1 },
      definitions,
    ),
    // An adoption is of the whole convention: filtered figures are always live.
    filtered ? Promise.resolve([]) : snapshotsOf(db, conventionId, periods.map((p) => p.key)),
    filterChoicesOf(db, conventionId),
    ownerNamesOf(db, convention.commitments.map((c) => c.owner)),
  ]);
  const frozenOf = (periodKey: string, key: string) => snapshots.find((s) => s.periodKey === periodKey && s.key === key);
  const selectedSnapshot = snapshots.find((s) => s.periodKey === period.key);

  const indicators: IndicatorView[] = definitions.map((d) => {
    const figures = live.get(d.key) ?? [];
    const series = periods.map((p, i) => {
      const snap = frozenOf(p.key, d.key);
      const figure: RawFigure | Unavailable = snap ? snap.figure : figures[i];
      return {
        period: p.key,
        cell: cellView("unavailable" in figure ? figure : figure.total, d.unit, false),
        version: snap ? snap.version : d.version,
        frozen: snap ? { at: snap.adoptedAt, by: snap.adoptedBy, version: snap.version } : null,
      };
    });
    const selected = frozenOf(period.key, d.key)?.figure ?? figures[periods.length - 1];
    return {
      key: d.key,
      name: d.name,
      description: d.description,
      counts: d.counts,
      unit: d.unit,
      source: d.source,
      version: d.version,
      available: d.available,
      series,
      commitments: commitmentsOf(d, convention.commitments, series, period.kind, owners),
      breakdowns: selected ? breakdownViews(selected, d.unit) : [],
    };
  });
  return {
    convention: { id: convention.id, number: convention.number, title: convention.title },
    period: periodView(period),
    periods: periods.map(periodView),
    agencies,
    agencyId,
    territories,
    territory: query.territory ?? null,
    // A filtered view is not what a committee adopts: it freezes the whole convention.
    canFreeze: can(user, "indicators.freeze", { partyOrganisationIds: readers }) && period.to < today && !selectedSnapshot && !filtered,
    frozen: selectedSnapshot ? { at: selectedSnapshot.adoptedAt, by: selectedSnapshot.adoptedBy } : null,
    indicators,
  };
}
