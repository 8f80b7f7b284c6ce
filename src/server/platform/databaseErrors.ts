import { AppError, errors } from "./errors.js";

/**
 * What a PostgreSQL error means for the client, when the database, not a use case, was the one
 * to notice. Use cases should check under their lock and throw their own error first; this is the
 * safety net that keeps a duplicate, a lost race or a runaway query from becoming a 500.
 */
export function fromDatabaseError(error: unknown): AppError | null {
  if (!isDatabaseError(error)) return null;
  switch (error.code) {
    case "23505":
      return (error.constraint && UNIQUE_CONSTRAINTS[error.constraint]?.()) || conflict();
    // A reference to something that does not exist (any more), or a delete of something still referred to.
    case "23503":
      return new AppError(
        409,
        "REFERENCE_CONFLICT",
        "Cette opération fait référence à un élément qui n’existe pas ou plus, ou qui est encore utilisé ailleurs. Rechargez la page.",
      );
    case "40001":
    case "40P01":
      return new AppError(409, "CONCURRENT_UPDATE", "Une autre modification des mêmes données a eu lieu au même moment. Réessayez.");
    case "57014":
      return new AppError(
        503,
        "DATABASE_TIMEOUT",
        "Le traitement a pris trop de temps et a été interrompu. Réessayez ; si cela se reproduit, prévenez l’équipe technique.",
      );
    // Text the database cannot store (a NUL that got past the input guards, e.g. from a file).
    case "22P05":
    case "22021":
      return new AppError(400, "INVALID_TEXT", "Un texte envoyé contient un caractère interdit (par exemple le caractère nul).");
  }
  return null;
}

const conflict = () =>
  new AppError(409, "CONFLICT", "Cette donnée existe déjà : l’opération n’a pas été enregistrée. Rechargez la page pour voir l’état actuel.");

/** Unique constraints whose meaning is known: the same code as the use case that checks it first. */
const UNIQUE_CONSTRAINTS: Record<string, () => AppError> = {
  conventions_number_key: () =>
    new AppError(409, "CONVENTION_ALREADY_EXISTS", "Une convention porte déjà ce numéro. Enregistrez un avenant pour la modifier."),
  convention_amendments_convention_id_number_key: () =>
    new AppError(409, "AMENDMENT_NUMBER_TAKEN", "Un avenant porte déjà ce numéro pour cette convention."),
  users_email_idx: errors.emailTaken,
  convention_signatures_convention_id_organisation_id_key: () =>
    new AppError(409, "SIGNATURE_ALREADY_RECORDED", "Cette partie a déjà signé la convention dans Tandem."),
  job_seekers_ft_identifier_key: () => new AppError(409, "JOB_SEEKER_DUPLICATE", "Une personne porte déjà cet identifiant France Travail."),
  support_cases_one_open_idx: () =>
    new AppError(409, "SUPPORT_ALREADY_OPEN", "Cette personne a déjà un accompagnement global en cours : une seule orientation à la fois."),
};

type DatabaseError = Error & { code: string; severity: string; constraint?: string };

/** pg and PGlite both throw pg-protocol's DatabaseError: a severity and a five-character SQLSTATE. */
export const isDatabaseError = (error: unknown): error is DatabaseError =>
  error instanceof Error &&
  typeof (error as Partial<DatabaseError>).severity === "string" &&
  /^[0-9A-Z]{5}$/.test(String((error as Partial<DatabaseError>).code));
