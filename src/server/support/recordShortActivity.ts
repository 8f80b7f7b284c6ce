import * as lifecycle from "../../domain/support/lifecycle.js";
import { requireWithinSocialOnlyCap } from "../../domain/support/socialOnlyCap.js";
import type { ActivityKind } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** A short job or training during the support: it goes on the timeline; the support continues within its caps. */
export async function recordShortActivity(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { kind: ActivityKind; startsOn: string; endsOn: string | null; description?: string },
  today?: string,
) {
  return runCaseCommand(deps.db, ctx, caseId, { audit: "support.activity_recorded", today }, (args) => {
    const { beyondMaximum } = applyRule(() => lifecycle.recordShortActivity(args.facts, input));
    applyRule(() => requireWithinSocialOnlyCap(args.facts, input.startsOn, args.rules, "Activité impossible à enregistrer"));
    // Short means under the convention's limit, checked on the activity's own dates [002 art. 2 g)].
    requirePlausibleDates(args, { kind: "short_activity", on: input.startsOn, endsOn: input.endsOn }, { on: "startsOn", endsOn: "endsOn" });
    return {
      change: {},
      event: { kind: input.kind, occurredOn: input.startsOn, details: { endsOn: input.endsOn, description: input.description ?? null, beyondMaximum } },
      result: { beyondMaximum },
    };
  });
}
