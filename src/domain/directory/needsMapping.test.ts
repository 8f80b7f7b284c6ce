import { describe, expect, it } from "vitest";
import { THEMATIQUE_VALUES } from "../../shared/directoryReferentials.js";
import { BARRIER_CODES } from "../support/vocabulary.js";
import { THEMATIQUES_BY_BARRIER, thematiquesForBarrier, thematiquesForBarriers } from "./needsMapping.js";
import { classifyZoneCode, zoneIsNational } from "./zone.js";

describe("barrier → data·inclusion thématiques", () => {
  it("every barrier of the conventions has its line, and every line names the referential's own codes", () => {
    expect(Object.keys(THEMATIQUES_BY_BARRIER).sort()).toEqual([...BARRIER_CODES].sort());
    for (const [code, wanted] of Object.entries(THEMATIQUES_BY_BARRIER)) {
      for (const w of wanted) expect(THEMATIQUE_VALUES.some((t) => t === w || t.startsWith(`${w}--`)), `${code}: ${w}`).toBe(true);
    }
  });

  it("housing is the whole logement-hebergement family; mobility and housing together without duplicates", () => {
    expect(thematiquesForBarrier("housing", THEMATIQUE_VALUES)).toEqual([
      "logement-hebergement--acheter-un-logement",
      "logement-hebergement--changer-de-logement",
      "logement-hebergement--louer-un-logement",
      "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
      "logement-hebergement--reduire-les-impayes-de-loyer",
      "logement-hebergement--se-maintenir-dans-le-logement",
      "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
    ]);
    expect(thematiquesForBarriers(["housing", "mobility", "housing"], THEMATIQUE_VALUES)).toHaveLength(13);
    expect(thematiquesForBarrier("other", THEMATIQUE_VALUES)).toEqual([]);
  });
});

describe("zone_eligibilite codes", () => {
  it("a country is recognised before a commune; EPCI by its 9 digits; a département by 2 or 3 characters", () => {
    expect(classifyZoneCode("99100")).toEqual({ kind: "country", code: "99100", france: true });
    expect(classifyZoneCode("99134")).toEqual({ kind: "country", code: "99134", france: false });
    expect(classifyZoneCode("67482")).toEqual({ kind: "commune", code: "67482" });
    expect(classifyZoneCode("2A")).toEqual({ kind: "departement", code: "2A" });
    expect(classifyZoneCode("974")).toEqual({ kind: "departement", code: "974" });
    expect(classifyZoneCode("200069250")).toEqual({ kind: "epci", code: "200069250" });
    expect(classifyZoneCode("6748")).toBeNull();
    expect(zoneIsNational(["france"])).toBe(true);
    expect(zoneIsNational(["67", "99134"])).toBe(false);
  });
});

describe("thématique families", () => {
  it("every family of the referential has its French label", async () => {
    const { DI_THEMATIQUE_FAMILIES } = await import("../../shared/directoryReferentials.js");
    expect([...new Set(THEMATIQUE_VALUES.map((t) => t.split("--")[0]))].sort()).toEqual(Object.keys(DI_THEMATIQUE_FAMILIES).sort());
  });
});
