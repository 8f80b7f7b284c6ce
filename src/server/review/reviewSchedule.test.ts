import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dailyJobs } from "../jobs.js";
import { loadConfig } from "../platform/config.js";
import { createMailer } from "../platform/mail.js";
import { effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { minutesOf } from "./minutesOf.js";
import { sendReviewDueAlerts } from "./reviewDueAlerts.js";
import { reviewHeading } from "./reviewHeading.js";
import { findReview, type ReviewRow } from "./reviewRepository.js";
import { agencySchedules, reviewOptionsFor } from "./reviewSchedule.js";

let t: TestApp;
let advisor: SessionUser;
let agencyId: string;
let conventionId: string;

const sessionUser = async (localPart: string): Promise<SessionUser> => {
  const [u] = await t.db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] }>(
    "SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.email LIKE $1",
    [`${localPart}@%`],
  );
  return { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) };
};

/** A review of the agency held on a day, as scheduleReview records it (number and agencies). */
const holdReview = async (heldOn: string, sequence: number): Promise<string> => {
  const [{ id }] = await t.db.query<{ id: string }>(
    "INSERT INTO portfolio_reviews (convention_id, agency_ids, held_on, sequence, secretariat, status, created_by) VALUES ($1, $2, $3, $4, 'advisor', 'open', $5) RETURNING id",
    [conventionId, [agencyId], heldOn, sequence, advisor.id],
  );
  await t.db.query("INSERT INTO portfolio_review_agencies (review_id, convention_id, agency_id, sequence) VALUES ($1, $2, $3, $4)", [id, conventionId, agencyId, sequence]);
  return id;
};
let firstReview: string;

const schedulesOn = async (today: string) => agencySchedules(t.db, await reviewOptionsFor(t.db, advisor, today), today);

beforeAll(async () => {
  t = await createTestApp();
  // Bas-Rhin as a convention with bimonthly reviews, in effect from the last day of August and registered that day.
  await t.db.query(
    `UPDATE conventions SET effective_on = '2026-08-31', ends_on = '2027-12-31', created_at = '2026-08-31T08:00:00Z',
            base_terms = jsonb_set(base_terms, '{programmes,globalSupport,reviewCadenceMonths}', '2')
      WHERE number = 'BAS-RHIN-2021-AG'`,
  );
  [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  advisor = await sessionUser("conseiller.basrhin");
  agencyId = advisor.organisationId;
  await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482" });
});
afterAll(() => t.close());

describe("the reviews due at the convention's cadence", () => {
  it("the next bimonthly review of the agency and the late one, from the effective date at a month end", async () => {
    firstReview = await holdReview("2026-09-15", 1);
    const [meinau] = (await schedulesOn("2027-01-10")).filter((s) => s.conventionId === conventionId);
    expect(meinau).toMatchObject({ agencyName: "France Travail — Agence Strasbourg Meinau", cadenceMonths: 2, cadence: "bimestrielle" });
    expect(meinau.next).toEqual({ startsOn: "2026-12-31", dueOn: "2027-02-28", state: "due", heldOn: null });
    // 31/10 → 30/12 went by with no review: flagged late.
    expect(meinau.late).toEqual([{ startsOn: "2026-10-31", dueOn: "2026-12-30", state: "late", heldOn: null }]);
  });

  it("the route answers the reader's agencies with the cadence's wording", async () => {
    const client = await t.loginAs("conseiller.basrhin");
    const res = await client.get("/api/reviews/schedule");
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((i: { conventionId: string }) => i.conventionId === conventionId);
    expect(mine).toMatchObject({ agencyId, cadence: "bimestrielle", cadenceMonths: 2 });
  });

  it("alerts the agency's participants once per due review not prepared, and once for the late one", async () => {
    const before = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE kind = 'review_due'");
    expect(before[0].n).toBe(0);
    const deps = { db: t.db, config: loadConfig({ NODE_ENV: "test" }), mailer: createMailer(t.db, { from: "tandem@example.org" }) };
    // 10/01/2027: the review due 28/02 is more than 15 days away; the one due 30/12 is late.
    expect(await sendReviewDueAlerts(deps, "2027-01-10")).toBeGreaterThan(0);
    // 15/02/2027: the review due 28/02 is within 15 days and not prepared; the late one is not repeated.
    await sendReviewDueAlerts(deps, "2027-02-15");
    const count = async () => (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM review_due_alerts_sent WHERE convention_id = $1", [conventionId]))[0].n;
    const once = await count();
    await sendReviewDueAlerts(deps, "2027-02-16");
    expect(await count()).toBe(once);
    const mine = await t.db.query<{ title: string; body: string }>("SELECT title, body FROM notifications WHERE kind = 'review_due' AND user_id = $1 ORDER BY created_at, title", [advisor.id]);
    expect(mine.map((n) => n.title)).toEqual(["Revue en retard — France Travail — Agence Strasbourg Meinau", "Revue à préparer d’ici le 28/02/2027 — France Travail — Agence Strasbourg Meinau"]);
    expect(mine[1].body).toContain(
      "La revue bimestrielle de la convention BAS-RHIN-2021-AG pour France Travail — Agence Strasbourg Meinau est due le 28/02/2027 (période du 31/12/2026 au 28/02/2027) et n’est pas encore programmée.",
    );
    // The social worker paired with the agency's advisor is told too.
    const social = await sessionUser("social.basrhin");
    const theirs = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM notifications WHERE kind = 'review_due' AND user_id = $1", [social.id]);
    expect(theirs[0].n).toBe(2);
  });

  it("runs every day with the other daily jobs", () => {
    expect(dailyJobs.find((j) => j.name === "review-due-alerts")?.run).toBe(sendReviewDueAlerts);
  });

  it("a review prepared in the period stops the alert for it", async () => {
    await holdReview("2027-04-20", 2);
    const deps = { db: t.db, config: loadConfig({ NODE_ENV: "test" }), mailer: createMailer(t.db, { from: "tandem@example.org" }) };
    // 20/04/2027: the period 01/03 → 30/04 has its review prepared for the 20th.
    const sentFor = async () =>
      (await t.db.query<{ due_on: string }>("SELECT DISTINCT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM review_due_alerts_sent WHERE convention_id = $1 ORDER BY 1", [conventionId])).map((r) => r.due_on);
    expect(await sentFor()).toEqual(["2026-12-30", "2027-02-28"]);
    await sendReviewDueAlerts(deps, "2027-04-18");
    // 28/02 went by with no review: it is the late one now, already announced when it was due; nothing for the period under way.
    expect(await sentFor()).toEqual(["2026-12-30", "2027-02-28"]);
    const [meinau] = (await schedulesOn("2027-04-18")).filter((s) => s.conventionId === conventionId);
    expect(meinau.next).toEqual({ startsOn: "2027-03-01", dueOn: "2027-04-30", state: "scheduled", heldOn: "2027-04-20" });
  });
});

describe("every wording of a review follows the cadence", () => {
  it("the review page, the minutes and the follow-up e-mails say « bimestrielle »", async () => {
    const client = await t.loginAs("conseiller.basrhin");
    const review = (await client.get(`/api/reviews/${firstReview}`)).json();
    expect(review.cadence).toBe("bimestrielle");
    const row = await findReview(t.db, firstReview);
    expect((await minutesOf(t.db, row as ReviewRow, await reviewHeading(t.db, row as ReviewRow), [])).cadence).toBe("bimestrielle");
    expect((await client.post(`/api/reviews/${firstReview}/close`)).statusCode).toBe(200);
    const mails = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE subject LIKE 'Tableau de suivi%' AND body_text LIKE $1", [`%${firstReview}%`]);
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(m.body_text).toContain("Le tableau de suivi de cette revue de portefeuille bimestrielle est établi.");
  });
});
