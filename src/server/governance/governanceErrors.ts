import { AppError } from "../platform/errors.js";

const field = (status: number, code: string, path: string, message: string) => new AppError(status, code, message, { issues: [{ path, message }] });

/** The governance context's refusals (ADR 0034): stable codes, French messages, the field they concern. */
export const governanceErrors = {
  conventionNotFound: () => new AppError(404, "CONVENTION_NOT_FOUND", "Convention introuvable."),
  meetingNotFound: () => new AppError(404, "GOVERNANCE_MEETING_NOT_FOUND", "Réunion introuvable."),
  actionNotFound: () => new AppError(404, "GOVERNANCE_ACTION_NOT_FOUND", "Action introuvable."),
  forbidden: () => new AppError(403, "GOVERNANCE_FORBIDDEN", "La gouvernance d’une convention est réservée à ses parties ; seuls leurs pilotes l’organisent."),
  notInForce: () => new AppError(409, "GOVERNANCE_CONVENTION_NOT_SIGNED", "La convention n’est pas signée par toutes ses parties : aucune réunion n’est encore due."),
  bodyUnknown: () => field(400, "GOVERNANCE_BODY_UNKNOWN", "bodyKey", "Cette instance n’existe pas dans les termes de la convention."),
  slotUnknown: () => field(400, "GOVERNANCE_SLOT_UNKNOWN", "slotDueOn", "Cette échéance n’est pas une réunion due par l’instance."),
  slotTaken: () => field(409, "GOVERNANCE_SLOT_TAKEN", "slotDueOn", "Une réunion est déjà programmée pour cette échéance."),
  meetingDate: (message: string) => field(400, "GOVERNANCE_MEETING_DATE", "heldOn", message),
  minutesBeforeMeeting: () => field(400, "GOVERNANCE_MINUTES_BEFORE_MEETING", "recordedOn", "Le compte rendu ne peut pas précéder la réunion."),
  minutesInFuture: () => field(400, "GOVERNANCE_MINUTES_IN_FUTURE", "recordedOn", "Le compte rendu ne peut pas être daté d’un jour à venir."),
  attendeeUnknown: () => field(400, "GOVERNANCE_ATTENDEE_UNKNOWN", "attendance", "Une présence concerne une personne qui n’est pas invitée à la réunion."),
  minutesLocked: () =>
    new AppError(409, "GOVERNANCE_MINUTES_LOCKED", "Le compte rendu est adopté par toutes les parties : il est verrouillé. Enregistrez une correction pour le rouvrir."),
  minutesMissing: () => new AppError(409, "GOVERNANCE_MINUTES_MISSING", "Le compte rendu n’est pas encore enregistré : il n’y a rien à adopter."),
  alreadyAdopted: () => new AppError(409, "GOVERNANCE_ALREADY_ADOPTED", "Votre partie a déjà adopté cette version du compte rendu."),
  notAdopter: () => new AppError(403, "GOVERNANCE_NOT_ADOPTER", "Seul un pilote d’une partie de la convention adopte le compte rendu pour sa partie."),
  ownerUnknown: () => field(400, "GOVERNANCE_ACTION_OWNER", "ownerId", "Le responsable doit être une personne invitée à la réunion."),
  actionDueBeforeMeeting: () => field(400, "GOVERNANCE_ACTION_DUE_DATE", "dueOn", "L’échéance d’une action ne peut pas précéder la réunion."),
};
