import { describe, expect, it } from "vitest";
import { cadenceAdjective, cadenceDescription, cadenceWording, reviewWording } from "./cadence.js";

describe("the wording of a cadence in months", () => {
  it("gives the French adjective for the usual cadences, « tous les N mois » otherwise", () => {
    expect([1, 2, 3, 4, 6, 12].map(cadenceAdjective)).toEqual(["mensuelle", "bimestrielle", "trimestrielle", "quadrimestrielle", "semestrielle", "annuelle"]);
    expect(cadenceAdjective(5)).toBeNull();
    expect(cadenceWording(2)).toBe("bimestrielle");
    expect(cadenceWording(5)).toBe("tous les 5 mois");
    expect(cadenceWording(18)).toBe("tous les 18 mois");
  });

  it("names the review after it", () => {
    expect(reviewWording(1)).toBe("revue mensuelle");
    expect(reviewWording(2)).toBe("revue bimestrielle");
    expect(reviewWording(3)).toBe("revue trimestrielle");
    expect(reviewWording(4)).toBe("revue quadrimestrielle");
    expect(reviewWording(6)).toBe("revue semestrielle");
    expect(reviewWording(12)).toBe("revue annuelle");
    expect(reviewWording(5)).toBe("revue tous les 5 mois");
  });
});

describe("the cadence in a convention's terms", () => {
  it("says the adjective and the months", () => {
    expect(cadenceDescription(1)).toBe("mensuelle (chaque mois)");
    expect(cadenceDescription(2)).toBe("bimestrielle (tous les 2 mois)");
    expect(cadenceDescription(12)).toBe("annuelle (tous les 12 mois)");
    expect(cadenceDescription(5)).toBe("tous les 5 mois");
  });
});
