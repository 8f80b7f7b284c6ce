import * as lifecycle from "../../domain/support/lifecycle.js";
import type { ActivityKind } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
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
  return runCaseCommand(deps.db, ctx, caseId, { audit: "support.activity_recorded", today }, ({ facts }) => {
    const { beyondMaximum } = applyRule(() => lifecycle.recordShortActivity(facts, input));
    return {
      change: {},
      event: { kind: input.kind, occurredOn: input.startsOn, details: { endsOn: input.endsOn, description: input.description ?? null, beyondMaximum } },
      result: { beyondMaximum },
    };
  });
}
