import { describe, expect, it } from "vitest";
import { commune, communesOfDepartement, epci, resolveTerritory } from "./territories.js";

describe("territories from the official referential", () => {
  it("Troyes Champagne Métropole has its 81 member communes from its EPCI record (SIREN 200069250)", () => {
    const tcm = epci("200069250");
    expect(tcm.name).toBe("CA Troyes Champagne Métropole");
    expect(tcm.communes).toHaveLength(81);
    expect(tcm.communes).toContain("10387"); // Troyes
  });

  it("a département is its current communes", () => {
    const creuse = communesOfDepartement("23");
    expect(creuse).toContain("23096"); // Guéret
    expect(creuse.every((c) => c.startsWith("23"))).toBe(true);
    expect(communesOfDepartement("67")).toContain("67482"); // Strasbourg
  });

  it("refuses an unknown commune, EPCI or département", () => {
    expect(() => commune("99999")).toThrow(/Commune inconnue/);
    expect(() => epci("123456789")).toThrow(/EPCI inconnu/);
    expect(() => resolveTerritory({ departement: "00" })).toThrow(/Département inconnu/);
  });
});
