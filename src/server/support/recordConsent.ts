import * as lifecycle from "../../domain/support/lifecycle.js";
import type { ConsentMethod } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** The person's free consent to be followed by the pair: when, and how it was collected [002 art. 2 b)]. */
export async function recordConsent(deps: SupportDeps, ctx: RequestContext, caseId: string, input: { givenOn: string; method: ConsentMethod }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.consent_recorded", today }, (args) => {
    const change = applyRule(() => lifecycle.recordConsent(args.facts, input));
    requirePlausibleDates(args, { kind: "consent", on: input.givenOn }, { on: "givenOn" });
    return {
      change,
      event: { kind: "consent", occurredOn: input.givenOn, details: { method: input.method } },
    };
  });
}
