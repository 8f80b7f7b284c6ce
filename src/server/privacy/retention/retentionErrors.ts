import { AppError } from "../../platform/errors.js";

const fieldError = (code: string, field: string, message: string, status = 400) => new AppError(status, code, message, { issues: [{ path: `body.${field}`, message }] });

/** Retention's errors (ADR 0032): stable codes, French messages, next to the field they concern. */
export const retentionErrors = {
  holdDates: (field: string, message: string) => fieldError("LEGAL_HOLD_DATES", field, message),
  subjectNotInReach: () =>
    fieldError("LEGAL_HOLD_SUBJECT_NOT_IN_REACH", "subjectId", "Votre organisation ne détient pas ce que vous voulez conserver (personne, convention ou liste reçue).", 403),
  listNotReceived: () => fieldError("LEGAL_HOLD_LIST_NOT_APPLIED", "subjectId", "Cette liste n’a pas été importée : il n’y a rien à conserver.", 409),
};
