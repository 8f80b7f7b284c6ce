import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, frenchDate, parisToday } from "../../domain/shared/calendarDate.js";
import { lastDayOf } from "../../domain/support/periods.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * Dates are plausible by the case's own dates, and a refusal says the rule with the date it
 * compares to (issue 9): a 400 with a stable code, the field at fault, and nothing changed.
 */

let t: TestApp;
let advisor: TestClient;
const today = parisToday();

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.basrhin");
});
afterAll(() => t.close());

/** A Bas-Rhin case of the Meinau advisor, entered some time ago when asked (oriented 15 days before). */
const basRhinCase = (entered?: { monthsAgo: number; daysAgo?: number }) =>
  buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", ...(entered ? { entered } : {}) });
const caseRow = async (id: string) =>
  (
    await t.db.query<{ oriented_on: string; entered_on: string | null; consent_given_on: string | null; next_deadline_kind: string | null; next_deadline_on: string | null }>(
      "SELECT oriented_on, entered_on, consent_given_on, next_deadline_kind, next_deadline_on FROM support_cases WHERE id = $1",
      [id],
    )
  )[0];
const countOf = async (sql: string, id: string) => Number((await t.db.query<{ n: string }>(sql, [id]))[0].n);

describe("events of a case are dated by the case's own dates", () => {
  it("an orientation dated before its convention applies, or tomorrow, is refused; nothing is created", async () => {
    const orienter = await t.loginAs("social.strasbourg");
    const [person] = await t.db.query<{ id: string }>(
      "SELECT id FROM job_seekers js WHERE commune_insee = '67482' AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) LIMIT 1",
    );
    const orient = (orientedOn: string) =>
      orienter.post("/api/support/cases", { jobSeekerId: person.id, origin: "city_social_service", orientedOn, barriers: [{ code: "housing" }, { code: "mobility" }] });
    const old = await orient("2015-06-01");
    expect(old.statusCode).toBe(400);
    const message = "L’orientation ne peut pas précéder l’entrée en vigueur de la convention n° BAS-RHIN-2021-AG (01/01/2021).";
    expect(old.json().error).toEqual({ code: "DATE_BEFORE_CONVENTION", message, details: { issues: [{ path: "body.orientedOn", message }] } });
    expect((await orient(addDays(today, 1))).json().error).toMatchObject({
      code: "DATE_IN_FUTURE",
      message: `L’orientation ne peut pas être datée après aujourd’hui (${frenchDate(today)}).`,
    });
    expect(await countOf("SELECT count(*) AS n FROM support_cases WHERE job_seeker_id = $1", person.id)).toBe(0);
    expect((await orient(addDays(today, -3))).statusCode).toBe(201);
  });

  it("a consent from 2019 on a case oriented this year: 400, with the orientation date in the message", async () => {
    const id = await basRhinCase();
    const { oriented_on, consent_given_on } = await caseRow(id);
    const res = await advisor.post(`/api/support/cases/${id}/consent`, { givenOn: "2019-05-14", method: "written" });
    expect(res.statusCode).toBe(400);
    const message = `Le consentement ne peut pas précéder l’orientation (${frenchDate(oriented_on)}).`;
    expect(res.json().error).toEqual({ code: "DATE_BEFORE_ORIENTATION", message, details: { issues: [{ path: "body.givenOn", message }] } });
    expect((await caseRow(id)).consent_given_on).toBe(consent_given_on);
  });

  it("an appointment from 2015 does not clear an overdue first-appointment deadline: refused, the deadline stays", async () => {
    const id = await basRhinCase({ monthsAgo: 2 });
    const before = await caseRow(id);
    expect(before.next_deadline_kind).toBe("first_appointments");
    expect(before.next_deadline_on! < today).toBe(true);
    const res = await advisor.post(`/api/support/cases/${id}/appointments`, { kind: "social", scheduledOn: "2015-03-10", status: "attended" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: "DATE_BEFORE_ENTRY",
      message: `Un rendez-vous ne peut pas précéder l’entrée en accompagnement (${frenchDate(before.entered_on)}).`,
      details: { issues: [{ path: "body.scheduledOn" }] },
    });
    const after = await caseRow(id);
    expect([after.next_deadline_kind, after.next_deadline_on]).toEqual(["first_appointments", before.next_deadline_on]);
    expect(await countOf("SELECT count(*) AS n FROM support_appointments WHERE case_id = $1", id)).toBe(0);
    const view = (await advisor.get(`/api/support/cases/${id}`)).json();
    expect(view.nextDeadline).toMatchObject({ kind: "first_appointments", urgency: "overdue" });
  });

  it("an attended appointment tomorrow, or a planned one last week, is refused with today's date", async () => {
    const id = await basRhinCase({ monthsAgo: 1 });
    const tomorrow = await advisor.post(`/api/support/cases/${id}/appointments`, { kind: "social", scheduledOn: addDays(today, 1), status: "attended" });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().error).toMatchObject({
      code: "DATE_IN_FUTURE",
      message: `Un rendez-vous qui a eu lieu (ou manqué) ne peut pas être daté après aujourd’hui (${frenchDate(today)}).`,
    });
    const lastWeek = await advisor.post(`/api/support/cases/${id}/appointments`, { kind: "social", scheduledOn: addDays(today, -7), status: "planned" });
    expect(lastWeek.statusCode).toBe(400);
    expect(lastWeek.json().error.code).toBe("DATE_IN_PAST");
    expect(await countOf("SELECT count(*) AS n FROM support_appointments WHERE case_id = $1", id)).toBe(0);
  });

  it("an exit dated before the last appointment held, or before the entry, is refused", async () => {
    const id = await basRhinCase({ monthsAgo: 1 });
    const heldOn = addDays(today, -3);
    expect((await advisor.post(`/api/support/cases/${id}/appointments`, { kind: "social", scheduledOn: heldOn, status: "attended" })).statusCode).toBe(200);
    const beforeAppointment = await advisor.post(`/api/support/cases/${id}/exit`, { on: addDays(today, -5), type: "sustainable_job" });
    expect(beforeAppointment.statusCode).toBe(400);
    expect(beforeAppointment.json().error).toMatchObject({
      code: "DATE_BEFORE_LAST_EVENT",
      message: `La sortie ne peut pas précéder le dernier fait enregistré, «\u00a0Rendez-vous social honoré\u00a0» (${frenchDate(heldOn)}).`,
    });
    expect((await advisor.post(`/api/support/cases/${id}/exit`, { on: heldOn, type: "sustainable_job" })).json().status).toBe("exited");

    const other = await basRhinCase({ monthsAgo: 1 });
    const entered = (await caseRow(other)).entered_on!;
    const beforeEntry = await advisor.post(`/api/support/cases/${other}/exit`, { on: addDays(entered, -1), type: "sustainable_job" });
    expect(beforeEntry.statusCode).toBe(400);
    expect(beforeEntry.json().error).toMatchObject({ code: "DATE_BEFORE_ENTRY", message: `La sortie ne peut pas précéder l’entrée en accompagnement (${frenchDate(entered)}).` });
  });

  it("a short job of 8 months is refused, citing the convention's limit; one of 5 months is recorded", async () => {
    const id = await basRhinCase({ monthsAgo: 2 });
    const startsOn = addDays(today, -10);
    const eightMonths = await advisor.post(`/api/support/cases/${id}/activities`, { kind: "short_job", startsOn, endsOn: addDays(addMonths(startsOn, 8), -1) });
    expect(eightMonths.statusCode).toBe(400);
    const message = `Un emploi court ou une formation courte dure moins de 6 mois (convention n° BAS-RHIN-2021-AG, 002 art. 2 g) — formation courte ou emploi d’une durée inférieure à 6 mois) : commencée le ${frenchDate(startsOn)}, l’activité doit finir au plus tard le ${frenchDate(addDays(lastDayOf(startsOn, 6), -1))}.`;
    expect(eightMonths.json().error).toEqual({ code: "SHORT_ACTIVITY_TOO_LONG", message, details: { issues: [{ path: "body.endsOn", message }] } });
    expect(await countOf("SELECT count(*) AS n FROM support_case_events WHERE case_id = $1 AND kind = 'short_job'", id)).toBe(0);

    const fiveMonths = await advisor.post(`/api/support/cases/${id}/activities`, { kind: "short_job", startsOn, endsOn: addMonths(startsOn, 5) });
    expect(fiveMonths.statusCode, fiveMonths.body).toBe(200);
    expect(fiveMonths.json().timeline.map((e: { kind: string }) => e.kind)).toContain("short_job");
  });
});

describe("a portfolio review is dated within its convention's period and cadence", () => {
  let conventionId: string;
  let agencyId: string;
  beforeAll(async () => {
    const options = (await advisor.get("/api/reviews/options")).json();
    const convention = options.conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG");
    conventionId = convention.id;
    agencyId = convention.agencies[0].id;
  });
  const schedule = (heldOn: string) => advisor.post("/api/reviews", { conventionId, agencyIds: [agencyId], heldOn });
  const reviewCount = async () => Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM portfolio_reviews WHERE convention_id = $1", [conventionId]))[0].n);

  it("reviews dated 2019 and 2030 are refused: the convention applies from 01/01/2021 to the end of the year after next", async () => {
    const before = await reviewCount();
    const endsOn = `${Number(today.slice(0, 4)) + 2}-12-31`;
    for (const heldOn of ["2019-06-03", "2030-06-03"]) {
      const res = await schedule(heldOn);
      expect(res.statusCode).toBe(400);
      const message = `Une revue de portefeuille se tient pendant l’application de la convention n° BAS-RHIN-2021-AG (du 01/01/2021 au ${frenchDate(endsOn)}) : le ${frenchDate(heldOn)} est en dehors.`;
      expect(res.json().error).toEqual({ code: "REVIEW_DATE_OUTSIDE_CONVENTION", message, details: { issues: [{ path: "body.heldOn", message }] } });
    }
    expect(await reviewCount()).toBe(before);
  });

  it("at the monthly cadence: not dated more than a month back, nor prepared more than a month ahead", async () => {
    const tooOld = await schedule(addMonths(today, -2));
    expect(tooOld.statusCode).toBe(400);
    expect(tooOld.json().error.code).toBe("REVIEW_DATE_TOO_OLD");
    expect(tooOld.json().error.message).toContain(`à partir du ${frenchDate(addMonths(today, -1))}`);
    const tooFar = await schedule(addMonths(today, 2));
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().error.code).toBe("REVIEW_DATE_TOO_FAR_AHEAD");
    expect(tooFar.json().error.message).toContain("002 art. 5.2 a)");
    expect(tooFar.json().error.message).toContain(`jusqu’au ${frenchDate(addMonths(today, 1))}`);
    expect((await schedule(addDays(today, -7))).statusCode).toBe(201);
    expect((await schedule(addDays(today, 14))).statusCode).toBe(201);
  });
});
