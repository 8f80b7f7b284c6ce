import { cadenceWording } from "../../domain/shared/cadence.js";
import { EXIT_TYPE_LABELS, ORIGIN_LABELS } from "../../domain/support/vocabulary.js";
import { globalSupportTermsOf } from "../convention/conventionTerms.js";
import type { Review, ReviewItem, ReviewPageQuery } from "../../shared/contracts/review.js";
import type { DECISION_KINDS } from "../../domain/review/decisions.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { type ReviewCtx, reviewForParticipant } from "./reviewAccess.js";
import { distributionSummaryOf } from "./reviewDistribution.js";
import {
  type AgendaPageRow,
  type DecisionRow,
  type ReviewCaseRow,
  type ReviewRow,
  reviewAgendaHeader,
  reviewAgendaPage,
  reviewDecisions,
  reviewItemsWithCases,
} from "./reviewRepository.js";

type Kind = (typeof DECISION_KINDS)[number];

/**
 * The review as its participants see it: a page of its agenda (in the agenda's order, filtered as
 * asked) with each case's latest decision and history, the counts of the whole agenda, and the
 * review's header. A constant number of statements whatever the agenda and the page, none of them
 * loading the whole agenda (the downloads do: `loadAgenda`).
 */
export async function readReview(db: Db, ctx: ReviewCtx, id: string, query: ReviewPageQuery = { page: 1, pageSize: 50 }): Promise<Review> {
  const review = await reviewForParticipant(db, ctx, id);
  const { page, pageSize, ...filters } = query;
  const rows = await reviewAgendaPage(db, review.id, filters, { page, pageSize });
  const header = await reviewAgendaHeader(db, review, filters, ctx.user.id);
  // The terms once, for the cadence's wording and the distribution list.
  const gs = await globalSupportTermsOf(db, review.convention_id, review.held_on);
  const distribution = await distributionSummaryOf(db, review, header.pair_members, gs);
  await auditRead(db, ctx, { action: "review.read", subjectType: "portfolio_review", subjectId: id, details: { cases: rows.length, page, total: header.total } });
  return {
    id,
    conventionId: review.convention_id,
    conventionNumber: header.convention_number,
    agencies: header.agencies,
    heldOn: review.held_on,
    sequence: review.sequence,
    cadence: cadenceWording(gs?.terms.reviewCadenceMonths ?? 1),
    secretariat: review.secretariat,
    status: review.status,
    version: review.version,
    items: rows.map(pageItem),
    total: header.total,
    page,
    pageSize,
    counts: { items: header.items, decided: header.decided, undecided: header.items - header.decided, decidedInVersion: header.decided_in_version },
    pairMembers: header.pair_members.map((m) => ({ id: m.id, name: m.name, side: m.side })),
    myCasesOnAgenda: header.my_cases,
    documents: header.documents.map((d) => ({ kind: d.kind, version: d.version, url: `/api/reviews/${id}/documents/${d.version}/${d.kind}` })),
    distribution,
  };
}

/** One agenda item as the page and the documents show it: its case, why it is on the agenda, its decisions (oldest first). */
function toReviewItem(row: Omit<AgendaPageRow, "decisions">, decisions: AgendaPageRow["decisions"]): ReviewItem {
  const latest = decisions.at(-1);
  return {
    caseId: row.case_id,
    person: row.person,
    ftIdentifier: row.ft_identifier,
    rsa: row.rsa,
    advisor: row.advisor,
    socialWorker: row.social_worker,
    status: row.status,
    origin: ORIGIN_LABELS[row.origin as keyof typeof ORIGIN_LABELS] ?? row.origin,
    orientedOn: row.oriented_on,
    enteredOn: row.entered_on,
    periodEndsOn: row.period_ends_on,
    maxEndsOn: row.max_ends_on,
    reasons: row.reasons,
    decision: latest
      ? { kind: latest.kind as Kind, exitType: latest.exitType, note: latest.note, version: latest.version, decidedBy: latest.decidedBy, decidedAt: latest.decidedAt }
      : null,
    history: decisions.map((d) => ({ version: d.version, kind: d.kind as Kind, exitType: d.exitType, note: d.note })),
  };
}

const pageItem = ({ decisions, ...row }: AgendaPageRow): ReviewItem => toReviewItem(row, decisions);

/** The whole agenda with each case's decisions: for the documents (minutes, follow-up table), the summary and the close, never the page. */
export async function loadAgenda(db: Db, review: ReviewRow): Promise<{ row: ReviewCaseRow; item: ReviewItem }[]> {
  // Two statements whatever the agenda: its items with their cases, then its decisions, matched by case in memory.
  const items = await reviewItemsWithCases(db, review.id);
  const decisionsOf = new Map<string, DecisionRow[]>();
  for (const d of await reviewDecisions(db, review.id)) {
    const mine = decisionsOf.get(d.case_id);
    if (mine) mine.push(d);
    else decisionsOf.set(d.case_id, [d]);
  }
  return items.map(({ reasons, ...row }) => ({
    row,
    item: toReviewItem(
      { ...row, reasons },
      (decisionsOf.get(row.case_id) ?? []).map((d) => ({
        kind: d.kind,
        exitType: d.exit_type,
        note: d.note,
        version: d.version,
        decidedBy: d.decided_by_name,
        decidedAt: d.decided_at.toISOString(),
      })),
    ),
  }));
}

export const exitTypeLabel = (t: string | null) => (t ? (EXIT_TYPE_LABELS[t as keyof typeof EXIT_TYPE_LABELS] ?? t) : null);
