import type { PasswordInputProps } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import type { ReactNode } from "react";
import { PASSWORD_MIN_LENGTH } from "../../../shared/roles";
import { ApiError } from "../../api";

/**
 * The rules shown under a new-password field, and the server's refusal of this field (too short,
 * too common, built on the person's name…) right next to it.
 */
export function passwordMessages(password: string, error: unknown, field: "newPassword" | "password"): { severity: PasswordInputProps.Severity; message: ReactNode }[] {
  const issues = error instanceof ApiError ? ((error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []) : [];
  const refusal = issues.find((i) => i.path === `body.${field}`)?.message;
  return [
    { message: `Au moins ${PASSWORD_MIN_LENGTH} caractères`, severity: password.length >= PASSWORD_MIN_LENGTH ? "valid" : "info" },
    { message: "Ni un mot de passe courant, ni votre nom ou votre adresse, ni le nom du service", severity: "info" },
    ...(refusal ? [{ message: refusal, severity: "error" as const }] : []),
  ];
}
