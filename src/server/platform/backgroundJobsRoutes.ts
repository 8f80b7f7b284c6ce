import type { z } from "zod";
import {
  BackgroundJobRetryParamsSchema,
  BackgroundJobSchema,
  BackgroundJobsQuerySchema,
  BackgroundJobsSchema,
  type BackgroundJobState,
  backgroundJobLabel,
} from "../../shared/contracts/backgroundJobs.js";
import { audit } from "./audit.js";
import type { Db } from "./db.js";
import { AppError, errors } from "./errors.js";
import { requireUser } from "./http/requireUser.js";
import type { RouteModule } from "./http/types.js";
import { JOB_QUEUE_SCHEMA, retryDeadJob } from "./jobQueue.js";
import { authorize } from "./policies.js";
import type { RequestContext, SessionUser } from "./requestContext.js";

type UserContext = RequestContext & { user: SessionUser };

type JobRow = {
  id: string;
  name: string;
  state: BackgroundJobState;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  error: string | null;
};

// The queue's jobs and those archived (done more than 12 hours ago), of the last 7 days; not pg-boss's own (its cron sender).
const RECENT = `
  SELECT id, name, state::text AS state, retry_count, retry_limit, created_on, started_on, completed_on,
         CASE WHEN state IN ('failed', 'retry') THEN output->>'message' END AS error
    FROM ${JOB_QUEUE_SCHEMA}.job WHERE created_on > now() - interval '7 days' AND NOT starts_with(name, '__pgboss__')
  UNION ALL
  SELECT id, name, state::text, retry_count, retry_limit, created_on, started_on, completed_on,
         CASE WHEN state = 'failed' THEN output->>'message' END
    FROM ${JOB_QUEUE_SCHEMA}.archive WHERE created_on > now() - interval '7 days' AND NOT starts_with(name, '__pgboss__')`;

/** The platform admin's view of the queue (« Tâches de fond »): counts by state and the recent jobs, without their data. */
export async function listBackgroundJobs(db: Db, ctx: UserContext, state?: BackgroundJobState): Promise<z.infer<typeof BackgroundJobsSchema>> {
  authorize(ctx.user, "background_jobs.read");
  // Before the queue's first start (a database only migrated), nothing has run.
  const [{ installed }] = await db.query<{ installed: boolean }>(`SELECT to_regclass('${JOB_QUEUE_SCHEMA}.job') IS NOT NULL AS installed`);
  if (!installed) return { counts: {}, items: [] };
  const counts = await db.query<{ state: BackgroundJobState; n: number }>(`SELECT state, count(*)::int AS n FROM (${RECENT}) j GROUP BY state`);
  const rows = await db.query<JobRow>(`SELECT * FROM (${RECENT}) j WHERE $1::text IS NULL OR state = $1 ORDER BY created_on DESC, id LIMIT 100`, [state ?? null]);
  return {
    counts: Object.fromEntries(counts.map((c) => [c.state, c.n])),
    items: rows.map((r) => ({
      id: r.id,
      queue: r.name,
      label: backgroundJobLabel(r.name),
      state: r.state,
      // pg-boss counts the retries made; the first attempt is one more (none yet while created).
      attempts: r.started_on ? r.retry_count + 1 : r.retry_count,
      maxAttempts: r.retry_limit + 1,
      createdAt: r.created_on.toISOString(),
      startedAt: r.started_on?.toISOString() ?? null,
      completedAt: r.completed_on?.toISOString() ?? null,
      error: r.error,
    })),
  };
}

export const backgroundJobErrors = {
  notDead: () => new AppError(409, "BACKGROUND_JOB_NOT_FAILED", "Seule une tâche en échec, ses essais épuisés, peut être relancée."),
};

/** Relaunches a dead job: the command path (lock, authorise, apply, audit) in one transaction. */
export async function retryBackgroundJob(db: Db, ctx: UserContext, queue: string, id: string): Promise<z.infer<typeof BackgroundJobSchema>> {
  await db.transaction(async (tx) => {
    // Who may is known without the job (the platform admin): asked first, nothing is read for others.
    authorize(ctx.user, "background_jobs.retry");
    const [job] = await tx.query<{ state: string }>(`SELECT state::text AS state FROM ${JOB_QUEUE_SCHEMA}.job WHERE name = $1 AND id = $2 FOR UPDATE`, [queue, id]);
    if (!job) throw errors.notFound("Tâche de fond");
    if (job.state !== "failed") throw backgroundJobErrors.notDead();
    await retryDeadJob(tx, queue, id);
    await audit(tx, ctx, { action: "background_job.retried", subjectType: "background_job", subjectId: id, details: { queue } });
  });
  const [item] = (await listBackgroundJobs(db, ctx)).items.filter((j) => j.id === id);
  return item;
}

export const backgroundJobsRoutes: RouteModule = (app, { db }) => {
  const tags = ["Plateforme"];
  app.get("/api/background-jobs", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Tâches de fond des 7 derniers jours, par état, avec leurs échecs (administrateur de la plateforme)", querystring: BackgroundJobsQuerySchema, response: { 200: BackgroundJobsSchema } },
  }, async (request) => listBackgroundJobs(db, requireUser(request), request.query.state));

  app.post("/api/background-jobs/:queue/:id/retry", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Relancer une tâche de fond en échec (essais épuisés)", params: BackgroundJobRetryParamsSchema, response: { 200: BackgroundJobSchema } },
  }, async (request) => retryBackgroundJob(db, requireUser(request), request.params.queue, request.params.id));
};
