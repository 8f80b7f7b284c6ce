import { AppError } from "../platform/errors.js";

export const reviewErrors = {
  notFound: () => new AppError(404, "REVIEW_NOT_FOUND", "Revue de portefeuille introuvable."),
  closed: () => new AppError(409, "REVIEW_CLOSED", "La revue est close : rouvrez-la pour corriger une décision."),
  alreadyClosed: () =>
    new AppError(409, "REVIEW_ALREADY_CLOSED", "La revue est déjà close : le compte rendu et le tableau de suivi ont déjà été envoyés."),
  notOpenToReopen: () => new AppError(409, "REVIEW_NOT_CLOSED", "Seule une revue close peut être rouverte."),
  alreadyDecided: () =>
    new AppError(409, "REVIEW_DECISION_ALREADY_RECORDED", "Une décision est déjà enregistrée pour cette personne dans cette version de la revue."),
  caseNotOnAgenda: () => new AppError(404, "REVIEW_CASE_NOT_ON_AGENDA", "Cette personne n’est pas à l’ordre du jour de la revue."),
  noGlobalSupport: () => new AppError(409, "REVIEW_NO_GLOBAL_SUPPORT", "Cette convention ne met pas en œuvre l’accompagnement global en ce jour."),
  agencyNotParty: () => new AppError(400, "REVIEW_AGENCY_NOT_PARTY", "Une des agences choisies n’agit pas au titre de cette convention."),
  /** A decision the review's rules refuse; `field` names the form field it is about, so the message shows next to it. */
  decisionRefused: (code: string, message: string, field?: string) =>
    new AppError(409, code, message, field ? { issues: [{ path: `body.${field}`, message }] } : undefined),
  /** Deleting is for a review scheduled by mistake: once a decision was taken, it was applied to its case. */
  holdsDecisions: () =>
    new AppError(
      409,
      "REVIEW_HOLDS_DECISIONS",
      "Cette revue contient des décisions, déjà appliquées aux accompagnements : elle ne peut pas être supprimée. Rouvrez-la pour corriger une décision.",
    ),
  /** A review day outside its convention's period or cadence: bad input, the rule in the message, on the date field. */
  implausibleDate: (code: string, message: string) => new AppError(400, code, message, { issues: [{ path: "body.heldOn", message }] }),
  /** Another participant's write won a race the command could not foresee (a unique key): nothing was changed. */
  conflict: () =>
    new AppError(409, "REVIEW_CONFLICT", "La revue vient d’être modifiée par un autre participant : rechargez la page et réessayez."),
};
