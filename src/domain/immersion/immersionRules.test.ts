import { describe, expect, it } from "vitest";
import { assessmentDueOn, assessmentRefusals, type ImmersionDraft, type ImmersionFacts, immersionRefusals } from "./immersionRules.js";

const facts: ImmersionFacts = {
  terms: { objects: ["discover", "confirm_project"], source: "000 art. 3.1 b" },
  hostTrades: ["K2204", "A1203"],
  convention: { number: "ROUEN-PARTENARIAT", effectiveOn: "2023-01-01", endsOn: "2028-12-31" },
  otherImmersionsWithHost: [],
};
const draft: ImmersionDraft = { objects: ["discover"], romeCode: "A1203", startsOn: "2026-03-02", endsOn: "2026-03-13", weeklyHours: 35 };
const codes = (d: Partial<ImmersionDraft>, f: Partial<ImmersionFacts> = {}) => immersionRefusals({ ...draft, ...d }, { ...facts, ...f }).map((r) => r.code);

describe("a PMSMP immersion", () => {
  it("is accepted with one object of the terms, a trade of the host and dates inside the convention", () => {
    expect(immersionRefusals(draft, facts)).toEqual([]);
  });

  it("has exactly one object: two objects are refused with the rule cited", () => {
    const [refusal, ...others] = immersionRefusals({ ...draft, objects: ["discover", "confirm_project"] }, facts);
    expect(others).toEqual([]);
    expect(refusal).toEqual({
      code: "IMMERSION_ONE_OBJECT",
      path: "object",
      message:
        "Une immersion a impérativement un seul des trois objets : découvrir un métier ou un secteur d’activité, confirmer un projet professionnel ou initier une démarche de recrutement (000 art. 3.1 b ; code du travail, art. L5135-1).",
    });
    expect(codes({ objects: [] })).toEqual(["IMMERSION_OBJECT_REQUIRED"]);
  });

  it("refuses an object the convention does not list", () => {
    const [refusal] = immersionRefusals({ ...draft, objects: ["initiate_recruitment"] }, facts);
    expect(refusal.code).toBe("IMMERSION_OBJECT_NOT_IN_TERMS");
    expect(refusal.message).toBe(
      "La convention ROUEN-PARTENARIAT ne prévoit pas cet objet ; objets prévus : « Découvrir un métier ou un secteur d’activité », « Confirmer un projet professionnel » (000 art. 3.1 b).",
    );
    expect(codes({ objects: ["stage"] })).toEqual(["IMMERSION_OBJECT_NOT_IN_TERMS"]);
  });

  it("refuses a trade outside the host's declared trades", () => {
    const [refusal] = immersionRefusals({ ...draft, romeCode: "M1602" }, facts);
    expect(refusal).toEqual({
      code: "IMMERSION_TRADE_NOT_HOSTED",
      path: "romeCode",
      message:
        "Ce métier n’est pas parmi ceux que la structure d’accueil a déclaré exercer : une immersion s’y fait dans la limite des métiers et compétences exercés en son sein (000 art. 3.1 b).",
    });
    expect(codes({}, { hostTrades: [] })).toEqual(["IMMERSION_TRADE_NOT_HOSTED"]);
  });

  it("checks its dates: order, inside the convention, one month « de date à date » at most", () => {
    expect(codes({ startsOn: "2026-03-13", endsOn: "2026-03-02" })).toEqual(["IMMERSION_DATES_ORDER"]);
    expect(codes({ startsOn: "2026-02-30" })).toEqual(["IMMERSION_DATE_INVALID"]);
    expect(codes({ startsOn: "2028-12-20", endsOn: "2029-01-05" })).toEqual(["IMMERSION_OUTSIDE_CONVENTION"]);
    expect(codes({ startsOn: "2026-03-05", endsOn: "2026-04-04" })).toEqual([]);
    const [tooLong] = immersionRefusals({ ...draft, startsOn: "2026-03-05", endsOn: "2026-04-05" }, facts);
    expect(tooLong).toEqual({
      code: "IMMERSION_TOO_LONG",
      path: "endsOn",
      message: "Une immersion dure au plus un mois de date à date : commencée le 05/03/2026, elle finit au plus tard le 04/04/2026 (Code du travail, art. D5135-3).",
    });
    // From 31 January, the month ends on the last day of February.
    expect(codes({ startsOn: "2026-01-31", endsOn: "2026-02-28" })).toEqual([]);
    expect(codes({ startsOn: "2026-01-31", endsOn: "2026-03-01" })).toEqual(["IMMERSION_TOO_LONG"]);
    expect(codes({ weeklyHours: 0 })).toEqual(["IMMERSION_WEEKLY_HOURS"]);
  });

  it("with the same host, at most two immersions and sixty days over twelve consecutive months", () => {
    const one = { startsOn: "2025-06-02", endsOn: "2025-06-30" };
    const two = { startsOn: "2025-09-01", endsOn: "2025-09-26" };
    expect(codes({}, { otherImmersionsWithHost: [one, two] })).toEqual(["IMMERSION_HOST_YEAR_COUNT"]);
    // 29 + 12 days: 41 days, allowed.
    expect(codes({}, { otherImmersionsWithHost: [one] })).toEqual([]);
    // March 2026 (31 days) + 29 days = 60: allowed; + 30 days = 61: refused.
    const march = { startsOn: "2026-03-01", endsOn: "2026-03-31" };
    expect(codes(march, { otherImmersionsWithHost: [{ startsOn: "2025-06-01", endsOn: "2025-06-29" }] })).toEqual([]);
    const [tooMany] = immersionRefusals({ ...draft, ...march }, { ...facts, otherImmersionsWithHost: [{ startsOn: "2025-06-01", endsOn: "2025-06-30" }] });
    expect(tooMany).toEqual({
      code: "IMMERSION_HOST_YEAR_DAYS",
      path: "endsOn",
      message: "Les immersions de cette personne dans cette structure dépasseraient soixante jours sur douze mois (61 jours) (Code du travail, art. D5135-3).",
    });
    // The twelve months end with this immersion's last day: March 2025 is outside them.
    expect(codes(march, { otherImmersionsWithHost: [{ startsOn: "2025-03-01", endsOn: "2025-03-31" }] })).toEqual([]);
    // An immersion ended more than twelve months before this one's end does not count.
    expect(codes({}, { otherImmersionsWithHost: [{ startsOn: "2025-02-02", endsOn: "2025-02-27" }, two] })).toEqual([]);
  });

  it("its assessment is due the convention's delay after the last day, and is dated between the start and today", () => {
    expect(assessmentDueOn("2026-03-20", { value: 15, unit: "days" })).toBe("2026-04-04");
    expect(assessmentDueOn("2026-01-31", { value: 1, unit: "months" })).toBe("2026-02-28");
    expect(assessmentRefusals({ assessedOn: "2026-03-01" }, { startsOn: "2026-03-02" }, "2026-11-30").map((r) => r.code)).toEqual(["IMMERSION_ASSESSMENT_BEFORE_START"]);
    expect(assessmentRefusals({ assessedOn: "2026-12-01" }, { startsOn: "2026-03-02" }, "2026-11-30").map((r) => r.code)).toEqual(["IMMERSION_ASSESSMENT_IN_FUTURE"]);
    expect(assessmentRefusals({ assessedOn: "2026-03-13" }, { startsOn: "2026-03-02" }, "2026-11-30")).toEqual([]);
  });
});
