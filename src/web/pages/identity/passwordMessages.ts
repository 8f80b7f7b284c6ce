import type { PasswordInputProps } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import type { ReactNode } from "react";
import { PASSWORD_MIN_LENGTH } from "../../../shared/roles";
import { ApiError } from "../../api";

/**
 * The rules shown under a new-password field (after the hint PASSWORD_HINT), and the server's
 * refusal of this field (too short, too common, built on the person's name…) right next to it.
 */
export const PASSWORD_HINT = "Votre mot de passe doit :";

export function passwordMessages(password: string, error: unknown, field: "newPassword" | "password"): { severity: PasswordInputProps.Severity; message: ReactNode }[] {
  const issues = error instanceof ApiError ? ((error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []) : [];
  const refusal = issues.find((i) => i.path === `body.${field}`)?.message;
  return [
    { message: `Contenir au moins ${PASSWORD_MIN_LENGTH} caractères`, severity: password.length >= PASSWORD_MIN_LENGTH ? "valid" : "info" },
    { message: "Ne pas être un mot de passe courant, ni reposer sur votre nom, votre adresse ou le nom du service", severity: "info" },
    ...(refusal ? [{ message: refusal, severity: "error" as const }] : []),
  ];
}

/**
 * The error for the page's alert: a password refusal whose own message is the alert's title does
 * not list it a second time (it is already next to the field).
 */
export function alertError(error: unknown, field: "newPassword" | "password"): unknown {
  if (!(error instanceof ApiError) || error.code === "VALIDATION_ERROR") return error;
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!issues?.some((i) => i.path === `body.${field}`)) return error;
  return new ApiError(error.status, error.code, error.message);
}
