import { audit } from "../platform/audit.js";
import { dummyPasswordHash, verifyPassword } from "../platform/auth/passwords.js";
import { createSession } from "../platform/auth/sessions.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { effectiveRoles } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { findOrganisation } from "../organisations/organisationRepository.js";
import { identityErrors } from "./identityErrors.js";
import { findUserByEmail } from "./userRepository.js";

/** The first delay once the allowance of failures from one address is spent; it doubles at each further failure. */
const FIRST_DELAY_SECONDS = 16;

/**
 * Email + password login, throttled without ever locking the owner out:
 * - each (address typed, client IP) gets LOGIN_MAX_FAILURES consecutive failures, then every
 *   further try waits 16 s, 32 s, 64 s… (at most LOGIN_MAX_DELAY_MINUTES): someone guessing from
 *   one place slows down, the owner elsewhere is not concerned;
 * - an address gets at most LOGIN_CHECKS_PER_ACCOUNT password checks a minute from all IPs
 *   together, which bounds a guess spread over many IPs (and the argon2 work it costs);
 * - LOGIN_RATE_PER_IP (app.ts) bounds the requests of one IP, whatever cookie it sends.
 * An attempt is counted, atomically, before its password is checked, and forgiven if it succeeds:
 * concurrent attempts beyond the allowance are refused unchecked. Unknown addresses go through the
 * same steps and the same argon2 cost, so neither timing nor throttling tells which accounts exist.
 */
export async function login(
  db: Db,
  config: Config,
  ctx: RequestContext,
  input: { email: string; password: string; userAgent?: string },
): Promise<{ token: string; user: SessionUser }> {
  const email = input.email.toLowerCase();
  const failuresFromAddress = await reserveAttempt(db, config, email, ctx.ip);

  const user = await findUserByEmail(db, email);
  const known = user?.password_hash && user.active ? user : null;
  let valid = false;
  if (known?.password_hash) valid = await verifyPassword(known.password_hash, input.password);
  else await verifyPassword(await dummyPasswordHash(), input.password);

  const result = await db.transaction(async (tx) => {
    if (!known || !valid) {
      // The attempt was already counted against this address; the account keeps its own tally.
      const [row] = known ? await tx.query<{ failed_logins: number }>("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins", [known.id]) : [];
      await audit(tx, ctx, {
        action: "auth.login_failed",
        subjectType: "user",
        subjectId: known?.id ?? null,
        details: { email, failuresFromAddress, ...(row ? { accountFailures: row.failed_logins } : {}) },
      });
      if (failuresFromAddress >= config.loginMaxFailures) {
        await audit(tx, ctx, { action: "auth.login_throttled", subjectType: "user", subjectId: known?.id ?? null, details: { email, failuresFromAddress } });
      }
      // Thrown after commit: the tally and the audit stay.
      return null;
    }
    // The password was checked outside the transaction (argon2 is slow): the account must still be
    // active, with the same password, when the session opens — checked and locked here.
    const [current] = await tx.query<{ roles: SessionUser["roles"] }>(
      "UPDATE users SET failed_logins = 0 WHERE id = $1 AND active AND password_hash = $2 RETURNING roles",
      [known.id, known.password_hash],
    );
    if (!current) return null;
    await tx.query("DELETE FROM login_throttles WHERE email = $1 AND ip = $2", [email, ctx.ip]);
    const token = await createSession(tx, config, known.id, { ip: ctx.ip, userAgent: input.userAgent });
    const organisation = await findOrganisation(tx, known.organisation_id);
    const sessionUser: SessionUser = {
      id: known.id,
      email: known.email,
      firstName: known.first_name,
      lastName: known.last_name,
      organisationId: known.organisation_id,
      roles: organisation ? effectiveRoles(organisation.kind, current.roles) : [],
    };
    await audit(tx, { ...ctx, user: sessionUser }, { action: "auth.login", subjectType: "user", subjectId: known.id, details: { failedAttemptsBefore: known.failed_logins } });
    return { token, user: sessionUser };
  });
  if (!result) throw errors.invalidCredentials();
  return result;
}

/**
 * Counts this attempt against (address, IP) and against the address, in one short transaction that
 * locks both counters; refuses it, changing nothing, when either allowance is spent. Returns the
 * consecutive failures from this address this attempt makes if it fails.
 */
async function reserveAttempt(db: Db, config: Config, email: string, ip: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query("INSERT INTO login_throttles (email, ip, failures) VALUES ($1, $2, 0) ON CONFLICT (email, ip) DO NOTHING", [email, ip]);
    const [t] = await tx.query<{ failures: number; stale: boolean; retry_after: number | null }>(
      `SELECT failures, last_attempt_at < now() - interval '1 day' AS stale,
              CASE WHEN blocked_until > now() THEN ceil(extract(epoch FROM blocked_until - now()))::int END AS retry_after
         FROM login_throttles WHERE email = $1 AND ip = $2 FOR UPDATE`,
      [email, ip],
    );
    if (t.retry_after !== null) throw identityErrors.loginThrottled(Math.max(1, t.retry_after));
    const failures = (t.stale ? 0 : t.failures) + 1;
    const delay = failures >= config.loginMaxFailures ? Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - config.loginMaxFailures), config.loginMaxDelayMinutes * 60) : null;
    await tx.query(
      `UPDATE login_throttles SET failures = $3, last_attempt_at = now(),
              blocked_until = CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $4::float8) END
        WHERE email = $1 AND ip = $2`,
      [email, ip, failures, delay],
    );
    const [w] = await tx.query<{ checks: number; retry_after: number }>(
      `INSERT INTO login_account_windows AS w (email, window_started_at, checks) VALUES ($1, now(), 1)
       ON CONFLICT (email) DO UPDATE SET
         checks = CASE WHEN w.window_started_at <= now() - interval '1 minute' THEN 1 ELSE w.checks + 1 END,
         window_started_at = CASE WHEN w.window_started_at <= now() - interval '1 minute' THEN now() ELSE w.window_started_at END
       RETURNING checks, ceil(extract(epoch FROM window_started_at + interval '1 minute' - now()))::int AS retry_after`,
      [email],
    );
    // Rolls back both counts: a refused attempt uses up nothing.
    if (w.checks > config.loginChecksPerAccount) throw identityErrors.loginThrottled(Math.max(1, w.retry_after));
    return failures;
  });
}
