import { describe, expect, it } from "vitest";
import { tutorRefusals, type TutorFacts } from "./tutorConditions.js";

// The terms of ROUEN-PARTENARIAT (000 art. 3.1 a), written here as the file says them.
const terms = { tutor: { minYearsExperience: 2, maxSubsidisedEmployees: 3, source: "000 art. 3.1 a" } };
const good: TutorFacts = { isEmployee: true, volunteer: true, qualification: "Agent de maîtrise espaces verts", yearsExperience: 8, onSubsidisedContract: false, subsidisedEmployeesTutored: 2 };
const refused = (change: Partial<TutorFacts>) => tutorRefusals({ ...good, ...change }, terms, "ROUEN-PARTENARIAT");

describe("a PEC tutor's conditions (R5134-38, 000 art. 3.1 a)", () => {
  it("accepts a qualified volunteer employee with 2 years, not subsidised, tutoring 2", () => {
    expect(tutorRefusals(good, terms, "ROUEN-PARTENARIAT")).toEqual([]);
    expect(refused({ yearsExperience: 2 })).toEqual([]);
  });

  it("refuses each condition with its own code and the rule cited", () => {
    expect(refused({ isEmployee: false })).toEqual([
      { code: "PEC_TUTOR_NOT_EMPLOYEE", field: "isEmployee", message: "R5134-38 du code du travail, convention ROUEN-PARTENARIAT (000 art. 3.1 a) : le tuteur est un salarié de l’employeur." },
    ]);
    expect(refused({ volunteer: false }).map((r) => r.code)).toEqual(["PEC_TUTOR_NOT_VOLUNTEER"]);
    expect(refused({ qualification: "  " }).map((r) => r.code)).toEqual(["PEC_TUTOR_NOT_QUALIFIED"]);
    expect(refused({ yearsExperience: 1 })).toEqual([
      {
        code: "PEC_TUTOR_EXPERIENCE",
        field: "yearsExperience",
        message: "R5134-38 du code du travail, convention ROUEN-PARTENARIAT (000 art. 3.1 a) : le tuteur a au moins 2 ans d’expérience professionnelle (1 an déclaré).",
      },
    ]);
    expect(refused({ onSubsidisedContract: true }).map((r) => r.code)).toEqual(["PEC_TUTOR_SUBSIDISED"]);
  });

  it("refuses a tutor who already tutors three subsidised employees", () => {
    expect(refused({ subsidisedEmployeesTutored: 3 })).toEqual([
      {
        code: "PEC_TUTOR_TOO_MANY",
        field: "subsidisedEmployeesTutored",
        message: "R5134-38 du code du travail, convention ROUEN-PARTENARIAT (000 art. 3.1 a) : au plus 3 salariés en contrat aidé simultanément ; ce tuteur en accompagne déjà 3.",
      },
    ]);
  });

  it("takes its numbers from the terms: a convention allowing 1 refuses a tutor of 1", () => {
    const strict = { tutor: { minYearsExperience: 5, maxSubsidisedEmployees: 1, source: "autre" } };
    expect(tutorRefusals({ ...good, yearsExperience: 4, subsidisedEmployeesTutored: 1 }, strict, "X").map((r) => r.code)).toEqual(["PEC_TUTOR_EXPERIENCE", "PEC_TUTOR_TOO_MANY"]);
  });
});
