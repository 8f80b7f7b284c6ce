import * as lifecycle from "../../domain/support/lifecycle.js";
import type { DiagnosisKind } from "../../domain/support/vocabulary.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requirePlausibleDates, runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/** Shared (the pair) or on reciprocal trust (one professional; always so for PF1/PF2) [002 art. 2 d), e)]. */
export async function recordDiagnosis(
  deps: SupportDeps,
  ctx: RequestContext,
  caseId: string,
  input: { kind: DiagnosisKind; on: string; disagreement: boolean; summary?: string },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.diagnosis_recorded", today }, async ({ tx, facts, today, rules }) => {
    const change = applyRule(() => lifecycle.recordDiagnosis(facts, { kind: input.kind, on: input.on, disagreement: input.disagreement }));
    requirePlausibleDates({ facts, today, rules }, { kind: "diagnosis", on: input.on }, { on: "on" });
    // The summary is what the pair and the orienter exchange: a note visible to the pair.
    if (input.summary && ctx.user) {
      await tx.query("INSERT INTO support_notes (case_id, visibility, body, author_id) VALUES ($1, 'pair', $2, $3)", [caseId, input.summary, ctx.user.id]);
    }
    return { change, event: { kind: "diagnosis", occurredOn: input.on, details: { kind: input.kind, disagreement: input.disagreement } } };
  });
}
