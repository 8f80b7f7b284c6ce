import { type CalendarDate, frenchDate } from "../shared/calendarDate.js";
import type { AppointmentKind, AppointmentStatus } from "./vocabulary.js";

/** How the person meets the professional: in person at a place, by phone, by video with a link. */
export const APPOINTMENT_MODALITIES = ["in_person", "phone", "video"] as const;
export type AppointmentModality = (typeof APPOINTMENT_MODALITIES)[number];
export const APPOINTMENT_MODALITY_LABELS: Record<AppointmentModality, string> = {
  in_person: "Sur place",
  phone: "Par téléphone",
  video: "En visioconférence",
};
export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = { social: "Social", professional: "Professionnel" };
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = { planned: "Prévu", attended: "Honoré", missed: "Absence" };

/** What a correction may change, and what the history shows before → after. */
export type AppointmentValues = {
  kind: AppointmentKind;
  scheduledOn: CalendarDate;
  /** "HH:MM" in Paris; null for an appointment recorded without a time. */
  scheduledTime: string | null;
  modality: AppointmentModality | null;
  place: string | null;
  videoLink: string | null;
  status: AppointmentStatus;
};
export const APPOINTMENT_FIELDS = ["kind", "scheduledOn", "scheduledTime", "modality", "place", "videoLink", "status"] as const satisfies readonly (keyof AppointmentValues)[];

/** The fields a correction changes, each with its value before and after (empty when nothing changes). */
export function appointmentDiff(before: AppointmentValues, after: AppointmentValues): { before: Partial<AppointmentValues>; after: Partial<AppointmentValues> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const f of APPOINTMENT_FIELDS) {
    if (before[f] !== after[f]) {
      b[f] = before[f];
      a[f] = after[f];
    }
  }
  return { before: b as Partial<AppointmentValues>, after: a as Partial<AppointmentValues> };
}

/**
 * The first social and professional appointments held: the earliest attended appointment of each
 * kind that is not cancelled. Recomputed from every appointment after each change, so that a
 * correction or a cancellation moves (or clears) what meets the first-appointment deadline.
 */
export function firstAppointmentsOf(appointments: { kind: AppointmentKind; on: CalendarDate; status: AppointmentStatus; cancelled: boolean }[]): {
  firstSocialAppointmentOn: CalendarDate | null;
  firstProfessionalAppointmentOn: CalendarDate | null;
} {
  const first = (kind: AppointmentKind) =>
    appointments
      .filter((a) => a.kind === kind && a.status === "attended" && !a.cancelled)
      .map((a) => a.on)
      .sort()[0] ?? null;
  return { firstSocialAppointmentOn: first("social"), firstProfessionalAppointmentOn: first("professional") };
}

/** How each corrected field is named in the history (« date 12/12/2026 → 15/12/2026 »). */
export const APPOINTMENT_FIELD_LABELS: Record<string, string> = {
  scheduledOn: "date",
  scheduledTime: "heure",
  modality: "modalité",
  place: "lieu",
  videoLink: "lien",
  kind: "type",
  status: "présence",
};

/** A value of the history in words; « — » when there was none. */
export function appointmentValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  const s = String(value);
  switch (field) {
    case "kind":
      return APPOINTMENT_KIND_LABELS[s as AppointmentKind]?.toLowerCase() ?? s;
    case "scheduledOn":
      return frenchDate(s);
    case "scheduledTime":
      return s.replace(":", " h ");
    case "modality":
      return APPOINTMENT_MODALITY_LABELS[s as AppointmentModality]?.toLowerCase() ?? s;
    case "status":
      return APPOINTMENT_STATUS_LABELS[s as AppointmentStatus]?.toLowerCase() ?? s;
    default:
      return s;
  }
}

/** « date 12/12/2026 → 15/12/2026, heure 09 h 30 → 10 h 00 »: each corrected field, before → after, in the form's order. */
export function appointmentChanges(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys(APPOINTMENT_FIELD_LABELS)
    .filter((field) => field in a)
    .map((field) => `${APPOINTMENT_FIELD_LABELS[field]} ${appointmentValue(field, b[field])} → ${appointmentValue(field, a[field])}`)
    .join(", ");
}
