import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";
import { socialOnlyEpisodesOf } from "./supportRepository.js";

/** Social-only support (axe 3): job search paused, with the person's consent and a joint decision. */
export async function startSocialOnly(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { on: string; personConsents: boolean; jointDecision: boolean; source: lifecycle.DecisionSource },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.social_only_started", today }, async ({ tx, facts, rules, today }) => {
    const previous = await socialOnlyEpisodesOf(tx, caseId);
    const change = applyRule(() => lifecycle.startSocialOnly(facts, input, rules, previous));
    requirePlausibleDates({ facts, today, rules }, { kind: "social_only_start", on: input.on }, { on: "on" });
    return { change, event: { kind: "social_only_started", occurredOn: input.on, details: { endsBy: change.socialOnlyEndsBy }, source: input.source } };
  });
}
