import { delayInterval } from "../../domain/convention/delays.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { urgency } from "../../domain/support/deadlines.js";
import { ORIGIN_LABELS, type OrientationOrigin, type SupportStatus } from "../../domain/support/vocabulary.js";
import type { OrientationQueue } from "../../shared/contracts/support.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { SOON_DAYS } from "./getCaseView.js";
import { authorizeSupportUse, caseInReachSql, conventionsOf } from "./supportAccess.js";

type Side = OrientationQueue["sides"][number];

/** The side each professional takes up: an advisor France Travail's, a social worker the social one. */
export const sidesOf = (user: SessionUser): Side[] => [
  ...(user.roles.includes("advisor") ? (["france_travail"] as const) : []),
  ...(user.roles.includes("social_worker") ? (["social"] as const) : []),
];

/**
 * « Orientations à attribuer »: the open cases before entry whose side the caller takes up is
 * still free (no advisor for an advisor, no social worker for a social worker), among the cases
 * the caller may read (support.case.read said in SQL), most urgent start deadline first — the
 * orientation plus the convention's orientationToStart (date + interval counts months as art. 641 does) — then the oldest. Paged in SQL.
 */
export async function listOrientationQueue(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  q: { page: number; pageSize: number },
  today = parisToday(),
): Promise<OrientationQueue> {
  const conventions = await conventionsOf(db, ctx.user, today);
  authorizeSupportUse(ctx.user, conventions);
  const sides = sidesOf(ctx.user);
  if (sides.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, sides };
  const freeSide = sides.map((s) => (s === "france_travail" ? "sc.advisor_id IS NULL" : "sc.social_worker_id IS NULL")).join(" OR ");
  const rows = await db.query<{
    id: string;
    status: SupportStatus;
    job_seeker_id: string;
    name: string;
    rsa: boolean;
    qpv: boolean;
    convention_number: string;
    origin: OrientationOrigin;
    orienter: string;
    orienter_organisation: string;
    oriented_on: string;
    age_days: number;
    start_due_on: string;
    advisor: string | null;
    social_worker: string | null;
    total: string;
  }>(
    `WITH terms (convention_id, number, delay) AS (SELECT * FROM unnest($4::uuid[], $5::text[], $6::interval[]))
     SELECT sc.id, sc.status, js.id AS job_seeker_id, js.last_name || ' ' || js.first_name AS name,
            'RSA' = ANY(js.benefits) AS rsa, js.qpv, terms.number AS convention_number, sc.origin,
            o.first_name || ' ' || o.last_name AS orienter, oo.name AS orienter_organisation,
            to_char(sc.oriented_on, 'YYYY-MM-DD') AS oriented_on, ($1::date - sc.oriented_on) AS age_days,
            to_char(sc.oriented_on + terms.delay, 'YYYY-MM-DD') AS start_due_on,
            a.first_name || ' ' || a.last_name AS advisor, s.first_name || ' ' || s.last_name AS social_worker,
            count(*) OVER () AS total
       FROM support_cases sc
       JOIN terms ON terms.convention_id = sc.convention_id
       JOIN job_seekers js ON js.id = sc.job_seeker_id
       JOIN users o ON o.id = sc.oriented_by
       JOIN organisations oo ON oo.id = sc.orienter_organisation_id
       LEFT JOIN users a ON a.id = sc.advisor_id
       LEFT JOIN users s ON s.id = sc.social_worker_id
      WHERE sc.status IN ('oriented','diagnosed','awaiting_entry') AND (${freeSide})
        AND ${caseInReachSql({ userId: 2, organisationId: 3, conventionIds: 4, onDate: 1 })}
      ORDER BY sc.oriented_on + terms.delay, sc.oriented_on, sc.id
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    [
      today,
      ctx.user.id,
      ctx.user.organisationId,
      conventions.map((c) => c.conventionId),
      conventions.map((c) => c.number),
      conventions.map((c) => delayInterval(c.terms.orientationToStart)),
    ],
  );
  await auditRead(db, ctx, { action: "support.queue_read", subjectType: "support_case", details: { count: rows.length } });
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      person: { id: r.job_seeker_id, name: r.name, rsa: r.rsa, qpv: r.qpv },
      conventionNumber: r.convention_number,
      originLabel: ORIGIN_LABELS[r.origin],
      orienter: { name: r.orienter, organisation: r.orienter_organisation },
      orientedOn: r.oriented_on,
      ageDays: Number(r.age_days),
      startDueOn: r.start_due_on,
      urgency: urgency(r.start_due_on, today, SOON_DAYS),
      missing: [...(r.advisor === null ? (["france_travail"] as const) : []), ...(r.social_worker === null ? (["social"] as const) : [])],
      advisor: r.advisor,
      socialWorker: r.social_worker,
    })),
    total: Number(rows[0]?.total ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    sides,
  };
}
