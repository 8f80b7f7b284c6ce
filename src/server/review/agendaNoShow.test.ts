import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * A no-show puts a case on the next review's agenda; a no-show recorded by mistake and then
 * cancelled counts for nothing (the appointment stays on the case page, struck through).
 */
let t: TestApp;
let advisor: TestClient;
let kept: string;
let cancelled: string;

const missedYesterday = async (caseId: string) => {
  const res = await advisor.post(`/api/support/cases/${caseId}/appointments`, { kind: "professional", scheduledOn: addDays(parisToday(), -1), status: "missed" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().appointments.find((a: { status: string }) => a.status === "missed").id as string;
};

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.basrhin");
  kept = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
  cancelled = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
  await missedYesterday(kept);
  const mistake = await missedYesterday(cancelled);
  const res = await advisor.post(`/api/support/cases/${cancelled}/appointments/${mistake}/cancellation`, { reason: "Saisi sur le mauvais dossier" });
  expect(res.statusCode, res.body).toBe(200);
}, 120_000);
afterAll(() => t?.close());

describe("the review's agenda and no-shows", () => {
  it("takes the case whose person missed an appointment, not the one whose no-show was cancelled", async () => {
    const options = (await advisor.get("/api/reviews/options")).json();
    const convention = options.conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG");
    const res = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [convention.agencies[0].id], heldOn: parisToday() });
    expect(res.statusCode, res.body).toBe(201);
    const review = (await advisor.get(`/api/reviews/${res.json().id}`)).json();
    const reasons = Object.fromEntries(review.items.map((i: { caseId: string; reasons: string[] }) => [i.caseId, i.reasons]));
    expect(reasons[kept]).toEqual(["no_show"]);
    expect(reasons[cancelled]).toBeUndefined();
  });
});
