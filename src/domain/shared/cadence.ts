/**
 * How a cadence in months is said in French: the adjective the conventions use (« revue
 * bimestrielle », « commission trimestrielle »), or « tous les N mois » when there is none. Every
 * wording of a review follows the convention's cadence (issue 10): never a fixed « mensuelle ».
 * Feminine: it qualifies « revue » or « commission ».
 */
const ADJECTIVES: Record<number, string> = {
  1: "mensuelle",
  2: "bimestrielle",
  3: "trimestrielle",
  4: "quadrimestrielle",
  6: "semestrielle",
  12: "annuelle",
};

/** « bimestrielle » for 2 months; null when French has no adjective for the cadence. */
export const cadenceAdjective = (months: number): string | null => ADJECTIVES[months] ?? null;

/** « bimestrielle », or « tous les 5 mois »: what follows « revue » or « commission ». */
export const cadenceWording = (months: number): string => cadenceAdjective(months) ?? `tous les ${months} mois`;

/** « revue bimestrielle », « revue tous les 5 mois ». */
export const reviewWording = (months: number): string => `revue ${cadenceWording(months)}`;

/** « bimestrielle (tous les 2 mois) », « mensuelle (chaque mois) », « tous les 5 mois »: the cadence as a convention's terms show it. */
export function cadenceDescription(months: number): string {
  const adjective = cadenceAdjective(months);
  const every = months === 1 ? "chaque mois" : `tous les ${months} mois`;
  return adjective ? `${adjective} (${every})` : every;
}
