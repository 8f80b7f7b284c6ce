import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { loadConfig } from "./config.js";
import { type BackgroundJob, enqueueJob, installJobQueue, runQueuedJobs } from "./jobQueue.js";
import { createMailer } from "./mail.js";

let t: TestApp;
let fail = true;
// A job that fails until told otherwise, without retries: its first failure makes it a dead letter.
const fragile: BackgroundJob = {
  name: "daily-audit-retention",
  retryLimit: 0,
  run: async () => {
    if (fail) throw Object.assign(new Error("purge impossible pour marie.durand@exemple.fr"), { detail: "Key (nir)=(1840175123456)" });
  },
};
const deps = () => ({ db: t.db, config: loadConfig({ NODE_ENV: "test" }), mailer: createMailer(t.db, { from: "x@y.fr" }) });

beforeAll(async () => {
  t = await createTestApp();
  await installJobQueue(t.db, [fragile]);
});
afterAll(() => t.close());

describe("« Tâches de fond » (platform admin)", () => {
  let deadId: string;

  it("lists a dead job with its French name, state, attempts and message, never its data nor the error's detail", async () => {
    await t.db.transaction((tx) => enqueueJob(tx, "daily-audit-retention", { day: "2027-03-01" }));
    expect(await runQueuedJobs(deps(), [fragile])).toEqual({ completed: 0, failed: 1 });
    const admin = await t.loginAs("admin.plateforme");
    const res = await admin.get("/api/background-jobs?state=failed");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ failed: 1 });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      queue: "daily-audit-retention",
      label: "Conservation du journal d’audit",
      state: "failed",
      attempts: 1,
      maxAttempts: 1,
      error: "purge impossible pour …@…",
    });
    expect(res.body).not.toContain("1840175123456");
    expect(res.body).not.toContain("2027-03-01");
    deadId = body.items[0].id;
  });

  it("is refused to everyone else", async () => {
    const dpo = await t.loginAs("dpo.basrhin");
    expect((await dpo.get("/api/background-jobs")).statusCode).toBe(403);
    expect((await dpo.post(`/api/background-jobs/daily-audit-retention/${deadId}/retry`)).statusCode).toBe(403);
    const [row] = await t.db.query<{ state: string }>("SELECT state::text FROM pgboss.job WHERE id = $1", [deadId]);
    expect(row.state).toBe("failed");
  });

  it("relaunches a dead job once, audited; then it runs again", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const res = await admin.post(`/api/background-jobs/daily-audit-retention/${deadId}/retry`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: deadId, state: "retry", maxAttempts: 2 });
    const again = await admin.post(`/api/background-jobs/daily-audit-retention/${deadId}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({ code: "BACKGROUND_JOB_NOT_FAILED", message: "Seule une tâche en échec, ses essais épuisés, peut être relancée." });
    const events = await t.db.query<{ subject_id: string; details: { queue: string } }>("SELECT subject_id, details FROM audit_events WHERE action = 'background_job.retried'");
    expect(events).toEqual([{ subject_id: deadId, details: { queue: "daily-audit-retention" } }]);
    fail = false;
    expect(await runQueuedJobs(deps(), [fragile])).toEqual({ completed: 1, failed: 0 });
    expect((await admin.get("/api/background-jobs")).json().counts).toEqual({ completed: 1 });
  });

  it("an unknown job is not found, a malformed one is refused at its field", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const missing = await admin.post("/api/background-jobs/daily-audit-retention/00000000-0000-4000-8000-000000000029/retry");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe("Tâche de fond introuvable.");
    const malformed = await admin.post("/api/background-jobs/daily-audit-retention/pas-un-uuid/retry");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.issues[0]).toMatchObject({ message: "Identifiant de tâche invalide." });
  });
});
