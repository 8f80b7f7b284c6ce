/**
 * The catalogue of errors a client can receive: a stable code, an HTTP status and a French
 * message. Handlers throw these; one error handler (http/errorHandler.ts) turns them into JSON.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type FieldIssue = { path: string; message: string };

export const errors = {
  validation: (issues: FieldIssue[]) =>
    new AppError(400, "VALIDATION_ERROR", "Les données envoyées ne sont pas valides.", { issues }),
  malformedJson: () => new AppError(400, "MALFORMED_JSON", "Le corps de la requête n’est pas un JSON valide."),
  unsupportedMediaType: () =>
    new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "Le type de contenu envoyé n’est pas accepté."),
  payloadTooLarge: () => new AppError(413, "PAYLOAD_TOO_LARGE", "La requête est trop volumineuse."),
  jsonTooDeep: (max: number) =>
    new AppError(400, "JSON_TOO_DEEP", `Le corps de la requête est trop imbriqué (${max} niveaux au plus).`),
  fileTooComplex: (reason: string) =>
    new AppError(413, "FILE_TOO_COMPLEX", `Le fichier est trop volumineux ou trop complexe pour être lu : ${reason}.`),
  malformedUrl: () => new AppError(400, "MALFORMED_URL", "L’adresse demandée est mal formée."),
  serverBusy: () => new AppError(503, "SERVER_BUSY", "Le serveur est très sollicité. Réessayez dans quelques instants."),
  routeNotFound: () => new AppError(404, "ROUTE_NOT_FOUND", "Cette adresse n’existe pas."),
  notFound: (what: string) => new AppError(404, "NOT_FOUND", `${what} introuvable.`),
  unauthenticated: () => new AppError(401, "UNAUTHENTICATED", "Vous devez vous connecter pour accéder à cette page."),
  sessionExpired: () => new AppError(401, "SESSION_EXPIRED", "Votre session a expiré. Veuillez vous reconnecter."),
  forbidden: () => new AppError(403, "FORBIDDEN", "Vous n’avez pas les droits nécessaires pour cette action."),
  csrf: () =>
    new AppError(403, "CSRF_TOKEN_INVALID", "Le jeton de sécurité de la requête est absent ou invalide. Rechargez la page."),
  invalidCredentials: () => new AppError(401, "INVALID_CREDENTIALS", "Adresse électronique ou mot de passe incorrect."),
  tooManyRequests: () => new AppError(429, "RATE_LIMITED", "Trop de requêtes. Réessayez dans quelques instants."),
  weakPassword: (min: number) =>
    new AppError(400, "PASSWORD_TOO_WEAK", `Le mot de passe doit contenir au moins ${min} caractères.`),
  wrongCurrentPassword: () => new AppError(400, "WRONG_CURRENT_PASSWORD", "Le mot de passe actuel est incorrect."),
  emailTaken: () => new AppError(409, "EMAIL_ALREADY_USED", "Un compte existe déjà avec cette adresse électronique."),
  invitationInvalid: () =>
    new AppError(400, "INVITATION_INVALID", "Ce lien d’invitation est invalide ou a expiré. Demandez une nouvelle invitation."),
  cannotDeactivateSelf: () =>
    new AppError(409, "CANNOT_DEACTIVATE_SELF", "Vous ne pouvez pas désactiver votre propre compte."),
  internal: () => new AppError(500, "INTERNAL_ERROR", "Une erreur interne est survenue. L’équipe technique a été prévenue."),
} as const;
