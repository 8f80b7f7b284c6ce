import type { CalendarDate } from "../shared/calendarDate.js";
import { PROGRAMME_SOURCES } from "./rules.js";
import type { BarrierCategory, BarrierCode, ConsentMethod } from "./vocabulary.js";

export type BarrierFact = {
  category: BarrierCategory;
  code: BarrierCode;
  /** For a barrier outside the two lists: the day the advisor and the social worker agreed to admit it. */
  jointDecisionOn: CalendarDate | null;
  resolvedOn: CalendarDate | null;
};
export type ConsentFact = { givenOn: CalendarDate; method: ConsentMethod };
export type EligibilityGap = { code: string; message: string };

/** A barrier counts while it is not lifted, and, if it is not on the lists, once the pair has admitted it. */
export const countsForEligibility = (b: BarrierFact) => b.resolvedOn === null && (b.code !== "other" || b.jointDecisionOn !== null);

/**
 * The three conditions of eligibility [002 art. 2 b)]: registered at France Travail; at least one
 * social and one professional barrier; the person's free consent (with its date and how it was
 * collected). Everything missing is listed, in words a professional can act on.
 */
export function checkEligibility(input: { registered: boolean; barriers: BarrierFact[]; consent: ConsentFact | null }): {
  eligible: boolean;
  missing: EligibilityGap[];
} {
  const missing: EligibilityGap[] = [];
  if (!input.registered) {
    missing.push({ code: "NOT_REGISTERED", message: "La personne n’est pas inscrite à France Travail." });
  }
  const counted = input.barriers.filter(countsForEligibility);
  const pendingOther = input.barriers.some((b) => b.code === "other" && b.resolvedOn === null && b.jointDecisionOn === null);
  const otherHint = pendingOther ? " (un frein « autre » attend la décision commune du conseiller et du travailleur social)" : "";
  if (!counted.some((b) => b.category === "social")) {
    missing.push({ code: "NO_SOCIAL_BARRIER", message: `Aucun frein social n’est retenu${otherHint}.` });
  }
  if (!counted.some((b) => b.category === "professional")) {
    missing.push({ code: "NO_PROFESSIONAL_BARRIER", message: `Aucun frein professionnel n’est retenu${otherHint}.` });
  }
  if (!input.consent) {
    missing.push({ code: "NO_CONSENT", message: "Le consentement de la personne (date et manière de le recueillir) n’est pas enregistré." });
  }
  return { eligible: missing.length === 0, missing };
}

/** « Conditions d'éligibilité non remplies [002 art. 2 b)] : … » */
export const describeGaps = (gaps: EligibilityGap[]) =>
  `Conditions d’éligibilité non remplies [${PROGRAMME_SOURCES.eligibility}] : ${gaps.map((g) => lowerFirst(g.message.replace(/\.$/, ""))).join(" ; ")}.`;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
