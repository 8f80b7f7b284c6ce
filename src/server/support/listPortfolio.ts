import { urgency } from "../../domain/support/deadlines.js";
import { citeTerm } from "../../domain/support/rules.js";
import type { SupportStatus } from "../../domain/support/vocabulary.js";
import type { PortfolioExportQuery, PortfolioQuery, PortfolioResponse } from "../../shared/contracts/support.js";
import { auditRead } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { DEADLINE_KIND_LABELS } from "./deadlineLabels.js";
import { SOON_DAYS } from "./getCaseView.js";
import { authorizeSupportUse, conventionsOf } from "./supportAccess.js";
import { likeEscaped } from "../platform/likePattern.js";

/**
 * « Mon portefeuille »: the caller's open cases (as advisor, social worker or orienter), most
 * urgent next deadline first, filtered and paged in SQL; with the caller's active load against
 * the target of the convention(s) they work under.
 */
export async function listPortfolio(db: Db, ctx: RequestContext & { user: SessionUser }, q: PortfolioQuery, today = parisToday()): Promise<PortfolioResponse> {
  const conventions = await conventionsOf(db, ctx.user, today);
  authorizeSupportUse(ctx.user, conventions);
  const { where, params } = portfolioFilter(ctx.user, q);

  // One statement: no transaction to open; the read's audit event is group-committed (auditRead).
  // The page is given as parameters, so the text varies only with the filters used: prepared (ADR 0042).
  const paged = [...params, q.pageSize, (q.page - 1) * q.pageSize];
  const [page] = await db.query<{ items: Omit<PortfolioRow, "total">[]; total: string; active: string; partners: { id: string; name: string }[] }>(
    portfolioPageSql(q, where, paged.length - 1),
    paged,
    { prepare: true },
  );
  await auditRead(db, ctx, { action: "support.portfolio_read", subjectType: "support_case", details: { count: page.items.length } });
  // The target is set for advisors' portfolios [002 art. 3.2]; the first convention that sets one applies.
  const withTarget = ctx.user.roles.includes("advisor") ? conventions.find((c) => c.terms.targetActiveCasesPerAdvisor !== null) : undefined;
  return {
    items: page.items.map((r) => toPortfolioItem({ ...r, total: page.total }, ctx.user, today)),
    // As when the total was read from the page's rows: a page past the last one says 0.
    total: page.items.length > 0 ? Number(page.total) : 0,
    page: q.page,
    pageSize: q.pageSize,
    load: {
      active: Number(page.active),
      target: withTarget?.terms.targetActiveCasesPerAdvisor ?? null,
      targetSource: withTarget ? citeTerm({ conventionNumber: withTarget.number, terms: withTarget.terms }, "targetActiveCasesPerAdvisor") : null,
    },
    pairPartners: page.partners,
  };
}

const CASE_COLUMNS = "id, status, job_seeker_id, advisor_id, social_worker_id, oriented_by, next_deadline_on, next_deadline_kind";
const OPEN = "status NOT IN ('exited','refused')";

/**
 * The caller's cases in one status set, one branch per role, each walking its own per-person
 * index (migrations/003 for open cases, migrations/018 for closed ones) — never a whole-table
 * index filtered on the person, which the planner picks for an OR of the three roles once the
 * table is large (issue 15). A case is counted once: under the first role the caller holds in it.
 */
const casesOfPerson = (status: string) => `SELECT ${CASE_COLUMNS} FROM support_cases WHERE advisor_id = $1 AND ${status}
  UNION ALL
  SELECT ${CASE_COLUMNS} FROM support_cases WHERE social_worker_id = $1 AND ${status} AND advisor_id IS DISTINCT FROM $1
  UNION ALL
  SELECT ${CASE_COLUMNS} FROM support_cases WHERE oriented_by = $1 AND ${status} AND advisor_id IS DISTINCT FROM $1 AND social_worker_id IS DISTINCT FROM $1`;

/**
 * The CTE `names`: the name of each advisor and social worker of the rows of CTE `rows`, read once
 * by key — a page of 70 cases has a handful of them; reading both names per row cost 140 lookups,
 * 12 % of the page's statement on the server (measured). `PAIR_NAMES` joins them to the rows `s`.
 */
const pairNamesSql = (rows: string) => `names AS (SELECT u.id, u.first_name || ' ' || u.last_name AS name FROM users u
     WHERE u.id IN (SELECT advisor_id FROM ${rows} UNION SELECT social_worker_id FROM ${rows}))`;
const PAIR_NAMES = "LEFT JOIN names a ON a.id = s.advisor_id LEFT JOIN names w ON w.id = s.social_worker_id";
/** A row of the portfolio from `s` and PAIR_NAMES: the page's and the export's columns. */
const ROW_COLUMNS = `s.id, s.status, s.job_seeker_id, s.name, s.ft_identifier, s.rsa, s.qpv, s.advisor_id, s.social_worker_id, s.next_deadline_on, s.next_deadline_kind,
         a.name AS advisor, w.name AS social_worker`;

/**
 * The CTEs `mine` (the caller's open cases, read once by the per-person indexes) and `matching` (those
 * the filters hold, with their person; a closed status reads the caller's cases of that status instead).
 */
function matchingCasesSql(q: PortfolioExportQuery, where: string): string {
  // A status of the enum (PortfolioQuerySchema), written as a literal so that the partial index of closed cases applies.
  const closed = q.status === "exited" || q.status === "refused" ? q.status : null;
  return `WITH mine AS MATERIALIZED (${casesOfPerson(OPEN)}),
  matching AS MATERIALIZED (
    SELECT sc.*, js.last_name || ' ' || js.first_name AS name, js.ft_identifier, 'RSA' = ANY(js.benefits) AS rsa, js.qpv, js.last_name
      FROM ${closed ? `(${casesOfPerson(`status IN ('exited','refused') AND status = '${closed}'`)})` : "mine"} sc
      JOIN job_seekers js ON js.id = sc.job_seeker_id
     WHERE ${where})`;
}

/**
 * Every row of « Mon portefeuille » for its filters, in the page's order (the export): the same
 * per-person branches and the same names as the page.
 */
export function portfolioRowsSql(q: PortfolioExportQuery, where: string): string {
  return `${matchingCasesSql(q, where)},
  ${pairNamesSql("matching")}
  SELECT ${ROW_COLUMNS}, 0 AS total
    FROM matching s ${PAIR_NAMES} ORDER BY s.next_deadline_on NULLS LAST, s.last_name, s.id`;
}

/**
 * « Mon portefeuille » in one statement, whatever the size of the portfolio and of the tables: the
 * caller's open cases (`mine`, read once by the per-person indexes), the page's rows among those the
 * filters hold (`where`, from portfolioFilter, on `sc` and `js`; a closed status reads the caller's
 * cases of that status instead), their count, the caller's active load and their pair partners,
 * from the same rows. Each person and each name is read by its key for the rows that need it:
 * the job seekers of the caller's cases, the names of the page's pairs (pairNamesSql), the partners'.
 */
function portfolioPageSql(q: PortfolioQuery, where: string, limitParam: number): string {
  return `${matchingCasesSql(q, where)},
  shown AS (SELECT * FROM matching ORDER BY next_deadline_on NULLS LAST, last_name, id LIMIT $${limitParam}::int OFFSET $${limitParam + 1}::int),
  ${pairNamesSql("shown")},
  partners AS (
    SELECT DISTINCT CASE WHEN advisor_id = $1 THEN social_worker_id ELSE advisor_id END AS id FROM mine WHERE advisor_id = $1 OR social_worker_id = $1)
  SELECT COALESCE((SELECT json_agg(r ORDER BY r.next_deadline_on NULLS LAST, r.last_name, r.id) FROM (
            SELECT ${ROW_COLUMNS}, s.last_name FROM shown s ${PAIR_NAMES}) r), '[]'::json) AS items,
         (SELECT count(*) FROM matching) AS total,
         (SELECT count(*) FROM mine WHERE status IN ('active','social_only') AND (advisor_id = $1 OR social_worker_id = $1)) AS active,
         COALESCE((SELECT json_agg(json_build_object('id', x.id, 'name', x.name) ORDER BY x.last_name, x.id) FROM (
            SELECT u.id, u.first_name || ' ' || u.last_name AS name, u.last_name
              FROM partners p CROSS JOIN LATERAL (SELECT u.id, u.first_name, u.last_name FROM users u WHERE u.id = p.id OFFSET 0) u
             ORDER BY u.last_name, u.id LIMIT 100) x), '[]'::json) AS partners`;
}

/**
 * The rows of « Mon portefeuille » for its filters, said once for the page and its export: my open
 * cases (as advisor, social worker or orienter), by status, barrier, RSA, QPV, partner, and by name
 * or identifier — the name on the trigram index of migrations/003 (same expression), so it stays indexed.
 */
export function portfolioFilter(user: SessionUser, q: PortfolioExportQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [user.id];
  const where = ["(sc.advisor_id = $1 OR sc.social_worker_id = $1 OR sc.oriented_by = $1)"];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (q.status) add((n) => `sc.status = $${n}`, q.status);
  else where.push("sc.status NOT IN ('exited','refused')");
  if (q.barrier) add((n) => `EXISTS (SELECT 1 FROM support_case_barriers b WHERE b.case_id = sc.id AND b.code = $${n} AND b.resolved_on IS NULL)`, q.barrier);
  if (q.rsa) where.push(`${q.rsa === "true" ? "" : "NOT "}('RSA' = ANY(js.benefits))`);
  if (q.qpv) add((n) => `js.qpv = $${n}`, q.qpv === "true");
  if (q.pairWith) add((n) => `(sc.advisor_id = $${n} OR sc.social_worker_id = $${n})`, q.pairWith);
  if (q.q) {
    params.push(q.q.toUpperCase());
    const identifier = `js.ft_identifier = $${params.length}`;
    const words = q.q.split(/\s+/).filter(Boolean).slice(0, 5);
    const names = words.map((w) => {
      params.push(`%${likeEscaped(w)}%`);
      return `tandem_unaccent(lower(js.last_name || ' ' || js.first_name)) LIKE tandem_unaccent(lower($${params.length}))`;
    });
    where.push(`(${identifier} OR (${names.join(" AND ")}))`);
  }
  return { where: where.join(" AND "), params };
}

export type PortfolioRow = {
  id: string;
  status: SupportStatus;
  job_seeker_id: string;
  name: string;
  ft_identifier: string;
  rsa: boolean;
  qpv: boolean;
  advisor: string | null;
  social_worker: string | null;
  advisor_id: string | null;
  social_worker_id: string | null;
  next_deadline_on: string | null;
  next_deadline_kind: string | null;
  total: string;
};

export function toPortfolioItem(r: PortfolioRow, user: SessionUser, today: string): PortfolioResponse["items"][number] {
  return {
    id: r.id,
    status: r.status,
    person: { id: r.job_seeker_id, name: r.name, ftIdentifier: r.ft_identifier, rsa: r.rsa, qpv: r.qpv },
    advisor: r.advisor,
    socialWorker: r.social_worker,
    nextDeadline:
      r.next_deadline_on && r.next_deadline_kind
        ? {
            kind: r.next_deadline_kind,
            label: DEADLINE_KIND_LABELS[r.next_deadline_kind as keyof typeof DEADLINE_KIND_LABELS] ?? r.next_deadline_kind,
            dueOn: r.next_deadline_on,
            urgency: urgency(r.next_deadline_on, today, SOON_DAYS),
          }
        : null,
    myRole: r.advisor_id === user.id ? "advisor" : r.social_worker_id === user.id ? "social_worker" : "orienter",
  };
}
