import type { Side } from "../../domain/governance/meetingSlots.js";
import type { Db } from "../platform/db.js";

export type MeetingRow = {
  id: string;
  convention_id: string;
  body_key: string;
  slot_due_on: string;
  held_on: string;
  held_at: string;
  place: string | null;
  video_link: string | null;
  secretariat_organisation_id: string;
  secretariat_name: string;
  agenda_commitments: string[];
  minutes_version: number;
  minutes_recorded_on: string | null;
  minutes_adopted_on: string | null;
};

const MEETING_COLUMNS = `m.id, m.convention_id, m.body_key, to_char(m.slot_due_on, 'YYYY-MM-DD') AS slot_due_on, to_char(m.held_on, 'YYYY-MM-DD') AS held_on,
  to_char(m.held_at, 'HH24:MI') AS held_at, m.place, m.video_link, m.secretariat_organisation_id,
  (SELECT o.name FROM organisations o WHERE o.id = m.secretariat_organisation_id) AS secretariat_name, m.agenda_commitments,
  m.minutes_version, to_char(m.minutes_recorded_on, 'YYYY-MM-DD') AS minutes_recorded_on, to_char(m.minutes_adopted_on, 'YYYY-MM-DD') AS minutes_adopted_on`;

export async function lockMeeting(tx: Db, id: string): Promise<MeetingRow | null> {
  await tx.query("SELECT 1 FROM governance_meetings WHERE id = $1 FOR UPDATE", [id]);
  return findMeeting(tx, id);
}

export async function findMeeting(db: Db, id: string): Promise<MeetingRow | null> {
  const [row] = await db.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM governance_meetings m WHERE m.id = $1`, [id]);
  return row ?? null;
}

export const meetingsOf = (db: Db, conventionId: string) =>
  db.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM governance_meetings m WHERE m.convention_id = $1 ORDER BY m.held_on, m.held_at`, [conventionId]);

/**
 * The people a meeting invites: the active steering users of the organisations acting for the
 * convention on the meeting's day (its parties, a successor from its date, their child organisations).
 */
export const steeringUsersOf = (db: Db, organisationIds: string[]) =>
  db.query<{ id: string; email: string; name: string; organisation_id: string; organisation: string }>(
    `SELECT u.id, u.email, u.first_name || ' ' || u.last_name AS name, u.organisation_id, o.name AS organisation
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.organisation_id = ANY($1::uuid[]) AND u.active AND 'steering' = ANY(u.roles)
      ORDER BY o.name, u.last_name, u.first_name`,
    [organisationIds],
  );

export const inviteesOf = (db: Db, meetingId: string) =>
  db.query<{ user_id: string; name: string; email: string; organisation_id: string; organisation: string; attendance: "present" | "excused" | "absent" | null }>(
    `SELECT i.user_id, u.first_name || ' ' || u.last_name AS name, u.email, i.organisation_id, o.name AS organisation, i.attendance
       FROM governance_invitees i JOIN users u ON u.id = i.user_id JOIN organisations o ON o.id = i.organisation_id
      WHERE i.meeting_id = $1 ORDER BY o.name, u.last_name, u.first_name`,
    [meetingId],
  );

export const agendaItemsOf = (db: Db, meetingId: string) =>
  db.query<{ id: string; text: string; author: string; created_at: Date }>(
    `SELECT a.id, a.text, u.first_name || ' ' || u.last_name || ' (' || o.name || ')' AS author, a.created_at
       FROM governance_agenda_items a JOIN users u ON u.id = a.author_id JOIN organisations o ON o.id = u.organisation_id
      WHERE a.meeting_id = $1 ORDER BY a.created_at, a.id`,
    [meetingId],
  );

export const decisionsOf = async (db: Db, meetingId: string) =>
  (await db.query<{ text: string }>("SELECT text FROM governance_decisions WHERE meeting_id = $1 ORDER BY position", [meetingId])).map((d) => d.text);

export type ActionRow = { id: string; meeting_id: string; text: string; owner_id: string; owner_name: string; due_on: string; status: "todo" | "in_progress" | "done"; done_on: string | null };
const ACTION_COLUMNS = `a.id, a.meeting_id, a.text, a.owner_id, u.first_name || ' ' || u.last_name AS owner_name, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.status,
  to_char(a.done_on, 'YYYY-MM-DD') AS done_on`;

export const actionsOfMeeting = (db: Db, meetingId: string) =>
  db.query<ActionRow>(`SELECT ${ACTION_COLUMNS} FROM governance_actions a JOIN users u ON u.id = a.owner_id WHERE a.meeting_id = $1 ORDER BY a.due_on, a.created_at`, [meetingId]);

export const openActionsOf = (db: Db, conventionId: string) =>
  db.query<ActionRow>(
    `SELECT ${ACTION_COLUMNS} FROM governance_actions a JOIN users u ON u.id = a.owner_id WHERE a.convention_id = $1 AND a.status <> 'done' ORDER BY a.due_on, a.created_at`,
    [conventionId],
  );

export async function lockAction(tx: Db, id: string): Promise<(ActionRow & { convention_id: string }) | null> {
  await tx.query("SELECT 1 FROM governance_actions WHERE id = $1 FOR UPDATE", [id]);
  const [row] = await tx.query<ActionRow & { convention_id: string }>(
    `SELECT ${ACTION_COLUMNS}, a.convention_id FROM governance_actions a JOIN users u ON u.id = a.owner_id WHERE a.id = $1`,
    [id],
  );
  return row ?? null;
}

export const adoptionsOf = (db: Db, meetingId: string, version: number) =>
  db.query<{ side: Side; by: string; organisation: string; adopted_at: Date }>(
    `SELECT a.side, u.first_name || ' ' || u.last_name AS by, o.name AS organisation, a.adopted_at
       FROM governance_adoptions a JOIN users u ON u.id = a.user_id JOIN organisations o ON o.id = a.organisation_id
      WHERE a.meeting_id = $1 AND a.version = $2 ORDER BY a.adopted_at`,
    [meetingId, version],
  );
