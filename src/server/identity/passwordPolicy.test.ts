import { describe, expect, it } from "vitest";
import { judgePassword } from "./passwordPolicy.js";

const lea = { email: "lea.martin@ccas-rouen.fr", firstName: "Léa", lastName: "Martin" };

describe("password rules", () => {
  it("refuses the most common passwords, whatever the case, and their base word dressed up with digits and symbols", () => {
    expect(judgePassword("password1234", lea)).toBe("common");
    expect(judgePassword("AZERTYUIOP", lea)).toBe("common");
    expect(judgePassword("Motdepasse2024!", lea)).toBe("common");
    expect(judgePassword("!!Soleil123456", lea)).toBe("common");
    expect(judgePassword("123456789012", lea)).toBe("common");
    expect(judgePassword("qwertyuiop12", lea)).toBe("common");
  });

  it("refuses a password of one or two characters repeated", () => {
    expect(judgePassword("aaaaaaaaaaaa", lea)).toBe("common");
    expect(judgePassword("abababababab", lea)).toBe("common");
  });

  it("refuses a password built on the person's name or address, or on the service's name, plus a year or a few characters", () => {
    expect(judgePassword("LeaMartin1999", lea)).toBe("predictable");
    expect(judgePassword("Martin.Léa.2026!", lea)).toBe("predictable");
    expect(judgePassword("lea.martin@ccas", lea)).toBe("predictable");
    expect(judgePassword("Tandem2026!!!!", lea)).toBe("predictable");
    expect(judgePassword("FranceTravail75", lea)).toBe("predictable");
    expect(judgePassword("tandem-password1", lea)).toBe("common");
  });

  it("accepts a passphrase, a random password, and a name inside a long enough phrase", () => {
    expect(judgePassword("quatre chats sur un toit", lea)).toBe("ok");
    expect(judgePassword("8#4!2&9@1%3^", lea)).toBe("ok");
    expect(judgePassword("Martin cueille des cerises", lea)).toBe("ok");
    expect(judgePassword("un nouveau mot de passe", lea)).toBe("ok");
  });
});
