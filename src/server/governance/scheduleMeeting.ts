import { meetingDateProblem } from "../../domain/governance/meetingSlots.js";
import type { ScheduleMeeting } from "../../shared/contracts/governance.js";
import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import { governanceConventionOf } from "../convention/governanceReadings.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";
import type { RequestContext } from "../platform/requestContext.js";
import { runGovernanceCommand } from "./governanceCommand.js";
import { governanceErrors } from "./governanceErrors.js";
import { bodySlots, secretariatParty } from "./governanceTerms.js";
import { enqueueMeetingInvitations } from "./meetingInvitation.js";
import { steeringUsersOf } from "./meetingRepository.js";

/** « mardi 16 juin 2026 ». */
const longFrenchDate = (on: string) =>
  new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${on}T12:00:00Z`));

/**
 * A steering user of a party schedules the meeting a body owes on a due slot: the slot must be one
 * the terms owe, free, and the day within the convention's life. The secretariat is the side the
 * slot gives it to; the steering users of the organisations acting that day are invited, each by an
 * e-mail carrying the iCalendar request (unless the meeting is already past); the agenda keeps the commitments in force.
 */
export async function scheduleMeeting(db: Db, deps: { mailer: Mailer; publicUrl: string }, ctx: RequestContext, conventionId: string, input: ScheduleMeeting) {
  return runGovernanceCommand(db, ctx, { conventionId }, { audit: "governance.meeting_scheduled" }, async ({ tx, user, today }) => {
    const conv = await governanceConventionOf(tx, conventionId, today);
    if (!conv) throw governanceErrors.conventionNotFound();
    if (!conv.effectiveOn) throw governanceErrors.notInForce();
    const body = conv.governance.find((b) => b.key === input.bodyKey);
    if (!body) throw governanceErrors.bodyUnknown();
    const slot = bodySlots(conv, body).find((s) => s.dueOn === input.slotDueOn);
    if (!slot) throw governanceErrors.slotUnknown();
    const problem = meetingDateProblem(input.heldOn, { effectiveOn: conv.effectiveOn, endsOn: conv.endsOn });
    if (problem) throw governanceErrors.meetingDate(problem);
    const taken = await tx.query("SELECT 1 FROM governance_meetings WHERE convention_id = $1 AND body_key = $2 AND slot_due_on = $3", [conventionId, body.key, slot.dueOn]);
    if (taken.length) throw governanceErrors.slotTaken();
    const secretariat = secretariatParty(conv, slot.secretariat, input.heldOn);
    const place = input.place?.trim() || null;
    const videoLink = input.videoLink ?? null;
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO governance_meetings (convention_id, body_key, slot_due_on, held_on, held_at, place, video_link, secretariat_organisation_id, agenda_commitments, scheduled_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [conventionId, body.key, slot.dueOn, input.heldOn, input.heldAt, place, videoLink, secretariat.organisationId, conv.commitments.map((c) => c.key), user.id],
    );
    const invited = await steeringUsersOf(tx, await conventionPartyOrganisationIds(tx, conventionId, input.heldOn));
    for (const u of invited) {
      await tx.query("INSERT INTO governance_invitees (meeting_id, user_id, organisation_id) VALUES ($1, $2, $3)", [id, u.id, u.organisation_id]);
    }
    const where = [place, videoLink ? `visioconférence : ${videoLink}` : null].filter(Boolean).join(" — ");
    // A meeting recorded after it was held (before Tandem ran the governance) invites nobody by e-mail: an
    // invitation to a past event would only clutter calendars. Its invitees are kept for the attendance.
    const invitationsSent = input.heldOn >= today ? invited.length : 0;
    if (invitationsSent > 0) await enqueueMeetingInvitations(tx, deps.mailer, {
      meetingId: id,
      host: new URL(deps.publicUrl).hostname,
      stamp: new Date(),
      on: input.heldOn,
      at: input.heldAt,
      when: `${longFrenchDate(input.heldOn)} à ${input.heldAt.replace(/^0(\d)/, "$1").replace(":", " h ")}`,
      summary: `${slot.label} — convention ${conv.number}`,
      location: where,
      description: `Secrétariat : ${secretariat.name}. ${body.source}.`,
      organizer: { name: `${user.firstName} ${user.lastName}`, email: user.email },
      attendees: invited.map((u) => ({ name: u.name, email: u.email })),
      url: `${deps.publicUrl}/gouvernance/reunions/${id}`,
    });
    return {
      result: { id, invitationsSent },
      details: { meetingId: id, body: body.key, slot: slot.dueOn, heldOn: input.heldOn, invited: invited.length, invitationsSent },
    };
  });
}
