import { SupportRuleViolation } from "../../domain/support/rules.js";
import { AppError } from "../platform/errors.js";

/** The support context's errors: a refused transition is a conflict with the rules (409). */
export const supportErrors = {
  rule: (v: SupportRuleViolation) => new AppError(409, v.code, v.message, v.details),
  caseNotFound: () => new AppError(404, "SUPPORT_CASE_NOT_FOUND", "Accompagnement introuvable."),
  jobSeekerNotFound: () => new AppError(404, "JOB_SEEKER_NOT_FOUND", "Demandeur d’emploi introuvable."),
  noConvention: () =>
    new AppError(
      403,
      "NO_GLOBAL_SUPPORT_CONVENTION",
      "Votre organisation n’est partie à aucune convention d’accompagnement global en vigueur : cette fonction ne vous est pas ouverte.",
    ),
  conventionChoiceNeeded: () =>
    new AppError(400, "CONVENTION_CHOICE_NEEDED", "Votre organisation applique plusieurs conventions d’accompagnement global : précisez laquelle."),
  conventionNotRunning: () =>
    new AppError(409, "CONVENTION_NOT_RUNNING_GLOBAL_SUPPORT", "La convention de cet accompagnement ne porte pas (ou plus) d’accompagnement global en vigueur."),
  alreadyOpen: () =>
    new AppError(409, "SUPPORT_ALREADY_OPEN", "Cette personne a déjà un accompagnement global en cours : une seule orientation à la fois."),
  duplicateJobSeeker: (reason: "identifier" | "identity", existingId: string | null) =>
    new AppError(
      409,
      "JOB_SEEKER_DUPLICATE",
      reason === "identifier"
        ? "Une personne porte déjà cet identifiant France Travail."
        : "Une personne de même nom, prénom et date de naissance existe déjà : vérifiez qu’il ne s’agit pas d’elle.",
      { existingId },
    ),
  outsideTerritory: () =>
    new AppError(403, "OUTSIDE_TERRITORY", "Cette personne réside hors du territoire de votre organisation couvert par une convention en vigueur : vous ne pouvez pas l’orienter ni l’enregistrer."),
  /** An implausible date (eventDateRules): bad input, 400, the first rule broken as the message, every one by its field. */
  implausibleDate: (problems: { code: string; message: string; path: string }[]) =>
    new AppError(400, problems[0].code, problems[0].message, { issues: problems.map(({ path, message }) => ({ path, message })) }),
  unknownProfessional: () => new AppError(400, "PROFESSIONAL_NOT_FOUND", "Ce professionnel n’intervient pas dans cette convention."),
  barrierNotFound: () => new AppError(404, "BARRIER_NOT_FOUND", "Frein introuvable."),
  appointmentNotFound: () => new AppError(404, "APPOINTMENT_NOT_FOUND", "Rendez-vous introuvable."),
  appointmentCancelled: () => new AppError(409, "APPOINTMENT_CANCELLED", "Ce rendez-vous est annulé : il ne se corrige plus et ne s’envoie plus. Enregistrez un nouveau rendez-vous."),
  /** In person without a place, by video without a link: 400 next to the missing field. */
  appointmentModality: (issues: { path: string; message: string }[]) =>
    new AppError(400, "APPOINTMENT_MODALITY_INCOMPLETE", issues[0].message, { issues: issues.map((i) => ({ path: `body.${i.path}`, message: i.message })) }),
  appointmentNotSendable: (why: string) => new AppError(409, "APPOINTMENT_NOT_SENDABLE", why),
  personWithoutEmail: () =>
    new AppError(409, "PERSON_WITHOUT_EMAIL", "La personne n’a pas d’adresse électronique enregistrée : envoyez-lui la convocation par courrier (lettre PDF)."),
  noteNotFound: () => new AppError(404, "NOTE_NOT_FOUND", "Note introuvable."),
  noteAuthorOnly: () => new AppError(403, "NOTE_AUTHOR_ONLY", "Seul l’auteur d’une note peut la modifier."),
  otherBarrierNeedsLabel: () => new AppError(400, "BARRIER_LABEL_REQUIRED", "Un frein « autre » doit être décrit."),
  notificationNotFound: () => new AppError(404, "NOTIFICATION_NOT_FOUND", "Notification introuvable."),
};

/** Runs a domain command; a refused transition becomes a 409 with the rule's code and message. */
export function applyRule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SupportRuleViolation) throw supportErrors.rule(error);
    throw error;
  }
}
