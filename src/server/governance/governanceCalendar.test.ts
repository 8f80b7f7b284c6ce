import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { type TestApp, type TestClient, createTestApp } from "../testing/testApp.js";

/**
 * Governance in the obligations calendar (ADR 0034): the Bas-Rhin steering committee is due in June
 * and December; the convention's Échéances, « Mes échéances » and the iCalendar feed say of each
 * meeting due whether it is held, scheduled, overdue or still to schedule, read from the governance context.
 */
let t: TestApp;
let steering: TestClient;
let conventionId = "";
let heldId = "";
let scheduledId = "";
const year = Number(parisToday().slice(0, 4));
const key = (due: string) => `governance:comite_pilotage:${due}`;
const meeting = (slotDueOn: string, heldOn: string) => ({ bodyKey: "comite_pilotage", slotDueOn, heldOn, heldAt: "14:30", place: "Hôtel du Département, Strasbourg" });

beforeAll(async () => {
  t = await createTestApp();
  [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  steering = await t.loginAs("pilotage.ft-basrhin");
  const held = await steering.post(`/api/conventions/${conventionId}/governance/meetings`, meeting(`${year - 1}-06-30`, `${year - 1}-06-17`));
  expect(held.statusCode, held.body).toBe(201);
  heldId = held.json().id;
  // The minutes' adoption by each side is governance.test.ts's subject: here the adopted minutes are the setting.
  await t.db.query("UPDATE governance_meetings SET minutes_recorded_on = held_on, minutes_adopted_on = held_on WHERE id = $1", [heldId]);
  const scheduled = await steering.post(`/api/conventions/${conventionId}/governance/meetings`, meeting(`${year + 1}-06-30`, `${year + 1}-06-16`));
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  scheduledId = scheduled.json().id;
}, 180_000);
afterAll(async () => t?.close());

describe("governance meetings due in the obligations calendar", () => {
  it("the convention's Échéances say held, overdue, scheduled and to schedule, with the meeting", async () => {
    const res = await steering.get(`/api/conventions/${conventionId}`);
    expect(res.statusCode, res.body).toBe(200);
    const byKey = new Map(res.json().calendar.map((o: { key: string; governance?: unknown }) => [o.key, o.governance]));
    expect(byKey.get(key(`${year - 1}-06-30`))).toEqual({ state: "held", stateLabel: "Tenue", meetingId: heldId });
    expect(byKey.get(key(`${year - 1}-12-31`))).toEqual({ state: "overdue", stateLabel: "En retard", meetingId: null });
    expect(byKey.get(key(`${year + 1}-06-30`))).toEqual({ state: "scheduled", stateLabel: "Programmée", meetingId: scheduledId });
    expect(byKey.get(key(`${year + 1}-12-31`))).toEqual({ state: "due", stateLabel: "À programmer", meetingId: null });
    const end = res.json().calendar.find((o: { kind: string }) => o.kind === "end");
    expect(end.governance).toBeUndefined();
  });

  it("« Mes échéances » keeps last December's committee, overdue, and drops last June's, held", async () => {
    const res = await steering.get("/api/calendar");
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().obligations.filter((o: { conventionId: string }) => o.conventionId === conventionId);
    const keys = mine.map((o: { key: string }) => o.key);
    expect(keys).toContain(key(`${year - 1}-12-31`));
    expect(keys).not.toContain(key(`${year - 1}-06-30`));
    expect(mine.find((o: { key: string }) => o.key === key(`${year + 1}-06-30`)).governance.state).toBe("scheduled");
    // Past obligations other than an overdue meeting stay out, as before.
    expect(mine.filter((o: { dueOn: string; kind: string }) => o.dueOn < parisToday() && o.kind !== "governance")).toEqual([]);
  });

  it("the iCalendar feed says each meeting's state in its summary and description", async () => {
    const { feedUrl } = (await steering.post("/api/calendar/feed")).json();
    const feed = await t.client().get(new URL(feedUrl).pathname);
    expect(feed.statusCode).toBe(200);
    const events = feed.body.replace(/\r\n[ \t]/g, "").split("BEGIN:VEVENT").slice(1);
    const event = (due: string) => events.find((e) => e.includes(`UID:${conventionId}-${key(due)}@`))!;
    expect(event(`${year - 1}-12-31`)).toContain("SUMMARY:BAS-RHIN-2021-AG — Comité de pilotage départemental (réunion de décembre) — en retard\r\n");
    expect(event(`${year - 1}-12-31`)).toContain("DESCRIPTION:État de la réunion : En retard.\\nSource : ");
    expect(event(`${year + 1}-06-30`)).toContain("SUMMARY:BAS-RHIN-2021-AG — Comité de pilotage départemental (réunion de juin) — programmée\r\n");
  });

  it("no convention alert e-mail announces a steering committee already held; one still to hold is announced", async () => {
    const { sendConventionAlerts } = await import("../convention/conventionAlerts.js");
    const { loadConfig } = await import("../platform/config.js");
    const { createMailer } = await import("../platform/mail.js");
    const deps = { db: t.db, config: { ...loadConfig({}), conventionAlertDays: 30 }, mailer: createMailer(t.db, { from: "x@y.fr" }) };
    // Next year's June committee (scheduled on the 16th): on 10 June it is still to hold, on 20 June it was held (minutes not yet adopted).
    const mailsAbout = async (due: string) =>
      t.db.query<{ text: string }>("SELECT body_text AS text FROM emails WHERE to_address = 'pilotage.ft-basrhin@demo.tandem.fr' AND body_text LIKE $1", [`%Comité de pilotage départemental%, le ${due}.%`]);
    await t.db.query("UPDATE governance_meetings SET held_on = $2 WHERE id = $1", [scheduledId, `${year + 1}-06-16`]);
    await sendConventionAlerts(deps, `${year + 1}-06-20`);
    expect(await mailsAbout(`30/06/${year + 1}`)).toEqual([]);
    await t.db.query("UPDATE governance_meetings SET held_on = $2 WHERE id = $1", [scheduledId, `${year + 1}-06-25`]);
    await sendConventionAlerts(deps, `${year + 1}-06-10`);
    const mails = await mailsAbout(`30/06/${year + 1}`);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("Comité de pilotage départemental");
  });
});
