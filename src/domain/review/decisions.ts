/**
 * Decisions a portfolio review takes on a case (domain.md §4). Each one is applied to its
 * case at once, through the support capability's own use cases, and points back to the review.
 */
export const DECISION_KINDS = [
  "accept_entry",
  "refuse_entry",
  "renew",
  "exit",
  "reorient",
  "keep_social_only",
  "end_social_only",
  "other",
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_LABELS: Record<DecisionKind, string> = {
  accept_entry: "Entrée acceptée",
  refuse_entry: "Entrée refusée",
  renew: "Renouvellement",
  exit: "Sortie",
  reorient: "Réorientation",
  keep_social_only: "Maintien en accompagnement social exclusif",
  end_social_only: "Fin de l’accompagnement social exclusif (reprise)",
  other: "Autre",
};

export type DecisionInput = {
  kind: DecisionKind;
  exitType?: string | null;
  note?: string | null;
};

export type DecisionProblem = { code: string; message: string };

/** What a decision must carry before it can be applied; the case's own rules are checked by its state machine. */
export function checkDecision(d: DecisionInput, person: { rsa: boolean }): DecisionProblem | null {
  if (d.kind === "exit" && !d.exitType) {
    return { code: "REVIEW_EXIT_TYPE_REQUIRED", message: "Une sortie doit préciser son type." };
  }
  // domain.md §3 and [002 §5.2 a)]: the review acts the reorientation of RSA beneficiaries.
  if (d.kind === "reorient" && !person.rsa) {
    return { code: "REVIEW_REORIENT_RSA_ONLY", message: "La réorientation décidée en revue concerne les bénéficiaires du RSA." };
  }
  if (d.kind === "other" && !d.note?.trim()) {
    return { code: "REVIEW_NOTE_REQUIRED", message: "Une décision « Autre » doit être expliquée dans une note." };
  }
  return null;
}
