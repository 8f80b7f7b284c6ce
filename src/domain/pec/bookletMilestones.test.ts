import { describe, expect, it } from "vitest";
import { type BookletMilestoneTerm, bookletMilestones, bookletNoticeDays, contractLength, fractionDueOn } from "./bookletMilestones.js";

// Rouen's booklet terms (000 art. 3.1 a): month 1, mid-term, three quarters.
const ROUEN: BookletMilestoneTerm[] = [
  { label: "1er mois du contrat", after: { value: 1, unit: "months" } },
  { label: "Mi-parcours", fraction: "0.5" },
  { label: "Aux ¾ du contrat", fraction: "0.75" },
];
const dues = (startsOn: string, endsOn: string) => bookletMilestones({ startsOn, endsOn }, ROUEN).map((m) => [m.dueOn, m.withinContract]);

describe("booklet milestones (000 art. 3.1 a, ADR 0038)", () => {
  it("a 12-month contract: month 1, month 6, month 9 (« soit au 9ème mois pour un contrat de 12 mois »)", () => {
    expect(contractLength({ startsOn: "2026-01-05", endsOn: "2027-01-04" })).toEqual({ months: 12, days: 0 });
    expect(dues("2026-01-05", "2027-01-04")).toEqual([
      ["2026-02-04", true],
      ["2026-07-04", true],
      ["2026-10-04", true],
    ]);
  });

  it("a 12-month contract starting on 31 January: month ends are never skipped", () => {
    expect(dues("2026-01-31", "2027-01-30")).toEqual([
      ["2026-02-28", true],
      ["2026-07-30", true],
      ["2026-10-30", true],
    ]);
  });

  it("a 6-month contract: ¾ is 4 months and half of the 5th (31 days → 16 days, rounded up)", () => {
    expect(dues("2026-03-01", "2026-08-31")).toEqual([
      ["2026-03-31", true],
      ["2026-05-31", true],
      ["2026-07-16", true],
    ]);
  });

  it("a 9-month contract: ½ is 4.5 months, ¾ is 6.75 months, the fraction of a month counted in days of that month", () => {
    expect(dues("2026-01-05", "2026-10-04")).toEqual([
      ["2026-02-04", true],
      ["2026-05-20", true],
      ["2026-07-28", true],
    ]);
  });

  it("a 24-month contract starting on 31 January", () => {
    expect(contractLength({ startsOn: "2026-01-31", endsOn: "2028-01-30" })).toEqual({ months: 24, days: 0 });
    expect(dues("2026-01-31", "2028-01-30")).toEqual([
      ["2026-02-28", true],
      ["2027-01-30", true],
      ["2027-07-30", true],
    ]);
  });

  it("a renewal: the milestones are recomputed over the new length (6 months renewed to 12)", () => {
    expect(dues("2026-03-01", "2026-08-31").map(([d]) => d)).toEqual(["2026-03-31", "2026-05-31", "2026-07-16"]);
    expect(dues("2026-03-01", "2027-02-28").map(([d]) => d)).toEqual(["2026-03-31", "2026-08-31", "2026-11-30"]);
  });

  it("months then days: 6 months and 16 days, half is 3 months and 8 days", () => {
    expect(contractLength({ startsOn: "2026-01-05", endsOn: "2026-07-20" })).toEqual({ months: 6, days: 16 });
    expect(fractionDueOn({ startsOn: "2026-01-05", endsOn: "2026-07-20" }, "0.5")).toBe("2026-04-12");
  });

  it("an early end: a milestone due after the contract's last day has no booklet", () => {
    expect(dues("2026-01-05", "2026-01-31")).toEqual([
      ["2026-02-04", false],
      ["2026-01-18", true],
      ["2026-01-25", true],
    ]);
  });

  it("a contract ending before it starts is refused", () => {
    expect(() => contractLength({ startsOn: "2026-01-05", endsOn: "2026-01-04" })).toThrow(RangeError);
  });
});

describe("booklet e-mails (ADR 0038)", () => {
  it("7 days before, on the due date, 7 days after", () => {
    expect(bookletNoticeDays("2026-02-04", { remindBefore: { value: 7, unit: "days" }, remindAfter: { value: 7, unit: "days" } })).toEqual({
      before: "2026-01-28",
      invitation: "2026-02-04",
      after: "2026-02-11",
    });
  });
  it("in months, clamped to the month's end", () => {
    expect(bookletNoticeDays("2026-03-31", { remindBefore: { value: 1, unit: "months" }, remindAfter: { value: 1, unit: "months" } })).toEqual({
      before: "2026-02-28",
      invitation: "2026-03-31",
      after: "2026-04-30",
    });
  });
});
