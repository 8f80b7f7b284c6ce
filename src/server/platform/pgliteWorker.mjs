// The embedded PostgreSQL (PGlite) in its own thread. PGlite is PostgreSQL compiled to
// WebAssembly: a statement runs synchronously on the thread that calls it, so on the main thread a
// heavy query froze every request and timer (a 1 ms timer fired ~300 ms late). Here it blocks only
// this thread. Plain JavaScript on purpose: a worker thread starts without its parent's TypeScript
// loader (tsx, vitest). One message in, one message out; the caller (embeddedWorker.ts) serialises
// statements and transactions, as on the single connection PGlite is.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

// Calendar dates and bigints stay strings, as with the pg driver (see db.ts).
const db = await PGlite.create(workerData.dataDir ?? undefined, {
  extensions: { pg_trgm, unaccent },
  parsers: { 1082: (v) => v, 20: (v) => v },
});

/** The fields of pg-protocol's DatabaseError that the app reads (SQLSTATE, constraint…), as plain data. */
const errorData = (error) => {
  const data = { message: String(error?.message ?? error), name: error?.name ?? "Error" };
  for (const key of ["code", "severity", "detail", "hint", "constraint", "table", "column", "schema", "where", "position"]) {
    if (error && error[key] !== undefined) data[key] = error[key];
  }
  return data;
};

parentPort.on("message", async ({ id, op, sql, params }) => {
  try {
    if (op === "query") {
      const result = await db.query(sql, params);
      parentPort.postMessage({ id, rows: result.rows });
    } else if (op === "exec") {
      await db.exec(sql);
      parentPort.postMessage({ id });
    } else if (op === "close") {
      await db.close();
      parentPort.postMessage({ id });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: errorData(error) });
  }
});
parentPort.postMessage({ ready: true });
