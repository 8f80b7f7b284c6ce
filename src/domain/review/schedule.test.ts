import { describe, expect, it } from "vitest";
import { reviewSchedule, reviewSlots } from "./schedule.js";

describe("the schedule of reviews at the convention's cadence", () => {
  it("every 2 months from an effective date at a month end: each due the last day of its period, never clamped", () => {
    const slots = reviewSlots({ effectiveOn: "2026-08-31", endsOn: "2027-12-31", cadenceMonths: 2 });
    expect(slots.map((s) => [s.startsOn, s.dueOn])).toEqual([
      ["2026-08-31", "2026-10-30"],
      ["2026-10-31", "2026-12-30"],
      ["2026-12-31", "2027-02-28"],
      ["2027-03-01", "2027-04-30"],
      ["2027-05-01", "2027-06-30"],
      ["2027-07-01", "2027-08-30"],
      ["2027-08-31", "2027-10-30"],
      ["2027-10-31", "2027-12-30"],
      // The last period is cut at the convention's end.
      ["2027-12-31", "2027-12-31"],
    ]);
  });

  it("from 29 February in a leap year, every 12 months", () => {
    const slots = reviewSlots({ effectiveOn: "2028-02-29", endsOn: "2031-02-28", cadenceMonths: 12 });
    expect(slots.map((s) => s.dueOn)).toEqual(["2029-02-28", "2030-02-28", "2031-02-28"]);
  });

  it("each period is held, scheduled, due, late or to come; the next one is the first not yet past", () => {
    const schedule = reviewSchedule({
      effectiveOn: "2026-08-31",
      endsOn: "2027-12-31",
      cadenceMonths: 2,
      today: "2027-01-10",
      since: "2026-08-31",
      reviews: ["2026-09-15", "2027-02-20"],
    });
    expect(schedule.late.map((s) => s.dueOn)).toEqual(["2026-12-30"]);
    expect(schedule.next).toEqual({ startsOn: "2026-12-31", dueOn: "2027-02-28", state: "scheduled", heldOn: "2027-02-20" });
    expect(schedule.slots.slice(0, 4).map((s) => s.state)).toEqual(["held", "late", "scheduled", "upcoming"]);
  });

  it("a period under way without a review is due; before the tracking start nothing is late", () => {
    const schedule = reviewSchedule({ effectiveOn: "2026-08-31", endsOn: "2027-12-31", cadenceMonths: 2, today: "2027-01-10", since: "2026-12-01", reviews: [] });
    expect(schedule.late.map((s) => s.dueOn)).toEqual(["2026-12-30"]);
    expect(schedule.next).toEqual({ startsOn: "2026-12-31", dueOn: "2027-02-28", state: "due", heldOn: null });
    const later = reviewSchedule({ effectiveOn: "2026-08-31", endsOn: "2027-12-31", cadenceMonths: 2, today: "2027-01-10", since: "2027-01-01", reviews: [] });
    expect(later.late).toEqual([]);
  });

  it("after the convention's end there is no next review", () => {
    const schedule = reviewSchedule({ effectiveOn: "2026-01-01", endsOn: "2026-06-30", cadenceMonths: 3, today: "2026-07-15", since: "2026-01-01", reviews: ["2026-02-01", "2026-05-01"] });
    expect(schedule.next).toBeNull();
    expect(schedule.late).toEqual([]);
  });
});

describe("once the review of the period under way is held", () => {
  it("the next one is that of the following period", () => {
    const schedule = reviewSchedule({ effectiveOn: "2026-12-01", endsOn: "2028-11-30", cadenceMonths: 2, today: "2027-01-10", since: "2026-12-01", reviews: ["2026-12-15", "2027-01-05"] });
    expect(schedule.next).toEqual({ startsOn: "2027-02-01", dueOn: "2027-03-31", state: "upcoming", heldOn: null });
    const before = reviewSchedule({ effectiveOn: "2026-12-01", endsOn: "2028-11-30", cadenceMonths: 2, today: "2026-12-10", since: "2026-12-01", reviews: [] });
    expect(before.next).toEqual({ startsOn: "2026-12-01", dueOn: "2027-01-31", state: "due", heldOn: null });
  });
});
