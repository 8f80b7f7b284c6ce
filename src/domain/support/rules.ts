import type { GlobalSupportTerms } from "../convention/globalSupportTerms.js";

/**
 * A refused transition: a stable code and a French message that names the rule and where it is
 * written. Pure: the server turns it into a 409 (server/support/supportErrors.ts).
 */
export class SupportRuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * The programme's terms as the convention in force writes them, with the convention's number for
 * messages and its last day (its end, or the day its termination takes effect; ADR 0024).
 */
export type ProgrammeRules = { conventionNumber: string; terms: GlobalSupportTerms; conventionEndsOn?: string | null };

type TermKey = Exclude<keyof GlobalSupportTerms, "sources">;

/** « (convention n° X, 002 art. 2 g)) »: where a number of the terms comes from. */
export function citeTerm(rules: ProgrammeRules, key: TermKey): string {
  const source = rules.terms.sources[key];
  return source ? `(convention n° ${rules.conventionNumber}, ${source})` : `(convention n° ${rules.conventionNumber})`;
}

/** Rules that are not numbers of a convention but the programme's definition, cited where the seeds write them. */
export const PROGRAMME_SOURCES = {
  eligibility: "002 art. 2 b)",
  otherBarrierJointDecision: "002 art. 2 b) — freins autres : décision après échange entre le conseiller et le travailleur social",
  trustDiagnosisForPlatforms: "002 art. 2 e) — recours systématique à la confiance réciproque pour les plateformes 1 et 2",
  sharedDiagnosis: "002 art. 2 d) — diagnostic partagé entre le conseiller dédié et l’intervenant social",
  samePair: "002 art. 3.1 — un demandeur d’emploi est toujours accompagné par le même binôme",
  pairComposition: "002 art. 2 c) — un conseiller dédié et un intervenant social",
  // A quotation of the Bas-Rhin text (its reviews are monthly); Tandem's own wording follows each convention's cadence.
  disagreementToReview: "002 art. 2 e) : « en cas de désaccord, la situation est débattue en commission mensuelle »",
  socialOnly: "002 art. 2 axe 3 ; 001 art. 2.3 — adhésion du demandeur d’emploi et décision commune",
  shortActivities: "002 art. 2 g) — une formation courte ou un emploi court n’interrompt pas l’accompagnement",
} as const;
