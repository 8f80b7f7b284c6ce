import { periodLastDay } from "../convention/delays.js";
import { addDays, type CalendarDate } from "../shared/calendarDate.js";

/**
 * The schedule of portfolio reviews a convention sets (issue 10, ADR 0026): from its effective
 * date, one review per period of its cadence (« revues bimestrielles »: every 2 months), due at
 * the latest on the period's last day. The k-th period ends the day before the day bearing the
 * effective date's day of the month k × N months later (periodLastDay of delays.ts, « de quantième
 * à quantième »): counted from the effective date each time, never from the previous due date,
 * so that a month end does not drift (31 August → 30 October, 30 December, 28 February, 30 April…).
 * The last period is cut at the convention's end.
 */
export type ReviewSlot = { startsOn: CalendarDate; dueOn: CalendarDate };

export function reviewSlots(c: { effectiveOn: CalendarDate; endsOn: CalendarDate; cadenceMonths: number }): ReviewSlot[] {
  const slots: ReviewSlot[] = [];
  let startsOn = c.effectiveOn;
  for (let k = 1; startsOn <= c.endsOn; k++) {
    const last = periodLastDay(c.effectiveOn, { value: k * c.cadenceMonths, unit: "months" });
    const dueOn = last < c.endsOn ? last : c.endsOn;
    slots.push({ startsOn, dueOn });
    startsOn = addDays(dueOn, 1);
  }
  return slots;
}

/**
 * Where a period stands on `today`: a review of the agency held in it (held), one prepared for a
 * later day in it (scheduled), none yet while it runs (due), none by its last day (late — only
 * from `since`, the day Tandem tracks the convention: earlier periods were not Tandem's to hold,
 * they are `past`), or not begun (upcoming). The next review is the first period not past and not
 * yet held.
 */
export type SlotState = "held" | "scheduled" | "due" | "late" | "past" | "upcoming";
export type ScheduledSlot = ReviewSlot & { state: SlotState; heldOn: CalendarDate | null };

export function reviewSchedule(input: {
  effectiveOn: CalendarDate;
  endsOn: CalendarDate;
  cadenceMonths: number;
  today: CalendarDate;
  since: CalendarDate;
  /** The days of the agency's reviews under the convention (any order). */
  reviews: CalendarDate[];
}): { slots: ScheduledSlot[]; next: ScheduledSlot | null; late: ScheduledSlot[] } {
  const days = [...input.reviews].sort();
  const slots = reviewSlots(input).map((s): ScheduledSlot => {
    const inSlot = days.filter((d) => d >= s.startsOn && d <= s.dueOn);
    // The latest review held by today, or else the first one prepared ahead.
    const held = inSlot.filter((d) => d <= input.today).at(-1);
    const ahead = inSlot.find((d) => d > input.today);
    if (held) return { ...s, state: "held", heldOn: held };
    if (ahead) return { ...s, state: "scheduled", heldOn: ahead };
    if (s.startsOn > input.today) return { ...s, state: "upcoming", heldOn: null };
    if (s.dueOn >= input.today) return { ...s, state: "due", heldOn: null };
    return { ...s, state: s.dueOn >= input.since ? "late" : "past", heldOn: null };
  });
  // The next review: that of the period under way, or of the one after it once it is held.
  return { slots, next: slots.find((s) => s.dueOn >= input.today && s.state !== "held") ?? null, late: slots.filter((s) => s.state === "late") };
}
