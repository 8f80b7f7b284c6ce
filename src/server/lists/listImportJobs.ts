import { type ListImportDeps, runListImport } from "./runListImport.js";

/**
 * Where an import's check runs once its request has committed: the one place to switch to the
 * job queue (issue 12, pg-boss) — until then, in this process, after the response (setImmediate).
 * The user follows its progress on the import's page and may leave and come back.
 */
let pending = 0;
const waiters: (() => void)[] = [];

export function scheduleListCheck(deps: ListImportDeps, importId: string): void {
  pending++;
  setImmediate(() => {
    runListImport(deps, importId)
      .catch((err) => deps.log?.error({ err, importId }, "list import check failed"))
      .finally(() => {
        pending--;
        if (pending === 0) for (const w of waiters.splice(0)) w();
      });
  });
}

/** Resolves when no check is running in this process (tests, shutdown). */
export const listChecksSettled = (): Promise<void> => (pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)));
