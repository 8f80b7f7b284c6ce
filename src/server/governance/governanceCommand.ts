import { parisToday } from "../../domain/shared/calendarDate.js";
import { conventionReaderOrganisationIds } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { governanceErrors } from "./governanceErrors.js";
import { lockMeeting, type MeetingRow } from "./meetingRepository.js";

export type GovernanceCommandContext = { tx: Db; user: SessionUser; readers: string[]; today: string };

/** Outsiders learn nothing (404); members of a party who may not write get a 403. */
export function authorizeGovernance(user: SessionUser, readers: string[], action: "governance.read" | "governance.write") {
  if (!can(user, "governance.read", { partyOrganisationIds: readers })) throw governanceErrors.conventionNotFound();
  if (action === "governance.write" && !can(user, "governance.write", { partyOrganisationIds: readers })) throw governanceErrors.forbidden();
}

/**
 * The one path of every governance write: open the transaction, lock the meeting row (or, to
 * schedule, nothing yet exists: the slot's unique key serialises), authorise against the
 * convention's parties read in the transaction, apply, audit — all or nothing, the invitations
 * e-mailed in the same transaction. `authorize` refines the default (a steering user of a party).
 */
export async function runGovernanceCommand<R>(
  db: Db,
  ctx: RequestContext,
  target: { conventionId: string } | { meetingId: string },
  opts: { audit: string; authorize?: (c: GovernanceCommandContext, meeting: MeetingRow | null) => void | Promise<void> },
  command: (c: GovernanceCommandContext, meeting: MeetingRow | null) => Promise<{ result: R; details: Record<string, unknown> }>,
): Promise<R> {
  const user = ctx.user;
  if (!user) throw errors.unauthenticated();
  const today = parisToday();
  return db.transaction(async (tx) => {
    let meeting: MeetingRow | null = null;
    let conventionId: string;
    if ("meetingId" in target) {
      meeting = await lockMeeting(tx, target.meetingId);
      if (!meeting) throw governanceErrors.meetingNotFound();
      conventionId = meeting.convention_id;
    } else {
      conventionId = target.conventionId;
    }
    const readers = await conventionReaderOrganisationIds(tx, conventionId);
    if (readers.length === 0) throw governanceErrors.conventionNotFound();
    const c = { tx, user, readers, today };
    if (!can(user, "governance.read", { partyOrganisationIds: readers })) throw meeting ? governanceErrors.meetingNotFound() : governanceErrors.conventionNotFound();
    if (opts.authorize) await opts.authorize(c, meeting);
    else authorizeGovernance(user, readers, "governance.write");
    const { result, details } = await command(c, meeting);
    await audit(tx, ctx, { action: opts.audit, subjectType: "convention", subjectId: conventionId, details: { ...(meeting ? { meetingId: meeting.id } : {}), ...details } });
    return result;
  });
}
