import { requireConventionRunning } from "../../domain/support/conventionEnd.js";
import { nextDeadline } from "../../domain/support/deadlines.js";
import { type DatedEvent, eventDateProblems } from "../../domain/support/eventDateRules.js";
import type { CaseChange, SupportCaseFacts } from "../../domain/support/lifecycle.js";
import type { ProgrammeRules } from "../../domain/support/rules.js";
import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { requireNotLimited } from "./processingLimitation.js";
import { authorizeCase, rulesOf } from "./supportAccess.js";
import { applyRule, supportErrors } from "./supportErrors.js";
import { type CaseRow, type EventInput, factsOf, findCase, followAdvisorAgency, insertEvent, listBarriers, saveCase } from "./supportRepository.js";

export type CommandArgs = { tx: Db; row: CaseRow; facts: SupportCaseFacts; rules: ProgrammeRules; today: string };
export type CommandOutcome<R> = {
  change: CaseChange;
  event: Omit<EventInput, "recordedBy"> | null;
  /** Work that belongs to the same transaction once the case is saved (notifications…). */
  afterSave?: (tx: Db, after: SupportCaseFacts) => Promise<void>;
  result?: R;
};

/**
 * The one path of every command on a case: lock it, read the terms of its convention in force,
 * check who asks, apply the domain rule, save the change with its timeline event and the
 * recomputed next deadline, and audit — all in one transaction.
 */
export async function runCaseCommand<R = void>(
  db: Db,
  ctx: RequestContext,
  caseId: string,
  /**
   * `closing`: the decision that closes the case (an exit, a refused entry), the only one a case
   * still takes once its convention has ended (ADR 0024); every other command is refused then.
   */
  opts: { audit: string; today?: string; closing?: boolean },
  command: (args: CommandArgs) => CommandOutcome<R> | Promise<CommandOutcome<R>>,
): Promise<R | undefined> {
  const today = opts.today ?? parisToday();
  return db.transaction(async (tx) => {
    const row = await findCase(tx, caseId, true);
    if (!row) throw supportErrors.caseNotFound();
    await authorizeCase(tx, ctx, row, "support.case.work", today);
    // A limitation of processing (RGPD art. 18) stops every act, a closing one too, until the DPO lifts it.
    await requireNotLimited(tx, row.job_seeker_id);
    const rules = await rulesOf(tx, row.convention_id, today);
    if (!opts.closing) applyRule(() => requireConventionRunning(rules, today));
    const facts = factsOf(row, await listBarriers(tx, caseId), today);
    const outcome = await command({ tx, row, facts, rules, today });
    const after = { ...facts, ...outcome.change };
    const next = nextDeadline(after, rules);
    const closing = after.status !== facts.status && (after.status === "exited" || after.status === "refused");
    await saveCase(tx, caseId, outcome.change, {
      nextDeadlineOn: next?.dueOn ?? null,
      nextDeadlineKind: next?.kind ?? null,
      ...(closing ? { closedOn: outcome.event?.occurredOn ?? today } : {}),
    });
    // The case's agency is its advisor's, dated by the command's day (the indicators read it by period).
    if (outcome.change.pair) await followAdvisorAgency(tx, caseId, today);
    if (outcome.event) await insertEvent(tx, caseId, { ...outcome.event, recordedBy: ctx.user?.id ?? null });
    await outcome.afterSave?.(tx, after);
    await audit(tx, ctx, { action: opts.audit, subjectType: "support_case", subjectId: caseId, details: outcome.event?.details ?? {} });
    return outcome.result;
  });
}

/**
 * Refuses an event whose dates are implausible against the facts locked by the command (nothing
 * before the orientation, nothing in the future where a fact is recorded…): a 400 that states the
 * rule with the date it compares to, pointing at the request's field (`paths`: the body field of
 * the event's own date, and of its end for a short activity).
 */
export function requirePlausibleDates(args: Pick<CommandArgs, "facts" | "today" | "rules">, event: DatedEvent, paths: { on: string; endsOn?: string }) {
  const problems = eventDateProblems(args.facts, event, { today: args.today, rules: args.rules });
  if (problems.length > 0) {
    throw supportErrors.implausibleDate(problems.map((p) => ({ code: p.code, message: p.message, path: `body.${paths[p.field] ?? paths.on}` })));
  }
}
