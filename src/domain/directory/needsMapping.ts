import type { BarrierCode } from "../support/vocabulary.js";

/**
 * What a barrier of a case (the conventions' list [002 art. 2 b)]) asks of the partners'
 * resources, as data·inclusion thématiques (schema 1.x referential, « famille--sous-thématique »).
 * A family written alone (`logement-hebergement`) stands for all its sub-thématiques: the barrier
 * says the field, not yet the precise need, and the professional narrows it on the page.
 *
 * Why each line:
 * - health: the conventions' health barrier is one « n’empêchant pas l’accès à l’emploi » — care,
 *   mental health, addictions, and the MDPH file when it becomes a disability matter;
 * - financial: budget and debt (the whole family), and food aid, the first emergency of a precarious budget;
 * - housing: the whole logement-hebergement family (find, keep, emergency shelter, rent arrears);
 * - administrative_legal: the whole family, and online public services, where most procedures now happen;
 * - family: childcare and caring for a dependant are the family constraints the conventions name;
 * - isolation: the remobilisation family (social ties, confidence, activities, volunteering);
 * - project_to_define: choisir-un-metier; no_qualification: training and basic skills;
 *   lack_of_experience: preparing applications; mobility: the whole mobilite family;
 * - distance_from_employment: remobilisation first, then organising the search;
 * - other: a barrier the pair described themselves has no field of its own: no suggestion.
 */
export const THEMATIQUES_BY_BARRIER: Record<BarrierCode, readonly string[]> = {
  health: ["sante--acces-aux-soins", "sante--sante-mentale", "sante--addictions", "sante--constituer-un-dossier-mdph-invalidite"],
  financial: ["difficultes-financieres", "equipement-et-alimentation--alimentation"],
  housing: ["logement-hebergement"],
  administrative_legal: ["difficultes-administratives-ou-juridiques", "numerique--acceder-a-des-services-en-ligne"],
  family: ["famille--garde-denfants", "famille--prise-en-charge-personne-dependante", "famille--soutien-aidants", "famille--soutien-a-la-parentalite-et-a-leducation"],
  isolation: ["remobilisation"],
  project_to_define: ["choisir-un-metier"],
  no_qualification: ["se-former", "lecture-ecriture-calcul"],
  lack_of_experience: ["preparer-sa-candidature"],
  mobility: ["mobilite"],
  distance_from_employment: ["remobilisation", "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi"],
  other: [],
};

/** The referential's thématiques a barrier maps to, families expanded against the referential given. */
export function thematiquesForBarrier(code: BarrierCode, referential: readonly string[]): string[] {
  const wanted = THEMATIQUES_BY_BARRIER[code];
  return referential.filter((t) => wanted.some((w) => t === w || t.startsWith(`${w}--`)));
}

/** The union for several barriers, without duplicates, in the referential's order. */
export function thematiquesForBarriers(codes: readonly BarrierCode[], referential: readonly string[]): string[] {
  const all = new Set(codes.flatMap((c) => thematiquesForBarrier(c, referential)));
  return referential.filter((t) => all.has(t));
}
