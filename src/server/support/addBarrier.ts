import * as lifecycle from "../../domain/support/lifecycle.js";
import { BARRIER_LABELS, categoryOf } from "../../domain/support/vocabulary.js";
import type { BarrierInput } from "../../shared/contracts/support.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";
import { insertBarrier } from "./supportRepository.js";

/** A listed barrier takes its list's side; another barrier needs a description and the side it is on. */
export function normaliseBarrier(b: BarrierInput) {
  if (b.code === "other" && (!b.label || !b.category)) throw supportErrors.otherBarrierNeedsLabel();
  return { code: b.code, category: categoryOf(b.code, b.category ?? "social"), label: b.code === "other" ? b.label! : null };
}

/** A barrier observed during the support (barriers evolve: observed, admitted, lifted). */
export async function addBarrier(deps: SupportDeps, ctx: RequestContext, caseId: string, input: BarrierInput & { observedOn?: string }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.barrier_added", today }, async ({ tx, facts, today, rules }) => {
    const observedOn = input.observedOn ?? today;
    applyRule(() => lifecycle.recordBarrierChange(facts));
    requirePlausibleDates({ facts, today, rules }, { kind: "barrier_observed", on: observedOn }, { on: "observedOn" });
    const b = normaliseBarrier(input);
    await insertBarrier(tx, caseId, { ...b, observedOn }, ctx.user?.id ?? null);
    return { change: {}, event: { kind: "barrier_added", occurredOn: observedOn, details: { code: b.code, label: b.label ?? BARRIER_LABELS[b.code] } } };
  });
}
