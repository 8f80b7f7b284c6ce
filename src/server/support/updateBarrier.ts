import * as lifecycle from "../../domain/support/lifecycle.js";
import { BARRIER_LABELS } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";

/**
 * A barrier is lifted (resolvedOn), or — for one outside the lists — admitted by the joint
 * decision of the advisor and the social worker [002 art. 2 b)].
 */
export async function updateBarrier(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  barrierId: string,
  input: { resolvedOn?: string | null; jointDecisionOn?: string },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.barrier_updated", today }, async ({ tx, facts, today, rules }) => {
    applyRule(() => lifecycle.recordBarrierChange(facts));
    const [b] = await tx.query<{ code: keyof typeof BARRIER_LABELS; label: string | null; observed_on: string }>(
      "SELECT code, label, observed_on FROM support_case_barriers WHERE id = $1 AND case_id = $2",
      [barrierId, caseId],
    );
    if (!b) throw supportErrors.barrierNotFound();
    const args = { facts, today, rules };
    if (input.resolvedOn) requirePlausibleDates(args, { kind: "barrier_resolved", on: input.resolvedOn, observedOn: b.observed_on }, { on: "resolvedOn" });
    if (input.jointDecisionOn) {
      requirePlausibleDates(args, { kind: "barrier_admitted", on: input.jointDecisionOn, observedOn: b.observed_on }, { on: "jointDecisionOn" });
    }
    if (input.resolvedOn !== undefined) await tx.query("UPDATE support_case_barriers SET resolved_on = $2 WHERE id = $1", [barrierId, input.resolvedOn]);
    if (input.jointDecisionOn) await tx.query("UPDATE support_case_barriers SET joint_decision_on = $2 WHERE id = $1", [barrierId, input.jointDecisionOn]);
    const label = b.label ?? BARRIER_LABELS[b.code];
    const kind = input.jointDecisionOn ? "barrier_admitted" : input.resolvedOn ? "barrier_resolved" : "barrier_reopened";
    return { change: {}, event: { kind, occurredOn: input.jointDecisionOn ?? input.resolvedOn ?? today, details: { code: b.code, label } } };
  });
}
