import { parisToday } from "../../domain/shared/calendarDate.js";
import type { TerritoryDashboard } from "../../shared/contracts/indicators.js";
import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { computeFigures } from "./computeFigures.js";
import { CURRENT_DEFINITIONS, definitionsFor, indicatorConvention } from "./indicatorAccess.js";
import { periodOfQuery } from "./indicatorDashboard.js";
import { cellView } from "./presentFigures.js";
import { snapshotsOf } from "./snapshots.js";

/** The quarter's main figures a territorial director compares across conventions. */
export const TERRITORY_KEYS = ["entrees", "accompagnements_en_cours", "sorties", "orientations_demarrees_dans_le_delai", "premiers_rendez_vous_dans_le_delai"];

export const territoryErrors = {
  forbidden: () =>
    new AppError(403, "TERRITORY_INDICATORS_FORBIDDEN", "La vue du territoire est réservée au pilotage d’une direction territoriale de France Travail."),
};

/**
 * Every convention where the user's France Travail direction or one of its agencies acts, side by
 * side with the period's main figures (the quarter by default): adopted figures as frozen, the others
 * live, unmasked totals as on each convention's dashboard. Each convention is asked of the policy.
 */
export async function readTerritory(db: Db, user: SessionUser, query: { period?: string }, today = parisToday()): Promise<TerritoryDashboard> {
  const [direction] = await db.query<{ id: string; name: string; kind: string }>("SELECT id, name, kind FROM organisations WHERE id = $1", [user.organisationId]);
  if (!direction || !can(user, "indicators.territory.read", { directionOrganisationIds: direction.kind === "ft_direction" ? [direction.id] : [] })) {
    throw territoryErrors.forbidden();
  }
  const period = periodOfQuery(query, today);
  // The France Travail directions acting in each convention: a party itself, or the parent of a party.
  const found = await db.query<{ id: string; directions: string[] }>(
    `SELECT p.convention_id AS id,
            array_agg(DISTINCT d.id) AS directions
       FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
       JOIN organisations d ON d.kind = 'ft_direction' AND (d.id = o.id OR d.id = o.parent_id)
      WHERE p.convention_id IN (SELECT cp.convention_id FROM convention_parties cp JOIN organisations co ON co.id = cp.organisation_id
                                 WHERE cp.organisation_id = $1 OR co.parent_id = $1)
      GROUP BY p.convention_id`,
    [direction.id],
  );
  const columns = CURRENT_DEFINITIONS.filter((d) => TERRITORY_KEYS.includes(d.key));
  const conventions: TerritoryDashboard["conventions"] = [];
  for (const c of found.filter((f) => can(user, "indicators.territory.read", { directionOrganisationIds: f.directions }))) {
    const convention = await indicatorConvention(db, c.id, period.to).catch((e: unknown) => {
      // A convention not in force on the period's last day has no figures for it.
      if (e instanceof AppError && e.code === "CONVENTION_NOT_FOUND") return null;
      throw e;
    });
    if (!convention) continue;
    const definitions = definitionsFor(convention.keys).filter((d) => TERRITORY_KEYS.includes(d.key));
    const [live, snapshots] = await Promise.all([
      computeFigures(
        db,
        { conventionId: c.id, periods: [period], agencyId: null, orientDelay: convention.orientDelay, firstDelay: convention.firstDelay, today },
        definitions,
      ),
      snapshotsOf(db, c.id, [period.key]),
    ]);
    const cells = columns.map((col) => {
      const d = definitions.find((x) => x.key === col.key);
      if (!d) return { display: "—", value: null, masked: false, cases: null, version: null };
      const snap = snapshots.find((s) => s.key === d.key);
      const liveFigure = live.get(d.key)?.[0];
      const figure = snap ? snap.figure.total : liveFigure && ("unavailable" in liveFigure ? liveFigure : liveFigure.total);
      if (!figure) return { display: "—", value: null, masked: false, cases: null, version: null };
      return { ...cellView(figure, d.unit, false), version: snap ? snap.version : d.version };
    });
    const adoption = snapshots[0];
    conventions.push({
      id: c.id,
      number: convention.number,
      title: convention.title,
      frozen: adoption ? { at: adoption.adoptedAt, by: adoption.adoptedBy } : null,
      cells,
    });
  }
  conventions.sort((a, b) => a.number.localeCompare(b.number, "fr"));
  return {
    direction: { id: direction.id, name: direction.name },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    indicators: columns.map((d) => ({ key: d.key, name: d.name, unit: d.unit })),
    conventions,
  };
}
