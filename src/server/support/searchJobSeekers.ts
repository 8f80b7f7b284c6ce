import { parisToday } from "../../domain/shared/calendarDate.js";
import { communeInReachSql, communesInReachSql, conventionPartyOrganisationIdsByConvention } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { JOB_SEEKER_COLUMNS, type JobSeekerRow, OPEN_CASE_JOIN, toSummary } from "./jobSeekerRepository.js";
import { notLimitedSql } from "./processingLimitation.js";
import { authorizeSupportUse, conventionsOf } from "./supportAccess.js";
import { likeEscaped } from "../platform/likePattern.js";

/** A result with what the policy needs to decide on its open case (caseRef's facts), read with it. */
type ResultRow = JobSeekerRow & {
  total: string;
  case_convention_id: string | null;
  case_advisor_id: string | null;
  case_social_worker_id: string | null;
  case_oriented_by: string | null;
  case_orienter_organisation_id: string | null;
  case_advisor_organisation_id: string | null;
  case_social_worker_organisation_id: string | null;
  in_user_territory: boolean;
};

/**
 * Search by name (any order, without accents) or France Travail identifier, among the people
 * the user may see: those living in their organisation's reach (its territory within the territory
 * of a convention in force it acts under, ADR 0027), and those they follow.
 * Filtered and paged in SQL (trigram index on the name, unique index on the identifier).
 *
 * A constant number of statements whatever the page: the page is chosen first (the persons
 * only), then its open cases and the facts the policy asks about them are joined by key to
 * those ≤ pageSize rows, and the organisations acting under their conventions are read in one
 * statement. Each open case is still asked of the policy (`support.case.read`, the case page's
 * rule) with the same facts as caseRef gives it — in memory, from those rows.
 */
/**
 * The persons the caller follows ($2), one branch per role and status set, each on its per-person
 * partial index (migrations/003 for open cases, 018 for closed ones): an OR of the three roles was a
 * sequential scan of every case at national scale (the bench's plan check, issue 15).
 */
const FOLLOWED_BY_CALLER = ["advisor_id", "social_worker_id", "oriented_by"]
  .flatMap((role) => [
    `SELECT job_seeker_id FROM support_cases WHERE ${role} = $2 AND status NOT IN ('exited','refused')`,
    `SELECT job_seeker_id FROM support_cases WHERE ${role} = $2 AND status IN ('exited','refused')`,
  ])
  .join(" UNION ALL ");

export async function searchJobSeekers(db: Db, ctx: RequestContext & { user: SessionUser }, q: { q: string; page: number; pageSize: number }, today = parisToday()) {
  authorizeSupportUse(ctx.user, await conventionsOf(db, ctx.user, today));
  const words = q.q.split(/\s+/).filter(Boolean).slice(0, 5);
  const params: unknown[] = [ctx.user.organisationId, ctx.user.id, q.q.toUpperCase(), today];
  const nameClauses = words.map((w) => {
    params.push(`%${likeEscaped(w)}%`);
    return `tandem_unaccent(lower(js.last_name || ' ' || js.first_name)) LIKE tandem_unaccent(lower($${params.length}))`;
  });
  const rows = await db.query<ResultRow>(
    `WITH page AS (
       SELECT js.*, count(*) OVER () AS total
         FROM job_seekers js
        WHERE (js.commune_insee IN (${communesInReachSql("$1::uuid", "$4::date")})
               OR js.id IN (${FOLLOWED_BY_CALLER}))
          AND (js.ft_identifier = $3 OR (${nameClauses.join(" AND ")}))
          AND ${notLimitedSql("js.id")}
        ORDER BY js.last_name, js.first_name, js.birth_date
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize})
     SELECT ${JOB_SEEKER_COLUMNS}, js.total,
            oc.convention_id AS case_convention_id, oc.advisor_id AS case_advisor_id, oc.social_worker_id AS case_social_worker_id,
            oc.oriented_by AS case_oriented_by, oc.orienter_organisation_id AS case_orienter_organisation_id,
            a.organisation_id AS case_advisor_organisation_id, s.organisation_id AS case_social_worker_organisation_id,
            ${communeInReachSql("js.commune_insee", "$1::uuid", "$4::date")} AS in_user_territory
       FROM page js ${OPEN_CASE_JOIN}
       LEFT JOIN users a ON a.id = oc.advisor_id
       LEFT JOIN users s ON s.id = oc.social_worker_id
      ORDER BY js.last_name, js.first_name, js.birth_date`,
    params,
  );
  await auditRead(db, ctx, { action: "job_seeker.searched", subjectType: "job_seeker", details: { query: q.q, results: rows.length } });
  const conventionIds = [...new Set(rows.flatMap((r) => (r.case_convention_id ? [r.case_convention_id] : [])))];
  const actingParties = await conventionPartyOrganisationIdsByConvention(db, conventionIds, today);
  // Each result's open case is shown only to whoever may read that case: the policy asked per case.
  const items = rows.map((r) => {
    const summary = toSummary(r);
    if (!summary.openCase || !r.case_convention_id || !r.case_oriented_by) return { ...summary, openCase: null };
    const ref = {
      actingPartyIds: actingParties.get(r.case_convention_id) ?? [],
      inUserTerritory: r.in_user_territory,
      pairUserIds: [r.case_advisor_id, r.case_social_worker_id].filter((id): id is string => id !== null),
      orienterUserId: r.case_oriented_by,
      involvedOrganisationIds: [r.case_orienter_organisation_id, r.case_advisor_organisation_id, r.case_social_worker_organisation_id].filter(
        (id): id is string => id !== null,
      ),
    };
    return { ...summary, openCase: can(ctx.user, "support.case.read", ref) ? summary.openCase : null };
  });
  return { items, total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
}
