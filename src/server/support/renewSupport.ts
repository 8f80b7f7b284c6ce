import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** Renewal within the convention's limits, by the pair's agreement or at the monthly review [002 art. 2 g)]. */
export async function renewSupport(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { on: string; months?: number; source: lifecycle.DecisionSource },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.renewed", today }, ({ facts, rules, today }) => {
    const change = applyRule(() => lifecycle.renew(facts, input, rules));
    requirePlausibleDates({ facts, today, rules }, { kind: "renewal", on: input.on }, { on: "on" });
    return {
      change,
      event: { kind: "renewed", occurredOn: input.on, details: { renewal: change.renewalsUsed, periodEndsOn: change.periodEndsOn }, source: input.source },
    };
  });
}
