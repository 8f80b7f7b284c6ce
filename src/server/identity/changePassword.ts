import { audit } from "../platform/audit.js";
import { hashPassword, verifyPassword } from "../platform/auth/passwords.js";
import { destroyUserSessions } from "../platform/auth/sessions.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { findUserById, setPassword } from "./userRepository.js";

/** Changes my password; my other sessions end, this one stays. */
export async function changePassword(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  input: { currentPassword: string; newPassword: string; sessionToken?: string },
): Promise<void> {
  const user = await findUserById(db, ctx.user.id);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw errors.wrongCurrentPassword();
  }
  const newHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, newHash);
    await destroyUserSessions(tx, user.id, input.sessionToken);
    await audit(tx, ctx, { action: "user.password_changed", subjectType: "user", subjectId: user.id });
  });
}
