import { frenchDate } from "../../domain/shared/calendarDate.js";
import { appointmentChanges } from "../../domain/support/appointments.js";
import { DIAGNOSIS_KIND_LABELS, EXIT_TYPE_LABELS, type DiagnosisKind, type ExitType } from "../../domain/support/vocabulary.js";

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** How each event of a case reads on its timeline, in French. */
export function timelineLabel(kind: string, d: Record<string, unknown>): string {
  switch (kind) {
    case "oriented":
      return `Orientation (${str(d.origin)})`;
    case "consent":
      return "Consentement de la personne recueilli";
    case "resource_mobilised":
      return `Ressource partenaire mobilisée : ${str(d.nom)} (${str(d.structure)})`;
    case "barrier_added":
      return `Frein constaté : ${str(d.label)}`;
    case "barrier_resolved":
      return `Frein levé : ${str(d.label)}`;
    case "barrier_reopened":
      return `Frein de nouveau présent : ${str(d.label)}`;
    case "barrier_admitted":
      return `Frein admis par décision commune : ${str(d.label)}`;
    case "barrier_corrected": {
      const was = (d.before ?? {}) as Record<string, unknown>;
      const now = (d.after ?? {}) as Record<string, unknown>;
      return `Frein corrigé : « ${str(was.label)} » constaté le ${frenchDate(str(was.observedOn))} devient « ${str(now.label)} » constaté le ${frenchDate(str(now.observedOn))}${d.reason ? ` (${str(d.reason)})` : ""}`;
    }
    case "taken_up":
      return `Pris en charge ${d.side === "social" ? "côté social" : "côté France Travail"} par ${str(d.by)}`;
    case "diagnosis":
      return `${DIAGNOSIS_KIND_LABELS[d.kind as DiagnosisKind] ?? "Diagnostic"}${d.disagreement ? " — désaccord du binôme" : ""}`;
    case "pair_assigned":
      return `Binôme désigné : ${str(d.advisor)} et ${str(d.socialWorker)}`;
    case "entry_submitted":
      return "Entrée soumise à la revue de portefeuille";
    case "entered":
      return `Entrée en accompagnement global (fin de période le ${frenchDate(str(d.periodEndsOn))})`;
    case "entry_refused":
      return `Entrée refusée : ${str(d.reason)}`;
    case "renewed":
      return `Renouvellement n° ${String(d.renewal)} (fin de période le ${frenchDate(str(d.periodEndsOn))})`;
    case "exited":
      return `Sortie : ${EXIT_TYPE_LABELS[d.type as ExitType] ?? str(d.type)}`;
    case "social_only_started":
      return `Début de l’accompagnement social exclusif (au plus tard jusqu’au ${frenchDate(str(d.endsBy))})`;
    case "social_only_ended":
      return "Reprise du parcours emploi (fin de l’accompagnement social exclusif)";
    case "appointment_planned":
      return `Rendez-vous ${d.appointment === "social" ? "social" : "professionnel"} prévu`;
    case "appointment_attended":
      return `Rendez-vous ${d.appointment === "social" ? "social" : "professionnel"} honoré`;
    case "appointment_missed":
      return `Absence au rendez-vous ${d.appointment === "social" ? "social" : "professionnel"}`;
    case "appointment_corrected":
      return `Rendez-vous ${d.appointment === "social" ? "social" : "professionnel"} du ${frenchDate(str(d.scheduledOn))} corrigé : ${appointmentChanges(d.before, d.after)}`;
    case "appointment_cancelled":
      return `Rendez-vous ${d.appointment === "social" ? "social" : "professionnel"} du ${frenchDate(str(d.scheduledOn))} annulé : ${str(d.reason)}`;
    case "appointment_invitation_sent":
      return `Convocation au rendez-vous ${d.appointment === "social" ? "social" : "professionnel"} du ${frenchDate(str(d.scheduledOn))} envoyée à la personne par courriel`;
    case "note_edited":
      return "Note modifiée (la version précédente est gardée)";
    case "short_job":
      return `Emploi de courte durée${d.endsOn ? ` jusqu’au ${frenchDate(str(d.endsOn))}` : ""} — l’accompagnement continue`;
    case "short_training":
      return `Formation courte${d.endsOn ? ` jusqu’au ${frenchDate(str(d.endsOn))}` : ""} — l’accompagnement continue`;
    case "document_added":
      return d.name ? `Document joint : ${str(d.name)}` : "Document joint (visibilité restreinte)";
    case "review_keep_social_only":
      return "Revue de portefeuille : accompagnement social exclusif maintenu";
    case "review_other":
      return `Revue de portefeuille : ${d.note ? str(d.note) : "autre décision"}`;
    default:
      return kind;
  }
}

