import { parisToday } from "../../domain/shared/calendarDate.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { conventionErrors } from "./conventionErrors.js";
import { type ConventionRow, lockConvention, recordEvent, refreshDerivedDates } from "./conventionRepository.js";
import { conventionReaderOrganisationIds } from "./conventionTerms.js";

/** The convention as the command sees it: locked, with the organisations that may read it. */
export type LockedConvention = { tx: Db; row: ConventionRow; readers: string[]; today: string };

export type ConventionCommandOutcome<R> = {
  /** The convention's history line; null when the command records none. */
  event: { kind: string; occurredOn: string; details: Record<string, unknown> } | null;
  /** What the audit event says (the event's details when omitted). */
  audit?: Record<string, unknown>;
  result?: R;
};

export type ConventionCommandOptions = {
  /** The audit action, e.g. "convention.signature_recorded". */
  audit: string;
  today?: string;
  /**
   * Who may run this command on the locked convention; by default the parties' steering users and
   * org_admins (`convention.edit`). Throws to refuse.
   */
  authorize?: (user: SessionUser, locked: LockedConvention) => void | Promise<void>;
  /** The demo loader and the CLI act without a user, as the platform itself. */
  system?: boolean;
};

/**
 * The one path of every write on a convention (signature, amendment, termination, succession,
 * commitment value, payment): open the transaction, lock the convention row, authorise against
 * what was locked, let the command check the state and apply, then recompute the derived dates,
 * write the history line and the audit event — all or nothing. Nothing read before the
 * transaction decides anything, so two concurrent commands are serialised on the row lock and
 * the second sees what the first did.
 */
export async function runConventionCommand<R = void>(
  db: Db,
  ctx: RequestContext,
  conventionId: string,
  opts: ConventionCommandOptions,
  command: (locked: LockedConvention) => ConventionCommandOutcome<R> | Promise<ConventionCommandOutcome<R>>,
): Promise<R | undefined> {
  const today = opts.today ?? parisToday();
  return db.transaction(async (tx) => {
    const row = await lockConvention(tx, conventionId, today);
    if (!row) throw conventionErrors.notFound();
    const readers = await conventionReaderOrganisationIds(tx, conventionId);
    const locked: LockedConvention = { tx, row, readers, today };
    if (ctx.user) {
      // Outsiders get a 404: they need not learn that the convention exists.
      if (!can(ctx.user, "convention.read", { partyOrganisationIds: readers })) throw conventionErrors.notFound();
      if (opts.authorize) await opts.authorize(ctx.user, locked);
      else authorize(ctx.user, "convention.edit", { partyOrganisationIds: readers });
    } else if (!opts.system) {
      throw errors.unauthenticated();
    }
    const outcome = await command(locked);
    await refreshDerivedDates(tx, conventionId);
    if (outcome.event) await recordEvent(tx, conventionId, { ...outcome.event, userId: ctx.user?.id ?? null });
    await audit(tx, ctx, {
      action: opts.audit,
      subjectType: "convention",
      subjectId: conventionId,
      details: outcome.audit ?? outcome.event?.details ?? {},
    });
    return outcome.result;
  });
}
