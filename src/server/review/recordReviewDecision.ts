import { checkDecision, type DecisionKind } from "../../domain/review/decisions.js";
import type { DecisionSource } from "../../domain/support/lifecycle.js";
import { EXIT_TYPES, type ExitType } from "../../domain/support/vocabulary.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import { endSocialOnly } from "../support/endSocialOnly.js";
import { enterSupport } from "../support/enterSupport.js";
import { exitSupport } from "../support/exitSupport.js";
import { refuseEntry } from "../support/refuseEntry.js";
import { renewSupport } from "../support/renewSupport.js";
import { insertEvent } from "../support/supportRepository.js";
import type { ReviewCtx } from "./reviewAccess.js";
import { runReviewCommand } from "./reviewCommand.js";
import { reviewErrors } from "./reviewErrors.js";
import { caseAgency, casesByIds } from "./reviewRepository.js";

type Deps = { db: Db; mailer: Mailer; config: Config };

/** The form field each refusal of `checkDecision` is about. */
const PROBLEM_FIELDS: Record<string, string> = { REVIEW_EXIT_TYPE_REQUIRED: "exitType", REVIEW_REORIENT_RSA_ONLY: "kind", REVIEW_NOTE_REQUIRED: "note" };

/**
 * Records one decision of an open review and applies it to its case at once, through the
 * support capability's own use cases (so its state machine and the convention's terms decide),
 * with the review as the decision's source. The decision and its effect commit together: a
 * decision the case's rules refuse is not recorded. Each decision is saved as it is made.
 * The review row is locked: a close that came first makes this decision a clean refusal, and a
 * close that comes after waits for it and includes it.
 */
export async function recordReviewDecision(
  deps: Deps,
  ctx: ReviewCtx,
  reviewId: string,
  caseId: string,
  input: { kind: DecisionKind; exitType?: string | null; note?: string | null },
  today: string,
) {
  const opts = { audit: "review.decision_recorded", requires: { status: "open", otherwise: reviewErrors.closed } } as const;
  await runReviewCommand(deps.db, ctx, reviewId, opts, async ({ tx, review }) => {
    const onAgenda = await tx.query("SELECT 1 FROM portfolio_review_items WHERE review_id = $1 AND case_id = $2", [reviewId, caseId]);
    if (!onAgenda.length) throw reviewErrors.caseNotOnAgenda();
    const [row] = await casesByIds(tx, [caseId]);
    const problem = checkDecision(input, { rsa: row.rsa });
    if (problem) throw reviewErrors.decisionRefused(problem.code, problem.message, PROBLEM_FIELDS[problem.code]);
    if (input.exitType && !(EXIT_TYPES as readonly string[]).includes(input.exitType)) {
      throw reviewErrors.decisionRefused("REVIEW_EXIT_TYPE_UNKNOWN", `Type de sortie inconnu : ${input.exitType}.`, "exitType");
    }
    // One decision per case and version: a second one (two clicks) came after the first under
    // the review's lock, so it finds the first and inserts nothing.
    const inserted = await tx.query(
      `INSERT INTO portfolio_review_decisions (review_id, case_id, version, kind, exit_type, note, decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (review_id, case_id, version) DO NOTHING RETURNING id`,
      [reviewId, caseId, review.version, input.kind, input.exitType ?? null, input.note ?? null, ctx.user.id],
    );
    if (!inserted.length) throw reviewErrors.alreadyDecided();

    // The review acts on its own day; a decision cannot be dated after today.
    const on = review.held_on <= today ? review.held_on : today;
    const source: DecisionSource = { kind: "review", reviewId, reviewedOn: review.held_on };
    const supportDeps = { db: tx, mailer: deps.mailer, publicUrl: deps.config.publicUrl };
    switch (input.kind) {
      case "accept_entry":
        await enterSupport(supportDeps, ctx, caseId, { on, source }, today);
        break;
      case "refuse_entry":
        await refuseEntry(supportDeps, ctx, caseId, { on, reason: input.note ?? "Décision de la revue de portefeuille", source }, today);
        break;
      case "renew":
        await renewSupport(supportDeps, ctx, caseId, { on, source }, today);
        break;
      case "exit":
        await exitSupport(supportDeps, ctx, caseId, { on, type: input.exitType as ExitType, note: input.note ?? undefined, source }, today);
        break;
      case "reorient":
        await exitSupport(supportDeps, ctx, caseId, { on, type: "reorientation", note: input.note ?? undefined, source }, today);
        break;
      case "end_social_only":
        await endSocialOnly(supportDeps, ctx, caseId, { on, source }, today);
        break;
      case "keep_social_only":
      case "other":
        // No change of state: the decision stays on the case's timeline.
        await insertEvent(tx, caseId, { kind: `review_${input.kind}`, occurredOn: on, details: { note: input.note ?? null }, source, recordedBy: ctx.user.id });
        break;
    }
    return { details: { caseId, kind: input.kind, version: review.version } };
  });
}

/** Adds a case to the agenda; the review row is locked, so that two additions never share a position. */
export async function addReviewItem(db: Db, ctx: ReviewCtx, reviewId: string, caseId: string) {
  const opts = { audit: "review.case_added", requires: { status: "open", otherwise: reviewErrors.closed } } as const;
  await runReviewCommand(db, ctx, reviewId, opts, async ({ tx, review }) => {
    const c = await caseAgency(tx, caseId);
    // Only a case of the review's convention and agencies may be added: participants see those.
    if (!c || c.convention_id !== review.convention_id || !c.organisation_id || !review.agency_ids.includes(c.organisation_id)) {
      throw reviewErrors.caseNotOnAgenda();
    }
    await tx.query(
      `INSERT INTO portfolio_review_items (review_id, case_id, reasons, added_by, position)
       VALUES ($1, $2, ARRAY['added_by_participant'], $3, (SELECT coalesce(max(position), -1) + 1 FROM portfolio_review_items WHERE review_id = $1))
       ON CONFLICT (review_id, case_id) DO NOTHING`,
      [reviewId, caseId, ctx.user.id],
    );
    return { details: { caseId } };
  });
}
