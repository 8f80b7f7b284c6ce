import type { Breakdown, IndicatorDefinition } from "../../domain/indicators/definitions.js";
import { pecIndicatorRowsSql } from "../pec/pecIndicatorRows.js";

/**
 * How each indicator is computed, in SQL over the support facts (ADR 0033: a reporting read model,
 * read-only, that reads support_cases and their appointments, barriers and events directly — the
 * figures are set-based aggregates over every case of a convention, which no per-case function of
 * the support context could give without loading the cases into Node).
 *
 * A rule is a population (which cases of the convention the figure is about, for a period `p`) and
 * a measure (count them, the share of them that meet `hit`, or the median of `days`). Expressions
 * may use `sc` (support_cases), `js` (job_seekers), `p.p_from` / `p.p_to` (the period's first and
 * last day), `$orientDelay` / `$firstDelay` (the convention's delays as intervals) and `$today`.
 */
export type IndicatorRule = {
  population: string;
  /** `ratio`: the cases per distinct value of `per` (e.g. per advisor) — `n` the cases, `k` the distinct values. */
  measure: { kind: "count" } | { kind: "share"; hit: string } | { kind: "median"; days: string } | { kind: "ratio"; per: string };
  /**
   * Where the candidate cases come from when a fact other than the case's own dates says so (an
   * event, an appointment in the period): a statement giving `(idx, p_from, p_to, case_id)` from the
   * periods `p`, read by its own index (migrations/041), instead of every case of the convention.
   */
  driver?: string;
  /** The convention's delay the rule needs (null terms: the figure cannot be computed). */
  needs?: "orientDelay" | "firstDelay";
  /**
   * When the rows are not support cases but another context's facts (PEC's contract exits, its
   * candidacies): that context's statement giving `(id, convention_id, job_seeker_id, on_date, outcome,
   * outcome_label, agency_id)`, read as `pr` (ADR 0033, ADR 0037). The population and the measure then
   * use `pr`, `js` and `p`, and only the breakdowns of ROW_BREAKDOWN_SQL apply.
   */
  base?: string;
};

/** A definition the server can compute: the domain's definition and the rule of its version. */
export type ComputableDefinition = IndicatorDefinition & { rule: IndicatorRule | null };

const entered = "sc.entered_on BETWEEN p.p_from AND p.p_to";
const exited = "sc.exited_on BETWEEN p.p_from AND p.p_to";
const oriented = "sc.oriented_on BETWEEN p.p_from AND p.p_to";
/** In support at least one day of the period (entered by its end, not exited before its start). */
const inSupportDuring = "sc.entered_on <= p.p_to AND coalesce(sc.exited_on, 'infinity'::date) >= p.p_from";
/**
 * In support on the period's last day. Written on `coalesce(exited_on, 'infinity')` (an open case
 * has not exited yet) so that the index of migrations/041 reads only the cases still open or exited
 * after the date, not every case the convention ever had.
 */
const inSupportAtEnd = "sc.entered_on <= p.p_to AND coalesce(sc.exited_on, 'infinity'::date) > p.p_to";
const firstHeld = "LEAST(sc.first_social_appointment_on, sc.first_professional_appointment_on)";

/** Whether a first appointment of a side (its earliest not cancelled, held or missed) fell in the period — or was missed there. */
const firstAppointmentsIn = (what: "any" | "missed") => `EXISTS (
  SELECT 1 FROM (SELECT DISTINCT ON (a.kind) a.scheduled_on, a.status FROM support_appointments a
                  WHERE a.case_id = sc.id AND a.cancelled_on IS NULL AND a.status IN ('attended', 'missed')
                  ORDER BY a.kind, a.scheduled_on, a.created_at) f
   WHERE f.scheduled_on BETWEEN p.p_from AND p.p_to${what === "missed" ? " AND f.status = 'missed'" : ""})`;

const PERIODS = "unnest($idx::int[], $from::date[], $to::date[]) AS p(idx, p_from, p_to)";
/** The cases with an event of this kind in the period (partial indexes on (occurred_on, case_id) by kind). */
const casesWithEvent = (kind: string) =>
  `SELECT DISTINCT p.idx, p.p_from, p.p_to, e.case_id FROM ${PERIODS}
     JOIN support_case_events e ON e.kind = '${kind}' AND e.occurred_on BETWEEN p.p_from AND p.p_to`;
/** The cases with an appointment held or missed in the period, the candidates for a first one there. */
const casesWithAppointment = `SELECT DISTINCT p.idx, p.p_from, p.p_to, a.case_id FROM ${PERIODS}
     JOIN support_appointments a ON a.cancelled_on IS NULL AND a.status IN ('attended', 'missed') AND a.scheduled_on BETWEEN p.p_from AND p.p_to`;

/** A fact of another context (`pr.on_date`) in the period, first and last day included. */
const rowIn = "pr.on_date BETWEEN p.p_from AND p.p_to";

export const INDICATOR_RULES: Record<string, IndicatorRule> = {
  entrees: { population: entered, measure: { kind: "count" } },
  origine_orientations: { population: oriented, measure: { kind: "count" } },
  accompagnements_en_cours: { population: inSupportAtEnd, measure: { kind: "count" } },
  accompagnements_par_conseiller: {
    population: `${inSupportAtEnd} AND sc.advisor_id IS NOT NULL`,
    measure: { kind: "ratio", per: "sc.advisor_id" },
  },
  typologie: { population: inSupportDuring, measure: { kind: "count" } },
  personnes_concernees: { population: inSupportDuring, measure: { kind: "count" } },
  sorties: { population: exited, measure: { kind: "count" } },
  freins_a_l_entree: {
    population: `${entered} AND EXISTS (SELECT 1 FROM support_case_barriers b WHERE b.case_id = sc.id AND b.observed_on <= sc.entered_on)`,
    measure: { kind: "count" },
  },
  // Still waiting and still within the delay: not yet a success nor a failure, left out.
  orientations_demarrees_dans_le_delai: {
    population: `${oriented} AND sc.status <> 'refused' AND (sc.entered_on IS NOT NULL OR (sc.oriented_on + $orientDelay::interval)::date < $today::date)`,
    measure: { kind: "share", hit: "sc.entered_on IS NOT NULL AND sc.entered_on <= (sc.oriented_on + $orientDelay::interval)::date" },
    needs: "orientDelay",
  },
  premiers_rendez_vous_dans_le_delai: {
    population: `${entered} AND ((sc.first_social_appointment_on IS NOT NULL AND sc.first_professional_appointment_on IS NOT NULL)
      OR (sc.entered_on + $firstDelay::interval)::date < $today::date)`,
    measure: {
      kind: "share",
      hit: `sc.first_social_appointment_on IS NOT NULL AND sc.first_professional_appointment_on IS NOT NULL
        AND GREATEST(sc.first_social_appointment_on, sc.first_professional_appointment_on) <= (sc.entered_on + $firstDelay::interval)::date`,
    },
    needs: "firstDelay",
  },
  absences_premier_rendez_vous: {
    population: `${inSupportDuring} AND ${firstAppointmentsIn("any")}`,
    measure: { kind: "share", hit: firstAppointmentsIn("missed") },
    driver: casesWithAppointment,
  },
  delai_orientation_entree: { population: entered, measure: { kind: "median", days: "sc.entered_on - sc.oriented_on" } },
  delai_entree_premier_rendez_vous: {
    population: `${entered} AND ${firstHeld} IS NOT NULL`,
    measure: { kind: "median", days: `${firstHeld} - sc.entered_on` },
  },
  duree_maximale_atteinte: { population: exited, measure: { kind: "share", hit: "sc.max_ends_on IS NOT NULL AND sc.exited_on >= sc.max_ends_on" } },
  leviers_mobilises: {
    // The driver gives the cases with a resource mobilised in the period.
    population: inSupportDuring,
    measure: { kind: "count" },
    driver: casesWithEvent("resource_mobilised"),
  },
  accompagnement_social_exclusif: {
    // The driver gives the cases with a social-only episode started in the period.
    population: "sc.entered_on <= p.p_to",
    measure: { kind: "count" },
    driver: casesWithEvent("social_only_started"),
  },
  // PEC (000 art. 3.1 a): the contracts exited in the period by outcome, the candidacies proposed in it by answer.
  pec_sorties: { base: pecIndicatorRowsSql("contract_exits"), population: rowIn, measure: { kind: "count" } },
  pec_mises_en_relation: { base: pecIndicatorRowsSql("candidacies"), population: rowIn, measure: { kind: "count" } },
};

/**
 * The day whose agency a case counts in for a period: the period's last day, or its exit when it
 * exited before (LEAST ignores a null exit). A case that moved counts once, in the agency it had
 * then, and an earlier period keeps the agency it had in it (ADR 0033).
 */
export const AGENCY_DAY = "LEAST(p.p_to, sc.exited_on)";
/**
 * The agency of the case `sc` on `day` (migrations/044): its current one from `agency_since` on — the
 * common case, a case that never moved, needs no other read — otherwise the one it had then, by the
 * history's key (a CASE evaluates the lookup only for the cases that moved since).
 */
export const caseAgencySql = (day: string) => `CASE WHEN sc.agency_since IS NULL OR sc.agency_since <= ${day} THEN sc.agency_id
  ELSE (SELECT h.agency_id FROM support_case_agency_history h WHERE h.case_id = sc.id AND h.from_on <= ${day} AND h.until_on > ${day}) END`;

/** Each breakdown's key and label for one case row (`ao`: the case's agency for the period, `sw`/`so`: the social worker and their organisation). */
export const BREAKDOWN_SQL: Record<Exclude<Breakdown, "benefit">, { key: string; label: string }> = {
  agency: { key: "ao.id::text", label: "ao.name" },
  social_service: { key: "so.id::text", label: "so.name" },
  commune: { key: "js.commune_insee", label: "js.commune_insee" },
  qpv: { key: "CASE WHEN js.qpv THEN 'oui' ELSE 'non' END", label: "CASE WHEN js.qpv THEN 'En QPV' ELSE 'Hors QPV' END" },
  age_band: {
    key: "CASE WHEN js.birth_date > (p.p_to - interval '26 years')::date THEN 'moins_26' WHEN js.birth_date > (p.p_to - interval '50 years')::date THEN '26_49' ELSE '50_plus' END",
    label: "CASE WHEN js.birth_date > (p.p_to - interval '26 years')::date THEN 'Moins de 26 ans' WHEN js.birth_date > (p.p_to - interval '50 years')::date THEN '26 à 49 ans' ELSE '50 ans et plus' END",
  },
  origin: { key: "sc.origin", label: "sc.origin" },
  exit_type: { key: "coalesce(sc.exit_type, 'aucune')", label: "coalesce(sc.exit_type, 'aucune')" },
  outcome: {
    key: "CASE WHEN sc.status = 'social_only' THEN 'en_cours' WHEN sc.status = 'exited' THEN 'sortie' ELSE 'parcours_repris' END",
    label: "CASE WHEN sc.status = 'social_only' THEN 'Toujours en social exclusif' WHEN sc.status = 'exited' THEN 'Sortie' ELSE 'Parcours repris' END",
  },
};
/**
 * The breakdowns of a rule whose rows are another context's (`base`): the person's (commune, QPV,
 * age, allocation), the agency of the advisor behind the fact, and the fact's own outcome.
 */
export const ROW_BREAKDOWN_SQL: Partial<Record<Exclude<Breakdown, "benefit">, { key: string; label: string }>> = {
  agency: { key: "ao.id::text", label: "ao.name" },
  commune: BREAKDOWN_SQL.commune,
  qpv: BREAKDOWN_SQL.qpv,
  age_band: BREAKDOWN_SQL.age_band,
  outcome: { key: "pr.outcome", label: "pr.outcome_label" },
};

/** The key and label of a breakdown for a rule's rows, undefined when the breakdown does not apply to them. */
export const breakdownSqlOf = (rule: IndicatorRule, b: Exclude<Breakdown, "benefit">) => (rule.base ? ROW_BREAKDOWN_SQL[b] : BREAKDOWN_SQL[b]);

/** A person without any of the four allocations is counted under « aucune ». */
const BENEFITS = "CASE WHEN cardinality(array_remove(js.benefits, 'AUCUNE')) = 0 THEN ARRAY['AUCUNE'] ELSE array_remove(js.benefits, 'AUCUNE') END";

/** The values an indicator statement may use, by the name it writes them with (`$today`). */
export type RuleParams = {
  conventionId: string;
  periods: { from: string; to: string }[];
  agencyId: string | null;
  /** The territory filter: the communes (INSEE) where the people counted live; everyone when absent. */
  communes?: readonly string[] | null;
  orientDelay: string | null;
  firstDelay: string | null;
  today: string;
  /** The first period (index) whose breakdowns are wanted: the dashboard breaks down only the selected, last one. */
  breakdownsFrom?: number;
};

/**
 * Numbers the named parameters (`$conventionId`, `$today`…) in order of first use and gives their
 * values: a statement sends only the parameters it reads (PostgreSQL cannot type an unused one).
 */
export function compile(sql: string, p: RuleParams, extra: Record<string, unknown> = {}): { text: string; values: unknown[] } {
  const named: Record<string, unknown> = {
    ...extra,
    conventionId: p.conventionId,
    idx: p.periods.map((_, i) => i),
    from: p.periods.map((x) => x.from),
    to: p.periods.map((x) => x.to),
    agencyId: p.agencyId,
    communes: p.communes ?? null,
    orientDelay: p.orientDelay,
    firstDelay: p.firstDelay,
    today: p.today,
    breakdownsFrom: p.breakdownsFrom ?? 0,
  };
  const order: string[] = [];
  const text = sql.replace(/\$([a-zA-Z]+)/g, (_, name: string) => {
    if (!(name in named)) throw new Error(`Paramètre inconnu : ${name}`);
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text, values: order.map((n) => named[n]) };
}

/** The territory filter: where the person lives today (the commune Tandem holds), among the chosen communes. */
const TERRITORY_FILTER = "AND ($communes::text[] IS NULL OR js.commune_insee = ANY($communes::text[]))";

/**
 * The cases behind an indicator for each period, one row per (period, case), with the values of
 * every breakdown and the case's agency (`agency_id`): the base of the figures and of the drill-down.
 * The convention's cases are reached by the indexes of migrations/034 (convention, date of the fact);
 * the agency, of the breakdown and of the filter, is the one the case had at the period's end or at
 * its exit (AGENCY_DAY), not its advisor's today.
 */
export function baseCasesSql(rule: IndicatorRule, breakdowns: readonly Breakdown[], andWhere = ""): string {
  const dims = breakdowns
    .filter((b): b is Exclude<Breakdown, "benefit"> => b !== "benefit")
    .map((b) => {
      const sql = breakdownSqlOf(rule, b);
      if (!sql) throw new Error(`Ventilation ${b} impossible pour ces lignes.`);
      return `${sql.key} AS ${b}_key, ${sql.label} AS ${b}_label`;
    });
  const measure = rule.measure;
  const hit = measure.kind === "share" ? measure.hit : "false";
  const days = measure.kind === "median" ? measure.days : "NULL::integer";
  const per = measure.kind === "ratio" ? `(${measure.per})::text` : "NULL::text";
  if (rule.base) {
    // Another context's rows: the agency filter is the organisation of the advisor behind the fact.
    return `SELECT p.idx, pr.id AS case_id, pr.job_seeker_id, (${hit}) AS hit, (${days}) AS days, ${per} AS per, pr.agency_id,
      ${BENEFITS} AS benefits${dims.length ? `, ${dims.join(", ")}` : ""}
    FROM ${PERIODS}
    JOIN (${rule.base}) pr ON pr.convention_id = $conventionId::uuid
    JOIN job_seekers js ON js.id = pr.job_seeker_id
    LEFT JOIN organisations ao ON ao.id = pr.agency_id
   WHERE (${rule.population})
     AND ($agencyId::uuid IS NULL OR pr.agency_id = $agencyId::uuid) ${TERRITORY_FILTER} ${andWhere}`;
  }
  return `SELECT p.idx, sc.id AS case_id, sc.job_seeker_id, (${hit}) AS hit, (${days}) AS days, ${per} AS per, ca.agency_id,
      ${BENEFITS} AS benefits${dims.length ? `, ${dims.join(", ")}` : ""}
    FROM ${rule.driver ? `(${rule.driver}) AS p JOIN support_cases sc ON sc.id = p.case_id AND sc.convention_id = $conventionId::uuid` : `${PERIODS}
    JOIN support_cases sc ON sc.convention_id = $conventionId::uuid`}
    JOIN job_seekers js ON js.id = sc.job_seeker_id
    CROSS JOIN LATERAL (SELECT ${caseAgencySql(AGENCY_DAY)} AS agency_id) ca
    LEFT JOIN organisations ao ON ao.id = ca.agency_id
    LEFT JOIN users sw ON sw.id = sc.social_worker_id LEFT JOIN organisations so ON so.id = sw.organisation_id
   WHERE (${rule.population})
     AND ($agencyId::uuid IS NULL OR ca.agency_id = $agencyId::uuid) ${TERRITORY_FILTER} ${andWhere}`;
}

/** `k`: the cases meeting the rule's test, or for a ratio the distinct values it divides by. */
const aggregates = (rule: IndicatorRule) => `count(*)::int AS n, ${rule.measure.kind === "ratio" ? "count(DISTINCT per)" : "count(*) FILTER (WHERE hit)"}::int AS k,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median`;

/**
 * One statement per indicator, whatever the number of periods and breakdowns: the base rows once
 * (a CTE, materialised as it is read several times), then the total and each breakdown grouped
 * from it. Allocations are unnested (a person with the RSA and the BOE counts in both rows).
 * Breakdowns are grouped from the period `$breakdownsFrom` on (the dashboard's earlier periods are
 * totals only: a quarter of the work of its statements).
 */
export function figuresSql(rule: IndicatorRule, breakdowns: readonly Breakdown[]): string {
  const AGGREGATES = aggregates(rule);
  const groups = breakdowns.map((b) =>
    b === "benefit"
      ? `SELECT b.idx, 'benefit' AS dim, bn AS key, bn AS label, ${AGGREGATES} FROM base b CROSS JOIN LATERAL unnest(b.benefits) AS bn WHERE b.idx >= $breakdownsFrom::int GROUP BY b.idx, bn`
      : `SELECT idx, '${b}' AS dim, ${b}_key AS key, max(${b}_label) AS label, ${AGGREGATES} FROM base WHERE idx >= $breakdownsFrom::int GROUP BY idx, ${b}_key`,
  );
  return `WITH base AS MATERIALIZED (${baseCasesSql(rule, breakdowns)})
    SELECT idx, 'total' AS dim, NULL AS key, NULL AS label, ${AGGREGATES} FROM base GROUP BY idx
    ${groups.map((g) => `UNION ALL ${g}`).join("\n    ")}`;
}
