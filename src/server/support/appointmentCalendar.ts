import { escapeText, fold, PARIS_TIMEZONE, utcStamp } from "../platform/icalendar.js";

/**
 * An appointment as an iCalendar invitation (RFC 5545, with the iTIP methods of RFC 5546): the
 * person's calendar adds it (REQUEST), replaces it when a correction raises SEQUENCE, and removes
 * it on CANCEL. The UID stays the same for the appointment's whole life.
 */
export type AppointmentInvitation = {
  method: "REQUEST" | "CANCEL";
  uid: string;
  sequence: number;
  /** When the invitation is written (UTC). */
  stamp: Date;
  /** Calendar date and "HH:MM" in Paris. */
  on: string;
  time: string;
  durationMinutes: number;
  summary: string;
  location: string | null;
  description: string;
  url: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
};

// A parameter value (CN) is quoted; a quote cannot appear in it (RFC 5545 §3.1).
const quoteParam = (s: string) => `"${s.replace(/"/g, "'")}"`;




export function appointmentIcs(i: AppointmentInvitation): string {
  const start = `${i.on.replace(/-/g, "")}T${i.time.replace(":", "")}00`;
  const cancel = i.method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tandem//Accompagnement global//FR",
    "CALSCALE:GREGORIAN",
    `METHOD:${i.method}`,
    ...PARIS_TIMEZONE,
    "BEGIN:VEVENT",
    `UID:${i.uid}`,
    `SEQUENCE:${i.sequence}`,
    `DTSTAMP:${utcStamp(i.stamp)}`,
    `DTSTART;TZID=Europe/Paris:${start}`,
    `DURATION:PT${i.durationMinutes}M`,
    `SUMMARY:${escapeText(i.summary)}`,
    ...(i.location ? [`LOCATION:${escapeText(i.location)}`] : []),
    `DESCRIPTION:${escapeText(i.description)}`,
    ...(i.url ? [`URL:${i.url}`] : []),
    `ORGANIZER;CN=${quoteParam(i.organizer.name)}:mailto:${i.organizer.email}`,
    `ATTENDEE;CN=${quoteParam(i.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=${cancel ? "FALSE" : "TRUE"}:mailto:${i.attendee.email}`,
    `STATUS:${cancel ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
