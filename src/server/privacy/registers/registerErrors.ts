import { AppError } from "../../platform/errors.js";

/** A refusal tied to one field of the request body: 400 with the message next to the field. */
const fieldError = (code: string, field: string, message: string, status = 400) => new AppError(status, code, message, { issues: [{ path: `body.${field}`, message }] });

/** The data-protection registers' errors: stable codes, French messages, the field they concern. */
export const registerErrors = {
  rightsRequestNotFound: () => new AppError(404, "RIGHTS_REQUEST_NOT_FOUND", "Demande introuvable."),
  breachNotFound: () => new AppError(404, "BREACH_NOT_FOUND", "Violation ou plainte introuvable."),
  /** Out of the organisation's reach is a refusal (403), said next to the field; an unknown person reads the same. */
  personNotInReach: () =>
    fieldError("PERSON_NOT_IN_REACH", "jobSeekerId", "Cette personne n’est pas connue de votre organisation (ni dans son territoire, ni dans un de ses accompagnements).", 403),
  conventionNotOfOrganisation: () =>
    fieldError("CONVENTION_NOT_OF_ORGANISATION", "conventionId", "Votre organisation n’est partie à aucune convention signée de ce numéro à cette date.", 403),
  noBreachClause: (number: string) =>
    fieldError(
      "CONVENTION_WITHOUT_BREACH_CLAUSE",
      "conventionId",
      `La convention ${number} ne fixe aucun délai pour informer l’autre partie d’une violation : choisissez la convention d’échange de données qui le fixe.`,
    ),
  receivedInFuture: (today: string) => fieldError("RECEIVED_IN_FUTURE", "receivedOn", `La demande ne peut pas être reçue après aujourd’hui (${today}).`),
  receivedBeforePerson: (since: string) =>
    fieldError("RECEIVED_BEFORE_PERSON", "receivedOn", `La demande ne peut pas être reçue avant l’inscription de la personne à France Travail (${since}).`),
  answeredBeforeReceipt: (field: string, receivedOn: string) =>
    fieldError("ANSWERED_BEFORE_RECEIPT", field, `La réponse ne peut pas précéder la réception de la demande (${receivedOn}).`),
  answeredInFuture: (field: string, today: string) => fieldError("ANSWERED_IN_FUTURE", field, `La réponse ne peut pas être datée après aujourd’hui (${today}).`),
  discoveredInFuture: () => fieldError("DISCOVERED_IN_FUTURE", "discoveredAt", "La découverte ne peut pas être datée dans le futur."),
  discoveredBeforeConvention: (effectiveOn: string) =>
    fieldError("DISCOVERED_BEFORE_CONVENTION", "discoveredOn", `La découverte ne peut pas précéder l’entrée en vigueur de la convention (${effectiveOn}).`),
  nonexistentTime: () => fieldError("NONEXISTENT_TIME", "discoveredAt", "Cette heure n’existe pas ce jour-là (passage à l’heure d’été) : saisissez l’heure réelle."),
  rectificationOnlyForRectification: () =>
    fieldError("RECTIFICATION_NOT_ASKED", "rectification", "Des champs ne se rectifient qu’en réponse à une demande de rectification."),
  requestClosed: () => new AppError(409, "RIGHTS_REQUEST_CLOSED", "Cette demande a déjà reçu sa réponse : elle ne change plus."),
  personErased: () => new AppError(409, "PERSON_NO_LONGER_HELD", "La fiche de cette personne n’existe plus dans Tandem : aucune donnée à communiquer."),
  notAnswered: () => new AppError(409, "ACCESS_ANSWER_NOT_READY", "Le document de réponse existe une fois la demande d’accès répondue."),
  notAccessRequest: () => new AppError(409, "NOT_AN_ACCESS_REQUEST", "Seule une demande d’accès donne un document des données détenues."),
  /** An erasure (or objection) refused because the data are still required: said next to the answer, nothing erased. */
  erasureSupportInForce: (kind: "erasure" | "objection", number: string, endsOn: string) =>
    fieldError(
      kind === "erasure" ? "ERASURE_SUPPORT_IN_FORCE" : "OBJECTION_OVERRIDDEN_BY_CONVENTION",
      "answer",
      `${kind === "erasure" ? "L’effacement" : "L’opposition"} ne peut pas être appliqué${kind === "erasure" ? "" : "e"} : la personne a un accompagnement en cours sous la convention ${number}, en vigueur jusqu’au ${endsOn}, qui fonde le traitement de ses données. Refusez la demande avec ce motif, ou attendez la sortie de l’accompagnement.`,
      409,
    ),
  erasurePecContract: (kind: "erasure" | "objection", endsOn: string) =>
    fieldError(
      kind === "erasure" ? "ERASURE_PEC_CONTRACT" : "OBJECTION_OVERRIDDEN_BY_PEC_CONTRACT",
      "answer",
      `${kind === "erasure" ? "L’effacement" : "L’opposition"} ne peut pas être appliqué${kind === "erasure" ? "" : "e"} : la personne est salariée sous un contrat parcours emploi compétences en cours jusqu’au ${endsOn}, dont le suivi fonde le traitement de ses données. Refusez la demande avec ce motif, ou attendez la fin du contrat.`,
      409,
    ),
  erasureOnHold: (kind: "erasure" | "objection", until: string) =>
    fieldError(
      kind === "erasure" ? "ERASURE_LEGAL_HOLD" : "OBJECTION_LEGAL_HOLD",
      "answer",
      `${kind === "erasure" ? "L’effacement" : "L’opposition"} ne peut pas être appliqué${kind === "erasure" ? "" : "e"} : une conservation légale est en vigueur sur cette personne jusqu’au ${until}. Refusez la demande avec ce motif.`,
      409,
    ),
  limitationAlreadyInForce: () =>
    fieldError("LIMITATION_ALREADY_IN_FORCE", "answer", "Le traitement des données de cette personne est déjà limité par une autre demande.", 409),
  notALimitation: () => new AppError(409, "NOT_A_LIMITATION", "Seule une demande de limitation accordée se lève."),
  limitationNotInForce: () => new AppError(409, "LIMITATION_NOT_IN_FORCE", "Cette limitation n’est pas (ou plus) en vigueur."),
  liftedBeforeStart: (startsOn: string) =>
    fieldError("LIFTED_BEFORE_LIMITATION", "liftedOn", `La levée ne peut pas précéder le début de la limitation (${startsOn}).`),
  liftedInFuture: (today: string) => fieldError("LIFTED_IN_FUTURE", "liftedOn", `La levée ne peut pas être datée après aujourd’hui (${today}).`),
  alreadyNotified: () => new AppError(409, "BREACH_ALREADY_NOTIFIED", "L’autre partie a déjà été informée de cette violation."),
  noContact: () =>
    new AppError(
      409,
      "BREACH_NO_CONTACT",
      "Aucune autre partie n’a de délégué à la protection des données ni de contact sécurité enregistré : demandez à l’administrateur de la plateforme de les renseigner sur la fiche de l’organisation.",
    ),
};
