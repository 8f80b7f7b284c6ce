import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** The person resumes the employment path after social-only support. */
export async function endSocialOnly(deps: SupportDeps, ctx: RequestContext, caseId: string, input: { on: string; source: lifecycle.DecisionSource }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.social_only_ended", today }, (args) => {
    const change = applyRule(() => lifecycle.endSocialOnly(args.facts, input, args.rules));
    requirePlausibleDates(args, { kind: "social_only_end", on: input.on }, { on: "on" });
    return { change, event: { kind: "social_only_ended", occurredOn: input.on, source: input.source } };
  });
}
