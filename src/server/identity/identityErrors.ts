import { ORGANISATION_KIND_LABELS, type OrganisationKind, ROLE_LABELS, type Role } from "../../shared/roles.js";
import { AppError, errors } from "../platform/errors.js";
import type { RoleGrantRefusal } from "../platform/policies.js";

/** The errors of accounts, roles, login and passwords: a stable code, an HTTP status, a French message. */
export const identityErrors = {
  roleNotAllowedForKind: (role: Role, kind: OrganisationKind) =>
    new AppError(
      403,
      "ROLE_NOT_ALLOWED_FOR_ORGANISATION_KIND",
      `Le rôle « ${ROLE_LABELS[role]} » ne peut pas être attribué dans une organisation de type « ${ORGANISATION_KIND_LABELS[kind]} ».`,
      { role, organisationKind: kind },
    ),
  cannotChangeOwnRoles: () =>
    new AppError(
      403,
      "CANNOT_CHANGE_OWN_ROLES",
      "Vous ne pouvez pas modifier vos propres rôles : demandez-le à un autre administrateur de votre organisation.",
    ),
  /** Too many unsuccessful attempts from this address on this account, or on this account from everywhere. */
  loginThrottled: (retryAfterSeconds: number) =>
    new AppError(
      429,
      "LOGIN_THROTTLED",
      `Trop de tentatives de connexion infructueuses : réessayez dans ${retryAfterSeconds} secondes.`,
      { retryAfterSeconds },
    ),
  passwordTooCommon: (field: string) =>
    passwordError(
      "PASSWORD_TOO_COMMON",
      field,
      "Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un autre, par exemple une phrase de plusieurs mots.",
    ),
  passwordPredictable: (field: string) =>
    passwordError(
      "PASSWORD_PREDICTABLE",
      field,
      "Ce mot de passe repose sur votre nom, votre adresse électronique, le nom du service ou une date : choisissez-en un qui ne vous désigne pas.",
    ),
  passwordUnchanged: (field: string) =>
    passwordError("PASSWORD_UNCHANGED", field, "Le nouveau mot de passe doit être différent du mot de passe actuel."),
  /** The password changed between the check of the current one and the change (another session did it). */
  passwordChangedMeanwhile: () =>
    new AppError(409, "PASSWORD_CHANGED_MEANWHILE", "Votre mot de passe vient d’être modifié par ailleurs. Rechargez la page et recommencez."),
} as const;

/** A refusal of the policy, as the error its reason calls for. */
export function roleGrantError(refusal: RoleGrantRefusal, kind: OrganisationKind): AppError {
  switch (refusal.reason) {
    case "kind":
      return identityErrors.roleNotAllowedForKind(refusal.role, kind);
    case "own_roles":
      return identityErrors.cannotChangeOwnRoles();
    default:
      return errors.forbidden();
  }
}

/** A password refused by a rule: the message goes next to its field, like a validation error. */
const passwordError = (code: string, field: string, message: string) =>
  new AppError(400, code, message, { issues: [{ path: `body.${field}`, message }] });
