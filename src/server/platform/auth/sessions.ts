import type { OrganisationKind } from "../../../shared/roles.js";
import type { Config } from "../config.js";
import type { Db } from "../db.js";
import { effectiveRoles } from "../policies.js";
import type { SessionUser } from "../requestContext.js";
import { randomToken, sha256 } from "./passwords.js";

export const SESSION_COOKIE = "tandem_session";

type SessionRow = {
  user_id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation_id: string;
  organisation_kind: OrganisationKind;
  roles: SessionUser["roles"];
  last_seen_at: Date;
  expires_at: Date;
  active: boolean;
};

export async function createSession(
  tx: Db,
  config: Config,
  userId: string,
  meta: { ip: string; userAgent?: string },
): Promise<string> {
  const token = randomToken();
  await tx.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, now() + make_interval(hours => $3), $4, $5)`,
    [sha256(token), userId, config.sessionAbsoluteHours, meta.ip, meta.userAgent ?? null],
  );
  return token;
}

export type SessionLookup = { status: "none" } | { status: "expired" } | { status: "valid"; user: SessionUser };

/** Finds the session of a cookie; an idle or absolutely expired session is deleted and reported as such. */
export async function lookupSession(db: Db, config: Config, token: string | undefined): Promise<SessionLookup> {
  if (!token) return { status: "none" };
  const tokenHash = sha256(token);
  const rows = await db.query<SessionRow & { idle_expired: boolean; absolute_expired: boolean; touch: boolean }>(
    `SELECT s.user_id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind AS organisation_kind, u.roles, u.active,
            s.last_seen_at < now() - make_interval(mins => $2) AS idle_expired,
            s.expires_at < now() AS absolute_expired,
            s.last_seen_at < now() - interval '30 seconds' AS touch
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
      WHERE s.token_hash = $1`,
    [tokenHash, config.sessionIdleMinutes],
    // Every authenticated request asks it: planned once per connection (ADR 0042).
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return { status: "expired" };
  if (row.idle_expired || row.absolute_expired || !row.active) {
    await db.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
    return { status: "expired" };
  }
  // Sliding idle expiry, written at most every 30 s to keep reads cheap.
  if (row.touch) await db.query("UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1", [tokenHash]);
  return {
    status: "valid",
    user: {
      id: row.user_id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      organisationId: row.organisation_id,
      // A role its organisation's kind may not hold (granted before that rule) gives no right.
      roles: effectiveRoles(row.organisation_kind, row.roles),
    },
  };
}

export async function destroySession(tx: Db, token: string): Promise<void> {
  await tx.query("DELETE FROM sessions WHERE token_hash = $1", [sha256(token)]);
}

export async function destroyUserSessions(tx: Db, userId: string, exceptToken?: string): Promise<void> {
  await tx.query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", [
    userId,
    exceptToken ? sha256(exceptToken) : "",
  ]);
}
