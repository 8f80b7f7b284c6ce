import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import { type TestApp, type TestClient, createTestApp } from "../testing/testApp.js";

/**
 * The Bas-Rhin convention's steering committee (002 art. 5.1: June and December, secretariat in
 * turn, France Travail first — the file lists it first). The demo extends the convention to the end
 * of the year after next, so the June 2025 committee is a slot it owes: its tenth, held by France Travail.
 */
let t: TestApp;
let ftSteering: TestClient;
let cdSteering: TestClient;
let advisor: TestClient;
let outsider: TestClient;
let conventionId = "";
let meetingId = "";
let actionId = "";
const address = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [address(local)]))[0].id;
const june = { bodyKey: "comite_pilotage", slotDueOn: "2025-06-30", heldOn: "2025-06-17", heldAt: "14:30", place: "Hôtel du Département, place du Quartier Blanc, Strasbourg" };
const icsLines = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);

beforeAll(async () => {
  t = await createTestApp();
  [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  ftSteering = await t.loginAs("pilotage.ft-basrhin");
  cdSteering = await t.loginAs("pilotage.basrhin");
  advisor = await t.loginAs("conseiller.basrhin");
  outsider = await t.loginAs("pilotage.creuse");
}, 120_000);
afterAll(async () => t?.close());

describe("meetings scheduled from the governance terms", () => {
  it("the convention page lists the bodies of the terms; a non-party learns nothing, a party member who does not steer may not schedule", async () => {
    const overview = await ftSteering.get(`/api/conventions/${conventionId}/governance`);
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.json().bodies.map((b: { key: string }) => b.key)).toEqual(["comite_pilotage", "seminaire", "instances_territoriales"]);
    expect(overview.json().canSchedule).toBe(true);

    const read = await outsider.get(`/api/conventions/${conventionId}/governance`);
    expect([read.statusCode, read.json().error.code]).toEqual([404, "CONVENTION_NOT_FOUND"]);
    const write = await outsider.post(`/api/conventions/${conventionId}/governance/meetings`, june);
    expect([write.statusCode, write.json().error.code]).toEqual([404, "CONVENTION_NOT_FOUND"]);
    const member = await advisor.post(`/api/conventions/${conventionId}/governance/meetings`, june);
    expect([member.statusCode, member.json().error.code]).toEqual([403, "GOVERNANCE_FORBIDDEN"]);
    expect((await advisor.get(`/api/conventions/${conventionId}/governance`)).json().canSchedule).toBe(false);
  });

  it("refuses a day before the convention's effect and a slot the terms do not owe, next to their field, creating nothing", async () => {
    const early = await ftSteering.post(`/api/conventions/${conventionId}/governance/meetings`, { ...june, slotDueOn: "2021-06-30", heldOn: "2020-12-15" });
    expect([early.statusCode, early.json().error.code]).toEqual([400, "GOVERNANCE_MEETING_DATE"]);
    expect(early.json().error.details.issues).toEqual([{ path: "heldOn", message: "La réunion ne peut pas précéder la prise d’effet de la convention (le 01/01/2021)." }]);
    const july = await ftSteering.post(`/api/conventions/${conventionId}/governance/meetings`, { ...june, slotDueOn: "2025-07-31" });
    expect([july.statusCode, july.json().error.code, july.json().error.details.issues[0].path]).toEqual([400, "GOVERNANCE_SLOT_UNKNOWN", "slotDueOn"]);
    const nowhere = await ftSteering.post(`/api/conventions/${conventionId}/governance/meetings`, { ...june, place: "" });
    expect(nowhere.statusCode).toBe(400);
    expect((await t.db.query("SELECT 1 FROM governance_meetings")).length).toBe(0);
    expect((await t.db.query("SELECT 1 FROM emails WHERE subject LIKE 'Invitation :%'")).length).toBe(0);
  });

  it("records the June 2025 committee, already held: France Travail's secretariat, the steering users of the acting parties invited, no e-mail for a past meeting", async () => {
    const res = await ftSteering.post(`/api/conventions/${conventionId}/governance/meetings`, june);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().invitationsSent).toBe(0);
    meetingId = res.json().id;
    expect((await t.db.query("SELECT 1 FROM emails WHERE subject LIKE 'Invitation :%'")).length).toBe(0);

    const again = await cdSteering.post(`/api/conventions/${conventionId}/governance/meetings`, { ...june, heldOn: "2025-06-24" });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "GOVERNANCE_SLOT_TAKEN"]);

    const meeting = (await ftSteering.get(`/api/governance/meetings/${meetingId}`)).json();
    expect(meeting.label).toBe("Comité de pilotage départemental de juin 2025");
    expect(meeting.secretariat).toEqual({ side: "france_travail", organisation: "France Travail — Agence Strasbourg Meinau" });
    // The Collectivité européenne d'Alsace succeeded the Département; its former services act under it.
    expect(meeting.invitees.map((i: { organisation: string }) => i.organisation)).toEqual([
      "Collectivité européenne d’Alsace",
      "Département du Bas-Rhin",
      "France Travail — Agence Strasbourg Meinau",
    ]);
    expect(meeting.agenda.commitments.map((c: { key: string }) => c.key)).toEqual(["conseillers_dedies", "portefeuille_actif"]);
    expect(meeting.agenda.deadlinesFrom).toBe("2025-06-17");
    expect(meeting.agenda.deadlinesTo).toBe("2025-12-31");
    expect(meeting.agenda.indicatorsUrl).toBe(`/conventions/${conventionId}/indicateurs`);
    // The figures of the last quarter ended before the meeting, as the dashboard gives them to a steering user.
    expect(meeting.agenda.figures.period).toBe("1er trimestre 2025");
    expect(meeting.agenda.figures.figures.map((f: { key: string }) => f.key)).toEqual([
      "entrees",
      "origine_orientations",
      "accompagnements_en_cours",
      "typologie",
      "sorties",
      "rapport_annuel",
      // The national ones, for every convention that runs global support.
      "orientations_demarrees_dans_le_delai",
      "premiers_rendez_vous_dans_le_delai",
      "absences_premier_rendez_vous",
      "delai_orientation_entree",
      "delai_entree_premier_rendez_vous",
      "duree_maximale_atteinte",
      "accompagnement_social_exclusif",
      "accompagnements_par_conseiller",
    ]);
    expect(meeting.agenda.figures.figures.find((f: { key: string }) => f.key === "rapport_annuel").display).toBe("Données non disponibles dans Tandem");

  });

  it("schedules next year's June committee: each invitee gets an e-mail with a valid iCalendar request", async () => {
    // The demo runs the convention to the end of the year after next: next year's June is owed, and ahead.
    const next = new Date().getFullYear() + 1;
    const res = await ftSteering.post(`/api/conventions/${conventionId}/governance/meetings`, {
      ...june,
      slotDueOn: `${next}-06-30`,
      heldOn: `${next}-06-16`,
      heldAt: "09:30",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().invitationsSent).toBe(3);
    const futureId = res.json().id;
    const mails = await t.db.query<{ to_address: string; subject: string; attachments: { filename: string; contentType: string; content: string }[] }>(
      "SELECT to_address, subject, attachments FROM emails WHERE subject LIKE 'Invitation :%' ORDER BY to_address",
    );
    expect(mails.map((m) => m.to_address)).toEqual([address("pilotage.alsace"), address("pilotage.basrhin"), address("pilotage.ft-basrhin")]);
    expect(mails[0].subject).toMatch(new RegExp(`^Invitation : Comité de pilotage départemental de juin ${next} — convention BAS-RHIN-2021-AG — \\p{L}+ 16 juin ${next} à 9 h 30$`, "u"));
    const [ics] = mails[0].attachments;
    expect(ics.contentType).toBe("text/calendar; charset=UTF-8; method=REQUEST");
    // A valid iCalendar text: CRLF lines of at most 75 octets, balanced components, the properties a request needs.
    expect(ics.content.endsWith("\r\n")).toBe(true);
    for (const line of ics.content.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const lines = icsLines(ics.content);
    expect(lines.filter((l) => l.startsWith("BEGIN:")).map((l) => l.slice(6))).toEqual(["VCALENDAR", "VTIMEZONE", "DAYLIGHT", "STANDARD", "VEVENT"]);
    expect(lines.filter((l) => l.startsWith("END:")).map((l) => l.slice(4))).toEqual(["DAYLIGHT", "STANDARD", "VTIMEZONE", "VEVENT", "VCALENDAR"]);
    expect(lines).toContain("METHOD:REQUEST");
    expect(lines).toContain(`UID:governance-meeting-${futureId}@localhost`);
    expect(lines).toContain(`DTSTART;TZID=Europe/Paris:${next}0616T093000`);
    expect(lines).toContain("LOCATION:Hôtel du Département\\, place du Quartier Blanc\\, Strasbourg");
    expect(lines.filter((l) => l.startsWith("ATTENDEE;")).length).toBe(3);
    expect(lines.find((l) => l.startsWith("ORGANIZER;"))).toContain(`mailto:${address("pilotage.ft-basrhin")}`);
  });
});

describe("agenda, minutes adopted by both sides, actions followed to done", () => {
  it("a member adds an item; minutes are refused before the meeting, then recorded; an action is refused before the meeting, then added", async () => {
    const item = await cdSteering.post(`/api/governance/meetings/${meetingId}/agenda-items`, { text: "Point sur les orientations du second semestre" });
    expect(item.statusCode, item.body).toBe(201);

    const early = await ftSteering.put(`/api/governance/meetings/${meetingId}/minutes`, { recordedOn: "2025-06-10", attendance: [], decisions: [] });
    expect([early.statusCode, early.json().error.code, early.json().error.details.issues[0].path]).toEqual([400, "GOVERNANCE_MINUTES_BEFORE_MEETING", "recordedOn"]);
    const attendance = [
      { userId: await userId("pilotage.ft-basrhin"), attendance: "present" },
      { userId: await userId("pilotage.basrhin"), attendance: "present" },
      { userId: await userId("pilotage.alsace"), attendance: "excused" },
    ];
    const minutes = await ftSteering.put(`/api/governance/meetings/${meetingId}/minutes`, {
      recordedOn: "2025-06-20",
      attendance,
      decisions: ["Les vingt conseillers dédiés sont confirmés pour le second semestre."],
    });
    expect(minutes.statusCode, minutes.body).toBe(200);
    expect(minutes.json()).toEqual({ version: 1 });

    const owner = await userId("pilotage.basrhin");
    const late = await ftSteering.post(`/api/governance/meetings/${meetingId}/actions`, { text: "Transmettre la liste des CTI", ownerId: owner, dueOn: "2025-06-01" });
    expect([late.statusCode, late.json().error.code, late.json().error.details.issues[0].path]).toEqual([400, "GOVERNANCE_ACTION_DUE_DATE", "dueOn"]);
    const action = await ftSteering.post(`/api/governance/meetings/${meetingId}/actions`, { text: "Transmettre la liste des CTI", ownerId: owner, dueOn: "2025-09-30" });
    expect(action.statusCode, action.body).toBe(201);
    actionId = action.json().id;

    const meeting = (await cdSteering.get(`/api/governance/meetings/${meetingId}`)).json();
    expect(meeting.agenda.items).toEqual([expect.objectContaining({ text: "Point sur les orientations du second semestre", author: "Pilotage Basrhin (Département du Bas-Rhin)" })]);
    expect(meeting.invitees.map((i: { attendance: string }) => i.attendance)).toEqual(["excused", "present", "present"]);
    expect(meeting.minutes.sidesToAdopt).toEqual(["france_travail", "partner"]);
    expect(meeting.can.adoptAs).toBe("partner");
  });

  it("each side adopts once; a non-steering member may not; adopted by both, the minutes lock and the meeting is held", async () => {
    const ft = await ftSteering.post(`/api/governance/meetings/${meetingId}/adoption`);
    expect([ft.statusCode, ft.json()]).toEqual([200, { adoptedByAll: false }]);
    const twice = await ftSteering.post(`/api/governance/meetings/${meetingId}/adoption`);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, "GOVERNANCE_ALREADY_ADOPTED"]);
    const member = await advisor.post(`/api/governance/meetings/${meetingId}/adoption`);
    expect([member.statusCode, member.json().error.code]).toEqual([403, "GOVERNANCE_NOT_ADOPTER"]);
    const stranger = await outsider.post(`/api/governance/meetings/${meetingId}/adoption`);
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, "GOVERNANCE_MEETING_NOT_FOUND"]);

    const cd = await cdSteering.post(`/api/governance/meetings/${meetingId}/adoption`);
    expect([cd.statusCode, cd.json()]).toEqual([200, { adoptedByAll: true }]);
    const meeting = (await ftSteering.get(`/api/governance/meetings/${meetingId}`)).json();
    expect(meeting.state).toBe("held");
    expect(meeting.minutes.adoptions.map((a: { side: string; organisation: string }) => [a.side, a.organisation])).toEqual([
      ["france_travail", "France Travail — Agence Strasbourg Meinau"],
      ["partner", "Département du Bas-Rhin"],
    ]);
    const item = await cdSteering.post(`/api/governance/meetings/${meetingId}/agenda-items`, { text: "Trop tard" });
    expect([item.statusCode, item.json().error.code]).toEqual([409, "GOVERNANCE_MINUTES_LOCKED"]);

    const overview = (await cdSteering.get(`/api/conventions/${conventionId}/governance`)).json();
    expect(overview.commitmentReviews).toEqual([
      { key: "conseillers_dedies", lastReviewedOn: "2025-06-17", meetingId },
      { key: "portefeuille_actif", lastReviewedOn: "2025-06-17", meetingId },
    ]);
    expect(overview.meetings.map((m: { label: string; state: string }) => [m.label, m.state])).toEqual([
      ["Comité de pilotage départemental de juin 2025", "held"],
      [`Comité de pilotage départemental de juin ${new Date().getFullYear() + 1}`, "scheduled"],
    ]);
    expect(overview.meetings[0]).toEqual({ id: meetingId, bodyKey: "comite_pilotage", label: "Comité de pilotage départemental de juin 2025", heldOn: "2025-06-17", heldAt: "14:30", state: "held" });

    const pdf = await cdSteering.get(`/api/governance/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await outsider.get(`/api/governance/meetings/${meetingId}/minutes.pdf`)).statusCode).toBe(404);
  });

  it("the action is followed until done by its owner; a non-party may not touch it", async () => {
    const open = (await ftSteering.get(`/api/conventions/${conventionId}/governance`)).json().openActions;
    expect(open.map((a: { id: string; status: string; owner: { name: string } }) => [a.id, a.status, a.owner.name])).toEqual([[actionId, "todo", "Pilotage Basrhin"]]);
    const stranger = await outsider.patch(`/api/governance/actions/${actionId}`, { status: "done" });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([404, "GOVERNANCE_MEETING_NOT_FOUND"]);
    const started = await cdSteering.patch(`/api/governance/actions/${actionId}`, { status: "in_progress" });
    expect([started.statusCode, started.json()]).toEqual([200, { status: "in_progress" }]);
    const done = await cdSteering.patch(`/api/governance/actions/${actionId}`, { status: "done" });
    expect([done.statusCode, done.json()]).toEqual([200, { status: "done" }]);
    expect((await ftSteering.get(`/api/conventions/${conventionId}/governance`)).json().openActions).toEqual([]);
    const [row] = await t.db.query<{ status: string; done: boolean }>("SELECT status, done_on IS NOT NULL AS done FROM governance_actions WHERE id = $1", [actionId]);
    expect(row).toEqual({ status: "done", done: true });
  });

  it("a correction re-opens the minutes as version 2, to be adopted again by both sides", async () => {
    const res = await ftSteering.put(`/api/governance/meetings/${meetingId}/minutes`, {
      recordedOn: "2025-06-20",
      attendance: [],
      decisions: ["Les vingt conseillers dédiés sont confirmés pour le second semestre.", "Le séminaire aura lieu en septembre."],
    });
    expect(res.json()).toEqual({ version: 2 });
    const meeting = (await cdSteering.get(`/api/governance/meetings/${meetingId}`)).json();
    expect([meeting.minutes.version, meeting.minutes.adoptedOn, meeting.minutes.adoptions, meeting.can.adoptAs]).toEqual([2, null, [], "partner"]);
    const audited = await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action LIKE 'governance.%' ORDER BY occurred_at, id");
    expect(audited.map((a) => a.action)).toEqual([
      "governance.meeting_scheduled",
      "governance.meeting_scheduled",
      "governance.agenda_item_added",
      "governance.minutes_recorded",
      "governance.action_added",
      "governance.minutes_adopted",
      "governance.minutes_adopted",
      "governance.minutes_downloaded",
      "governance.action_updated",
      "governance.action_updated",
      "governance.minutes_recorded",
    ]);
  });
});
