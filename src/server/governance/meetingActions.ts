import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { runGovernanceCommand } from "./governanceCommand.js";
import { governanceErrors } from "./governanceErrors.js";
import { type MeetingRow, inviteesOf, lockAction } from "./meetingRepository.js";

/** An action decided at the meeting: its owner among the invited, its due date not before the meeting; added until the minutes are adopted. */
export async function addAction(db: Db, ctx: RequestContext, meetingId: string, input: { text: string; ownerId: string; dueOn: string }) {
  return runGovernanceCommand(db, ctx, { meetingId }, { audit: "governance.action_added" }, async ({ tx }, m) => {
    const meeting = m as MeetingRow;
    if (meeting.minutes_adopted_on) throw governanceErrors.minutesLocked();
    if (!(await inviteesOf(tx, meetingId)).some((i) => i.user_id === input.ownerId)) throw governanceErrors.ownerUnknown();
    if (input.dueOn < meeting.held_on) throw governanceErrors.actionDueBeforeMeeting();
    const [{ id }] = await tx.query<{ id: string }>(
      "INSERT INTO governance_actions (meeting_id, convention_id, text, owner_id, due_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [meetingId, meeting.convention_id, input.text, input.ownerId, input.dueOn],
    );
    return { result: { id }, details: { actionId: id, ownerId: input.ownerId, dueOn: input.dueOn } };
  });
}

/** An action followed until done (à faire → en cours → faite, or back): by the parties' steering users or its owner, even after adoption. */
export async function updateAction(db: Db, ctx: RequestContext, actionId: string, status: "todo" | "in_progress" | "done") {
  // The meeting an action belongs to never changes: reading it first only routes the command to the row it locks.
  const [owner] = await db.query<{ meeting_id: string }>("SELECT meeting_id FROM governance_actions WHERE id = $1", [actionId]);
  if (!owner) throw governanceErrors.actionNotFound();
  return runGovernanceCommand(
    db,
    ctx,
    { meetingId: owner.meeting_id },
    {
      audit: "governance.action_updated",
      authorize: async ({ tx, user, readers }) => {
        const action = await lockAction(tx, actionId);
        if (!action) throw governanceErrors.actionNotFound();
        if (!can(user, "governance.action.update", { partyOrganisationIds: readers, ownerId: action.owner_id })) throw governanceErrors.forbidden();
      },
    },
    async ({ tx, today }) => {
      await tx.query("UPDATE governance_actions SET status = $2, done_on = CASE WHEN $2 = 'done' THEN $3::date END WHERE id = $1", [actionId, status, today]);
      return { result: { status }, details: { actionId, status } };
    },
  );
}
