import { requireClosedWithinConvention } from "../../domain/support/conventionEnd.js";
import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** The entry is refused (by the review, or the pair before it): the case closes; the person may be oriented again later. */
export async function refuseEntry(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { on: string; reason: string; source: lifecycle.DecisionSource },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.entry_refused", today, closing: true }, (args) => {
    const change = applyRule(() => lifecycle.refuseEntry(args.facts));
    applyRule(() => requireClosedWithinConvention(args.rules, input.on, args.today, "Le refus d’entrée"));
    requirePlausibleDates(args, { kind: "refusal", on: input.on }, { on: "on" });
    return {
      change,
      event: { kind: "entry_refused", occurredOn: input.on, details: { reason: input.reason }, source: input.source },
    };
  });
}
