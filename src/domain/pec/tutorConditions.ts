import type { PecTerms } from "../../shared/contracts/conventionFile.js";

/**
 * The conditions a PEC tutor meets (000 art. 3.1 a, quoting R5134-38 du code du travail): « le tuteur
 * nommé est salarié, volontaire, qualifié, a une expérience professionnelle de deux ans, n'est pas
 * lui-même en CUI et ne se voit pas confier plus de trois salariés en contrat aidé simultanément ».
 * The numbers are the convention's (terms.tutor); each refusal has its own code and cites the rule.
 */
export type TutorFacts = {
  isEmployee: boolean;
  volunteer: boolean;
  qualification: string;
  yearsExperience: number;
  onSubsidisedContract: boolean;
  /** Subsidised employees already tutored: active PEC contracts in Tandem + others declared. */
  subsidisedEmployeesTutored: number;
};

export type TutorRefusal = { code: TutorRefusalCode; field: keyof TutorFacts; message: string };
export type TutorRefusalCode =
  | "PEC_TUTOR_NOT_EMPLOYEE"
  | "PEC_TUTOR_NOT_VOLUNTEER"
  | "PEC_TUTOR_NOT_QUALIFIED"
  | "PEC_TUTOR_EXPERIENCE"
  | "PEC_TUTOR_SUBSIDISED"
  | "PEC_TUTOR_TOO_MANY";

const RULE = "R5134-38 du code du travail";
const years = (n: number) => `${n} an${n >= 2 ? "s" : ""}`;

/** Every condition the tutor fails, in the order the convention states them (empty: the tutor may be named). */
export function tutorRefusals(facts: TutorFacts, terms: Pick<PecTerms, "tutor">, conventionNumber: string): TutorRefusal[] {
  const cite = `${RULE}, convention ${conventionNumber} (${terms.tutor.source})`;
  const refusals: TutorRefusal[] = [];
  if (!facts.isEmployee) refusals.push({ code: "PEC_TUTOR_NOT_EMPLOYEE", field: "isEmployee", message: `${cite} : le tuteur est un salarié de l’employeur.` });
  if (!facts.volunteer) refusals.push({ code: "PEC_TUTOR_NOT_VOLUNTEER", field: "volunteer", message: `${cite} : le tuteur est volontaire.` });
  if (facts.qualification.trim() === "") refusals.push({ code: "PEC_TUTOR_NOT_QUALIFIED", field: "qualification", message: `${cite} : le tuteur est qualifié (indiquez sa qualification).` });
  if (facts.yearsExperience < terms.tutor.minYearsExperience) {
    refusals.push({
      code: "PEC_TUTOR_EXPERIENCE",
      field: "yearsExperience",
      message: `${cite} : le tuteur a au moins ${years(terms.tutor.minYearsExperience)} d’expérience professionnelle (${years(facts.yearsExperience)} déclaré${facts.yearsExperience >= 2 ? "s" : ""}).`,
    });
  }
  if (facts.onSubsidisedContract) refusals.push({ code: "PEC_TUTOR_SUBSIDISED", field: "onSubsidisedContract", message: `${cite} : le tuteur n’est pas lui-même en contrat aidé (CUI).` });
  // Naming them for this contract adds one: refused when they already tutor the maximum.
  if (facts.subsidisedEmployeesTutored + 1 > terms.tutor.maxSubsidisedEmployees) {
    refusals.push({
      code: "PEC_TUTOR_TOO_MANY",
      field: "subsidisedEmployeesTutored",
      message: `${cite} : au plus ${terms.tutor.maxSubsidisedEmployees} salariés en contrat aidé simultanément ; ce tuteur en accompagne déjà ${facts.subsidisedEmployeesTutored}.`,
    });
  }
  return refusals;
}
