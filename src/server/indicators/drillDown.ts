import { BREAKDOWN_LABELS, type Breakdown } from "../../domain/indicators/definitions.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { DrillDown, DrillDownQuery } from "../../shared/contracts/indicators.js";
import { actingPartyIdsSql, communeInReachSql } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { caseRefOf } from "../support/supportAccess.js";
import { periodOfQuery, territoryCommunes } from "./indicatorDashboard.js";
import { CURRENT_DEFINITIONS, authorizeIndicators, definitionsFor, indicatorConvention, indicatorErrors } from "./indicatorAccess.js";
import { BREAKDOWN_SQL, type ComputableDefinition, baseCasesSql, breakdownSqlOf, compile } from "./indicatorSql.js";
import { breakdownValueLabel, cellView, communeLabel } from "./presentFigures.js";

/** At most this many names in a drill-down (the others are still counted). */
const MAX_NAMES = 500;

type CaseRow = {
  case_id: string;
  name: string;
  commune: string;
  agency: string | null;
  advisor_id: string | null;
  social_worker_id: string | null;
  oriented_by: string;
  orienter_organisation_id: string;
  advisor_organisation_id: string | null;
  social_worker_organisation_id: string | null;
  acting_party_ids: string[];
  in_user_territory: boolean;
};

/**
 * The cases behind a figure (an indicator, a period, optionally one value of a breakdown): by name
 * those the user may read — asked of `support.case.read` with the same facts as the case page — the
 * others counted only, masked under 5 (statistical secrecy), in all and by agency.
 */
export async function drillDown(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  conventionId: string,
  key: string,
  query: DrillDownQuery,
  opts: { today?: string; definitions?: readonly ComputableDefinition[] } = {},
): Promise<DrillDown> {
  const user = ctx.user;
  const today = opts.today ?? parisToday();
  await authorizeIndicators(db, user, conventionId, "indicators.read");
  const period = periodOfQuery(query, today);
  const convention = await indicatorConvention(db, conventionId, period.to);
  const [d] = definitionsFor(convention.keys.filter((k) => k === key), opts.definitions ?? CURRENT_DEFINITIONS);
  if (!d?.rule || !d.available) throw indicatorErrors.indicatorUnknown(key);
  const rule = d.rule;
  const dim = query.dim && query.dim in BREAKDOWN_SQL && d.breakdowns.includes(query.dim) ? (query.dim as Exclude<Breakdown, "benefit">) : null;
  const benefit = query.dim === "benefit" && query.value ? query.value : null;
  const dimSql = dim ? breakdownSqlOf(rule, dim) : undefined;
  const filter = dimSql ? `AND (${dimSql.key}) IS NOT DISTINCT FROM $dimValue` : benefit ? "AND $dimValue = ANY(js.benefits)" : "";
  const base = baseCasesSql(rule, [], filter);
  // The agency shown is the one the base gives: the case's at the period's end or exit (who may read
  // the case is still decided on its pair today). Another context's rows (PEC's contracts, candidacies):
  // no support case to ask `support.case.read` about, so they are only counted, masked under 5, by the
  // agency of the advisor behind them (ADR 0033).
  const { text, values } = compile(
    rule.base
      ? `SELECT b.case_id, ao.name AS agency FROM (${base}) b LEFT JOIN organisations ao ON ao.id = b.agency_id`
      : `SELECT js.last_name || ' ' || js.first_name AS name, js.commune_insee AS commune, ao.name AS agency,
            sc.id AS case_id, sc.advisor_id, sc.social_worker_id, sc.oriented_by, sc.orienter_organisation_id,
            adv.organisation_id AS advisor_organisation_id, sw.organisation_id AS social_worker_organisation_id,
            ${actingPartyIdsSql("sc.convention_id", "$today::date")} AS acting_party_ids,
            ${communeInReachSql("js.commune_insee", "$userOrganisation::uuid", "$today::date")} AS in_user_territory
       FROM (${base}) b JOIN support_cases sc ON sc.id = b.case_id JOIN job_seekers js ON js.id = sc.job_seeker_id
       LEFT JOIN organisations ao ON ao.id = b.agency_id
       LEFT JOIN users adv ON adv.id = sc.advisor_id LEFT JOIN users sw ON sw.id = sc.social_worker_id
      ORDER BY js.last_name, js.first_name, sc.id`,
    {
      conventionId,
      periods: [{ from: period.from, to: period.to }],
      agencyId: query.agency ?? null,
      communes: territoryCommunes(query.territory),
      orientDelay: convention.orientDelay,
      firstDelay: convention.firstDelay,
      today,
    },
    { dimValue: dim || benefit ? (query.value === "" ? null : (query.value ?? null)) : null, userOrganisation: user.organisationId },
  );
  const rows = await db.query<CaseRow>(text, values);
  const readable = rule.base ? [] : rows.filter((r) => can(user, "support.case.read", caseRefOf(r, r)));
  const hidden = rows.filter((r) => !readable.includes(r));
  const byAgency = new Map<string, number>();
  for (const r of hidden) byAgency.set(r.agency ?? "Sans conseiller désigné", (byAgency.get(r.agency ?? "Sans conseiller désigné") ?? 0) + 1);
  const cases = readable.slice(0, MAX_NAMES).map((r) => ({ id: r.case_id, name: r.name, agency: r.agency, commune: communeLabel(r.commune) }));
  if (cases.length > 0) {
    await auditRead(db, ctx, { action: "indicators.cases_listed", subjectType: "convention", subjectId: conventionId, details: { indicator: key, period: period.key, count: cases.length } });
  }
  const count = (n: number) => ({ n, k: 0, median: null });
  const filterDim = (query.dim ?? null) as Breakdown | null;
  return {
    indicator: { key: d.key, name: d.name, version: d.version, counted: d.counted ?? null },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    filter:
      filterDim && query.value !== undefined
        ? { dim: filterDim, label: BREAKDOWN_LABELS[filterDim], value: breakdownValueLabel(filterDim, query.value, query.value) }
        : null,
    total: cellView(count(rows.length), "personnes", readable.length < rows.length),
    cases,
    hidden: cellView(count(hidden.length), "personnes", true),
    hiddenByAgency: [...byAgency].map(([label, n]) => ({ label, cell: cellView(count(n), "personnes", true) })),
  };
}
