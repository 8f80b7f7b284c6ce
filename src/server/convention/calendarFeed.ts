import { randomToken } from "../platform/auth/passwords.js";
import type { Db } from "../platform/db.js";
import type { SessionUser } from "../platform/requestContext.js";
import { obligationsForUser } from "./conventionQueries.js";

/** The secret URL token of a user's iCalendar feed (calendar applications cannot log in). */
export async function calendarToken(db: Db, userId: string): Promise<string> {
  const [row] = await db.query<{ calendar_token: string | null }>("SELECT calendar_token FROM users WHERE id = $1", [userId]);
  if (row?.calendar_token) return row.calendar_token;
  const token = randomToken();
  await db.query("UPDATE users SET calendar_token = $2 WHERE id = $1", [userId, token]);
  return token;
}

export async function userOfCalendarToken(db: Db, token: string): Promise<SessionUser | null> {
  const [u] = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: SessionUser["roles"] }>(
    "SELECT id, email, first_name, last_name, organisation_id, roles FROM users WHERE calendar_token = $1 AND active",
    [token],
  );
  return u ? { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: u.roles } : null;
}

const escapeText = (s: string) => s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
/** RFC 5545 lines are folded at 75 octets. */
const fold = (line: string) => {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join("\r\n");
};

export async function calendarFeed(db: Db, user: SessionUser, fromDate: string, host: string): Promise<string> {
  const items = await obligationsForUser(db, user, fromDate);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tandem//Conventions//FR", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Tandem — échéances des conventions"];
  for (const o of items) {
    const day = o.dueOn.replace(/-/g, "");
    lines.push(
      "BEGIN:VEVENT",
      `UID:${o.conventionId}-${o.key}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `SUMMARY:${escapeText(`${o.conventionNumber} — ${o.label}`)}`,
      `DESCRIPTION:${escapeText(`Source : ${o.source}`)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
