import { Worker } from "node:worker_threads";

/** An error PGlite raised in its thread, rebuilt with the fields the app reads (code, constraint…). */
export class EmbeddedDatabaseError extends Error {
  code?: string;
  severity?: string;
  detail?: string;
  constraint?: string;
}

type Pending = { resolve: (value: { rows?: unknown[] }) => void; reject: (error: Error) => void };

/**
 * The embedded database's connection, in a worker thread (pgliteWorker.mjs): same `query`/`exec`
 * as PGlite itself, so db.ts serialises it and runs transactions on it unchanged, while the main
 * thread's event loop keeps serving requests during a long statement.
 */
export async function startEmbeddedWorker(dataDir: string | null) {
  const worker = new Worker(new URL("./pgliteWorker.mjs", import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { ready?: boolean }) => {
      if (!message.ready) return;
      worker.off("error", reject);
      resolve();
    };
    worker.once("message", onMessage);
    worker.once("error", reject);
  });
  worker.on("message", (message: { id: number; rows?: unknown[]; error?: Record<string, unknown> }) => {
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (pending.size === 0) worker.unref();
    if (message.error) p.reject(Object.assign(new EmbeddedDatabaseError(String(message.error.message)), message.error));
    else p.resolve(message);
  });
  worker.unref();
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`embedded database thread stopped (exit code ${code})`)));

  const send = (op: "query" | "exec" | "close", sql?: string, params?: unknown[]) =>
    new Promise<{ rows?: unknown[] }>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = ++nextId;
      // The thread keeps the process alive only while a statement is awaited: an idle database
      // left open (a test, a CLI command) does not hold the process.
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, sql, params });
    });

  return {
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: ((await send("query", sql, params)).rows ?? []) as T[] }),
    exec: async (sql: string) => send("exec", sql),
    close: async () => {
      await send("close");
      await worker.terminate();
    },
  };
}
