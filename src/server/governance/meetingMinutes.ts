import { adoptedByAll, type Side } from "../../domain/governance/meetingSlots.js";
import type { MinutesInput } from "../../shared/contracts/governance.js";
import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import { governanceConventionOf } from "../convention/governanceReadings.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { authorizeGovernance, runGovernanceCommand } from "./governanceCommand.js";
import { governanceErrors } from "./governanceErrors.js";
import { sidesOn } from "./governanceTerms.js";
import { type MeetingRow, inviteesOf } from "./meetingRepository.js";

const locked = (m: MeetingRow) => m.minutes_adopted_on !== null;

/** A member's item on the agenda (text, author), until the minutes are adopted. */
export async function addAgendaItem(db: Db, ctx: RequestContext, meetingId: string, text: string) {
  return runGovernanceCommand(db, ctx, { meetingId }, { audit: "governance.agenda_item_added" }, async ({ tx, user }, m) => {
    if (m && locked(m)) throw governanceErrors.minutesLocked();
    const [{ id }] = await tx.query<{ id: string }>("INSERT INTO governance_agenda_items (meeting_id, text, author_id) VALUES ($1, $2, $3) RETURNING id", [meetingId, text, user.id]);
    return { result: { id }, details: { itemId: id } };
  });
}

/**
 * The minutes: attendance of each invited person and the decisions. Recorded again while not
 * adopted by every side; once they are (locked), recording again is a correction: the version rises
 * and every side adopts the new version. Any change after a side adopted also raises the version.
 */
export async function recordMinutes(db: Db, ctx: RequestContext, meetingId: string, input: MinutesInput) {
  return runGovernanceCommand(db, ctx, { meetingId }, { audit: "governance.minutes_recorded" }, async ({ tx, today }, m) => {
    const meeting = m as MeetingRow;
    if (input.recordedOn < meeting.held_on) throw governanceErrors.minutesBeforeMeeting();
    if (input.recordedOn > today) throw governanceErrors.minutesInFuture();
    const invited = new Set((await inviteesOf(tx, meetingId)).map((i) => i.user_id));
    if (input.attendance.some((a) => !invited.has(a.userId))) throw governanceErrors.attendeeUnknown();
    const [{ n }] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM governance_adoptions WHERE meeting_id = $1 AND version = $2", [meetingId, meeting.minutes_version]);
    const version = meeting.minutes_version === 0 ? 1 : n > 0 ? meeting.minutes_version + 1 : meeting.minutes_version;
    await tx.query("UPDATE governance_meetings SET minutes_version = $2, minutes_recorded_on = $3, minutes_adopted_on = NULL WHERE id = $1", [meetingId, version, input.recordedOn]);
    await tx.query("UPDATE governance_invitees SET attendance = NULL WHERE meeting_id = $1", [meetingId]);
    for (const a of input.attendance) {
      await tx.query("UPDATE governance_invitees SET attendance = $3 WHERE meeting_id = $1 AND user_id = $2", [meetingId, a.userId, a.attendance]);
    }
    await tx.query("DELETE FROM governance_decisions WHERE meeting_id = $1", [meetingId]);
    for (const [i, text] of input.decisions.entries()) {
      await tx.query("INSERT INTO governance_decisions (meeting_id, position, text) VALUES ($1, $2, $3)", [meetingId, i + 1, text]);
    }
    return { result: { version }, details: { version, correction: locked(meeting), decisions: input.decisions.length } };
  });
}

/** The side a user adopts for: a side whose organisations acting on the meeting's day include theirs, as a steering user. */
export async function adopterSide(tx: Db, user: SessionUser, conventionId: string, onDate: string): Promise<{ side: Side } | null> {
  for (const side of ["france_travail", "partner"] as const) {
    const ids = await conventionPartyOrganisationIds(tx, conventionId, onDate, side);
    if (can(user, "governance.adopt", { sideOrganisationIds: ids })) return { side };
  }
  return null;
}

/** A side adopts the current version of the minutes; when every side has, they are locked (held). */
export async function adoptMinutes(db: Db, ctx: RequestContext, meetingId: string) {
  let side: Side | null = null;
  return runGovernanceCommand(
    db,
    ctx,
    { meetingId },
    {
      audit: "governance.minutes_adopted",
      authorize: async ({ tx, user, readers }, m) => {
        authorizeGovernance(user, readers, "governance.read");
        const found = await adopterSide(tx, user, (m as MeetingRow).convention_id, (m as MeetingRow).held_on);
        if (!found) throw governanceErrors.notAdopter();
        side = found.side;
      },
    },
    async ({ tx, user, today }, m) => {
      const meeting = m as MeetingRow;
      if (meeting.minutes_version === 0) throw governanceErrors.minutesMissing();
      if (locked(meeting)) throw governanceErrors.minutesLocked();
      const done = await tx.query<{ side: Side }>("SELECT side FROM governance_adoptions WHERE meeting_id = $1 AND version = $2", [meetingId, meeting.minutes_version]);
      if (done.some((d) => d.side === side)) throw governanceErrors.alreadyAdopted();
      await tx.query("INSERT INTO governance_adoptions (meeting_id, version, side, user_id, organisation_id) VALUES ($1, $2, $3, $4, $5)", [
        meetingId,
        meeting.minutes_version,
        side,
        user.id,
        user.organisationId,
      ]);
      const conv = await governanceConventionOf(tx, meeting.convention_id, today);
      const all = conv !== null && adoptedByAll(sidesOn(conv, meeting.held_on), [...done.map((d) => d.side), side as Side]);
      if (all) await tx.query("UPDATE governance_meetings SET minutes_adopted_on = $2 WHERE id = $1", [meetingId, today]);
      return { result: { adoptedByAll: all }, details: { version: meeting.minutes_version, side, adoptedByAll: all } };
    },
  );
}
