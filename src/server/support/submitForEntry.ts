import * as lifecycle from "../../domain/support/lifecycle.js";
import type { RequestContext } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** The pair puts the case on the next monthly review's agenda for its entry. */
export async function submitForEntry(deps: SupportDeps, ctx: RequestContext, caseId: string, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.entry_submitted", today }, ({ facts, today }) => ({
    change: applyRule(() => lifecycle.submitForEntry(facts)),
    event: { kind: "entry_submitted", occurredOn: today },
  }));
}
