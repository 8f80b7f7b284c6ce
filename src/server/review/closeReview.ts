import { DECISION_LABELS } from "../../domain/review/decisions.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { requireDataExchangeOpen } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import { exitTypeLabel, loadAgenda } from "./readReview.js";
import { type ReviewCtx, reviewForParticipant } from "./reviewAccess.js";
import { runReviewCommand } from "./reviewCommand.js";
import { distributionOf } from "./reviewDistribution.js";
import { reviewErrors } from "./reviewErrors.js";
import type { ReviewRow } from "./reviewRepository.js";
import { type FollowUpRow, followUpCsv, followUpXlsx } from "./followUpTable.js";
import { minutesOf } from "./minutesOf.js";
import { minutesPdf } from "./minutesPdf.js";
import { aggregateOf } from "./reviewAggregate.js";
import { reviewHeading } from "./reviewHeading.js";
import { sendFollowUpMails } from "./reviewMail.js";

type Deps = { db: Db; mailer: Mailer; config: Config };

const STATUS_LABELS: Record<string, string> = {
  oriented: "Orienté",
  diagnosed: "Diagnostic posé",
  awaiting_entry: "En attente d’entrée",
  active: "En accompagnement",
  social_only: "Accompagnement social exclusif",
  exited: "Sorti",
  refused: "Entrée refusée",
};

/**
 * Closes the review: the minutes (PDF) and the follow-up table (XLSX and CSV) are generated
 * from the decisions and kept in Tandem, and the table is announced to the convention's
 * distribution list — each recipient told only how many of the rows they may see concern them.
 * All of it under the lock of the review row: a second close waits, then finds it closed and
 * sends nothing; the documents hold every decision committed before the close, and no decision
 * can be recorded after it.
 */
export async function closeReview(deps: Deps, ctx: ReviewCtx, reviewId: string) {
  const opts = { audit: "review.closed", requires: { status: "open", otherwise: reviewErrors.alreadyClosed } } as const;
  await runReviewCommand(deps.db, ctx, reviewId, opts, ({ tx, review }) => closeLocked(tx, deps, review));
}

/** The close itself, on the transaction that holds the review row: every read and write goes through `tx`. */
async function closeLocked(tx: Db, deps: Deps, review: ReviewRow) {
  const reviewId = review.id;
  // The follow-up table goes to the parties' recipients: not while the convention's data exchange is suspended.
  await requireDataExchangeOpen(tx, review.convention_id, parisToday(), "Diffusion du tableau de suivi refusée");
  const agenda = await loadAgenda(tx, review);
  const rows: FollowUpRow[] = agenda.map(({ row, item }) => ({
    person: item.person,
    ftIdentifier: item.ftIdentifier,
    advisor: item.advisor ?? "",
    socialWorker: item.socialWorker ?? "",
    origin: item.origin,
    rsa: row.rsa,
    qpv: row.qpv,
    orientedOn: item.orientedOn,
    enteredOn: item.enteredOn,
    periodEndsOn: row.period_ends_on,
    renewedOn: row.renewed_on,
    exitedOn: row.exited_on,
    status: STATUS_LABELS[row.status] ?? row.status,
    decision: item.decision ? DECISION_LABELS[item.decision.kind] : "Pas de décision",
    exitType: exitTypeLabel(row.exit_type),
    decisionNote: item.decision?.note ?? null,
    decisionVersion: item.decision?.version ?? null,
  }));
  const heading = await reviewHeading(tx, review);
  const pdf = await minutesPdf(await minutesOf(tx, review, heading, agenda));
  const xlsx = await followUpXlsx(rows, `${heading.title} — convention ${heading.conventionNumber}`);
  const csv = followUpCsv(rows);
  const lists = await distributionOf(tx, review, agenda.map((a) => a.row));

  for (const [kind, content] of [
    ["minutes_pdf", pdf],
    ["table_xlsx", xlsx],
    ["table_csv", Buffer.from(csv, "utf8")],
  ] as const) {
    await tx.query(
      `INSERT INTO portfolio_review_documents (review_id, version, kind, content) VALUES ($1, $2, $3, $4)
       ON CONFLICT (review_id, version, kind) DO UPDATE SET content = $4, created_at = now()`,
      [reviewId, review.version, kind, content],
    );
  }
  // The moment of the close, not the start of its transaction (which may have waited for decisions under way).
  await tx.query("UPDATE portfolio_reviews SET status = 'closed', closed_at = clock_timestamp() WHERE id = $1", [reviewId]);
  const recipients = await sendFollowUpMails(tx, deps, review, heading, lists, aggregateOf(agenda.map((a) => a.item)));
  return { details: { version: review.version, recipients } };
}

export { minutesDecisionsOf } from "./minutesOf.js";

/** A closed review reopens to correct a decision: a new version, the previous one kept in the history. */
export async function reopenReview(db: Db, ctx: ReviewCtx, reviewId: string) {
  const opts = { audit: "review.reopened", requires: { status: "closed", otherwise: reviewErrors.notOpenToReopen } } as const;
  await runReviewCommand(db, ctx, reviewId, opts, async ({ tx, review }) => {
    await tx.query("UPDATE portfolio_reviews SET status = 'open', version = version + 1, closed_at = NULL WHERE id = $1", [review.id]);
    return { details: { version: review.version + 1 } };
  });
}

export async function reviewDocument(db: Db, ctx: ReviewCtx, reviewId: string, version: number, kind: string) {
  const review = await reviewForParticipant(db, ctx, reviewId);
  await requireDataExchangeOpen(db, review.convention_id, parisToday(), "Téléchargement refusé");
  const [doc] = await db.query<{ content: Buffer | Uint8Array }>("SELECT content FROM portfolio_review_documents WHERE review_id = $1 AND version = $2 AND kind = $3", [
    reviewId,
    version,
    kind,
  ]);
  if (!doc) throw reviewErrors.notFound();
  await auditRead(db, ctx, { action: "review.document_downloaded", subjectType: "portfolio_review", subjectId: reviewId, details: { kind, version } });
  return Buffer.from(doc.content);
}
