import { EXIT_TYPE_LABELS, ORIGIN_LABELS } from "../../domain/support/vocabulary.js";
import type { Review, ReviewItem } from "../../shared/contracts/review.js";
import type { DECISION_KINDS } from "../../domain/review/decisions.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { type ReviewCtx, reviewForParticipant } from "./reviewAccess.js";
import { type DecisionRow, type ReviewCaseRow, type ReviewRow, reviewDecisions, reviewItemsWithCases } from "./reviewRepository.js";
import { distributionOf } from "./reviewDistribution.js";

type Kind = (typeof DECISION_KINDS)[number];

/** The review as its participants see it: the agenda with each case's latest decision and history. */
export async function readReview(db: Db, ctx: ReviewCtx, id: string): Promise<Review> {
  const review = await reviewForParticipant(db, ctx, id);
  const agenda = await loadAgenda(db, review);
  const [convention] = await db.query<{ number: string }>("SELECT number FROM conventions WHERE id = $1", [review.convention_id]);
  const agencies = await db.query<{ id: string; name: string }>("SELECT id, name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name", [review.agency_ids]);
  const documents = await db.query<{ kind: "minutes_pdf"; version: number }>(
    "SELECT kind, version FROM portfolio_review_documents WHERE review_id = $1 ORDER BY version DESC, kind",
    [id],
  );
  const distribution = await distributionOf(db, review, agenda.map((a) => a.row));
  await db.transaction((tx) => audit(tx, ctx, { action: "review.read", subjectType: "portfolio_review", subjectId: id, details: { cases: agenda.length } }));
  return {
    id,
    conventionId: review.convention_id,
    conventionNumber: convention.number,
    agencies,
    heldOn: review.held_on,
    sequence: review.sequence,
    secretariat: review.secretariat,
    status: review.status,
    version: review.version,
    items: agenda.map((a) => a.item),
    documents: documents.map((d) => ({ kind: d.kind, version: d.version, url: `/api/reviews/${id}/documents/${d.version}/${d.kind}` })),
    distribution: distribution.map((d) => ({ label: d.label, recipients: d.recipients.map((r) => r.email) })),
  };
}

export async function loadAgenda(db: Db, review: ReviewRow): Promise<{ row: ReviewCaseRow; item: ReviewItem }[]> {
  // Two statements whatever the agenda: its items with their cases, then its decisions, matched by case in memory.
  const items = await reviewItemsWithCases(db, review.id);
  const decisionsOf = new Map<string, DecisionRow[]>();
  for (const d of await reviewDecisions(db, review.id)) {
    const mine = decisionsOf.get(d.case_id);
    if (mine) mine.push(d);
    else decisionsOf.set(d.case_id, [d]);
  }
  return items.map(({ reasons, ...row }) => {
    const mine = decisionsOf.get(row.case_id) ?? [];
    const latest = mine.at(-1);
    return {
      row,
      item: {
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
        reasons,
        decision: latest
          ? { kind: latest.kind as Kind, exitType: latest.exit_type, note: latest.note, version: latest.version, decidedBy: latest.decided_by_name, decidedAt: latest.decided_at.toISOString() }
          : null,
        history: mine.map((d) => ({ version: d.version, kind: d.kind as Kind, exitType: d.exit_type, note: d.note })),
      },
    };
  });
}

export const exitTypeLabel = (t: string | null) => (t ? (EXIT_TYPE_LABELS[t as keyof typeof EXIT_TYPE_LABELS] ?? t) : null);
