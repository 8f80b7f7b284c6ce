import path from "node:path";
import type { Config } from "./config.js";
import { type Db, openDatabase } from "./db.js";
import { migrate } from "./migrate.js";

/** Opens the configured database (embedded in TANDEM_DATA_DIR, or the DATABASE_URL server) and migrates it. */
export async function openMigratedDatabase(config: Config): Promise<Db> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite") });
  await migrate(db);
  return db;
}
