import { describe, expect, it } from "vitest";
import { breachNoticeDeadline, daysLate, lateLabel, lateSinceLabel, parisInstant, parisTimeExists, parisWallClock, rightsAnswerDueOn } from "./registerClocks.js";

/** [003 (annexe) art. 7]: answers to the persons within one month, breaches told to the other party within 36 hours. */
const ONE_MONTH = { value: 1, unit: "months" } as const;
const HOURS_36 = { value: 36, unit: "hours" } as const;

describe("the rights answer's due date (calendar months, art. 641)", () => {
  it("one month from 31 January is the last day of February, never 30 days", () => {
    expect(rightsAnswerDueOn("2027-01-31", ONE_MONTH)).toBe("2027-02-28");
    expect(rightsAnswerDueOn("2028-01-31", ONE_MONTH)).toBe("2028-02-29");
    expect(rightsAnswerDueOn("2027-03-15", ONE_MONTH)).toBe("2027-04-15");
  });
  it("counts days from the day after receipt", () => {
    expect(rightsAnswerDueOn("2027-01-31", { value: 15, unit: "days" })).toBe("2027-02-15");
  });
  it("says how late an open request is", () => {
    expect(daysLate("2027-02-28", "2027-03-03")).toBe(3);
    expect(daysLate("2027-02-28", "2027-02-28")).toBeNull();
    expect(lateLabel(3)).toBe("en retard de 3 jours");
    expect(lateLabel(1)).toBe("en retard d’un jour");
  });
});

describe("the breach notice deadline (elapsed hours, whatever the clocks do)", () => {
  it("36 hours from 22:30 the day before the spring change is 11:30 on the wall clock", () => {
    // Saturday 27 March 2027, 22:30 CET; the clocks go forward on Sunday 28 March at 02:00.
    const discovered = parisInstant("2027-03-27", "22:30");
    expect(discovered.toISOString()).toBe("2027-03-27T21:30:00.000Z");
    const deadline = breachNoticeDeadline(discovered, HOURS_36);
    expect(deadline.toISOString()).toBe("2027-03-29T09:30:00.000Z");
    expect(parisWallClock(deadline)).toEqual({ date: "2027-03-29", time: "11:30" });
  });
  it("36 hours from 22:30 the day before the autumn change is 09:30 on the wall clock", () => {
    // Saturday 24 October 2026, 22:30 CEST; the clocks go back on Sunday 25 October at 03:00.
    const deadline = breachNoticeDeadline(parisInstant("2026-10-24", "22:30"), HOURS_36);
    expect(deadline.toISOString()).toBe("2026-10-26T08:30:00.000Z");
    expect(parisWallClock(deadline)).toEqual({ date: "2026-10-26", time: "09:30" });
  });
  it("a delay in days ends at midnight (Paris) after its last day", () => {
    const deadline = breachNoticeDeadline(parisInstant("2027-03-27", "22:30"), { value: 2, unit: "days" });
    expect(deadline.toISOString()).toBe("2027-03-29T22:00:00.000Z");
  });
  it("knows the hour skipped in spring", () => {
    expect(parisTimeExists("2027-03-28", "02:30")).toBe(false);
    expect(parisTimeExists("2027-03-28", "03:30")).toBe(true);
    expect(parisInstant("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });
  it("says how late a notice is, in hours then in days", () => {
    const deadline = new Date("2027-03-29T09:30:00Z");
    expect(lateSinceLabel(deadline, new Date("2027-03-29T09:30:00Z"))).toBeNull();
    expect(lateSinceLabel(deadline, new Date("2027-03-29T10:00:00Z"))).toBe("en retard de moins d’une heure");
    expect(lateSinceLabel(deadline, new Date("2027-03-29T11:00:00Z"))).toBe("en retard d’une heure");
    expect(lateSinceLabel(deadline, new Date("2027-03-29T14:45:00Z"))).toBe("en retard de 5 heures");
    expect(lateSinceLabel(deadline, new Date("2027-04-01T09:30:00Z"))).toBe("en retard de 3 jours");
  });
});
