import type { DeadlineKind } from "../../domain/support/deadlines.js";

/** Short labels of a deadline kind, for lists where the full wording (with the terms) is not needed. */
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  start: "Démarrage de l’accompagnement",
  first_appointments: "Premiers rendez-vous",
  renewal_decision: "Renouvellement ou sortie à décider",
  exit_decision: "Sortie à décider (fin de l’accompagnement)",
  social_only_end: "Fin de l’accompagnement social exclusif",
  hard_stop: "Durée maximale atteinte",
};
