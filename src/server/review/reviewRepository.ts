import type { CaseSnapshot } from "../../domain/review/agenda.js";
import type { ReviewPageQuery } from "../../shared/contracts/review.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import type { Db } from "../platform/db.js";
import { likeEscaped } from "../platform/likePattern.js";

/**
 * What the review reads of the global-support cases of its agencies. Cases belong to an
 * agency through their advisor (the pair's France Travail side).
 */
export type ReviewCaseRow = {
  case_id: string;
  person: string;
  ft_identifier: string;
  rsa: boolean;
  qpv: boolean;
  advisor: string | null;
  advisor_email: string | null;
  advisor_id: string | null;
  social_worker: string | null;
  social_worker_id: string | null;
  status: CaseSnapshot["status"];
  origin: string;
  oriented_on: string;
  entered_on: string | null;
  period_ends_on: string | null;
  max_ends_on: string | null;
  renewals_used: number;
  diagnosis_disagreement: boolean;
  exited_on: string | null;
  exit_type: string | null;
  renewed_on: string | null;
  no_show_dates: string[];
  // What the policy needs to decide who may receive the case's row (the support context's caseRef), read with it.
  convention_id: string;
  commune_insee: string;
  oriented_by: string;
  orienter_organisation_id: string;
  advisor_organisation_id: string | null;
  social_worker_organisation_id: string | null;
};

const CASE_COLUMNS = `sc.id AS case_id, js.last_name || ' ' || js.first_name AS person, js.ft_identifier,
  'RSA' = ANY(js.benefits) AS rsa, js.qpv,
  a.first_name || ' ' || a.last_name AS advisor, a.email AS advisor_email, a.id AS advisor_id,
  w.first_name || ' ' || w.last_name AS social_worker, w.id AS social_worker_id,
  sc.status, sc.origin, sc.oriented_on, sc.entered_on, sc.period_ends_on, sc.max_ends_on, sc.renewals_used,
  sc.diagnosis_disagreement, sc.exited_on, sc.exit_type,
  sc.convention_id, js.commune_insee, sc.oriented_by, sc.orienter_organisation_id,
  a.organisation_id AS advisor_organisation_id, w.organisation_id AS social_worker_organisation_id,
  (SELECT max(e.occurred_on) FROM support_case_events e WHERE e.case_id = sc.id AND e.kind = 'renewed') AS renewed_on,
  ARRAY(SELECT ap.scheduled_on::text FROM support_appointments ap WHERE ap.case_id = sc.id AND ap.status = 'missed' AND ap.cancelled_on IS NULL ORDER BY ap.scheduled_on) AS no_show_dates`;

/**
 * A case's person and pair, each read by its key: LIMIT 1 keeps each lateral a subquery the planner
 * cannot turn into a join over the whole table (a hash join that reads every job seeker or user
 * once the agenda has some hundreds of items), so the plan is the same from 10 k to 1 M rows.
 */
const PERSON_BY_KEY = `JOIN LATERAL (SELECT j.last_name, j.first_name, j.ft_identifier, j.benefits, j.qpv, j.commune_insee
    FROM job_seekers j WHERE j.id = sc.job_seeker_id LIMIT 1) js ON true`;
const USER_BY_KEY = (alias: string, key: string) => `LEFT JOIN LATERAL (SELECT u.id, u.first_name, u.last_name, u.email, u.organisation_id
    FROM users u WHERE u.id = ${key} LIMIT 1) ${alias} ON true`;
const PAIR_BY_KEY = `${USER_BY_KEY("a", "sc.advisor_id")}
  ${USER_BY_KEY("w", "sc.social_worker_id")}`;

const CASE_FROM = `support_cases sc
  ${PERSON_BY_KEY}
  ${PAIR_BY_KEY}`;

/**
 * The cases of the agencies that the agenda will take on the review's day: those `buildAgenda`
 * keeps — awaiting entry, social-only, in disagreement, running with a period or the maximum
 * ending by `horizon`, or active with a no-show since the previous review — and no other case of
 * the convention. The agenda itself is still decided by `buildAgenda` on these rows; this filter
 * only spares reading (and joining to their persons) the cases it would drop. Driven by the
 * agencies' advisors (20 or so each) through their open cases under the convention
 * (support_cases_agenda_idx, migration 017), so that the work follows the agencies' portfolios,
 * not the convention's size.
 */
export const casesForAgenda = (
  db: Db,
  conventionId: string,
  agencyIds: string[],
  day: { reviewDate: string; previousReviewDate: string | null; horizon: string },
) =>
  db.query<ReviewCaseRow>(
    `SELECT ${CASE_COLUMNS}
       FROM users a
       CROSS JOIN LATERAL (
         SELECT sc.* FROM support_cases sc
          WHERE sc.advisor_id = a.id AND sc.status NOT IN ('exited','refused') AND sc.convention_id = $1
            AND (sc.status IN ('awaiting_entry','social_only')
              OR (sc.status IN ('active','diagnosed') AND sc.diagnosis_disagreement)
              OR (sc.status = 'active' AND (sc.max_ends_on <= $3::date OR sc.period_ends_on <= $3::date
                -- A no-show since the previous review (a cancelled appointment counts for nothing): the case's last one up to the review day, read through its
                -- own appointments (an aggregate is never turned into a scan of every appointment of the period).
                OR (SELECT max(ap.scheduled_on) FROM support_appointments ap
                     WHERE ap.case_id = sc.id AND ap.status = 'missed' AND ap.cancelled_on IS NULL AND ap.scheduled_on <= $4::date) > COALESCE($5::date, '-infinity'::date))))
          OFFSET 0 -- keeps this a per-advisor lookup (support_cases_agenda_idx), never a join over the convention's cases
       ) sc
       ${PERSON_BY_KEY}
       ${USER_BY_KEY("w", "sc.social_worker_id")}
      WHERE a.organisation_id = ANY($2::uuid[])
      ORDER BY js.last_name, js.first_name`,
    [conventionId, agencyIds, day.horizon, day.reviewDate, day.previousReviewDate],
  );

export const casesByIds = (db: Db, ids: string[]) =>
  db.query<ReviewCaseRow>(`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE sc.id = ANY($1::uuid[])`, [ids]);

export const caseAgency = async (db: Db, caseId: string) =>
  (
    await db.query<{ convention_id: string; organisation_id: string | null }>(
      "SELECT sc.convention_id, a.organisation_id FROM support_cases sc LEFT JOIN users a ON a.id = sc.advisor_id WHERE sc.id = $1",
      [caseId],
    )
  )[0] ?? null;

export type ReviewRow = {
  id: string;
  convention_id: string;
  agency_ids: string[];
  held_on: string;
  sequence: number;
  secretariat: "advisor" | "social_worker";
  status: "open" | "closed";
  version: number;
};

/** `forUpdate`: a command locks the review it changes or depends on until its transaction ends. */
export const findReview = async (db: Db, id: string, forUpdate = false) =>
  (
    await db.query<ReviewRow>(
      `SELECT id, convention_id, agency_ids, held_on, sequence, secretariat, status, version FROM portfolio_reviews WHERE id = $1${forUpdate ? " FOR UPDATE" : ""}`,
      [id],
    )
  )[0] ?? null;

/** Advisory-lock class of review numbering (the two-key space, apart from the migrations' lock). */
const REVIEW_NUMBERING_LOCK = 4004;

/**
 * Serialises the scheduling of reviews under one convention until the transaction ends, so
 * that the next number is computed from every review already scheduled (there is no row to
 * lock before the first review exists).
 */
export const lockReviewNumbering = async (tx: Db, conventionId: string) => {
  await tx.query("SELECT pg_advisory_xact_lock($1, hashtext($2::text))", [REVIEW_NUMBERING_LOCK, conventionId]);
};

/** The next number: after the last review of any of these agencies under the convention. */
export const nextReviewSequence = async (tx: Db, conventionId: string, agencyIds: string[]) =>
  (
    await tx.query<{ next: number }>(
      "SELECT coalesce(max(sequence), 0) + 1 AS next FROM portfolio_review_agencies WHERE convention_id = $1 AND agency_id = ANY($2::uuid[])",
      [conventionId, agencyIds],
    )
  )[0].next;

/** The numbering backstop: one row per agency, unique per (convention, agency, number). */
export const insertReviewAgencies = async (tx: Db, review: { id: string; conventionId: string; agencyIds: string[]; sequence: number }) => {
  await tx.query(
    `INSERT INTO portfolio_review_agencies (review_id, convention_id, agency_id, sequence)
     SELECT $1, $2, agency, $4 FROM unnest($3::uuid[]) AS agency`,
    [review.id, review.conventionId, review.agencyIds, review.sequence],
  );
};

/** The agenda in one statement, in its order (position = index in `items`). */
export const insertReviewItems = async (tx: Db, reviewId: string, items: { caseId: string; reasons: string[] }[]) => {
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO portfolio_review_items (review_id, case_id, reasons, position)
     SELECT $1, (e.item->>'caseId')::uuid,
            ARRAY(SELECT r.reason FROM jsonb_array_elements_text(e.item->'reasons') WITH ORDINALITY AS r(reason, k) ORDER BY r.k), e.n - 1
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(item, n)`,
    [reviewId, JSON.stringify(items.map((i) => ({ caseId: i.caseId, reasons: i.reasons })))],
  );
};

/** A review's agenda with each item's case, in the agenda's order: one statement, items joined to their cases by key. */
export const reviewItemsWithCases = (db: Db, reviewId: string) =>
  db.query<ReviewCaseRow & { reasons: string[] }>(
    `SELECT ${CASE_COLUMNS}, i.reasons FROM portfolio_review_items i
       JOIN LATERAL (SELECT * FROM support_cases c WHERE c.id = i.case_id LIMIT 1) sc ON true
       ${PERSON_BY_KEY}
       ${PAIR_BY_KEY}
      WHERE i.review_id = $1 ORDER BY i.position`,
    [reviewId],
  );

export const reviewItems = (db: Db, reviewId: string) =>
  db.query<{ case_id: string; reasons: string[] }>("SELECT case_id, reasons FROM portfolio_review_items WHERE review_id = $1 ORDER BY position", [reviewId]);

export type DecisionRow = { case_id: string; version: number; kind: string; exit_type: string | null; note: string | null; decided_by_name: string; decided_at: Date };
export const reviewDecisions = (db: Db, reviewId: string) =>
  db.query<DecisionRow>(
    `SELECT d.case_id, d.version, d.kind, d.exit_type, d.note, u.first_name || ' ' || u.last_name AS decided_by_name, d.decided_at
       FROM portfolio_review_decisions d JOIN users u ON u.id = d.decided_by WHERE d.review_id = $1 ORDER BY d.version`,
    [reviewId],
  );

export const toSnapshot = (r: ReviewCaseRow, renewalsAllowed: number): CaseSnapshot => ({
  caseId: r.case_id,
  status: r.status,
  periodEndsOn: r.period_ends_on,
  maxEndsOn: r.max_ends_on,
  renewalAvailable: r.renewals_used < renewalsAllowed,
  pairDisagreement: r.diagnosis_disagreement,
  noShowDates: r.no_show_dates,
});

/** What a page of the agenda may be filtered by (ReviewPageQuerySchema, without the page). */
export type AgendaFilters = Omit<ReviewPageQuery, "page" | "pageSize">;

/**
 * The filters of the review page as one SQL condition, said once for the page and for its count.
 * `item` names the agenda item's columns (case_id, reasons) and `pair` the case's (advisor_id,
 * social_worker_id, job_seeker_id); each value is added to `params` ($1 is the review). The name
 * search is the portfolio's (words in any order, without accents, or the exact identifier).
 */
function agendaCondition(f: AgendaFilters, params: unknown[], cols: { item: string; pair: string }): string {
  const where: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (f.reason) add((n) => `$${n} = ANY(${cols.item}.reasons)`, f.reason);
  if (f.decision) {
    where.push(
      `${f.decision === "undecided" ? "NOT " : ""}EXISTS (SELECT 1 FROM portfolio_review_decisions d WHERE d.review_id = $1 AND d.case_id = ${cols.item}.case_id)`,
    );
  }
  if (f.pairWith) add((n) => `(${cols.pair}.advisor_id = $${n} OR ${cols.pair}.social_worker_id = $${n})`, f.pairWith);
  if (f.agency) add((n) => `EXISTS (SELECT 1 FROM users fa WHERE fa.id = ${cols.pair}.advisor_id AND fa.organisation_id = $${n})`, f.agency);
  if (f.q) {
    params.push(f.q.toUpperCase());
    const identifier = `fj.ft_identifier = $${params.length}`;
    const names = f.q
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 5)
      .map((w) => {
        params.push(`%${likeEscaped(w)}%`);
        return `tandem_unaccent(lower(fj.last_name || ' ' || fj.first_name)) LIKE tandem_unaccent(lower($${params.length}))`;
      });
    where.push(`EXISTS (SELECT 1 FROM job_seekers fj WHERE fj.id = ${cols.pair}.job_seeker_id AND (${identifier} OR (${names.join(" AND ")})))`);
  }
  return where.length ? where.join(" AND ") : "true";
}

const needsCase = (f: AgendaFilters) => Boolean(f.pairWith || f.agency || f.q);
/** The pair, orienter and person keys of an item's case, read by its key. */
const CASE_KEYS_BY_KEY = (item: string, alias: string) =>
  `JOIN LATERAL (SELECT c.advisor_id, c.social_worker_id, c.oriented_by, c.job_seeker_id, c.convention_id FROM support_cases c WHERE c.id = ${item}.case_id LIMIT 1) ${alias} ON true`;

export type AgendaPageRow = {
  case_id: string;
  person: string;
  ft_identifier: string;
  rsa: boolean;
  advisor: string | null;
  social_worker: string | null;
  status: string;
  origin: string;
  oriented_on: string;
  entered_on: string | null;
  period_ends_on: string | null;
  max_ends_on: string | null;
  reasons: string[];
  /** Every decision on the case in this review, by version (the last one is in force). */
  decisions: { version: number; kind: string; exitType: string | null; note: string | null; decidedBy: string; decidedAt: string }[];
};

/**
 * One page of a review's agenda, in the agenda's order (position, then case as a tie-break), with
 * each item's case, person, pair and decisions: one statement, whatever the agenda and the page.
 * The items are filtered and paged first (portfolio_review_items_position_idx, migration 021), and
 * only the page's items are joined to their cases, persons, pairs and decisions.
 */
export const reviewAgendaPage = (db: Db, reviewId: string, filters: AgendaFilters, page: { page: number; pageSize: number }) => {
  const params: unknown[] = [reviewId];
  const where = agendaCondition(filters, params, { item: "i", pair: "fc" });
  params.push(page.pageSize, (page.page - 1) * page.pageSize);
  return db.query<AgendaPageRow>(
    `WITH page AS (
       SELECT i.case_id, i.reasons, i.position FROM portfolio_review_items i
         ${needsCase(filters) ? CASE_KEYS_BY_KEY("i", "fc") : ""}
        WHERE i.review_id = $1 AND ${where}
        ORDER BY i.position, i.case_id
        LIMIT $${params.length - 1} OFFSET $${params.length})
     SELECT sc.id AS case_id, js.last_name || ' ' || js.first_name AS person, js.ft_identifier, 'RSA' = ANY(js.benefits) AS rsa,
            a.first_name || ' ' || a.last_name AS advisor, w.first_name || ' ' || w.last_name AS social_worker,
            sc.status, sc.origin, sc.oriented_on, sc.entered_on, sc.period_ends_on, sc.max_ends_on, p.reasons,
            COALESCE((SELECT json_agg(json_build_object('version', d.version, 'kind', d.kind, 'exitType', d.exit_type, 'note', d.note,
                                                        'decidedBy', u.first_name || ' ' || u.last_name,
                                                        'decidedAt', to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY d.version)
                        FROM portfolio_review_decisions d
                        JOIN LATERAL (SELECT du.first_name, du.last_name FROM users du WHERE du.id = d.decided_by LIMIT 1) u ON true
                       WHERE d.review_id = $1 AND d.case_id = p.case_id), '[]'::json) AS decisions
       FROM page p
       JOIN LATERAL (SELECT * FROM support_cases c WHERE c.id = p.case_id LIMIT 1) sc ON true
       ${PERSON_BY_KEY}
       ${PAIR_BY_KEY}
      ORDER BY p.position, p.case_id`,
    params,
  );
};

export type AgendaHeaderRow = {
  /** The whole agenda: its items, those with a decision in force, those decided in the review's version. */
  items: number;
  decided: number;
  decided_in_version: number;
  /** The items the filters hold. */
  total: number;
  convention_number: string;
  agencies: { id: string; name: string }[];
  documents: { kind: "minutes_pdf"; version: number }[];
  pair_members: AgendaPairMember[];
  my_cases: string[];
};

/**
 * A member of a pair of the agenda's cases, read once for the « binôme » filter and for the
 * distribution list (reviewDistribution.distributionSummaryOf): who they are (with what the policy
 * needs of them), the conventions of their cases on the agenda, and where the agenda first names
 * them (`first`: position × 2, + 1 on the social worker's side — the order the list names the pair).
 */
export type AgendaPairMember = {
  id: string;
  name: string;
  side: "advisor" | "social_worker";
  email: string;
  first_name: string;
  last_name: string;
  active: boolean;
  organisation_id: string;
  roles: Role[];
  kind: OrganisationKind;
  conventions: string[];
  first: number;
};

/**
 * What the review page shows above and beside its page of items, in one statement whatever the
 * agenda: the counts (every item once, by its key, and its latest decision's version — no item
 * loaded into the application), the filtered total, the convention's number, the agencies, the
 * documents, the pair members of the agenda (the « binôme » filter and the distribution list's pair)
 * and the reader's own cases on it (as one of the pair or as orienter: those of their portfolio).
 */
export const reviewAgendaHeader = async (db: Db, review: ReviewRow, filters: AgendaFilters, readerId: string) => {
  const params: unknown[] = [review.id];
  const where = agendaCondition(filters, params, { item: "ag", pair: "ag" });
  params.push(review.version, review.convention_id, review.agency_ids, readerId);
  const n = params.length;
  const [version, convention, agencies, reader] = [n - 3, n - 2, n - 1, n];
  const [row] = await db.query<AgendaHeaderRow>(
    `WITH ag AS MATERIALIZED (
       SELECT i.case_id, i.reasons, i.position, fc.advisor_id, fc.social_worker_id, fc.oriented_by, fc.job_seeker_id, fc.convention_id, dv.version AS decided_version
         FROM portfolio_review_items i
         ${CASE_KEYS_BY_KEY("i", "fc")}
         LEFT JOIN (SELECT d.case_id, max(d.version) AS version FROM portfolio_review_decisions d WHERE d.review_id = $1 GROUP BY d.case_id) dv ON dv.case_id = i.case_id
        WHERE i.review_id = $1)
     SELECT k.*,
            (SELECT c.number FROM conventions c WHERE c.id = $${convention}) AS convention_number,
            COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name) FROM organisations o WHERE o.id = ANY($${agencies}::uuid[])), '[]'::json) AS agencies,
            COALESCE((SELECT json_agg(json_build_object('kind', d.kind, 'version', d.version) ORDER BY d.version DESC, d.kind)
                        FROM portfolio_review_documents d WHERE d.review_id = $1), '[]'::json) AS documents,
            COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.first_name || ' ' || u.last_name, 'side', m.side, 'email', u.email,
                                                        'first_name', u.first_name, 'last_name', u.last_name, 'active', u.active,
                                                        'organisation_id', u.organisation_id, 'roles', u.roles, 'kind', o.kind,
                                                        'conventions', m.conventions, 'first', m.first)
                                      ORDER BY m.side, u.last_name, u.first_name, u.id)
                        FROM (SELECT x.id, x.side, array_agg(DISTINCT ag.convention_id) AS conventions, min(ag.position::bigint * 2 + x.rank) AS first
                                FROM ag CROSS JOIN LATERAL (VALUES (ag.advisor_id, 'advisor', 0), (ag.social_worker_id, 'social_worker', 1)) x(id, side, rank)
                               WHERE x.id IS NOT NULL GROUP BY x.id, x.side) m
                        JOIN LATERAL (SELECT u.id, u.first_name, u.last_name, u.email, u.active, u.organisation_id, u.roles FROM users u WHERE u.id = m.id LIMIT 1) u ON true
                        JOIN LATERAL (SELECT k.kind FROM organisations k WHERE k.id = u.organisation_id LIMIT 1) o ON true), '[]'::json) AS pair_members,
            ARRAY(SELECT ag.case_id FROM ag WHERE $${reader} IN (ag.advisor_id, ag.social_worker_id, ag.oriented_by) ORDER BY ag.case_id) AS my_cases
       FROM (SELECT count(*)::int AS items, count(ag.decided_version)::int AS decided,
                    count(*) FILTER (WHERE ag.decided_version = $${version})::int AS decided_in_version,
                    count(*) FILTER (WHERE ${where})::int AS total
               FROM ag) k`,
    params,
  );
  return row;
};
