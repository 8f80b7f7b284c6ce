import type { PasswordInputProps } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { PASSWORD_MIN_LENGTH } from "../../../shared/roles";

/** The rules shown under a new-password field, after the hint PASSWORD_HINT. */
export const PASSWORD_HINT = "Votre mot de passe doit :";

export function passwordRules(password: string): { severity: PasswordInputProps.Severity; message: string }[] {
  return [
    { message: `Contenir au moins ${PASSWORD_MIN_LENGTH} caractères`, severity: password.length >= PASSWORD_MIN_LENGTH ? "valid" : "info" },
    { message: "Ne pas être un mot de passe courant, ni reposer sur votre nom, votre adresse ou le nom du service", severity: "info" },
  ];
}
