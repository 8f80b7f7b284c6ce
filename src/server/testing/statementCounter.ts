import type { Db, QueryOptions } from "../platform/db.js";

/** One SQL statement a route sent through the `Db` interface, as sent (text and parameters). */
export type RecordedStatement = { sql: string; params: unknown[]; via: "query" | "exec"; inTransaction: boolean };

export type StatementCounter = {
  /** The handle to give the application (deps.db): it forwards everything to the real one and records it. */
  db: Db;
  /** What was recorded since the last `reset`. */
  statements(): RecordedStatement[];
  /** How many transactions were opened (outer ones and savepoints) since the last `reset`. */
  transactions(): number;
  reset(): void;
  /** Resets, runs fn, and returns what fn sent: one request, when fn is one `inject`. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: RecordedStatement[]; transactions: number }>;
};

/**
 * A `Db` that counts and records what goes through it: each `query` and `exec` call is one
 * statement (BEGIN/COMMIT issued by `transaction` itself are not: they are counted as
 * transactions). Used by the statement budget test and by the bench, so that both count the same
 * thing: how many round trips to the database a request costs, whatever the database.
 */
export function countStatements(inner: Db): StatementCounter {
  let recorded: RecordedStatement[] = [];
  let transactions = 0;

  const wrap = (db: Db, inTransaction: boolean): Db => ({
    kind: db.kind,
    query: <T>(sql: string, params?: unknown[], options?: QueryOptions) => {
      recorded.push({ sql, params: params ?? [], via: "query", inTransaction });
      return db.query<T>(sql, params, options);
    },
    exec: (sql: string) => {
      recorded.push({ sql, params: [], via: "exec", inTransaction });
      return db.exec(sql);
    },
    transaction: <T>(fn: (tx: Db) => Promise<T>) => {
      transactions += 1;
      return db.transaction((tx) => fn(wrap(tx, true)));
    },
    close: () => db.close(),
  });

  const counter: StatementCounter = {
    db: wrap(inner, false),
    statements: () => [...recorded],
    transactions: () => transactions,
    reset() {
      recorded = [];
      transactions = 0;
    },
    async measure(fn) {
      counter.reset();
      const result = await fn();
      return { result, statements: counter.statements(), transactions };
    },
  };
  return counter;
}
