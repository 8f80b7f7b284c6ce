import path from "node:path";
import type { Config } from "./config.js";
import { ensureAppRole } from "./databaseRoles.js";
import { type Db, openDatabase } from "./db.js";
import { migrate } from "./migrate.js";

/**
 * Opens the configured database (embedded in TANDEM_DATA_DIR, or the DATABASE_URL server) and migrates it.
 * With DATABASE_OWNER_URL, the migrations run as that owner role, which also prepares the
 * application's role; the handle returned is then DATABASE_URL's least-privilege role.
 */
export async function openMigratedDatabase(config: Config): Promise<Db> {
  if (config.databaseOwnerUrl) {
    if (!config.databaseUrl) throw new Error("DATABASE_OWNER_URL est défini sans DATABASE_URL : indiquez aussi le rôle de l’application (DATABASE_URL).");
    // Migrations may legitimately run long (an index on a big table): no statement time limit for the owner.
    const owner = await openDatabase({ databaseUrl: config.databaseOwnerUrl, dataDir: null, pool: { ...config.databasePool, statementTimeoutMs: 0 } });
    try {
      await migrate(owner);
      await ensureAppRole(owner, config.databaseUrl);
      // pg-boss's schema and queues are the owner's too; the app's role uses them (ADR 0029).
      const [{ backgroundJobs, backgroundSchedules }, { installJobQueue, queuesOf }] = await Promise.all([import("../jobs.js"), import("./jobQueue.js")]);
      await installJobQueue(owner, queuesOf(backgroundJobs, backgroundSchedules));
    } finally {
      await owner.close();
    }
    return openDatabase({ databaseUrl: config.databaseUrl, dataDir: null, pool: config.databasePool });
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), pool: config.databasePool });
  await migrate(db);
  return db;
}

/** The schema owner's connection (DATABASE_OWNER_URL, else the only one), for what only it may do: `demo:reset` drops the schema. */
export async function openOwnerDatabase(config: Config): Promise<Db> {
  return openDatabase({
    databaseUrl: config.databaseOwnerUrl ?? config.databaseUrl,
    dataDir: path.join(config.dataDir, "pglite"),
    pool: { ...config.databasePool, statementTimeoutMs: 0 },
  });
}
