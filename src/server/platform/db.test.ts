import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { type Db, type DbLogger, openEmbedded, openServer } from "./db.js";

/**
 * The database layer itself, on the database the suite runs on: PGlite, or the DATABASE_URL
 * server (where it only reads: no schema is needed). Pool behaviour is server-only.
 */
const url = process.env.DATABASE_URL;
const onServer = it.skipIf(!url);

type Logged = { obj: object; msg: string };
const recordingLogger = () => {
  const lines: Logged[] = [];
  const log: DbLogger = { error: (obj, msg) => lines.push({ obj, msg }) };
  return { lines, log };
};
const open = (settings = {}, log?: DbLogger): Promise<Db> => (url ? Promise.resolve(openServer(url, settings, log)) : openEmbedded(null));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Fails instead of hanging: the bug this file guards against is a promise that never settles. */
const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`still pending after ${ms} ms`)))]);

let db: Db;
beforeAll(async () => {
  db = await open();
});
afterAll(() => db.close());

describe("the outer handle inside a transaction", () => {
  it("rejects at once with a clear programming error, instead of hanging (PGlite) or escaping the transaction (server)", async () => {
    await expect(within(2000, db.transaction(async () => db.query("SELECT 1")))).rejects.toThrow(
      /outer db handle was used inside db\.transaction\(\)/,
    );
    await expect(within(2000, db.transaction(async () => db.transaction(async (tx) => tx.query("SELECT 1"))))).rejects.toThrow(
      /outer db handle/,
    );
    await expect(within(2000, db.transaction(async () => db.exec("SELECT 1")))).rejects.toThrow(/outer db handle/);
    // Nothing is left held: the next statement runs.
    expect(await within(2000, db.query<{ one: number }>("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
  });

  it("nested tx.transaction is a savepoint: it keeps working and rolls back alone", async () => {
    const result = await db.transaction(async (tx) => {
      await tx.exec("CREATE TEMP TABLE IF NOT EXISTS db_test_savepoint (n int) ON COMMIT DROP");
      await tx.query("INSERT INTO db_test_savepoint VALUES (1)");
      await expect(
        tx.transaction(async (inner) => {
          await inner.query("INSERT INTO db_test_savepoint VALUES (2)");
          throw new Error("annulé");
        }),
      ).rejects.toThrow("annulé");
      await tx.transaction(async (inner) => inner.query("INSERT INTO db_test_savepoint VALUES (3)"));
      return tx.query<{ n: number }>("SELECT n FROM db_test_savepoint ORDER BY n");
    });
    expect(result).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it("work started inside a transaction may use the outer handle once the transaction is over", async () => {
    let later: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await tx.query("SELECT 1");
      later = sleep(50).then(() => db.query("SELECT 2 AS two"));
    });
    expect(await within(2000, later)).toEqual([{ two: 2 }]);
  });

  it("two transactions at the same time each see only their own context", async () => {
    const results = await Promise.all([1, 2, 3].map((n) => db.transaction(async (tx) => (await tx.query<{ n: number }>(`SELECT ${n} AS n`))[0].n)));
    expect(results).toEqual([1, 2, 3]);
  });
});

describe("the PostgreSQL server pool", () => {
  const terminate = async (pid: number) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await admin.end();
  };
  const waitFor = async (check: () => boolean, ms = 3000) => {
    for (const start = Date.now(); !check(); await sleep(20)) if (Date.now() - start > ms) throw new Error("timed out waiting");
  };

  onServer("an idle connection killed on the server: the process survives, the error is logged, the next query works", async () => {
    const { lines, log } = recordingLogger();
    const server = openServer(url!, { max: 1 }, log);
    try {
      const [{ pid }] = await server.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await terminate(pid);
      await waitFor(() => lines.length > 0);
      expect(lines[0].msg).toBe("connexion inactive à la base de données perdue");
      const [{ pid: next }] = await server.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(next).not.toBe(pid);
    } finally {
      await server.close();
    }
  });

  onServer("a transaction whose connection dies: the caller gets that error, the dead connection leaves the pool", async () => {
    const { lines, log } = recordingLogger();
    const server = openServer(url!, { max: 1 }, log);
    try {
      const failed = server.transaction(async (tx) => tx.query("SELECT pg_terminate_backend(pg_backend_pid())"));
      await expect(failed).rejects.toMatchObject({ code: "57P01" });
      expect(lines.map((l) => l.msg)).toContain("connexion à la base de données perdue pendant une transaction");
      // With one connection at most, this only works if the dead one was not given back.
      expect(await within(3000, server.transaction((tx) => tx.query("SELECT 1 AS one")))).toEqual([{ one: 1 }]);
    } finally {
      await server.close();
    }
  });

  onServer("a statement over DATABASE_STATEMENT_TIMEOUT_MS is cancelled with a clean error, not a hang", async () => {
    const server = openServer(url!, { statementTimeoutMs: 200 });
    try {
      const started = Date.now();
      await expect(server.query("SELECT pg_sleep(5)")).rejects.toMatchObject({ code: "57014" });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await server.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await server.close();
    }
  });

  onServer("a transaction left idle past DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS is ended by the server; the process survives", async () => {
    const { log } = recordingLogger();
    const server = openServer(url!, { max: 1, idleInTransactionTimeoutMs: 200 }, log);
    try {
      const forgotten = server.transaction(async (tx) => {
        await tx.query("SELECT 1");
        await sleep(600);
        return tx.query("SELECT 2");
      });
      await expect(forgotten).rejects.toThrow();
      expect(await within(3000, server.query("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
    } finally {
      await server.close();
    }
  });

  onServer("the pool is sized and timed by its settings (session settings seen by the server)", async () => {
    const server = openServer(url!, { max: 2, statementTimeoutMs: 1234, idleInTransactionTimeoutMs: 5678 });
    try {
      const [row] = await server.query<{ st: string; it: string }>(
        "SELECT current_setting('statement_timeout') AS st, current_setting('idle_in_transaction_session_timeout') AS it",
      );
      expect(row).toEqual({ st: "1234ms", it: "5678ms" });
    } finally {
      await server.close();
    }
  });
});

describe("prepared statements (ADR 0042)", () => {
  it("a statement asked with prepare answers as any other, call after call, on either database", async () => {
    for (const n of [1, 2, 3]) expect(await db.query<{ n: number }>("SELECT $1::int + 1 AS n", [n], { prepare: true })).toEqual([{ n: n + 1 }]);
  });

  onServer("on the server it is prepared once per connection, named after its text, and kept there", async () => {
    const server = openServer(url!, { max: 1 });
    try {
      const sql = "SELECT $1::text || ' préparée' AS said";
      for (let i = 0; i < 3; i++) expect(await server.query<{ said: string }>(sql, ["requête"], { prepare: true })).toEqual([{ said: "requête préparée" }]);
      await server.query("SELECT $1::int AS unprepared", [1]);
      const kept = await server.query<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements ORDER BY name");
      expect(kept).toHaveLength(1);
      expect(kept[0].statement).toBe(sql);
      expect(kept[0].name).toMatch(/^tandem_[0-9a-f]{20}_\d+$/);
      // Inside a transaction, on the same connection: the statement is reused, not prepared again.
      await server.transaction(async (tx) => {
        expect(await tx.query(sql, ["dans la transaction"], { prepare: true })).toEqual([{ said: "dans la transaction préparée" }]);
      });
      expect(await server.query("SELECT 1 FROM pg_prepared_statements")).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  onServer("a column added under a prepared « SELECT * » (another instance migrated): the next call answers with it", async () => {
    const server = openServer(url!, { max: 1 });
    const table = `prepared_${process.pid}`;
    try {
      await server.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (id int); INSERT INTO ${table} VALUES (1)`);
      const sql = `SELECT * FROM ${table} WHERE id = $1`;
      expect(await server.query(sql, [1], { prepare: true })).toEqual([{ id: 1 }]);
      await server.exec(`ALTER TABLE ${table} ADD COLUMN label text DEFAULT 'ajoutée'`);
      expect(await server.query(sql, [1], { prepare: true })).toEqual([{ id: 1, label: "ajoutée" }]);
      expect(await server.query(sql, [1], { prepare: true })).toEqual([{ id: 1, label: "ajoutée" }]);
    } finally {
      await server.exec(`DROP TABLE IF EXISTS ${table}`);
      await server.close();
    }
  });
});

describe("configuration", () => {
  it("the pool's size and time limits come from DATABASE_POOL_MAX and the DATABASE_*_TIMEOUT_MS variables", () => {
    expect(loadConfig({}).databasePool).toEqual({ max: 10, connectionTimeoutMs: 10_000, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 });
    const env = {
      DATABASE_POOL_MAX: "25",
      DATABASE_CONNECTION_TIMEOUT_MS: "2000",
      DATABASE_STATEMENT_TIMEOUT_MS: "5000",
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0",
    };
    expect(loadConfig(env).databasePool).toEqual({ max: 25, connectionTimeoutMs: 2000, statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 0 });
    expect(() => loadConfig({ DATABASE_POOL_MAX: "0" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "bientôt" })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });
});

describe("a long statement does not stall the application", () => {
  it("timers keep firing on the main thread while the database works on a heavy query", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      let ticksAtEnd = -1;
      // About a second of work for the database; the main thread must stay free meanwhile.
      const heavy = db.query<{ n: string }>("SELECT count(*)::text AS n FROM generate_series(1, 3000000) g WHERE md5(g::text) LIKE 'a%'").then((rows) => {
        ticksAtEnd = ticks;
        return rows;
      });
      const [{ n }] = await heavy;
      expect(Number(n)).toBeGreaterThan(100_000);
      // Before the statement ended, the 5 ms timer had fired many times (on the main-thread PGlite, 0).
      expect(ticksAtEnd).toBeGreaterThan(10);
    } finally {
      clearInterval(timer);
    }
  });

  it("keeps the database's errors as the app reads them: SQLSTATE, constraint, severity", async () => {
    const error = await db.query("SELECT 1/0").catch((e: unknown) => e as { code?: string; severity?: string; message?: string });
    expect(error).toMatchObject({ code: "22012", severity: "ERROR" });
    expect(error).toBeInstanceOf(Error);
  });
});
