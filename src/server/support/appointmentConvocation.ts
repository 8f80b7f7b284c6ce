import { frenchDate } from "../../domain/shared/calendarDate.js";
import type { AppointmentModality } from "../../domain/support/appointments.js";
import type { AppointmentKind } from "../../domain/support/vocabulary.js";
import type { Db } from "../platform/db.js";
import type { AppointmentRow } from "./appointmentRepository.js";
import { appointmentIcs } from "./appointmentCalendar.js";
import type { SupportDeps } from "./supportDeps.js";
import { supportErrors } from "./supportErrors.js";
import type { CaseRow } from "./supportRepository.js";

/**
 * What the person is sent about an appointment: when, where or how, with whom, what to bring.
 * The e-mail to the person is the only e-mail that carries their own name; it never carries the
 * case's notes, barriers or decisions — only the appointment.
 */
export type Convocation = {
  appointmentId: string;
  caseId: string;
  kind: AppointmentKind;
  on: string;
  time: string;
  modality: AppointmentModality;
  place: string | null;
  videoLink: string | null;
  sequence: number;
  person: { firstName: string; lastName: string; email: string | null };
  professional: { name: string; email: string; organisation: string };
};

/** Appointments last an hour in the invitation: a display choice, not a convention term. */
export const INVITATION_MINUTES = 60;

/** What to bring, by the kind of appointment (the same for everyone: nothing of the case). */
export const WHAT_TO_BRING: Record<AppointmentKind, string> = {
  social: "une pièce d’identité, votre attestation de droits (CAF ou MSA) et les justificatifs utiles à votre situation (ressources, logement)",
  professional: "une pièce d’identité, votre CV à jour et, si vous en avez, vos attestations de formation ou d’emploi",
};

export const frenchTime = (time: string) => time.replace(":", " h ");
/** « mardi 15 décembre 2026 ». */
export const longFrenchDate = (on: string) =>
  new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${on}T12:00:00Z`));

/** Where or how the person meets the professional, in a sentence part. */
export function whereText(c: Pick<Convocation, "modality" | "place" | "videoLink" | "professional">): string {
  switch (c.modality) {
    case "in_person":
      return `sur place : ${c.place ?? ""}`;
    case "phone":
      return `par téléphone : ${c.professional.name} vous appellera`;
    case "video":
      return `en visioconférence : ${c.videoLink ?? ""}`;
  }
}

/** Why a planned appointment cannot be sent (cancelled, held or missed, in the past, without a time or a place), or null. */
export function notSendable(a: AppointmentRow, today: string): string | null {
  if (a.status !== "planned") return "Ce rendez-vous a déjà eu lieu (ou a été manqué) : il n’y a plus de convocation à envoyer.";
  if (a.scheduled_on < today) return "La date de ce rendez-vous est passée : corrigez-la avant d’envoyer la convocation.";
  if (!a.scheduled_time || !a.modality) return "Indiquez l’heure et le lieu (ou la modalité) du rendez-vous en le corrigeant, puis envoyez la convocation.";
  return null;
}

/** The convocation of a planned appointment, or a refusal (409) of what cannot be sent. */
export async function convocationOf(db: Db, row: CaseRow, a: AppointmentRow, today: string): Promise<Convocation> {
  if (a.cancelled_on) throw supportErrors.appointmentCancelled();
  if (row.status === "exited" || row.status === "refused") throw supportErrors.appointmentNotSendable("Cet accompagnement est clos : il n’y a plus de convocation à envoyer.");
  const problem = notSendable(a, today);
  if (problem) throw supportErrors.appointmentNotSendable(problem);
  return gatherConvocation(db, row, a);
}

/** The convocation as the appointment stands, without checking it may be sent (a cancellation is sent too). */
export async function gatherConvocation(db: Db, row: CaseRow, a: AppointmentRow): Promise<Convocation> {
  const professionalId = a.kind === "social" ? row.social_worker_id : row.advisor_id;
  if (!professionalId) throw supportErrors.appointmentNotSendable("Le binôme n’est pas choisi : personne ne reçoit la personne à ce rendez-vous.");
  const [person] = await db.query<{ first_name: string; last_name: string; email: string | null }>("SELECT first_name, last_name, email FROM job_seekers WHERE id = $1", [
    row.job_seeker_id,
  ]);
  const [pro] = await db.query<{ name: string; email: string; organisation: string }>(
    "SELECT u.first_name || ' ' || u.last_name AS name, u.email, o.name AS organisation FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    [professionalId],
  );
  return {
    appointmentId: a.id,
    caseId: row.id,
    kind: a.kind,
    on: a.scheduled_on,
    time: a.scheduled_time ?? "00:00",
    modality: a.modality ?? "in_person",
    place: a.place,
    videoLink: a.video_link,
    sequence: a.sequence,
    person: { firstName: person.first_name, lastName: person.last_name, email: person.email?.trim() || null },
    professional: pro,
  };
}

const kindWords = (kind: AppointmentKind) => (kind === "social" ? "social" : "professionnel");

/**
 * The e-mail with its iCalendar invitation: REQUEST (a first sending, or a correction with a
 * higher SEQUENCE) or CANCEL. `publicUrl` gives the UID its stable domain.
 */
export async function enqueueInvitation(tx: Db, deps: Pick<SupportDeps, "mailer" | "publicUrl">, c: Convocation, method: "REQUEST" | "CANCEL", update = false) {
  if (!c.person.email) throw supportErrors.personWithoutEmail();
  const name = `${c.person.firstName} ${c.person.lastName}`;
  const when = `${longFrenchDate(c.on)} à ${frenchTime(c.time)}`;
  const cancel = method === "CANCEL";
  const subject = `${cancel ? "Annulé : " : update ? "Modifié : " : ""}rendez-vous d’accompagnement du ${frenchDate(c.on)} à ${frenchTime(c.time)}`;
  const text = cancel
    ? [
        `Bonjour ${name},`,
        "",
        `Votre rendez-vous ${kindWords(c.kind)} d’accompagnement global du ${when} avec ${c.professional.name} (${c.professional.organisation}) est annulé.`,
        "Votre agenda le retire grâce au fichier joint. Vous serez recontacté(e) pour un nouveau rendez-vous.",
        "",
        `Pour toute question : ${c.professional.email}.`,
      ]
    : [
        `Bonjour ${name},`,
        "",
        update ? "Votre rendez-vous d’accompagnement global a été modifié. Le voici tel qu’il est désormais prévu :" : "Vous êtes attendu(e) à un rendez-vous d’accompagnement global :",
        `- le ${when} ;`,
        `- ${whereText(c)} ;`,
        `- avec ${c.professional.name} (${c.professional.organisation}).`,
        "",
        `Apportez, s’il vous plaît : ${WHAT_TO_BRING[c.kind]}.`,
        "",
        "Le fichier joint ajoute ce rendez-vous à votre agenda.",
        `Si vous ne pouvez pas venir, prévenez ${c.professional.name} : ${c.professional.email}.`,
      ];
  const ics = appointmentIcs({
    method,
    uid: `appointment-${c.appointmentId}@${new URL(deps.publicUrl).hostname}`,
    sequence: c.sequence,
    stamp: new Date(),
    on: c.on,
    time: c.time,
    durationMinutes: INVITATION_MINUTES,
    summary: `Rendez-vous ${kindWords(c.kind)} avec ${c.professional.name} (${c.professional.organisation})`,
    location: c.modality === "in_person" ? c.place : c.modality === "video" ? c.videoLink : "Par téléphone",
    description: `${whereText(c)}. Apportez : ${WHAT_TO_BRING[c.kind]}.`,
    url: c.modality === "video" ? c.videoLink : null,
    organizer: { name: `${c.professional.name} (${c.professional.organisation})`, email: c.professional.email },
    attendee: { name, email: c.person.email },
  });
  await deps.mailer.enqueue(tx, {
    to: c.person.email,
    subject,
    text: `${text.join("\n")}\n`,
    attachments: [{ filename: cancel ? "annulation.ics" : "invitation.ics", contentType: `text/calendar; charset=UTF-8; method=${method}`, content: ics }],
  });
}
