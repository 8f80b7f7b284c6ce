import { audit } from "../platform/audit.js";
import { hashPassword, verifyPassword } from "../platform/auth/passwords.js";
import { destroyUserSessions } from "../platform/auth/sessions.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { identityErrors } from "./identityErrors.js";
import { judgePassword } from "./passwordPolicy.js";
import { findUserById, replacePassword } from "./userRepository.js";

/** Changes my password; my other sessions end, this one stays. */
export async function changePassword(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  input: { currentPassword: string; newPassword: string; sessionToken?: string },
): Promise<void> {
  // argon2 is slow on purpose: it runs outside the transaction, whose update then checks that the
  // password it replaces is still the one verified here.
  const user = await findUserById(db, ctx.user.id);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw errors.wrongCurrentPassword();
  }
  if (input.newPassword === input.currentPassword) throw identityErrors.passwordUnchanged("newPassword");
  const verdict = judgePassword(input.newPassword, { email: user.email, firstName: user.first_name, lastName: user.last_name });
  if (verdict === "common") throw identityErrors.passwordTooCommon("newPassword");
  if (verdict === "predictable") throw identityErrors.passwordPredictable("newPassword");
  const newHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    if (!(await replacePassword(tx, user.id, user.password_hash, newHash))) throw identityErrors.passwordChangedMeanwhile();
    await destroyUserSessions(tx, user.id, input.sessionToken);
    await audit(tx, ctx, { action: "user.password_changed", subjectType: "user", subjectId: user.id });
  });
}
