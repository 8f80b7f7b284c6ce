import { type DecisionSource, enter } from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/**
 * Entry into global support. Called by the pair (source `pair`, where the convention allows
 * direct entry), or with the reference of the monthly review that acted it (source `review`,
 * also the portfolio-review capability's way in).
 */
export async function enterSupport(deps: SupportDeps, ctx: RequestContext, caseId: string, input: { on: string; source: DecisionSource }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.entered", today }, ({ facts, rules, today }) => {
    const change = applyRule(() => enter(facts, input, rules));
    requirePlausibleDates({ facts, today, rules }, { kind: "entry", on: input.on }, { on: "on" });
    return { change, event: { kind: "entered", occurredOn: input.on, details: { periodEndsOn: change.periodEndsOn, maxEndsOn: change.maxEndsOn }, source: input.source } };
  });
}
