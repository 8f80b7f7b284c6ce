import type { Db } from "./db.js";

/**
 * The embedded database's housekeeping, once a day: PGlite runs PostgreSQL in single-user mode,
 * without the autovacuum a server runs in the background. Without it, deleted and updated rows
 * are never reclaimed, the visibility map is never set (counts that could read an index alone —
 * the audit trail's total — read the table) and the planner keeps the statistics of the day the
 * database was created. A server does this itself: nothing to do there.
 */
export async function maintainEmbeddedDatabase(db: Db): Promise<{ vacuumed: boolean }> {
  if (db.kind !== "embedded") return { vacuumed: false };
  // Outside any transaction (VACUUM refuses one); the whole database, as autovacuum would.
  await db.exec("VACUUM (ANALYZE)");
  return { vacuumed: true };
}
