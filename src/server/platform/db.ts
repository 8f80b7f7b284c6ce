import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import pg from "pg";

/**
 * One small interface over both PostgreSQLs we run: PGlite in-process (default) and a
 * PostgreSQL server (DATABASE_URL). Every query is plain SQL with $n parameters, so the
 * same code and the same migrations run on both (see docs/adr/0002).
 */
export interface Db {
  readonly kind: "embedded" | "server";
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn in one transaction; everything inside must use the tx handle. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
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

function pgliteHandle(conn: PgliteLike, lock: Mutex | null, close: () => Promise<void>): Db {
  const guard = <T>(fn: () => Promise<T>) => (lock ? lock.run(fn) : fn());
  const self: Db = {
    kind: "embedded",
    query: <T>(sql: string, params?: unknown[]) => guard(async () => (await conn.query<T>(sql, params)).rows),
    exec: (sql) => guard(async () => void (await conn.exec(sql))),
    transaction: <T>(fn: (tx: Db) => Promise<T>) => {
      if (!lock) return nested(self, fn);
      return lock.run(async () => {
        await conn.exec("BEGIN");
        try {
          const result = await fn(pgliteHandle(conn, null, close));
          await conn.exec("COMMIT");
          return result;
        } catch (error) {
          await conn.exec("ROLLBACK");
          throw error;
        }
      });
    },
    close,
  };
  return self;
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

export async function openEmbedded(dataDir: string | null): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const conn = await PGlite.create(dataDir ?? undefined, {
    extensions: { pg_trgm, unaccent },
    parsers: { 1082: (v: string) => v, 20: (v: string) => v },
  });
  return pgliteHandle(conn as unknown as PgliteLike, new Mutex(), () => conn.close());
}

function clientHandle(client: pg.PoolClient): Db {
  const self: Db = {
    kind: "server",
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql) => void (await client.query(sql)),
    transaction: (fn) => nested(self, fn),
    close: async () => {},
  };
  return self;
}

export function openServer(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    kind: "server",
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(clientHandle(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

// Calendar dates ('2024-12-31') and bigints come back as strings on both databases: a date is
// never shifted through a JS Date and its time zone.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => v);

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string | null }): Promise<Db> {
  return opts.databaseUrl ? openServer(opts.databaseUrl) : openEmbedded(opts.dataDir);
}
