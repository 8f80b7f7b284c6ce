import { frenchDate } from "../../domain/shared/calendarDate.js";
import * as lifecycle from "../../domain/support/lifecycle.js";
import { BARRIER_LABELS } from "../../domain/support/vocabulary.js";
import type { CorrectBarrierRequest } from "../../shared/contracts/support.js";
import type { RequestContext } from "../platform/requestContext.js";
import { normaliseBarrier } from "./addBarrier.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";
import { type BarrierRow, correctBarrierRow } from "./supportRepository.js";

/**
 * A barrier recorded by mistake — the wrong code, or the wrong date — is corrected, never erased:
 * the timeline keeps what it said before, what it says now, who corrected it and why. A barrier
 * whose code changes loses an earlier joint decision (it was about another barrier); its new date
 * stays before its lifting and its admission.
 */
export async function correctBarrier(deps: SupportDeps, ctx: RequestContext, caseId: string, barrierId: string, input: CorrectBarrierRequest, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.barrier_corrected", today }, async ({ tx, facts, today, rules }) => {
    applyRule(() => lifecycle.recordBarrierChange(facts));
    const [before] = await tx.query<BarrierRow>(
      "SELECT id, category, code, label, observed_on, joint_decision_on, resolved_on FROM support_case_barriers WHERE id = $1 AND case_id = $2",
      [barrierId, caseId],
    );
    if (!before) throw supportErrors.barrierNotFound();
    const after = normaliseBarrier(input);
    requirePlausibleDates({ facts, today, rules }, { kind: "barrier_observed", on: input.observedOn }, { on: "observedOn" });
    const jointDecisionOn = after.code === before.code ? before.joint_decision_on : null;
    for (const [later, what] of [
      [before.resolved_on, "levé"],
      [jointDecisionOn, "admis par décision commune"],
    ] as const) {
      if (later && input.observedOn > later) {
        throw supportErrors.implausibleDate([
          {
            code: "DATE_AFTER_BARRIER_FOLLOW_UP",
            message: `Le frein ne peut pas avoir été constaté après avoir été ${what} (le ${frenchDate(later)}).`,
            path: "body.observedOn",
          },
        ]);
      }
    }
    const labelOf = (b: { code: string; label: string | null }) => b.label ?? BARRIER_LABELS[b.code as keyof typeof BARRIER_LABELS];
    const unchanged = after.code === before.code && after.label === before.label && after.category === before.category && input.observedOn === before.observed_on;
    if (unchanged) return { change: {}, event: null };
    await correctBarrierRow(tx, barrierId, { ...after, observedOn: input.observedOn, jointDecisionOn });
    return {
      change: {},
      event: {
        kind: "barrier_corrected",
        occurredOn: today,
        details: {
          before: { code: before.code, label: labelOf(before), observedOn: before.observed_on },
          after: { code: after.code, label: labelOf(after), observedOn: input.observedOn },
          ...(input.reason ? { reason: input.reason } : {}),
        },
      },
    };
  });
}
