import { describe, expect, it } from "vitest";
import type { CalendarDelay, ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { addDays, addMonthsOrNextDay, isLastDayOfMonth } from "../shared/calendarDate.js";
import { obligations, terminationDate } from "./calendar.js";
import { dateProblems } from "./conventionDates.js";
import { afterEnd, anniversary, deadlineAfter, delayInterval, delayLabel, expiryAfter, latestNoticeDay, periodLastDay } from "./delays.js";
import { contractualYears } from "./finance.js";

/**
 * Delays with their unit and the calendar at month ends (ADR 0006). Every expected date is
 * written out by hand; none is recomputed by the code under test.
 */
const d = (value: number, unit: CalendarDelay["unit"]): CalendarDelay => ({ value, unit });

describe("addMonthsOrNextDay: the same day of the month, or the first day after a month that has none", () => {
  it.each([
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-01-31", 1, "2026-03-01"],
    ["2028-01-31", 1, "2028-03-01"],
    ["2026-01-29", 1, "2026-03-01"],
    ["2028-01-29", 1, "2028-02-29"],
    ["2026-03-31", 1, "2026-05-01"],
    ["2024-02-29", 12, "2025-03-01"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2026-05-31", -3, "2026-03-01"],
    ["2026-12-31", -10, "2026-03-01"],
    ["2027-01-01", -3, "2026-10-01"],
  ])("%s %+d months → %s", (from, months, expected) => {
    expect(addMonthsOrNextDay(from, months)).toBe(expected);
  });
  it("knows the last day of each month, leap years included", () => {
    expect(["2026-01-31", "2026-02-28", "2028-02-29", "2026-04-30", "2026-06-30", "2026-09-30", "2026-11-30", "2026-12-31"].every(isLastDayOfMonth)).toBe(true);
    expect(["2028-02-28", "2026-04-29", "2026-12-30", "2026-03-01"].some(isLastDayOfMonth)).toBe(false);
  });
});

describe("expiryAfter (art. 641): a delay run from an act or an event on a day", () => {
  it.each([
    ["2026-01-15", d(2, "months"), "2026-03-15"],
    ["2025-12-31", d(2, "months"), "2026-02-28"],
    ["2027-12-31", d(2, "months"), "2028-02-29"],
    ["2026-01-31", d(1, "months"), "2026-02-28"],
    ["2028-01-31", d(1, "months"), "2028-02-29"],
    ["2026-03-31", d(1, "months"), "2026-04-30"],
    ["2026-05-31", d(1, "months"), "2026-06-30"],
    ["2026-08-31", d(1, "months"), "2026-09-30"],
    ["2026-10-31", d(1, "months"), "2026-11-30"],
    ["2026-02-28", d(1, "months"), "2026-03-28"],
    ["2024-02-29", d(1, "years"), "2025-02-28"],
    ["2024-02-29", d(4, "years"), "2028-02-29"],
    ["2026-03-01", d(21, "days"), "2026-03-22"],
    ["2026-02-20", d(2, "weeks"), "2026-03-06"],
    ["2028-02-20", d(2, "weeks"), "2028-03-05"],
    ["2026-12-31", d(1, "days"), "2027-01-01"],
    ["2026-06-15", d(0, "months"), "2026-06-15"],
  ])("%s + %o → %s", (from, delay, expected) => {
    expect(expiryAfter(from, delay)).toBe(expected);
  });
});

describe("periodLastDay: a period that starts on a day (the start counted)", () => {
  it.each([
    ["2013-01-01", d(1, "years"), "2013-12-31"],
    ["2013-01-01", d(3, "years"), "2015-12-31"],
    ["2013-01-01", d(36, "months"), "2015-12-31"],
    ["2026-01-31", d(1, "months"), "2026-02-28"],
    ["2028-01-31", d(1, "months"), "2028-02-29"],
    ["2026-01-30", d(1, "months"), "2026-02-28"],
    ["2026-01-29", d(1, "months"), "2026-02-28"],
    ["2028-01-29", d(1, "months"), "2028-02-28"],
    ["2026-03-31", d(1, "months"), "2026-04-30"],
    ["2026-03-01", d(1, "months"), "2026-03-31"],
    ["2024-02-29", d(1, "years"), "2025-02-28"],
    ["2024-02-29", d(4, "years"), "2028-02-28"],
    ["2026-03-01", d(21, "days"), "2026-03-21"],
    ["2026-03-01", d(1, "weeks"), "2026-03-07"],
  ])("%s, %o → %s", (start, delay, expected) => {
    expect(periodLastDay(start, delay)).toBe(expected);
  });
});

describe("afterEnd: « N après la fin » runs from the day after the end, never from a clamped 28th or 30th", () => {
  it.each([
    ["2026-01-31", d(1, "months"), "2026-02-28"],
    ["2028-01-31", d(1, "months"), "2028-02-29"],
    ["2026-02-28", d(2, "months"), "2026-04-30"],
    ["2028-02-29", d(1, "months"), "2028-03-31"],
    ["2028-02-28", d(1, "months"), "2028-03-28"],
    ["2026-03-31", d(1, "months"), "2026-04-30"],
    ["2026-04-30", d(1, "months"), "2026-05-31"],
    ["2026-05-31", d(1, "months"), "2026-06-30"],
    ["2026-06-30", d(2, "months"), "2026-08-31"],
    ["2026-07-31", d(1, "months"), "2026-08-31"],
    ["2026-08-31", d(1, "months"), "2026-09-30"],
    ["2026-09-30", d(1, "months"), "2026-10-31"],
    ["2026-10-31", d(1, "months"), "2026-11-30"],
    ["2026-11-30", d(1, "months"), "2026-12-31"],
    ["2026-12-31", d(2, "months"), "2027-02-28"],
    ["2027-12-31", d(2, "months"), "2028-02-29"],
    ["2020-12-31", d(2, "months"), "2021-02-28"],
    ["2026-08-30", d(6, "months"), "2027-02-28"],
    ["2026-01-15", d(30, "days"), "2026-02-14"],
    ["2026-02-28", d(2, "weeks"), "2026-03-14"],
    ["2026-12-31", d(1, "years"), "2027-12-31"],
  ])("end %s + %o → %s", (end, delay, expected) => {
    expect(afterEnd(end, delay)).toBe(expected);
  });
});

describe("latestNoticeDay: « N avant l'échéance », from the anniversary (the day after the échéance)", () => {
  it.each([
    // Metz [004]: effective 1 January 2013, échéance 31 December, 3 months' notice.
    ["2014-01-01", d(3, "months"), "2013-09-30"],
    // An anniversary of 31 May: no 31 February, so the day before 1 March.
    ["2026-05-31", d(3, "months"), "2026-02-28"],
    ["2028-05-31", d(3, "months"), "2028-02-29"],
    // Échéance 30 November: the notice may come on 31 August (its 3 months end on 30 November), not only on 30 August.
    ["2026-12-01", d(3, "months"), "2026-08-31"],
    ["2026-03-31", d(1, "months"), "2026-02-28"],
    ["2028-03-30", d(1, "months"), "2028-02-29"],
    ["2028-03-29", d(1, "months"), "2028-02-28"],
    // Effective 29 February 2024: the échéance is 28 February 2026, the anniversary 1 March.
    ["2026-03-01", d(3, "months"), "2025-11-30"],
    ["2028-02-29", d(3, "months"), "2027-11-28"],
    ["2026-07-01", d(90, "days"), "2026-04-01"],
    ["2026-03-01", d(2, "weeks"), "2026-02-14"],
    ["2027-07-01", d(1, "years"), "2026-06-30"],
  ])("anniversary %s, notice %o → received at the latest on %s", (anniv, delay, expected) => {
    expect(latestNoticeDay(anniv, delay)).toBe(expected);
  });

  it("is the last day whose notice, run by art. 641, expires by the échéance", () => {
    // The day after it is too late, whatever the month.
    for (const [anniv, delay, latest] of [
      ["2026-05-31", d(3, "months"), "2026-02-28"],
      ["2026-12-01", d(3, "months"), "2026-08-31"],
      ["2028-02-29", d(3, "months"), "2027-11-28"],
    ] as const) {
      const echeance = addDays(anniv, -1);
      expect(expiryAfter(latest, delay) <= echeance).toBe(true);
      expect(expiryAfter(addDays(latest, 1), delay) > echeance).toBe(true);
    }
  });
});

describe("anniversaries of the effective date", () => {
  it.each([
    ["2024-02-29", 1, "2025-03-01"],
    ["2024-02-29", 2, "2026-03-01"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2013-01-01", 1, "2014-01-01"],
    ["2023-08-31", 1, "2024-08-31"],
  ])("%s, year %d → %s", (effective, k, expected) => {
    expect(anniversary(effective, k)).toBe(expected);
  });
  it("contractual years from 29 February end on 28 February and start again on 1 March", () => {
    expect(contractualYears("2024-02-29", "2027-02-28")).toEqual([
      { start: "2024-02-29", end: "2025-02-28" },
      { start: "2025-03-01", end: "2026-02-28" },
      { start: "2026-03-01", end: "2027-02-28" },
    ]);
  });
});

describe("hours give a date-time; calendar units a day", () => {
  it("36 hours from a discovery at 14:20 (Paris, winter) is 02:20 two days later; across the spring change still 36 elapsed hours", () => {
    expect(deadlineAfter(new Date("2026-01-12T13:20:00Z"), { value: 36, unit: "hours" })).toEqual({ dueAt: "2026-01-14T01:20:00.000Z" });
    expect(deadlineAfter(new Date("2026-03-28T10:00:00Z"), { value: 36, unit: "hours" })).toEqual({ dueAt: "2026-03-29T22:00:00.000Z" });
  });
  it("a month from a request received at 23:30 on 31 January (Paris) is the 28 February, the day of the request in Paris", () => {
    expect(deadlineAfter(new Date("2026-01-31T22:30:00Z"), { value: 1, unit: "months" })).toEqual({ dueOn: "2026-02-28" });
  });
  it("says each delay as the text does, and as a PostgreSQL interval", () => {
    expect([d(2, "months"), d(1, "days"), d(21, "days"), d(1, "weeks"), d(3, "years"), d(1, "years")].map(delayLabel)).toEqual([
      "2 mois",
      "1 jour",
      "21 jours",
      "1 semaine",
      "3 ans",
      "1 an",
    ]);
    expect(delayLabel({ value: 36, unit: "hours" })).toBe("36 heures");
    expect([d(21, "days"), d(2, "weeks"), d(1, "months"), d(2, "years")].map(delayInterval)).toEqual(["21 days", "14 days", "1 months", "24 months"]);
  });
});

/** Terms of a convention effective on 29 February 2024, for three years, with 3 months' notice before each yearly échéance. */
const leapTerms = {
  number: "ESSAI-BISSEXTILE",
  kind: "cooperation",
  annexOf: null,
  title: "Essai",
  object: "Essai",
  axes: [],
  legalReferences: [],
  parties: [],
  period: { effective: { date: "2024-02-29" }, endsOn: "2027-02-28", maxDuration: d(3, "years"), source: "essai art. 1" },
  termination: {
    notice: { delay: d(3, "months"), before: "yearly_anniversary", effectiveAfterReceipt: null, source: "essai art. 2" },
    breach: { effectiveAfterFormalNotice: d(15, "days"), suspendDataExchangeAtOnce: false, source: "essai art. 3" },
  },
  governance: [],
  commitments: [],
  finance: null,
  programmes: {},
  dataClauses: {
    receivedListRetention: null,
    destructionAfterEnd: { ...d(1, "months"), source: "essai art. 5" },
    breachNotice: null,
    rightsAnswer: null,
    processingLocation: null,
    source: "essai art. 4",
  },
  indicators: [],
} as unknown as ConventionTerms;
const leapDates = { effectiveOn: "2024-02-29", endsOn: "2027-02-28", signedOn: "2024-02-20", terminatedOn: null };

describe("the calendar of a convention effective on 29 February", () => {
  it("puts each notice deadline before the échéance of 28 February, and the purge a month after the end", () => {
    const list = obligations(leapTerms, leapDates);
    expect(list.filter((o) => o.kind === "notice").map((o) => [o.dueOn, o.label])).toEqual([
      ["2024-11-30", "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 28/02/2025)"],
      ["2025-11-30", "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 28/02/2026)"],
      ["2026-11-30", "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 28/02/2027)"],
    ]);
    expect(list.find((o) => o.kind === "data_purge")).toMatchObject({ dueOn: "2027-03-31", source: "essai art. 5" });
  });
  it("ends a terminated convention at the first échéance the notice still respects", () => {
    const on = (receivedOn: string, reason: "notice" | "breach" = "notice") => terminationDate(leapTerms, leapDates, { receivedOn, reason });
    expect(on("2025-11-30")).toBe("2026-02-28");
    expect(on("2025-12-01")).toBe("2027-02-28");
    expect(on("2024-11-30")).toBe("2025-02-28");
    expect(on("2026-01-31", "breach")).toBe("2026-02-15");
  });
  it("caps the duration at three years from 29 February: the end may be 28 February 2027, not 1 March", () => {
    expect(dateProblems(leapTerms, "2024-02-20")).toEqual([]);
    expect(dateProblems({ ...leapTerms, period: { ...leapTerms.period, endsOn: "2027-03-01" } }, "2024-02-20")).toEqual([
      { path: "period.endsOn", message: "La durée totale ne peut dépasser 3 ans à compter du 29/02/2024 (fin au plus tard le 28/02/2027)." },
    ]);
  });
});
