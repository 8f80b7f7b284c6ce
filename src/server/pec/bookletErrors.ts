import type { AnswerIssue } from "../../domain/pec/bookletQuestionnaire.js";
import { AppError } from "../platform/errors.js";

const field = (status: number, code: string, path: string, message: string) => new AppError(status, code, message, { issues: [{ path, message }] });

/** The follow-up booklet's refusals (ADR 0038): stable codes, French messages, the field they concern. */
export const bookletErrors = {
  contractNotFound: () => new AppError(404, "PEC_CONTRACT_NOT_FOUND", "Contrat introuvable."),
  taskNotFound: () => new AppError(404, "PEC_BOOKLET_TASK_NOT_FOUND", "Tâche introuvable."),
  forbidden: () =>
    new AppError(403, "PEC_BOOKLET_FORBIDDEN", "Le suivi du livret (prises de contact, entretien préalable à la sortie) revient aux conseillers France Travail du contrat."),
  /** A link that is unknown, expired, already used or whose booklet is no longer due: the same answer, nothing of the booklet. */
  linkInvalid: () =>
    new AppError(
      410,
      "PEC_BOOKLET_LINK_INVALID",
      "Ce lien n’est plus valable : il a déjà servi, il a expiré ou le livret n’est plus attendu. Si vous n’avez pas encore répondu, contactez votre conseiller France Travail : il vous enverra un nouveau lien.",
    ),
  alreadyAnswered: () => new AppError(409, "PEC_BOOKLET_ALREADY_ANSWERED", "Ce livret a déjà été renseigné : vos réponses ont été transmises au conseiller."),
  answersInvalid: (issues: AnswerIssue[]) =>
    new AppError(400, "PEC_BOOKLET_ANSWERS_INVALID", "Certaines réponses manquent ou ne sont pas valides.", {
      issues: issues.map((i) => ({ path: `answers.${i.path}`, message: i.message, code: i.code })),
    }),
  milestoneNotFound: () => new AppError(404, "PEC_BOOKLET_MILESTONE_NOT_FOUND", "Échéance du livret introuvable."),
  respondentAnswered: () => new AppError(409, "PEC_BOOKLET_RESPONDENT_ANSWERED", "Cette personne a déjà renseigné le livret pour cette échéance."),
  milestoneClosed: () => new AppError(409, "PEC_BOOKLET_MILESTONE_CLOSED", "Cette échéance est annulée : le livret n’y est plus attendu."),
  taskDone: () => new AppError(409, "PEC_BOOKLET_TASK_DONE", "Cette prise de contact est déjà faite."),
  preExitNotProposed: () => new AppError(409, "PEC_PRE_EXIT_NOT_PROPOSED", "Aucun entretien préalable à la sortie n’est proposé pour ce contrat."),
  preExitHeld: () => new AppError(409, "PEC_PRE_EXIT_HELD", "L’entretien préalable à la sortie est déjà tenu."),
  preExitNotScheduled: () => field(409, "PEC_PRE_EXIT_NOT_SCHEDULED", "heldOn", "Programmez d’abord l’entretien préalable à la sortie."),
  preExitDate: (path: "scheduledOn" | "heldOn", message: string) => field(400, "PEC_PRE_EXIT_DATE", path, message),
};
