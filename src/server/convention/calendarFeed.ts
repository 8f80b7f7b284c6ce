import { escapeText, fold } from "../platform/icalendar.js";
import { audit } from "../platform/audit.js";
import { randomToken, sha256 } from "../platform/auth/passwords.js";
import type { Db } from "../platform/db.js";
import { effectiveRoles } from "../platform/policies.js";
import type { OrganisationKind } from "../../shared/roles.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { obligationsForUser } from "./conventionQueries.js";

/**
 * The secret URL token of a user's iCalendar feed (calendar applications cannot log in): the token
 * is a credential, so Tandem keeps only its SHA-256 — a copy of the database opens no one's feed.
 * The address is therefore shown once, when it is made; making a new one revokes the previous one.
 */
export async function hasCalendarFeed(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.query<{ calendar_token_hash: string | null }>("SELECT calendar_token_hash FROM users WHERE id = $1", [userId]);
  return Boolean(row?.calendar_token_hash);
}

/** A new feed token for the user, replacing any previous one; returned in clear this once only. */
export async function renewCalendarToken(db: Db, ctx: RequestContext & { user: SessionUser }): Promise<string> {
  const token = randomToken();
  await db.transaction(async (tx) => {
    const [previous] = await tx.query<{ replaced: boolean }>(
      "SELECT calendar_token_hash IS NOT NULL AS replaced FROM users WHERE id = $1 FOR UPDATE",
      [ctx.user.id],
    );
    await tx.query("UPDATE users SET calendar_token_hash = $2 WHERE id = $1", [ctx.user.id, sha256(token)]);
    await audit(tx, ctx, { action: "calendar.feed_created", subjectType: "user", subjectId: ctx.user.id, details: { replacedPrevious: previous?.replaced === true } });
  });
  return token;
}

export async function userOfCalendarToken(db: Db, token: string): Promise<SessionUser | null> {
  const [u] = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: SessionUser["roles"] }>(
    `SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles
       FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.calendar_token_hash = $1 AND u.active`,
    [sha256(token)],
  );
  // The token stands for a session: the same roles as a session would hold.
  return u ? { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) } : null;
}


/**
 * The feed: the user's obligations, as « Mes échéances » lists them — `obligationsForUser` keeps
 * only conventions the user may read (`READER_CLAUSE`, the SQL form of `convention.read`). A
 * governance meeting due says its state (held, scheduled, overdue: ADR 0034), an overdue one of the
 * last twelve months staying in the feed until its minutes are adopted.
 */
export async function calendarFeed(db: Db, user: SessionUser, fromDate: string, host: string): Promise<string> {
  const items = (await obligationsForUser(db, user, fromDate, { overdueGovernance: true })).filter((o) => o.conventionId);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tandem//Conventions//FR", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Tandem — échéances des conventions"];
  for (const o of items) {
    const day = o.dueOn.replace(/-/g, "");
    lines.push(
      "BEGIN:VEVENT",
      `UID:${o.conventionId}-${o.key}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `SUMMARY:${escapeText(`${o.conventionNumber} — ${o.label}${o.governance ? ` — ${o.governance.stateLabel.toLowerCase()}` : ""}`)}`,
      `DESCRIPTION:${escapeText(`${o.governance ? `État de la réunion : ${o.governance.stateLabel}.\n` : ""}Source : ${o.source}`)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
