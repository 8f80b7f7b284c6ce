import { describe, expect, it } from "vitest";
import { extendedPeriodEnd, lastDayOf, renewedPeriodEnd } from "./periods.js";

describe("support periods « de quantième à quantième » (the rule of delays.ts)", () => {
  it.each([
    // [start, months, last day]
    ["2026-01-15", 6, "2026-07-14"],
    ["2026-01-31", 1, "2026-02-28"], // no 31 February: the last day of February, never the 27th
    ["2028-01-31", 1, "2028-02-29"], // leap year
    ["2026-01-30", 1, "2026-02-28"],
    ["2026-01-29", 1, "2026-02-28"],
    ["2028-01-29", 1, "2028-02-28"], // 29 February 2028 exists: the eve of it
    ["2026-01-28", 1, "2026-02-27"],
    ["2026-02-28", 1, "2026-03-27"],
    ["2028-02-29", 1, "2028-03-28"],
    ["2028-02-29", 12, "2029-02-28"], // no 29 February 2029: the last day of February
    ["2027-02-28", 12, "2028-02-27"],
    ["2026-03-31", 1, "2026-04-30"], // no 31 April
    ["2026-05-31", 1, "2026-06-30"],
    ["2026-08-31", 1, "2026-09-30"],
    ["2026-10-31", 1, "2026-11-30"],
    ["2026-12-31", 2, "2027-02-28"],
    ["2027-12-31", 2, "2028-02-29"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2027-08-31", 6, "2028-02-29"],
    ["2026-08-30", 6, "2027-02-28"],
    ["2026-03-01", 1, "2026-03-31"],
    ["2026-07-31", 12, "2027-07-30"],
  ])("a period from %s for %i months ends on %s", (start, months, last) => {
    expect(lastDayOf(start, months)).toBe(last);
  });

  it("a renewal counts from the entry: 6 months then 6 more end with the 12-month hard stop", () => {
    const enteredOn = "2026-08-31";
    const periodEndsOn = lastDayOf(enteredOn, 6);
    expect(periodEndsOn).toBe("2027-02-28");
    const maxEndsOn = lastDayOf(enteredOn, 12);
    expect(maxEndsOn).toBe("2027-08-30");
    expect(renewedPeriodEnd({ enteredOn, periodEndsOn }, 6, maxEndsOn)).toEqual({ endsOn: "2027-08-30", capped: false });
    expect(renewedPeriodEnd({ enteredOn, periodEndsOn }, 7, maxEndsOn)).toEqual({ endsOn: "2027-08-30", capped: true });
    expect(extendedPeriodEnd(enteredOn, periodEndsOn, 3)).toBe("2027-05-30");
  });

  it("a period that is not a whole number of months from the entry is extended from its next day", () => {
    expect(extendedPeriodEnd("2026-01-15", "2026-07-10", 1)).toBe("2026-08-10");
    expect(extendedPeriodEnd(null, "2026-01-30", 1)).toBe("2026-02-28");
  });
});
