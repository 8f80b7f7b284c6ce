import type { Role } from "../../shared/roles.js";
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
  locked_until: Date | null;
  invitation_token_hash: string | null;
  created_at: Date;
};

export const findUserByEmail = async (db: Db, email: string) =>
  (await db.query<UserRow>("SELECT * FROM users WHERE lower(email) = lower($1)", [email]))[0] ?? null;

export const findUserById = async (db: Db, id: string) =>
  (await db.query<UserRow>("SELECT * FROM users WHERE id = $1", [id]))[0] ?? null;

export const listUsersOfOrganisation = (db: Db, organisationId: string) =>
  db.query<UserRow>("SELECT * FROM users WHERE organisation_id = $1 ORDER BY last_name, first_name", [organisationId]);

export async function insertUser(
  db: Db,
  user: { organisationId: string; email: string; firstName: string; lastName: string; roles: Role[]; passwordHash?: string },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [user.organisationId, user.email, user.firstName, user.lastName, user.roles, user.passwordHash ?? null],
  );
  return rows[0].id;
}

export const setPassword = (db: Db, userId: string, passwordHash: string) =>
  db.query(
    `UPDATE users SET password_hash = $2, password_changed_at = now(), invitation_token_hash = NULL,
            invitation_expires_at = NULL, failed_logins = 0, locked_until = NULL WHERE id = $1`,
    [userId, passwordHash],
  );
