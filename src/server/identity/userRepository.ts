import type { OrganisationKind, Role } from "../../shared/roles.js";
import type { Db } from "../platform/db.js";

export type UserRow = {
  id: string;
  organisation_id: string;
  email: string;
  first_name: string;
  last_name: string;
  roles: Role[];
  password_hash: string | null;
  active: boolean;
  failed_logins: number;
  invitation_token_hash: string | null;
  created_at: Date;
};

export const findUserByEmail = async (db: Db, email: string) =>
  (await db.query<UserRow>("SELECT * FROM users WHERE lower(email) = lower($1)", [email]))[0] ?? null;

export const findUserById = async (db: Db, id: string) =>
  (await db.query<UserRow>("SELECT * FROM users WHERE id = $1", [id]))[0] ?? null;

/** An account with its organisation's kind, locked until the end of the transaction: what role changes decide on. */
export type LockedUserRow = UserRow & { organisation_kind: OrganisationKind };
export const lockUser = async (tx: Db, id: string) =>
  (
    await tx.query<LockedUserRow>(
      "SELECT u.*, o.kind AS organisation_kind FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 FOR UPDATE OF u",
      [id],
    )
  )[0] ?? null;

export const listUsersOfOrganisation = (db: Db, organisationId: string) =>
  db.query<UserRow>("SELECT * FROM users WHERE organisation_id = $1 ORDER BY last_name, first_name", [organisationId]);

/** Creates an account; null when the address is already used (two invitations at once cannot both win). */
export async function insertUser(
  db: Db,
  user: { organisationId: string; email: string; firstName: string; lastName: string; roles: Role[]; passwordHash?: string },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END)
     ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
    [user.organisationId, user.email, user.firstName, user.lastName, user.roles, user.passwordHash ?? null],
  );
  return rows[0]?.id ?? null;
}

/**
 * Replaces the password only if it is still the one that was checked (`expectedHash`; null for an
 * account that has none yet): a change decided on a stale read is refused, not applied.
 */
export const replacePassword = async (tx: Db, userId: string, expectedHash: string | null, passwordHash: string) =>
  (
    await tx.query(
      `UPDATE users SET password_hash = $3, password_changed_at = now(), invitation_token_hash = NULL,
              invitation_expires_at = NULL, failed_logins = 0
        WHERE id = $1 AND password_hash IS NOT DISTINCT FROM $2 RETURNING id`,
      [userId, expectedHash, passwordHash],
    )
  ).length === 1;
