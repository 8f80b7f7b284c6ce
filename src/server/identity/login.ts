import { audit } from "../platform/audit.js";
import { dummyPasswordHash, verifyPassword } from "../platform/auth/passwords.js";
import { createSession } from "../platform/auth/sessions.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { findUserByEmail } from "./userRepository.js";

/**
 * Email + password login. Repeated failures lock the account for a while; an unknown
 * address costs the same time as a wrong password, so neither reveals which accounts exist.
 */
export async function login(
  db: Db,
  config: Config,
  ctx: RequestContext,
  input: { email: string; password: string; userAgent?: string },
): Promise<{ token: string; user: SessionUser }> {
  const user = await findUserByEmail(db, input.email);
  if (!user?.password_hash || !user.active) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await db.transaction((tx) =>
      audit(tx, ctx, { action: "auth.login_failed", subjectType: "user", details: { email: input.email } }),
    );
    throw errors.invalidCredentials();
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) throw errors.accountLocked(config.loginLockMinutes);

  const valid = await verifyPassword(user.password_hash, input.password);
  return db.transaction(async (tx) => {
    if (!valid) {
      const failures = user.failed_logins + 1;
      const lock = failures >= config.loginMaxFailures;
      await tx.query(
        `UPDATE users SET failed_logins = $2,
                locked_until = CASE WHEN $3::boolean THEN now() + make_interval(mins => $4) ELSE NULL END
          WHERE id = $1`,
        [user.id, lock ? 0 : failures, lock, config.loginLockMinutes],
      );
      await audit(tx, ctx, {
        action: lock ? "auth.account_locked" : "auth.login_failed",
        subjectType: "user",
        subjectId: user.id,
      });
      // Errors thrown here would roll back the counter: return the refusal after commit.
      return null;
    }
    await tx.query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1", [user.id]);
    const token = await createSession(tx, config, user.id, { ip: ctx.ip, userAgent: input.userAgent });
    const sessionUser: SessionUser = {
      id: user.id,
      email: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      organisationId: user.organisation_id,
      roles: user.roles,
    };
    await audit(tx, { ...ctx, user: sessionUser }, { action: "auth.login", subjectType: "user", subjectId: user.id });
    return { token, user: sessionUser };
  }).then((result) => {
    if (!result) {
      const lockedNow = user.failed_logins + 1 >= config.loginMaxFailures;
      throw lockedNow ? errors.accountLocked(config.loginLockMinutes) : errors.invalidCredentials();
    }
    return result;
  });
}
