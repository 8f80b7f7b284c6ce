import type { CaseSnapshot } from "../../domain/review/agenda.js";
import type { Db } from "../platform/db.js";

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
