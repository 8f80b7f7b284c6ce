import { describe, expect, it } from "vitest";
import { buildAgenda, type CaseSnapshot, secretariatFor } from "./agenda.js";

const base: CaseSnapshot = {
  caseId: "x",
  status: "active",
  periodEndsOn: "2027-06-30",
  maxEndsOn: "2027-12-31",
  renewalAvailable: true,
  pairDisagreement: false,
  noShowDates: [],
};
const opts = { reviewDate: "2026-11-20", previousReviewDate: "2026-10-20", horizonDays: 31 };

describe("agenda of a portfolio review", () => {
  it("lists who awaits entry, who is due for renewal, who reaches the maximum, social-only, disputes and no-shows", () => {
    const agenda = buildAgenda(
      [
        { ...base, caseId: "entry", status: "awaiting_entry", periodEndsOn: null, maxEndsOn: null },
        { ...base, caseId: "renewal", periodEndsOn: "2026-12-10" },
        { ...base, caseId: "max", periodEndsOn: "2026-12-10", renewalAvailable: false },
        { ...base, caseId: "hard-stop", periodEndsOn: "2026-12-15", maxEndsOn: "2026-12-15" },
        { ...base, caseId: "social", status: "social_only" },
        { ...base, caseId: "dispute", pairDisagreement: true },
        { ...base, caseId: "noshow", noShowDates: ["2026-11-02"] },
        { ...base, caseId: "old-noshow", noShowDates: ["2026-10-01"] },
        { ...base, caseId: "quiet" },
        { ...base, caseId: "gone", status: "exited", pairDisagreement: true, periodEndsOn: "2026-11-25" },
      ],
      opts,
    );
    expect(agenda).toEqual([
      { caseId: "entry", reasons: ["awaiting_entry"] },
      { caseId: "renewal", reasons: ["renewal_due"] },
      { caseId: "max", reasons: ["reaching_maximum"] },
      { caseId: "hard-stop", reasons: ["reaching_maximum"] },
      { caseId: "social", reasons: ["social_only"] },
      { caseId: "dispute", reasons: ["pair_disagreement"] },
      { caseId: "noshow", reasons: ["no_show"] },
    ]);
  });

  it("the horizon is the time to the next review: a period ending just after it waits", () => {
    expect(buildAgenda([{ ...base, periodEndsOn: "2026-12-22" }], opts)).toEqual([]);
    expect(buildAgenda([{ ...base, periodEndsOn: "2026-12-22" }], { ...opts, horizonDays: 62 })).toHaveLength(1);
  });

  it("the secretariat alternates between the advisor and the social worker when the convention says so", () => {
    expect([1, 2, 3].map((n) => secretariatFor(n, "alternate"))).toEqual(["advisor", "social_worker", "advisor"]);
    expect(secretariatFor(2, "advisor")).toBe("advisor");
  });
});
