import { requireClosedWithinConvention } from "../../domain/support/conventionEnd.js";
import * as lifecycle from "../../domain/support/lifecycle.js";
import type { ExitType } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { latestFactOf } from "./supportRepository.js";
import { applyRule } from "./supportErrors.js";

/** Exit with its type and date, decided at the monthly review or by the pair. */
export async function exitSupport(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { on: string; type: ExitType; note?: string; source: lifecycle.DecisionSource },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.exited", today, closing: true }, async ({ tx, facts, today, rules }) => {
    const change = applyRule(() => lifecycle.exit(facts, input));
    applyRule(() => requireClosedWithinConvention(rules, input.on, today, "La sortie"));
    // Nothing recorded may come after the exit: it cannot be dated before the last fact of the support.
    requirePlausibleDates({ facts, today, rules }, { kind: "exit", on: input.on, latestFact: await latestFactOf(tx, caseId) }, { on: "on" });
    return {
      change,
      event: { kind: "exited", occurredOn: input.on, details: { type: input.type, ...(input.note ? { note: input.note } : {}) }, source: input.source },
    };
  });
}
