import { addMonths, minDate } from "../../domain/shared/calendarDate.js";
import { type DueSlot, slotState } from "../../domain/governance/meetingSlots.js";
import type { GovernanceOverview, Meeting } from "../../shared/contracts/governance.js";
import { conventionReaderOrganisationIds } from "../convention/conventionTerms.js";
import { commitmentStatusesOf, conventionDeadlinesBetween, type GovernanceConvention, governanceConventionOf } from "../convention/governanceReadings.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { authorizeGovernance } from "./governanceCommand.js";
import { governanceErrors } from "./governanceErrors.js";
import { bodySlots, sidesOn } from "./governanceTerms.js";
import { meetingFigures } from "./meetingFigures.js";
import { adopterSide } from "./meetingMinutes.js";
import {
  type ActionRow,
  actionsOfMeeting,
  adoptionsOf,
  agendaItemsOf,
  decisionsOf,
  findMeeting,
  inviteesOf,
  type MeetingRow,
  meetingsOf,
  openActionsOf,
} from "./meetingRepository.js";

async function readable(db: Db, user: SessionUser, conventionId: string, today: string): Promise<{ conv: GovernanceConvention; readers: string[] }> {
  const readers = await conventionReaderOrganisationIds(db, conventionId);
  if (readers.length === 0) throw governanceErrors.conventionNotFound();
  authorizeGovernance(user, readers, "governance.read");
  const conv = await governanceConventionOf(db, conventionId, today);
  if (!conv) throw governanceErrors.conventionNotFound();
  return { conv, readers };
}

const slotOf = (slot: DueSlot, meeting: MeetingRow | undefined, today: string) => ({
  dueOn: slot.dueOn,
  from: slot.from,
  label: slot.label,
  secretariat: slot.secretariat,
  state: slotState(slot, meeting ? { minutesAdoptedOn: meeting.minutes_adopted_on } : null, today),
  meetingId: meeting?.id ?? null,
});

const actionOf = (a: ActionRow, user: SessionUser, readers: string[], today: string) => ({
  id: a.id,
  meetingId: a.meeting_id,
  text: a.text,
  owner: { id: a.owner_id, name: a.owner_name },
  dueOn: a.due_on,
  status: a.status,
  doneOn: a.done_on,
  overdue: a.status !== "done" && a.due_on < today,
  canUpdate: can(user, "governance.action.update", { partyOrganisationIds: readers, ownerId: a.owner_id }),
});

/**
 * A convention's governance for its page: per body, the slots of the last and next twelve months
 * with their state, the next meeting due and the last held; the meetings; the open actions; and each
 * commitment's last review (the last adopted minutes whose agenda held it).
 */
export async function readGovernanceOverview(db: Db, user: SessionUser, conventionId: string, today: string): Promise<GovernanceOverview> {
  const { conv, readers } = await readable(db, user, conventionId, today);
  const meetings = await meetingsOf(db, conventionId);
  const meetingOf = (bodyKey: string, dueOn: string) => meetings.find((m) => m.body_key === bodyKey && m.slot_due_on === dueOn);
  const windowFrom = addMonths(today, -12);
  const windowTo = addMonths(today, 12);
  const labels = new Map<string, string>();
  const bodies = conv.governance.map((body) => {
    const all = bodySlots(conv, body);
    for (const s of all) labels.set(`${body.key}:${s.dueOn}`, s.label);
    const slots = all.filter((s) => s.dueOn >= windowFrom && s.from <= windowTo).map((s) => slotOf(s, meetingOf(body.key, s.dueOn), today));
    const held = meetings.filter((m) => m.body_key === body.key && m.minutes_adopted_on).at(-1);
    return {
      key: body.key,
      name: body.name,
      source: body.source,
      members: body.members,
      slots,
      nextDue: slots.find((s) => s.dueOn >= today && s.state !== "held") ?? null,
      lastHeld: held ? { meetingId: held.id, heldOn: held.held_on } : null,
      overdue: slots.filter((s) => s.state === "overdue").length,
    };
  });
  const reviews = new Map<string, { lastReviewedOn: string; meetingId: string }>();
  for (const m of meetings.filter((x) => x.minutes_adopted_on)) {
    for (const key of m.agenda_commitments) reviews.set(key, { lastReviewedOn: m.held_on, meetingId: m.id });
  }
  return {
    conventionId,
    number: conv.number,
    effectiveOn: conv.effectiveOn,
    endsOn: conv.endsOn,
    canSchedule: conv.effectiveOn !== null && can(user, "governance.write", { partyOrganisationIds: readers }),
    bodies,
    meetings: meetings.map((m) => ({
      id: m.id,
      bodyKey: m.body_key,
      label: labels.get(`${m.body_key}:${m.slot_due_on}`) ?? m.body_key,
      heldOn: m.held_on,
      heldAt: m.held_at,
      state: slotState({ dueOn: m.slot_due_on }, { minutesAdoptedOn: m.minutes_adopted_on }, today),
    })),
    openActions: (await openActionsOf(db, conventionId)).map((a) => actionOf(a, user, readers, today)),
    commitmentReviews: [...reviews].map(([key, r]) => ({ key, ...r })),
  };
}

/** A meeting's page: its invitees, its agenda (commitments, deadlines, indicators, members' items), its minutes and actions, what the user may do. */
export async function readMeeting(db: Db, user: SessionUser, meetingId: string, today: string): Promise<Meeting> {
  const m = await findMeeting(db, meetingId);
  if (!m) throw governanceErrors.meetingNotFound();
  const readers = await conventionReaderOrganisationIds(db, m.convention_id);
  if (!can(user, "governance.read", { partyOrganisationIds: readers })) throw governanceErrors.meetingNotFound();
  const { conv } = await readable(db, user, m.convention_id, today);
  const body = conv.governance.find((b) => b.key === m.body_key);
  const slots = body ? bodySlots(conv, body) : [];
  const index = slots.findIndex((s) => s.dueOn === m.slot_due_on);
  const slot = slots[index];
  // The deadlines the meeting looks at: from its day to the next meeting the body owes (a year when none).
  const deadlinesTo = slots[index + 1]?.dueOn ?? addMonths(m.held_on, 12);
  const readingsOn = minDate(m.held_on, today);
  const commitments = (await commitmentStatusesOf(db, m.convention_id, readingsOn)).filter((c) => m.agenda_commitments.includes(c.key));
  const adoptions = await adoptionsOf(db, meetingId, m.minutes_version);
  const write = can(user, "governance.write", { partyOrganisationIds: readers });
  const locked = m.minutes_adopted_on !== null;
  const mySide = await adopterSide(db, user, m.convention_id, m.held_on);
  const invitees = await inviteesOf(db, meetingId);
  return {
    id: m.id,
    conventionId: m.convention_id,
    conventionNumber: conv.number,
    bodyKey: m.body_key,
    bodyName: body?.name ?? m.body_key,
    label: slot?.label ?? body?.name ?? m.body_key,
    slotDueOn: m.slot_due_on,
    heldOn: m.held_on,
    heldAt: m.held_at,
    place: m.place,
    videoLink: m.video_link,
    secretariat: { side: slot?.secretariat ?? "france_travail", organisation: m.secretariat_name },
    state: slotState({ dueOn: m.slot_due_on }, { minutesAdoptedOn: m.minutes_adopted_on }, today),
    invitees: invitees.map((i) => ({ userId: i.user_id, name: i.name, organisation: i.organisation, attendance: i.attendance })),
    agenda: {
      commitments,
      deadlines: await conventionDeadlinesBetween(db, m.convention_id, m.held_on, deadlinesTo, today),
      deadlinesFrom: m.held_on,
      deadlinesTo,
      indicatorsUrl: `/conventions/${m.convention_id}/indicateurs`,
      figures: await meetingFigures(db, user, m.convention_id, m.held_on, today),
      items: (await agendaItemsOf(db, meetingId)).map((i) => ({ id: i.id, text: i.text, author: i.author, createdAt: i.created_at.toISOString() })),
    },
    minutes: {
      version: m.minutes_version,
      recordedOn: m.minutes_recorded_on,
      adoptedOn: m.minutes_adopted_on,
      decisions: await decisionsOf(db, meetingId),
      adoptions: adoptions.map((a) => ({ side: a.side, by: a.by, organisation: a.organisation, adoptedAt: a.adopted_at.toISOString() })),
      sidesToAdopt: sidesOn(conv, m.held_on),
    },
    actions: (await actionsOfMeeting(db, meetingId)).map((a) => actionOf(a, user, readers, today)),
    candidateOwners: invitees.map((i) => ({ id: i.user_id, name: `${i.name} (${i.organisation})` })),
    can: {
      write,
      addItem: write && !locked,
      recordMinutes: write && m.held_on <= today,
      adoptAs: mySide && m.minutes_version > 0 && !locked && !adoptions.some((a) => a.side === mySide.side) ? mySide.side : null,
      correct: write && locked,
    },
  };
}
