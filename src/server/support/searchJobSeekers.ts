import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { JOB_SEEKER_COLUMNS, type JobSeekerRow, OPEN_CASE_JOIN, toSummary } from "./jobSeekerRepository.js";
import { authorizeSupportUse, conventionsOf, readableOpenCase } from "./supportAccess.js";

/**
 * Search by name (any order, without accents) or France Travail identifier, among the people
 * the user may see: those living in their organisation's territory, and those they follow.
 * Filtered and paged in SQL (trigram index on the name, unique index on the identifier).
 */
export async function searchJobSeekers(db: Db, ctx: RequestContext & { user: SessionUser }, q: { q: string; page: number; pageSize: number }, today = parisToday()) {
  authorizeSupportUse(ctx.user, await conventionsOf(db, ctx.user, today));
  const words = q.q.split(/\s+/).filter(Boolean).slice(0, 5);
  const params: unknown[] = [ctx.user.organisationId, ctx.user.id, q.q.toUpperCase()];
  const nameClauses = words.map((w) => {
    params.push(`%${w.replace(/[\\%_]/g, "\\$&")}%`);
    return `tandem_unaccent(lower(js.last_name || ' ' || js.first_name)) LIKE tandem_unaccent(lower($${params.length}))`;
  });
  return db.transaction(async (tx) => {
    const rows = await tx.query<JobSeekerRow & { total: string }>(
      `SELECT ${JOB_SEEKER_COLUMNS}, count(*) OVER () AS total
         FROM job_seekers js ${OPEN_CASE_JOIN}
        WHERE (js.commune_insee IN (SELECT insee_code FROM organisation_communes WHERE organisation_id = $1)
               OR js.id IN (SELECT job_seeker_id FROM support_cases WHERE advisor_id = $2 OR social_worker_id = $2 OR oriented_by = $2))
          AND (js.ft_identifier = $3 OR (${nameClauses.join(" AND ")}))
        ORDER BY js.last_name, js.first_name, js.birth_date
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    await audit(tx, ctx, { action: "job_seeker.searched", subjectType: "job_seeker", details: { query: q.q, results: rows.length } });
    // Each result's open case is shown only to whoever may read that case (asked of the policy per case).
    const items = [];
    for (const r of rows) {
      const summary = toSummary(r);
      items.push({ ...summary, openCase: await readableOpenCase(tx, ctx.user, summary.openCase, today) });
    }
    return { items, total: Number(rows[0]?.total ?? 0), page: q.page, pageSize: q.pageSize };
  });
}
