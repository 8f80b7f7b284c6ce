import { describe, expect, it } from "vitest";
import { addCounts, countRows, holdDateProblems, holdInForce, pendingStatus, purgeStatusLabel } from "./retention.js";

describe("retention rules (ADR 0032)", () => {
  it("a hold is in force from its first to its last day, both included", () => {
    const hold = { startsOn: "2027-01-10", endsOn: "2027-03-31" };
    expect([holdInForce(hold, "2027-01-09"), holdInForce(hold, "2027-01-10"), holdInForce(hold, "2027-03-31"), holdInForce(hold, "2027-04-01")]).toEqual([false, true, true, false]);
  });

  it("a hold's end follows its start and is not past", () => {
    expect(holdDateProblems("2027-03-01", "2027-03-01", "2027-02-01")).toEqual([{ field: "endsOn", message: "La fin de la conservation doit suivre son début (01/03/2027)." }]);
    expect(holdDateProblems("2026-01-01", "2027-01-31", "2027-02-01")).toEqual([{ field: "endsOn", message: "La fin de la conservation ne peut pas être passée (aujourd’hui : 01/02/2027)." }]);
    expect(holdDateProblems("2026-01-01", "2027-02-01", "2027-02-01")).toEqual([]);
  });

  it("says each status in French, a suspension with its hold's end", () => {
    expect(purgeStatusLabel("suspended", { holdUntil: "2027-12-31" })).toBe("suspendue (conservation légale jusqu’au 31/12/2027)");
    expect(["planned", "late", "running", "done", "failed"].map((s) => purgeStatusLabel(s as "done"))).toEqual(["à venir", "en retard", "en cours", "faite", "en échec"]);
    expect([pendingStatus("2027-03-02", "2027-03-02"), pendingStatus("2027-03-01", "2027-03-02")]).toEqual(["planned", "late"]);
  });

  it("adds a batch's counts and lists them in the journal's order, zeros left out", () => {
    expect(addCounts({ listRows: 5000, people: 2 }, { listRows: 1200, links: 3, people: 0 })).toEqual({ listRows: 6200, people: 2, links: 3 });
    expect(countRows({ people: 2, listRows: 6200, notes: 0 })).toEqual([
      { kind: "listRows", label: "lignes de la liste", count: 6200 },
      { kind: "people", label: "personnes supprimées", count: 2 },
    ]);
  });
});
