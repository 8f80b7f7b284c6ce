import { DECISION_KINDS, type DecisionKind } from "../../domain/review/decisions.js";
import type { ReviewItem } from "../../shared/contracts/review.js";

/** How a count of decisions reads in a sentence: « 1 entrée acceptée », « 3 entrées acceptées ». */
const COUNTED: Record<DecisionKind, [string, string]> = {
  accept_entry: ["entrée acceptée", "entrées acceptées"],
  refuse_entry: ["entrée refusée", "entrées refusées"],
  renew: ["renouvellement", "renouvellements"],
  exit: ["sortie", "sorties"],
  reorient: ["réorientation", "réorientations"],
  keep_social_only: ["maintien en accompagnement social exclusif", "maintiens en accompagnement social exclusif"],
  end_social_only: ["fin d’accompagnement social exclusif", "fins d’accompagnement social exclusif"],
  other: ["autre décision", "autres décisions"],
};
const NBSP = "\u00a0";
const counted = (n: number, [one, many]: [string, string]) => `${n}${NBSP}${n > 1 ? many : one}`;

export type Aggregate = { examined: number; undecided: number; decisions: { kind: DecisionKind; label: string; count: number }[] };

/** What a review did, in counts only (the decision in force of each case on the agenda, whichever version took it). */
export function aggregateOf(items: Pick<ReviewItem, "decision">[]): Aggregate {
  const decisions = DECISION_KINDS.map((kind) => {
    const count = items.filter((i) => i.decision?.kind === kind).length;
    return { kind, label: counted(count, COUNTED[kind]), count };
  }).filter((d) => d.count > 0);
  return { examined: items.length, undecided: items.filter((i) => !i.decision).length, decisions };
}

/** « 12 accompagnements examinés : 3 entrées acceptées, 2 renouvellements ; 7 sans décision. » — no person named. */
export function aggregateSentence(a: Aggregate): string {
  const head = counted(a.examined, ["accompagnement examiné", "accompagnements examinés"]);
  const parts = a.decisions.map((d) => d.label).join(", ");
  const rest = a.undecided > 0 ? `${parts ? " ; " : ""}${counted(a.undecided, ["sans décision", "sans décision"])}` : "";
  return `${head}${parts || rest ? `${NBSP}: ${parts}${rest}` : ""}.`;
}
