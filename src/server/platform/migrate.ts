import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./db.js";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../migrations");

/**
 * Applies migrations/NNN_*.sql in order, once each, each in its own transaction. Run by the
 * schema owner; the application's least-privilege role may call it too when nothing is pending
 * (it only reads schema_migrations), and is told to use DATABASE_OWNER_URL when something is.
 */
export async function migrate(db: Db): Promise<string[]> {
  // Even IF NOT EXISTS needs the right to create in the schema: only ask when the table is missing.
  const [{ present }] = await db.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!present) {
    await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  }
  const files = fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort();
  // A warm start reads what is applied once, instead of a transaction per migration file.
  const already = new Set((await db.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name));
  const applied: string[] = [];
  for (const file of files.filter((f) => !already.has(f))) {
    await db.transaction(async (tx) => {
      // Two servers starting together must not apply the same migration twice.
      if (tx.kind === "server") await tx.query("SELECT pg_advisory_xact_lock(727361)");
      // A migration may rightly run long (chaining or indexing a big table): no statement time limit.
      if (tx.kind === "server") await tx.query("SET LOCAL statement_timeout = 0");
      // Checked again under the lock: another server may have applied it since.
      const done = await tx.query("SELECT 1 FROM schema_migrations WHERE name = $1", [file]);
      if (done.length) return;
      try {
        await tx.exec(fs.readFileSync(path.join(migrationsDir, file), "utf8"));
      } catch (error) {
        if ((error as { code?: string }).code !== "42501") throw error;
        throw new Error(
          `Migration ${file} en attente, que le rôle connecté ne peut pas appliquer (${(error as Error).message}) : ` +
            "les migrations se font avec le rôle propriétaire, DATABASE_OWNER_URL (README, « Sécurité »).",
        );
      }
      await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
      applied.push(file);
    });
  }
  return applied;
}
