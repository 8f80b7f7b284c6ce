import type { Db } from "../platform/db.js";
import { type BackgroundJob, enqueueJob } from "../platform/jobQueue.js";
import { runListImport } from "./runListImport.js";

/**
 * An import's check is a background job (pg-boss, ADR 0029): enqueued in the transaction that
 * records the import (or its new mapping), so a rolled-back request checks nothing; run by any
 * instance (the uploaded file waits in config.uploadDir, shared by the instances); retried if an
 * instance stops during it (the check starts again from the first line). The user follows its
 * progress on the import's page and may leave and come back.
 */
export const listCheckJob: BackgroundJob<{ importId: string }> = {
  name: "list-import-check",
  run: (deps, data) => runListImport(deps, data.importId),
  retryLimit: 2,
  retryDelaySeconds: 30,
  // A check is awaited by the person who uploaded the file: looked for every second.
  pollingIntervalSeconds: 1,
};

export const scheduleListCheck = (tx: Db, importId: string) => enqueueJob(tx, listCheckJob.name, { importId });
