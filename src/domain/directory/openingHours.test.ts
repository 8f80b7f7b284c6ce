import { describe, expect, it } from "vitest";
import { openingHoursProblem } from "./openingHours";

describe("OSM opening_hours (the subset a reception desk writes)", () => {
  it.each([
    "Mo-Fr 08:30-12:00,13:30-17:00",
    "Mo-Fr 08:30-12:30; PH off",
    "Tu-Th 09:00-12:00",
    "24/7",
    "Mo,We,Fr 09:00-12:00; Sa[1] 10:00-12:00",
    "Jan-Jun,Sep-Dec Mo-Fr 09:00-17:00; Jul-Aug Mo-Fr 09:00-12:00",
    "Dec 24-26 off",
    "week 01-26/2 We 14:00-16:00",
    "Mo-Fr 22:00-26:00",
    "Sa 18:00+",
    "Mo-Fr 08:00-12:00 \"sur rendez-vous l’après-midi\"",
    "Mo-Fr 09:00-17:00 || \"sur rendez-vous\"",
    "Mo-Fr 08:30-12:00, 13:30-17:00",
    "PH,SH off",
    "2026 Jan-Mar Mo 09:00-12:00",
  ])("accepts %s", (value) => {
    expect(openingHoursProblem(value)).toBeNull();
  });

  it.each([
    ["du lundi au vendredi de 9h à 17h", "du lundi au vendredi de 9h à 17h"],
    ["Mo-Fr 9h-17h", "9h-17h"],
    ["Mo-Fr 8:30-12:00", "8:30-12:00"],
    ["Lu-Ve 08:30-12:00", "Lu-Ve 08:30-12:00"],
    ["Mo-Fr 08:30-12:60", "08:30-12:60"],
    ["Mo-Fr 25:00-26:00", "25:00-26:00"],
    ["Mo-Fr 08:30", "08:30"],
    ["08:00-12:00 Mo-Fr", "Mo-Fr"],
    ["week 54 Mo 09:00-10:00", "week 54"],
    ["Mo-Fr 08:00-12:00;; Sa off", "(règle vide)"],
  ])("refuses %s, naming « %s »", (value, part) => {
    expect(openingHoursProblem(value)).toBe(
      `Horaires à écrire au format OpenStreetMap (par exemple « Mo-Fr 08:30-12:00,13:30-17:00; PH off ») : « ${part} » n’est pas compris.`,
    );
  });

  it("an empty text is no opening hours, not an error", () => {
    expect(openingHoursProblem("  ")).toBeNull();
  });
});
