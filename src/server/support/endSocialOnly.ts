import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requireNotFuture, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** The person resumes the employment path after social-only support. */
export async function endSocialOnly(deps: SupportDeps, ctx: RequestContext, caseId: string, input: { on: string; source: lifecycle.DecisionSource }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.social_only_ended", today }, ({ facts, today }) => {
    requireNotFuture(input.on, today);
    return { change: applyRule(() => lifecycle.endSocialOnly(facts, input)), event: { kind: "social_only_ended", occurredOn: input.on, source: input.source } };
  });
}
