import { DECISION_LABELS, type DecisionKind } from "../../domain/review/decisions.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { audit } from "../platform/audit.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import { exitTypeLabel, loadAgenda } from "./readReview.js";
import { type ReviewCtx, reviewForParticipant, reviewRef } from "./reviewAccess.js";
import { can, effectiveRoles } from "../platform/policies.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { runReviewCommand } from "./reviewCommand.js";
import { distributionOf } from "./reviewDistribution.js";
import { reviewErrors } from "./reviewErrors.js";
import type { ReviewRow } from "./reviewRepository.js";
import { type FollowUpRow, followUpCsv, followUpXlsx } from "./followUpTable.js";
import { type MinutesDecision, minutesPdf } from "./minutesPdf.js";
import type { ReviewItem } from "../../shared/contracts/review.js";

type Deps = { db: Db; mailer: Mailer; config: Config };

const STATUS_LABELS: Record<string, string> = {
  oriented: "Orienté",
  diagnosed: "Diagnostic posé",
  awaiting_entry: "En attente d'entrée",
  active: "En accompagnement",
  social_only: "Accompagnement social exclusif",
  exited: "Sorti",
  refused: "Entrée refusée",
};

/**
 * Closes the review: the minutes (PDF) and the follow-up table (XLSX and CSV) are generated
 * from the decisions and kept in Tandem, and the table is sent to the convention's distribution
 * list — each recipient receiving only the rows they may see (a pair member, their own cases).
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
  const agenda = await loadAgenda(tx, review);
  const rows: (FollowUpRow & { caseId: string })[] = agenda.map(({ row, item }) => ({
    caseId: item.caseId,
    person: item.person,
    ftIdentifier: item.ftIdentifier,
    advisor: item.advisor ?? "",
    socialWorker: item.socialWorker ?? "",
    origin: item.origin,
    orientedOn: item.orientedOn,
    enteredOn: item.enteredOn,
    renewedOn: row.renewed_on,
    exitedOn: row.exited_on,
    status: STATUS_LABELS[row.status] ?? row.status,
    decision: item.decision ? DECISION_LABELS[item.decision.kind] : "Pas de décision",
    exitType: exitTypeLabel(row.exit_type),
    decisionVersion: item.decision?.version ?? null,
  }));
  const [convention] = await tx.query<{ number: string }>("SELECT number FROM conventions WHERE id = $1", [review.convention_id]);
  const agencies = await tx.query<{ name: string }>("SELECT name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name", [review.agency_ids]);
  const title = `Revue de portefeuille du ${frenchDate(review.held_on)} — ${agencies.map((a) => a.name).join(", ")}`;
  const participants = await tx.query<{ name: string }>(
    `SELECT DISTINCT u.first_name || ' ' || u.last_name AS name FROM portfolio_review_decisions d JOIN users u ON u.id = d.decided_by WHERE d.review_id = $1 ORDER BY name`,
    [reviewId],
  );
  const pdf = await minutesPdf({
    title,
    heldOn: review.held_on,
    agencies: agencies.map((a) => a.name),
    secretariat: review.secretariat === "advisor" ? "Conseiller France Travail" : "Travailleur social",
    participants: participants.map((p) => p.name),
    version: review.version,
    decisions: minutesDecisionsOf(agenda),
  });
  const xlsx = await followUpXlsx(rows, `${title} — convention ${convention.number}`);
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
  const participation = await reviewRef(tx, review.convention_id, review.agency_ids, review.held_on);
  const sentTo = new Set<string>();
  for (const list of lists) {
    for (const r of list.recipients) {
      if (sentTo.has(r.email)) continue;
      sentTo.add(r.email);
      const visible = rows.filter((row) => r.pairOf === null || r.pairOf.has(row.caseId)).length;
      const link = (await mayTakePart(tx, r.userId, participation)) ? `${deps.config.publicUrl}/revues/${reviewId}` : null;
      // No name nor identifier in the e-mail (it leaves Tandem in clear): what happened, how many of
      // the recipient's people it concerns, and the page where they see the rows they may see.
      await deps.mailer.enqueue(tx, {
        to: r.email,
        subject: `${review.version > 1 ? "[Corrigé] " : ""}Tableau de suivi — ${title}`,
        text: [
          `Bonjour ${r.name},`,
          "",
          `Le tableau de suivi de cette revue est établi. Vous en êtes destinataire au titre de\u00a0: ${list.label} (convention ${convention.number}).`,
          review.version > 1 ? `La revue a été rouverte et corrigée : cette version ${review.version} remplace la précédente.` : "",
          "",
          visible === 0
            ? "Aucune personne de votre portefeuille n'est concernée."
            : `${visible} personne${visible > 1 ? "s" : ""} dont vous pouvez recevoir le suivi ${visible > 1 ? "y figurent" : "y figure"}.`,
          "",
          link ? `Le tableau et le compte rendu sont dans Tandem\u00a0: ${link}` : "",
        ]
          .filter((l, i, all) => l !== "" || all[i - 1] !== "")
          .join("\n")
          .trimEnd(),
      });
    }
  }
  return { details: { version: review.version, recipients: [...sentTo] } };
}

/**
 * The decisions the minutes hold: every case's decision in force, whichever version of the review
 * took it. A reopening corrects some decisions; the others stand, so version 2's minutes must still
 * show them, each with the version it was taken in.
 */
export function minutesDecisionsOf(agenda: { item: ReviewItem }[]): MinutesDecision[] {
  return agenda.flatMap(({ item }) =>
    item.decision
      ? [
          {
            person: `${item.person} (${item.ftIdentifier})`,
            decision: `${DECISION_LABELS[item.decision.kind as DecisionKind]}${item.decision.exitType ? ` — ${exitTypeLabel(item.decision.exitType)}` : ""}`,
            note: item.decision.note,
            version: item.decision.version,
          },
        ]
      : [],
  );
}

/** Whether the recipient takes part in the review, as their session would (the review page is theirs to open). */
async function mayTakePart(tx: Db, userId: string, ref: Awaited<ReturnType<typeof reviewRef>>): Promise<boolean> {
  const [u] = await tx.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] }>(
    "SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    [userId],
  );
  if (!u) return false;
  const user = { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) };
  return can(user, "review.take_part", ref);
}

/** A closed review reopens to correct a decision: a new version, the previous one kept in the history. */
export async function reopenReview(db: Db, ctx: ReviewCtx, reviewId: string) {
  const opts = { audit: "review.reopened", requires: { status: "closed", otherwise: reviewErrors.notOpenToReopen } } as const;
  await runReviewCommand(db, ctx, reviewId, opts, async ({ tx, review }) => {
    await tx.query("UPDATE portfolio_reviews SET status = 'open', version = version + 1, closed_at = NULL WHERE id = $1", [review.id]);
    return { details: { version: review.version + 1 } };
  });
}

export async function reviewDocument(db: Db, ctx: ReviewCtx, reviewId: string, version: number, kind: string) {
  await reviewForParticipant(db, ctx, reviewId);
  const [doc] = await db.query<{ content: Buffer | Uint8Array }>("SELECT content FROM portfolio_review_documents WHERE review_id = $1 AND version = $2 AND kind = $3", [
    reviewId,
    version,
    kind,
  ]);
  if (!doc) throw reviewErrors.notFound();
  await db.transaction((tx) => audit(tx, ctx, { action: "review.document_downloaded", subjectType: "portfolio_review", subjectId: reviewId, details: { kind, version } }));
  return Buffer.from(doc.content);
}
