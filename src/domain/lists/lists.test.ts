import { describe, expect, it } from "vitest";
import { normaliseIdentifier, parseFrenchDate, validateLine } from "./lineValidation.js";
import { foldHeader, listsProvidedBy, suggestMapping } from "./listKinds.js";

describe("a received list's line", () => {
  it("reads jj/mm/aaaa dates and says when a date does not exist", () => {
    expect(parseFrenchDate("02/03/2025")).toEqual({ date: "2025-03-02" });
    expect(parseFrenchDate("2/3/2025")).toEqual({ date: "2025-03-02" });
    expect(parseFrenchDate("29/02/2024")).toEqual({ date: "2024-02-29" });
    expect(parseFrenchDate("31/02/1980")).toEqual({ message: "Cette date n’existe pas (31/02/1980)." });
    expect(parseFrenchDate("1980-02-01")).toEqual({ message: "Date attendue au format jj/mm/aaaa." });
  });

  it("cleans identifiers of stray spaces and accepts Corsican INSEE codes", () => {
    expect(normaliseIdentifier(" 1234 567a ")).toBe("1234567A");
    const mapping = { ft_identifier: "id", last_name: "nom", first_name: "prenom", address: "adr", commune_insee: "insee", registered_on: "date" };
    const cells: Record<string, string> = { id: "1234 567a", nom: "Casanova", prenom: "Ange", adr: "1 cours Napoléon", insee: "2a004", date: "01/03/2025" };
    const { row, issues } = validateLine("new_registrants", mapping, 2, (c) => cells[c], "2026-11-30");
    expect(issues).toEqual([]);
    expect(row).toMatchObject({ ftIdentifier: "1234567A", communeInsee: "2A004", registeredOn: "2025-03-01" });
  });

  it("a removal of the RSA list needs its reason and duration", () => {
    const mapping = { ft_identifier: "id", last_name: "n", first_name: "p", birth_date: "bd", commune_insee: "c", movement: "m", movement_on: "d", removal_reason: "r", removal_months: "du" };
    const cells: Record<string, string> = { id: "1234567A", n: "Kern", p: "Paul", bd: "12/05/1985", c: "67482", m: "Radiation", d: "15/10/2025", r: "", du: "13" };
    expect(validateLine("rsa_monthly", mapping, 7, (c) => cells[c], "2026-11-30").issues.map((i) => [i.column, i.message])).toEqual([
      ["du", "Durée de radiation : un nombre de mois de 1 à 12."],
      ["r", "Une radiation doit indiquer son motif."],
    ]);
  });
});

describe("which columns, which lists", () => {
  it("finds each field in a header written any way, in any order", () => {
    expect(foldHeader("Date d’inscription")).toBe("date d inscription");
    expect(suggestMapping("new_registrants", ["DATE_INSCRIPTION", "Prénom", "NOM", "Commune INSEE", "Adresse", "Identifiant FT"], null)).toEqual({
      ft_identifier: "Identifiant FT",
      last_name: "NOM",
      first_name: "Prénom",
      address: "Adresse",
      commune_insee: "Commune INSEE",
      registered_on: "DATE_INSCRIPTION",
    });
  });

  it("the new registrants come with a data-exchange annex that keeps received lists; the RSA list with global support and a département", () => {
    expect(listsProvidedBy({ kind: "data_exchange", hasReceivedListRetention: true, runsGlobalSupport: false, partnerIsDepartement: false })).toEqual(["new_registrants"]);
    expect(listsProvidedBy({ kind: "coordination", hasReceivedListRetention: false, runsGlobalSupport: true, partnerIsDepartement: true })).toEqual(["rsa_monthly"]);
    expect(listsProvidedBy({ kind: "cooperation", hasReceivedListRetention: false, runsGlobalSupport: true, partnerIsDepartement: false })).toEqual([]);
  });
});
