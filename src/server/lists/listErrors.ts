import { AppError } from "../platform/errors.js";

/** The lists context's errors: a stable code, an HTTP status and a French message. */
export const listErrors = {
  importNotFound: () => new AppError(404, "LIST_IMPORT_NOT_FOUND", "Import de liste introuvable."),
  fileTooLarge: (maxMb: number) => new AppError(413, "LIST_FILE_TOO_LARGE", `Le fichier dépasse la taille permise (${maxMb} Mo au plus). Rien n’a été lu.`),
  emptyFile: () => new AppError(400, "LIST_FILE_EMPTY", "Le fichier est vide."),
  conventionNotInForce: () =>
    new AppError(409, "LIST_CONVENTION_NOT_IN_FORCE", "Cette convention n’est pas en vigueur aujourd’hui : aucune liste ne peut être reçue à son titre."),
  exchangeSuspended: (since: string) =>
    new AppError(409, "LIST_EXCHANGE_SUSPENDED", `L’échange de données de cette convention est suspendu depuis le ${since} : aucune liste ne peut être reçue.`),
  listNotProvided: () =>
    new AppError(400, "LIST_NOT_PROVIDED", "Cette convention ne prévoit pas la transmission de cette liste.", {
      issues: [{ path: "source", message: "Cette convention ne prévoit pas la transmission de cette liste." }],
    }),
  notCheckable: () => new AppError(409, "LIST_IMPORT_NOT_CHECKABLE", "Cet import est déjà appliqué ou annulé : il ne peut plus être vérifié."),
  stillChecking: () => new AppError(409, "LIST_IMPORT_CHECKING", "La vérification du fichier est en cours. Réessayez quand elle sera terminée."),
  notConfirmable: (reason: string) => new AppError(409, "LIST_IMPORT_NOT_CONFIRMABLE", `Cet import ne peut pas être appliqué : ${reason} Rien n’a été importé.`),
  decisionNotAllowed: (message: string) =>
    new AppError(400, "LIST_DECISION_NOT_ALLOWED", message, { issues: [{ path: "decision", message }] }),
  rowNotFound: () => new AppError(404, "LIST_ROW_NOT_FOUND", "Ligne introuvable dans cet import."),
  mappingInvalid: (message: string) => new AppError(400, "LIST_MAPPING_INVALID", message, { issues: [{ path: "mapping", message }] }),
  personChangedSinceCheck: () =>
    new AppError(
      409,
      "LIST_PEOPLE_CHANGED",
      "Une personne de la liste a été enregistrée dans Tandem depuis la vérification. Relancez la vérification : rien n’a été importé.",
    ),
};
