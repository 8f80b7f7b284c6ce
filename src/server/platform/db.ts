import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import pino from "pino";
import { startEmbeddedWorker } from "./embeddedWorker.js";

/**
 * `prepare`: on a PostgreSQL server, keep the statement prepared on each connection (named after
 * its text) so that it is parsed and planned once there, not on every call (ADR 0042). Only for a
 * hot statement whose text is fixed — a handful of texts, not one per page or per value — and
 * whose plan does not depend on its parameters' values. PGlite ignores it.
 */
export type QueryOptions = { prepare?: boolean };

/**
 * One small interface over both PostgreSQLs we run: PGlite in-process (default) and a
 * PostgreSQL server (DATABASE_URL). Every query is plain SQL with $n parameters, so the
 * same code and the same migrations run on both (see docs/adr/0002).
 */
export interface Db {
  readonly kind: "embedded" | "server";
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs fn in one transaction; everything inside must use the tx handle. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /**
   * `COPY … FROM STDIN` fed by a stream of bytes; the number of rows copied. Only a transaction's
   * handle on a PostgreSQL server has it (pg-copy-streams); PGlite does not (ADR 0039).
   */
  copyFrom?(sql: string, source: Readable): Promise<number>;
}

/** Pool size and time limits of the PostgreSQL server connection (config: DATABASE_POOL_MAX, …). */
export type DatabasePoolSettings = {
  max: number;
  /** Waiting for a connection (a new one or a free one of the pool) longer than this fails. */
  connectionTimeoutMs: number;
  /** The server cancels a statement running longer than this (0: no limit). */
  statementTimeoutMs: number;
  /** The server ends a session left idle inside a transaction longer than this (0: no limit). */
  idleInTransactionTimeoutMs: number;
};

export const DEFAULT_POOL_SETTINGS: DatabasePoolSettings = {
  max: 10,
  connectionTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
};

/** Where the database layer reports what happens outside any request (a connection dropped while idle). */
export type DbLogger = { error(obj: object, msg: string): void };
// The same JSON lines as the application's logs (Fastify's pino), for who opens the database without one.
let defaultLogger: DbLogger | null = null;
const fallbackLogger = (): DbLogger => {
  const level = process.env.LOG_LEVEL ?? "info";
  defaultLogger ??= pino({ level: level in pino.levels.values || level === "silent" ? level : "info" });
  return defaultLogger;
};

/**
 * Using the outer handle inside `db.transaction(fn)` is always a bug: on PGlite it waits forever
 * for the transaction that waits for it (one connection, one mutex); on the server it runs outside
 * the transaction, on another connection, and sees none of its work (nor its locks).
 */
export class OuterDbInTransactionError extends Error {
  constructor() {
    super(
      "Programming error: the outer db handle was used inside db.transaction(); use the tx handle the transaction gives (tx.query, tx.transaction).",
    );
    this.name = "OuterDbInTransactionError";
  }
}

/**
 * Knows whether the current async context runs inside a transaction of one Db. The scope is
 * closed when the transaction ends, so that work started inside it but still running after (a
 * promise left behind) may use the outer handle again.
 */
class TransactionScope {
  private readonly storage = new AsyncLocalStorage<{ open: boolean }>();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const scope = { open: true };
    try {
      return await this.storage.run(scope, fn);
    } finally {
      scope.open = false;
    }
  }
  /** Rejects (never hangs) when the outer handle is used from inside one of its transactions. */
  guard<T>(fn: () => Promise<T>): Promise<T> {
    if (this.storage.getStore()?.open) return Promise.reject(new OuterDbInTransactionError());
    return fn();
  }
}

/** Serialises work on PGlite's single connection, so a transaction never sees another request's statements. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((r) => {
      release = r;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

type PgliteLike = {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
};

/** The transaction's handle on PGlite: the connection itself, already held by the transaction. */
function pgliteTxHandle(conn: PgliteLike, close: () => Promise<void>): Db {
  const self: Db = {
    kind: "embedded",
    query: async <T>(sql: string, params?: unknown[]) => (await conn.query<T>(sql, params)).rows,
    exec: async (sql) => void (await conn.exec(sql)),
    transaction: (fn) => nested(self, fn),
    close,
  };
  return self;
}

/** The outer handle on PGlite: every statement and transaction takes the connection's mutex. */
function pgliteHandle(conn: PgliteLike, close: () => Promise<void>): Db {
  const lock = new Mutex();
  const scope = new TransactionScope();
  const locked = <T>(fn: () => Promise<T>) => scope.guard(() => lock.run(fn));
  return {
    kind: "embedded",
    query: <T>(sql: string, params?: unknown[]) => locked(async () => (await conn.query<T>(sql, params)).rows),
    exec: (sql) => locked(async () => void (await conn.exec(sql))),
    transaction: <T>(fn: (tx: Db) => Promise<T>) =>
      locked(async () => {
        await conn.exec("BEGIN");
        try {
          const result = await scope.run(() => fn(pgliteTxHandle(conn, close)));
          await conn.exec("COMMIT");
          return result;
        } catch (error) {
          await conn.exec("ROLLBACK");
          throw error;
        }
      }),
    close,
  };
}

let savepointCounter = 0;
/** A transaction inside a transaction is a savepoint: the caller's work stays atomic. */
async function nested<T>(tx: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const name = `sp_${++savepointCounter}`;
  await tx.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn(tx);
    await tx.exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

/**
 * The embedded database (PGlite), run in its own thread (embeddedWorker.ts): its statements are
 * synchronous WebAssembly, which on the main thread would stall every other request.
 */
export async function openEmbedded(dataDir: string | null): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const conn = await startEmbeddedWorker(dataDir);
  return pgliteHandle(conn, () => conn.close());
}

/**
 * A prepared statement's name: its text's hash, so the same text is prepared once per connection;
 * and a generation, moved when the schema changed under statements already prepared (another
 * instance migrated): those then fail with « cached plan must not change result type », and the
 * next call prepares the text again under a new name.
 */
const preparedNames = new Map<string, string>();
let preparedGeneration = 0;
function statement(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined): pg.QueryConfig {
  if (!options?.prepare) return { text: sql, values: params };
  let name = preparedNames.get(sql);
  if (!name) {
    name = `tandem_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}_${preparedGeneration}`;
    preparedNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}
const isStalePreparedPlan = (e: unknown) => (e as { code?: string }).code === "0A000" && /cached plan must not change result type/.test(String((e as Error).message));
function forgetPreparedStatements(): void {
  preparedGeneration += 1;
  preparedNames.clear();
}

function clientHandle(client: pg.PoolClient): Db {
  const self: Db = {
    kind: "server",
    query: async <T>(sql: string, params?: unknown[], options?: QueryOptions) => {
      try {
        return (await client.query(statement(sql, params, options))).rows as T[];
      } catch (e) {
        // Inside a transaction the error has aborted it: the caller fails once, the next call prepares anew.
        if (options?.prepare && isStalePreparedPlan(e)) forgetPreparedStatements();
        throw e;
      }
    },
    exec: async (sql) => void (await client.query(sql)),
    transaction: (fn) => nested(self, fn),
    close: async () => {},
    copyFrom: async (sql, source) => {
      const copy = client.query(copyFromStdin(sql));
      await pipeline(source, copy);
      return copy.rowCount ?? 0;
    },
  };
  return self;
}

/**
 * A pool of connections to a PostgreSQL server. Its settings come from the configuration; the
 * time limits are session settings the server enforces, so a runaway statement or a transaction
 * forgotten open ends with an error instead of holding a connection (and its locks) forever.
 */
export function openServer(url: string, settings: Partial<DatabasePoolSettings> = {}, log: DbLogger = fallbackLogger()): Db {
  const s = { ...DEFAULT_POOL_SETTINGS, ...settings };
  const pool = new pg.Pool({
    connectionString: url,
    max: s.max,
    connectionTimeoutMillis: s.connectionTimeoutMs,
    statement_timeout: s.statementTimeoutMs,
    idle_in_transaction_session_timeout: s.idleInTransactionTimeoutMs,
  });
  // An idle connection the server drops (restart, failover, pg_terminate_backend) is an 'error'
  // event on the pool: without a listener Node ends the process. The pool has already removed it.
  pool.on("error", (err) => log.error({ err }, "connexion inactive à la base de données perdue"));
  const scope = new TransactionScope();
  return {
    kind: "server",
    query: (sql, params, options) =>
      scope.guard(async () => {
        try {
          return (await pool.query(statement(sql, params, options))).rows;
        } catch (e) {
          if (!options?.prepare || !isStalePreparedPlan(e)) throw e;
          // Outside a transaction nothing was done: prepared again under a new name, once.
          forgetPreparedStatements();
          return (await pool.query(statement(sql, params, options))).rows;
        }
      }),
    exec: (sql) => scope.guard(async () => void (await pool.query(sql))),
    transaction: (fn) =>
      scope.guard(async () => {
        const client = await pool.connect();
        // A checked-out connection that dies (idle-in-transaction timeout, terminated backend) also
        // emits 'error', which would end the process; its query fails on its own, so just note it.
        let broken: Error | undefined;
        const onError = (err: Error) => {
          broken = err;
          log.error({ err }, "connexion à la base de données perdue pendant une transaction");
        };
        client.on("error", onError);
        try {
          await client.query("BEGIN");
          const result = await scope.run(() => fn(clientHandle(client)));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          try {
            await client.query("ROLLBACK");
          } catch (rollbackError) {
            // The connection is in an unknown state: it must not serve anyone else. The caller
            // gets the error that made the transaction fail, not this one.
            broken ??= rollbackError as Error;
          }
          throw error;
        } finally {
          client.off("error", onError);
          client.release(broken);
        }
      }),
    close: () => pool.end(),
  };
}

// Calendar dates ('2024-12-31') and bigints come back as strings on both databases: a date is
// never shifted through a JS Date and its time zone.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => v);

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string | null;
  /** Server only: PGlite is one in-process connection, whose statements cannot be interrupted. */
  pool?: Partial<DatabasePoolSettings>;
  log?: DbLogger;
}): Promise<Db> {
  return opts.databaseUrl ? openServer(opts.databaseUrl, opts.pool, opts.log) : openEmbedded(opts.dataDir);
}
