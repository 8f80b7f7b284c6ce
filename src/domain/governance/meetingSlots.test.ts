import { describe, expect, it } from "vitest";
import { adoptedByAll, dueSlots, meetingDateProblem, slotState } from "./meetingSlots.js";

const body = (over: Partial<Parameters<typeof dueSlots>[0]>) => ({
  key: "comite_pilotage",
  name: "Comité de pilotage",
  minPerYear: 1,
  requiredMonths: [] as number[],
  secretariat: "alternate",
  members: [],
  source: "test",
  ...over,
});

describe("due slots from the governance terms", () => {
  it("002 art. 5.1: June and December each year, secretariat alternating from the first listed party's side", () => {
    const slots = dueSlots(body({ minPerYear: 2, requiredMonths: [12, 6], name: "Comité de pilotage départemental" }), { effectiveOn: "2021-01-01", endsOn: "2022-12-31" }, "france_travail");
    expect(slots.map((s) => [s.from, s.dueOn, s.secretariat])).toEqual([
      ["2021-06-01", "2021-06-30", "france_travail"],
      ["2021-12-01", "2021-12-31", "partner"],
      ["2022-06-01", "2022-06-30", "france_travail"],
      ["2022-12-01", "2022-12-31", "partner"],
    ]);
    expect(slots[0].label).toBe("Comité de pilotage départemental de juin 2021");
  });

  it("« au moins une fois par an »: one slot a year counted from the effective date", () => {
    const slots = dueSlots(body({}), { effectiveOn: "2023-03-15", endsOn: "2025-03-14" }, "partner");
    expect(slots.map((s) => [s.from, s.dueOn, s.secretariat])).toEqual([
      ["2023-03-15", "2024-03-14", "partner"],
      ["2024-03-15", "2025-03-14", "france_travail"],
    ]);
  });

  it("three operational meetings a year: one every four months, the last one cut at the end", () => {
    const slots = dueSlots(body({ key: "operationnel", minPerYear: 3 }), { effectiveOn: "2020-01-01", endsOn: "2020-12-31" }, "france_travail");
    expect(slots.map((s) => [s.from, s.dueOn, s.secretariat])).toEqual([
      ["2020-01-01", "2020-04-30", "france_travail"],
      ["2020-05-01", "2020-08-31", "partner"],
      ["2020-09-01", "2020-12-31", "france_travail"],
    ]);
  });

  it("a secretariat the file gives to one side stays with it", () => {
    const slots = dueSlots(body({ minPerYear: 2, secretariat: "partner" }), { effectiveOn: "2020-01-01", endsOn: "2020-12-31" }, "france_travail");
    expect(slots.map((s) => s.secretariat)).toEqual(["partner", "partner"]);
  });

  it("held once adopted, overdue once the slot's month passed without that", () => {
    expect(slotState({ dueOn: "2026-06-30" }, null, "2026-07-01")).toBe("overdue");
    expect(slotState({ dueOn: "2026-06-30" }, { minutesAdoptedOn: null }, "2026-07-01")).toBe("overdue");
    expect(slotState({ dueOn: "2026-06-30" }, { minutesAdoptedOn: "2026-06-20" }, "2026-07-01")).toBe("held");
    expect(slotState({ dueOn: "2026-12-31" }, { minutesAdoptedOn: null }, "2026-07-01")).toBe("scheduled");
    expect(slotState({ dueOn: "2026-12-31" }, null, "2026-07-01")).toBe("due");
  });

  it("dates and adoption", () => {
    expect(meetingDateProblem("2020-12-31", { effectiveOn: "2021-01-01", endsOn: "2021-12-31" })).toBe("La réunion ne peut pas précéder la prise d’effet de la convention (le 01/01/2021).");
    expect(meetingDateProblem("2022-01-01", { effectiveOn: "2021-01-01", endsOn: "2021-12-31" })).toBe("La réunion ne peut pas suivre la fin de la convention (le 31/12/2021).");
    expect(meetingDateProblem("2021-06-15", { effectiveOn: "2021-01-01", endsOn: "2021-12-31" })).toBeNull();
    expect(adoptedByAll(["france_travail", "partner"], ["partner"])).toBe(false);
    expect(adoptedByAll(["france_travail", "partner"], ["partner", "france_travail"])).toBe(true);
  });
});
