import { escapeText, fold, PARIS_TIMEZONE, utcStamp } from "../platform/icalendar.js";
import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";

/** A governance meeting lasts two hours in the invitation: a display choice, not a convention term. */
export const MEETING_MINUTES = 120;

export type MeetingInvitation = {
  meetingId: string;
  host: string;
  stamp: Date;
  on: string;
  at: string;
  summary: string;
  location: string;
  description: string;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
};

const quoteParam = (s: string) => `"${s.replace(/"/g, "'")}"`;

/** The meeting as an iCalendar request (RFC 5545 / 5546 METHOD:REQUEST), in Paris time, every invitee listed. */
export function meetingIcs(i: MeetingInvitation): string {
  const start = `${i.on.replace(/-/g, "")}T${i.at.replace(":", "")}00`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tandem//Gouvernance des conventions//FR",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    ...PARIS_TIMEZONE,
    "BEGIN:VEVENT",
    `UID:governance-meeting-${i.meetingId}@${i.host}`,
    "SEQUENCE:0",
    `DTSTAMP:${utcStamp(i.stamp)}`,
    `DTSTART;TZID=Europe/Paris:${start}`,
    `DURATION:PT${MEETING_MINUTES}M`,
    `SUMMARY:${escapeText(i.summary)}`,
    `LOCATION:${escapeText(i.location)}`,
    `DESCRIPTION:${escapeText(i.description)}`,
    `ORGANIZER;CN=${quoteParam(i.organizer.name)}:mailto:${i.organizer.email}`,
    ...i.attendees.map((a) => `ATTENDEE;CN=${quoteParam(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`),
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/** One e-mail per invitee, each with the same invitation attached, in the scheduling transaction. */
export async function enqueueMeetingInvitations(tx: Db, mailer: Mailer, i: MeetingInvitation & { when: string; url: string }) {
  const ics = meetingIcs(i);
  for (const a of i.attendees) {
    await mailer.enqueue(tx, {
      to: a.email,
      subject: `Invitation : ${i.summary} — ${i.when}`,
      text: [
        `Bonjour ${a.name},`,
        "",
        `Vous êtes invité(e) à la réunion « ${i.summary} » :`,
        `- le ${i.when} ;`,
        `- ${i.location}.`,
        "",
        i.description,
        "",
        `L’ordre du jour se consulte et se complète dans Tandem : ${i.url}`,
        "Le fichier joint ajoute la réunion à votre agenda.",
        "",
      ].join("\n"),
      attachments: [{ filename: "invitation.ics", contentType: "text/calendar; charset=UTF-8; method=REQUEST", content: ics }],
    });
  }
}
