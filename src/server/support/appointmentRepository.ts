import { type AppointmentValues, firstAppointmentsOf } from "../../domain/support/appointments.js";
import type { CaseChange } from "../../domain/support/lifecycle.js";
import type { AppointmentView } from "../../shared/contracts/support.js";
import type { Db } from "../platform/db.js";
import { isoSql, userNameSql } from "./supportRepository.js";

/** The appointments of a case and their history: only the support context's use cases write them. */
export type AppointmentRow = {
  id: string;
  case_id: string;
  kind: AppointmentValues["kind"];
  scheduled_on: string;
  scheduled_time: string | null;
  modality: AppointmentValues["modality"];
  place: string | null;
  video_link: string | null;
  status: AppointmentValues["status"];
  note: string | null;
  cancelled_on: string | null;
  cancel_reason: string | null;
  sequence: number;
  invited_at: Date | null;
};

// The time as "HH:MM" on both databases (PGlite and pg render `time` differently with seconds).
const SELECT = `SELECT id, case_id, kind, scheduled_on, to_char(scheduled_time, 'HH24:MI') AS scheduled_time, modality, place, video_link,
       status, note, cancelled_on, cancel_reason, sequence, invited_at FROM support_appointments`;

/** The appointment of this case, locked with it (`forUpdate`) for a command. */
export async function findAppointment(db: Db, caseId: string, appointmentId: string, forUpdate = false): Promise<AppointmentRow | null> {
  const [row] = await db.query<AppointmentRow>(`${SELECT} WHERE id = $1 AND case_id = $2 ${forUpdate ? "FOR UPDATE" : ""}`, [appointmentId, caseId]);
  return row ?? null;
}

export const valuesOf = (a: Omit<AppointmentRow, "invited_at">): AppointmentValues => ({
  kind: a.kind,
  scheduledOn: a.scheduled_on,
  scheduledTime: a.scheduled_time,
  modality: a.modality,
  place: a.place,
  videoLink: a.video_link,
  status: a.status,
});

export async function insertAppointment(tx: Db, caseId: string, v: AppointmentValues & { note: string | null; recordedBy: string | null }): Promise<string> {
  const [a] = await tx.query<{ id: string }>(
    `INSERT INTO support_appointments (case_id, kind, scheduled_on, scheduled_time, modality, place, video_link, status, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [caseId, v.kind, v.scheduledOn, v.scheduledTime, v.modality, v.place, v.videoLink, v.status, v.note, v.recordedBy],
  );
  return a.id;
}

/** Writes the new values; a correction or a cancellation moves the iCalendar SEQUENCE on (`bumpSequence`). */
export async function saveAppointment(tx: Db, id: string, v: AppointmentValues, opts: { bumpSequence: boolean }) {
  await tx.query(
    `UPDATE support_appointments SET kind = $2, scheduled_on = $3, scheduled_time = $4, modality = $5, place = $6, video_link = $7, status = $8,
            sequence = sequence + $9 WHERE id = $1`,
    [id, v.kind, v.scheduledOn, v.scheduledTime, v.modality, v.place, v.videoLink, v.status, opts.bumpSequence ? 1 : 0],
  );
}

export async function cancelAppointment(tx: Db, id: string, on: string, reason: string) {
  await tx.query("UPDATE support_appointments SET cancelled_on = $2, cancel_reason = $3, sequence = sequence + 1 WHERE id = $1", [id, on, reason]);
}

export async function markInvited(tx: Db, id: string) {
  await tx.query("UPDATE support_appointments SET invited_at = now() WHERE id = $1", [id]);
}

export async function insertAppointmentChange(
  tx: Db,
  c: { appointmentId: string; kind: "presence" | "correction" | "cancellation"; before: object; after: object; reason?: string | null; changedBy: string | null },
) {
  await tx.query("INSERT INTO support_appointment_changes (appointment_id, kind, before, after, reason, changed_by) VALUES ($1, $2, $3, $4, $5, $6)", [
    c.appointmentId,
    c.kind,
    JSON.stringify(c.before),
    JSON.stringify(c.after),
    c.reason ?? null,
    c.changedBy,
  ]);
}

/** The first appointments held, recomputed from every appointment of the case as it now stands. */
export async function firstAppointmentsChange(tx: Db, caseId: string): Promise<CaseChange> {
  const rows = await tx.query<{ kind: AppointmentValues["kind"]; scheduled_on: string; status: AppointmentValues["status"]; cancelled: boolean }>(
    "SELECT kind, scheduled_on, status, cancelled_on IS NOT NULL AS cancelled FROM support_appointments WHERE case_id = $1",
    [caseId],
  );
  return firstAppointmentsOf(rows.map((r) => ({ kind: r.kind, on: r.scheduled_on, status: r.status, cancelled: r.cancelled })));
}

const iso = (d: Date | string) => new Date(d).toISOString();

type AppointmentJson = Omit<AppointmentRow, "invited_at"> & {
  invited_at: string | null;
  history: { kind: "presence" | "correction" | "cancellation"; before: object; after: object; reason: string | null; changed_by: string | null; changed_at: string }[];
};

/**
 * The case page's appointments with their history, as one JSON expression over the case given by
 * `caseId` (an SQL expression): read in the same statement as the rest of the page (getCaseView).
 */
export const appointmentViewsSql = (caseId: string) => `COALESCE((SELECT json_agg(json_build_object(
    'id', a.id, 'case_id', a.case_id, 'kind', a.kind, 'scheduled_on', a.scheduled_on, 'scheduled_time', to_char(a.scheduled_time, 'HH24:MI'),
    'modality', a.modality, 'place', a.place, 'video_link', a.video_link, 'status', a.status, 'note', a.note,
    'cancelled_on', a.cancelled_on, 'cancel_reason', a.cancel_reason, 'sequence', a.sequence, 'invited_at', ${isoSql("a.invited_at")},
    'history', COALESCE((SELECT json_agg(json_build_object('kind', c.kind, 'before', c.before, 'after', c.after, 'reason', c.reason,
                  'changed_by', ${userNameSql("c.changed_by")}, 'changed_at', ${isoSql("c.changed_at")}) ORDER BY c.id)
                FROM support_appointment_changes c WHERE c.appointment_id = a.id), '[]'::json))
    ORDER BY a.scheduled_on, a.scheduled_time NULLS FIRST, a.created_at)
  FROM support_appointments a WHERE a.case_id = ${caseId}), '[]'::json)`;

/** The views of what appointmentViewsSql read; `professionals` names the pair member each kind meets. */
export const toAppointmentViews = (rows: AppointmentJson[], professionals: { social: string | null; professional: string | null }): AppointmentView[] =>
  rows.map((a) => ({
    id: a.id,
    ...valuesOf(a),
    note: a.note,
    professional: professionals[a.kind],
    cancelled: a.cancelled_on ? { on: a.cancelled_on, reason: a.cancel_reason ?? "" } : null,
    invitedAt: a.invited_at ? iso(a.invited_at) : null,
    history: a.history.map((c) => ({ kind: c.kind, before: c.before, after: c.after, reason: c.reason, changedBy: c.changed_by, changedAt: iso(c.changed_at) })),
  }));
