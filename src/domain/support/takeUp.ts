import { type CaseChange, assignPair, type SupportCaseFacts } from "./lifecycle.js";
import { SupportRuleViolation } from "./rules.js";

export type TakeUpSide = "france_travail" | "social";
type Member = { id: string; name: string };
/** Who holds each side of the case now (a side may be taken before the other). */
export type CaseSides = { advisor: Member | null; socialWorker: Member | null };

const BEFORE_ENTRY: SupportCaseFacts["status"][] = ["oriented", "diagnosed", "awaiting_entry"];

/**
 * « Prendre en charge »: an advisor takes the France Travail side of a newly oriented case, a
 * social worker its social side. A side already held by someone else is refused (the first one
 * wins; the other learns who). When both sides are held, the pair is chosen — by the lifecycle's
 * own pair rules (two distinct professionals, one of each kind, fixed once the support started).
 * Returns the side taken, the sides after, and the pair's change when the pair is now complete.
 */
export function takeUp(
  c: SupportCaseFacts,
  sides: CaseSides,
  who: Member & { isAdvisor: boolean; isSocialWorker: boolean },
): { side: TakeUpSide; sides: CaseSides; change: CaseChange; alreadyMine: boolean } {
  if (!BEFORE_ENTRY.includes(c.status)) {
    throw new SupportRuleViolation("CASE_NOT_TO_TAKE_UP", "Ce dossier n’est plus à attribuer : son accompagnement a commencé ou il est clos.");
  }
  if (!who.isAdvisor && !who.isSocialWorker) {
    throw new SupportRuleViolation("TAKE_UP_NEEDS_PROFESSIONAL", "Seul un conseiller France Travail ou un travailleur social prend en charge un accompagnement.");
  }
  const side: TakeUpSide = who.isAdvisor ? "france_travail" : "social";
  const holder = side === "france_travail" ? sides.advisor : sides.socialWorker;
  if (holder && holder.id !== who.id) {
    throw new SupportRuleViolation(
      "CASE_ALREADY_TAKEN_UP",
      side === "france_travail"
        ? `Ce dossier vient d’être pris en charge par ${holder.name} (conseiller France Travail) : il n’est plus à attribuer de ce côté.`
        : `Ce dossier vient d’être pris en charge par ${holder.name} (travailleur social) : il n’est plus à attribuer de ce côté.`,
      { side, takenBy: holder.name },
    );
  }
  const after: CaseSides = side === "france_travail" ? { ...sides, advisor: who } : { ...sides, socialWorker: who };
  const change =
    after.advisor && after.socialWorker && !holder
      ? assignPair(c, { advisor: { id: after.advisor.id, isAdvisor: true }, socialWorker: { id: after.socialWorker.id, isSocialWorker: true } })
      : {};
  return { side, sides: after, change, alreadyMine: holder !== null };
}
