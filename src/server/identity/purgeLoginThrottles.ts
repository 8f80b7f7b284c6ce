import type { Db } from "../platform/db.js";

/**
 * Throttling rows are personal data (an IP address, a typed e-mail): kept a day after the last
 * attempt, no longer. Run daily rather than on each login, so that a busy login path never
 * deletes other people's rows (a national deployment logs tens of thousands in each morning).
 */
export async function purgeLoginThrottles(db: Db): Promise<number> {
  const throttles = await db.query("DELETE FROM login_throttles WHERE last_attempt_at < now() - interval '1 day' RETURNING 1");
  const windows = await db.query("DELETE FROM login_account_windows WHERE window_started_at < now() - interval '1 day' RETURNING 1");
  return throttles.length + windows.length;
}
