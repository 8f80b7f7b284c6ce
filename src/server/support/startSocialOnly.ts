import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** Social-only support (axe 3): job search paused, with the person's consent and a joint decision. */
export async function startSocialOnly(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { on: string; personConsents: boolean; jointDecision: boolean; source: lifecycle.DecisionSource },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.social_only_started", today }, ({ facts, rules, today }) => {
    const change = applyRule(() => lifecycle.startSocialOnly(facts, input, rules));
    requirePlausibleDates({ facts, today, rules }, { kind: "social_only_start", on: input.on }, { on: "on" });
    return { change, event: { kind: "social_only_started", occurredOn: input.on, details: { endsBy: change.socialOnlyEndsBy }, source: input.source } };
  });
}
