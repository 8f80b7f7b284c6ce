import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, frenchDate, parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { appointmentIcs } from "./appointmentCalendar.js";
import { pdfText } from "../testing/pdfText.js";

/**
 * Appointments as the pair lives them (issue 9): a time and a place or modality, corrections and
 * cancellation with their history, the convocation sent to the person (letter, e-mail with an
 * iCalendar invitation).
 */

let t: TestApp;
let advisor: TestClient;
const today = parisToday();
const inTwoWeeks = addDays(today, 14);
const compact = (d: string) => d.replace(/-/g, "");

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.basrhin");
});
afterAll(() => t.close());

const runningCase = () => buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
const planned = { kind: "social", scheduledOn: inTwoWeeks, scheduledTime: "09:30", modality: "in_person", place: "CMS Meinau, 12 rue de Provence, Strasbourg" };
const appointmentsOf = async (id: string) => (await advisor.get(`/api/support/cases/${id}`)).json().appointments;
const timelineOf = async (id: string): Promise<string[]> => (await advisor.get(`/api/support/cases/${id}`)).json().timeline.map((e: { label: string }) => e.label);
const emailsTo = (address: string) =>
  t.db.query<{ subject: string; body_text: string; attachments: { filename: string; contentType: string; content: string }[] | null }>(
    "SELECT subject, body_text, attachments FROM emails WHERE to_address = $1 ORDER BY created_at, id",
    [address],
  );

/** The properties of an iCalendar text, lines unfolded (RFC 5545 §3.1). */
const icsLines = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean);

describe("an appointment has a time and a place or modality", () => {
  it("is stored and shown on the case page; in person without a place, or a video link that is not https, is refused next to its field", async () => {
    const id = await runningCase();
    const res = await advisor.post(`/api/support/cases/${id}/appointments`, planned);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().appointments).toEqual([
      expect.objectContaining({
        kind: "social",
        scheduledOn: inTwoWeeks,
        scheduledTime: "09:30",
        modality: "in_person",
        place: "CMS Meinau, 12 rue de Provence, Strasbourg",
        videoLink: null,
        status: "planned",
        professional: "Social Basrhin",
        cancelled: null,
        history: [],
      }),
    ]);

    const noPlace = await advisor.post(`/api/support/cases/${id}/appointments`, { ...planned, place: null });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().error.details.issues).toEqual([{ path: "body.place", message: "Indiquez le lieu du rendez-vous sur place." }]);
    const badLink = await advisor.post(`/api/support/cases/${id}/appointments`, { ...planned, modality: "video", place: null, videoLink: "http://visio.example.fr/abc" });
    expect(badLink.statusCode).toBe(400);
    expect(badLink.json().error.details.issues).toEqual([{ path: "body.videoLink", message: "Lien de visioconférence attendu, commençant par https://." }]);
    const video = await advisor.post(`/api/support/cases/${id}/appointments`, {
      kind: "professional",
      scheduledOn: inTwoWeeks,
      scheduledTime: "14:00",
      modality: "video",
      videoLink: "https://visio.francetravail.fr/rdv/abc",
      // A place typed before choosing the video is not kept.
      place: "Agence",
    });
    expect(video.json().appointments[1]).toMatchObject({ modality: "video", videoLink: "https://visio.francetravail.fr/rdv/abc", place: null, professional: "Conseiller Basrhin" });
  });
});

describe("an appointment is corrected or cancelled, with its history", () => {
  it("a correction is checked again by the date rules, and keeps the previous values in the history and on the timeline", async () => {
    const id = await runningCase();
    const [a] = (await advisor.post(`/api/support/cases/${id}/appointments`, planned)).json().appointments;
    const url = `/api/support/cases/${id}/appointments/${a.id}`;

    const wrong = await advisor.patch(url, { scheduledOn: "2015-03-10" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe("DATE_BEFORE_ENTRY");
    expect(wrong.json().error.details.issues[0]).toEqual({ path: "body.scheduledOn", message: expect.stringMatching(/^Un rendez-vous ne peut pas précéder l’entrée en accompagnement \(\d\d\/\d\d\/\d{4}\)\.$/) });
    expect((await appointmentsOf(id))[0]).toMatchObject({ scheduledOn: inTwoWeeks, history: [] });

    const later = addDays(today, 15);
    const fixed = await advisor.patch(url, { scheduledOn: later, scheduledTime: "10:00", modality: "phone" });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const [after] = fixed.json().appointments;
    expect(after).toMatchObject({ scheduledOn: later, scheduledTime: "10:00", modality: "phone", place: null });
    expect(after.history).toEqual([
      expect.objectContaining({
        kind: "correction",
        before: { scheduledOn: inTwoWeeks, scheduledTime: "09:30", modality: "in_person", place: "CMS Meinau, 12 rue de Provence, Strasbourg" },
        after: { scheduledOn: later, scheduledTime: "10:00", modality: "phone", place: null },
        changedBy: "Conseiller Basrhin",
      }),
    ]);
    expect((await timelineOf(id)).find((l) => l.includes("corrigé"))).toBe(
      `Rendez-vous social du ${frenchDate(inTwoWeeks)} corrigé : date ${frenchDate(inTwoWeeks)} → ${frenchDate(later)}, heure 09 h 30 → 10 h 00, modalité sur place → par téléphone, lieu CMS Meinau, 12 rue de Provence, Strasbourg → —`,
    );

    // Switching to in person without saying where is refused next to the place.
    const noPlace = await advisor.patch(url, { modality: "in_person" });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().error.details.issues).toEqual([{ path: "body.place", message: "Indiquez le lieu du rendez-vous sur place." }]);
  });

  it("a cancelled appointment no longer counts as the first one: the first-appointment deadline comes back", async () => {
    const id = await runningCase();
    const base = `/api/support/cases/${id}`;
    await advisor.post(`${base}/appointments`, { kind: "social", scheduledOn: addDays(today, -3), status: "attended" });
    const both = await advisor.post(`${base}/appointments`, { kind: "professional", scheduledOn: addDays(today, -2), status: "attended" });
    expect(both.json().deadlines.map((d: { kind: string }) => d.kind)).not.toContain("first_appointments");
    const social = both.json().appointments.find((a: { kind: string }) => a.kind === "social");

    const cancelled = await advisor.post(`${base}/appointments/${social.id}/cancellation`, { reason: "Saisi sur le mauvais dossier" });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const view = cancelled.json();
    expect(view.nextDeadline).toMatchObject({ kind: "first_appointments", label: "Premier rendez-vous social (objectif : 1 mois après l’entrée)" });
    expect(view.appointments.find((a: { id: string }) => a.id === social.id)).toMatchObject({
      cancelled: { on: today, reason: "Saisi sur le mauvais dossier" },
      history: [expect.objectContaining({ kind: "cancellation", reason: "Saisi sur le mauvais dossier" })],
    });
    const [row] = await t.db.query<{ first_social_appointment_on: string | null; next_deadline_kind: string }>(
      "SELECT first_social_appointment_on, next_deadline_kind FROM support_cases WHERE id = $1",
      [id],
    );
    expect(row).toEqual({ first_social_appointment_on: null, next_deadline_kind: "first_appointments" });
    expect(await timelineOf(id)).toContain(`Rendez-vous social du ${frenchDate(addDays(today, -3))} annulé : Saisi sur le mauvais dossier`);

    const again = await advisor.patch(`${base}/appointments/${social.id}`, { scheduledTime: "09:00" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("APPOINTMENT_CANCELLED");
  });

  it("only the pair corrects or cancels: an orienter who reads the case is refused (403), an outsider does not find it (404)", async () => {
    const id = await runningCase();
    const [a] = (await advisor.post(`/api/support/cases/${id}/appointments`, planned)).json().appointments;
    const url = `/api/support/cases/${id}/appointments/${a.id}`;
    const orienter = await t.loginAs("orienteur.basrhin");
    expect((await orienter.get(`/api/support/cases/${id}`)).statusCode).toBe(200);
    expect((await orienter.patch(url, { scheduledTime: "11:00" })).statusCode).toBe(403);
    expect((await orienter.post(`${url}/cancellation`, { reason: "Essai" })).statusCode).toBe(403);
    // The letter is authorised like the case page.
    expect((await orienter.get(`${url}/letter`)).statusCode).toBe(200);
    // Sending it to the person is the pair's act.
    expect((await orienter.post(`${url}/invitation`, {})).statusCode).toBe(403);
    const outsider = await t.loginAs("social.creuse");
    expect((await outsider.patch(url, { scheduledTime: "11:00" })).statusCode).toBe(404);
    expect((await outsider.get(`${url}/letter`)).statusCode).toBe(404);
    expect((await appointmentsOf(id))[0]).toMatchObject({ scheduledTime: "09:30", cancelled: null, history: [] });
  });
});

describe("the appointment is sent to the person", () => {
  it("the iCalendar invitation: a request in Paris time with its time zone, folded lines, CRLF", () => {
    const ics = appointmentIcs({
      method: "REQUEST",
      uid: "appointment-1@tandem.example.fr",
      sequence: 3,
      stamp: new Date("2026-12-01T08:00:00Z"),
      on: "2026-12-15",
      time: "09:30",
      durationMinutes: 60,
      summary: "Rendez-vous social avec Social Bas-Rhin (Ville de Strasbourg)",
      location: "CMS Meinau, 12 rue de Provence; Strasbourg",
      description: "sur place : CMS Meinau, 12 rue de Provence, Strasbourg. Apportez : une pièce d’identité, votre attestation de droits (CAF ou MSA) et les justificatifs utiles à votre situation.",
      url: null,
      organizer: { name: "Social Bas-Rhin (Ville de Strasbourg)", email: "social.basrhin@demo.tandem.fr" },
      attendee: { name: "Jeanne Martin", email: "jeanne.martin@example.fr" },
    });
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const lines = icsLines(ics);
    expect(lines).toEqual(
      expect.arrayContaining([
        "METHOD:REQUEST",
        "TZID:Europe/Paris",
        "UID:appointment-1@tandem.example.fr",
        "SEQUENCE:3",
        "DTSTAMP:20261201T080000Z",
        "DTSTART;TZID=Europe/Paris:20261215T093000",
        "DURATION:PT60M",
        "LOCATION:CMS Meinau\\, 12 rue de Provence\\; Strasbourg",
        "STATUS:CONFIRMED",
      ]),
    );
    expect(lines.indexOf("BEGIN:VTIMEZONE")).toBeLessThan(lines.indexOf("BEGIN:VEVENT"));
    expect(lines.find((l) => l.startsWith("ATTENDEE"))).toBe('ATTENDEE;CN="Jeanne Martin";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:jeanne.martin@example.fr');
  });

  it("by e-mail: refused without an address; sent with a REQUEST, its correction with SEQUENCE 1, its cancellation with CANCEL; no case note in it", async () => {
    const id = await runningCase();
    const base = `/api/support/cases/${id}`;
    const view = (await advisor.post(`${base}/notes`, { visibility: "pair", body: "Dettes de loyer importantes, dossier FSL en cours." })).json();
    const [a] = (await advisor.post(`${base}/appointments`, planned)).json().appointments;
    const [person] = await t.db.query<{ first_name: string; last_name: string }>("SELECT first_name, last_name FROM job_seekers WHERE id = $1", [view.person.id]);
    await t.db.query("UPDATE job_seekers SET email = NULL WHERE id = $1", [view.person.id]);

    const noAddress = await advisor.post(`${base}/appointments/${a.id}/invitation`, {});
    expect(noAddress.statusCode).toBe(409);
    expect(noAddress.json().error).toMatchObject({ code: "PERSON_WITHOUT_EMAIL" });
    expect((await advisor.get(base)).json().can.emailPerson).toBe(false);

    const address = `rdv-${a.id.slice(0, 8)}@example.fr`;
    expect((await advisor.patch(`/api/job-seekers/${view.person.id}`, { email: address })).statusCode).toBe(200);
    const sent = await advisor.post(`${base}/appointments/${a.id}/invitation`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().appointments[0].invitedAt).not.toBeNull();
    expect(sent.json().timeline.map((e: { label: string }) => e.label)).toContain(`Convocation au rendez-vous social du ${frenchDate(inTwoWeeks)} envoyée à la personne par courriel`);

    await advisor.patch(`${base}/appointments/${a.id}`, { scheduledTime: "10:15" });
    await advisor.post(`${base}/appointments/${a.id}/cancellation`, { reason: "La personne a trouvé un emploi" });

    const [request, update, cancel] = await emailsTo(address);
    expect(request.subject).toBe(`Rendez-vous d’accompagnement du ${frenchDate(inTwoWeeks)} à 09 h 30`.replace(/^R/, "r"));
    expect(request.body_text).toContain(`Bonjour ${person.first_name} ${person.last_name},`);
    expect(request.body_text).toContain("- sur place : CMS Meinau, 12 rue de Provence, Strasbourg ;");
    expect(request.body_text).toContain("- avec Social Basrhin (Département du Bas-Rhin).");
    for (const e of [request, update, cancel]) {
      expect(e.body_text).not.toContain("Dettes de loyer");
      expect(e.body_text).not.toContain("trouvé un emploi");
    }
    const uid = `UID:appointment-${a.id}@localhost`;
    expect(request.attachments).toEqual([expect.objectContaining({ filename: "invitation.ics", contentType: "text/calendar; charset=UTF-8; method=REQUEST" })]);
    expect(icsLines(request.attachments![0].content)).toEqual(
      expect.arrayContaining(["METHOD:REQUEST", uid, "SEQUENCE:0", `DTSTART;TZID=Europe/Paris:${compact(inTwoWeeks)}T093000`, `ATTENDEE;CN="${person.first_name} ${person.last_name}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${address}`]),
    );
    expect(update.subject.startsWith("Modifié : ")).toBe(true);
    expect(icsLines(update.attachments![0].content)).toEqual(expect.arrayContaining(["METHOD:REQUEST", uid, "SEQUENCE:1", `DTSTART;TZID=Europe/Paris:${compact(inTwoWeeks)}T101500`]));
    expect(cancel.subject.startsWith("Annulé : ")).toBe(true);
    expect(icsLines(cancel.attachments![0].content)).toEqual(expect.arrayContaining(["METHOD:CANCEL", uid, "SEQUENCE:2", "STATUS:CANCELLED"]));

    const afterCancel = await advisor.post(`${base}/appointments/${a.id}/invitation`, {});
    expect(afterCancel.statusCode).toBe(409);
    expect(afterCancel.json().error.code).toBe("APPOINTMENT_CANCELLED");
  });

  it("the convocation letter is a one-page PDF from the organisation with the date, the time and the place", async () => {
    const id = await runningCase();
    const [a] = (await advisor.post(`/api/support/cases/${id}/appointments`, planned)).json().appointments;
    const res = await advisor.get(`/api/support/cases/${id}/appointments/${a.id}/letter`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="convocation-${inTwoWeeks}.pdf"`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfText(pdf);
    const longDate = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${inTwoWeeks}T12:00:00Z`));
    for (const expected of ["Département du Bas-Rhin", "Objet : convocation à un rendez-vous d’accompagnement global", longDate, "09 h 30", "CMS Meinau, 12 rue de Provence, Strasbourg", "Social Basrhin (Département du Bas-Rhin)"]) {
      expect(text).toContain(expected);
    }
    // A past or held appointment has no convocation.
    const held = (await advisor.post(`/api/support/cases/${id}/appointments`, { kind: "professional", scheduledOn: today, status: "attended" })).json().appointments;
    const heldId = held.find((x: { status: string }) => x.status === "attended").id;
    expect((await advisor.get(`/api/support/cases/${id}/appointments/${heldId}/letter`)).json().error.code).toBe("APPOINTMENT_NOT_SENDABLE");
    // Nor does any appointment of a case that has ended.
    expect((await advisor.post(`/api/support/cases/${id}/exit`, { on: today, type: "sustainable_job" })).statusCode).toBe(200);
    const closed = await advisor.get(`/api/support/cases/${id}/appointments/${a.id}/letter`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toEqual({ code: "APPOINTMENT_NOT_SENDABLE", message: "Cet accompagnement est clos : il n’y a plus de convocation à envoyer." });
  });
});
