import { sendConventionAlerts } from "./convention/conventionAlerts.js";
import { refreshConventionTerritories } from "./convention/conventionTerritory.js";
import { listCheckJob } from "./lists/listImportJobs.js";
import { purgeLoginThrottles } from "./identity/purgeLoginThrottles.js";
import { type DailyJob, dailyBackgroundJobs, enqueueDueDailyJobs } from "./platform/dailyJobs.js";
import type { BackgroundJob, ScheduledJob } from "./platform/jobQueue.js";
import { maintainEmbeddedDatabase } from "./platform/embeddedMaintenance.js";
import { runAuditRetention } from "./privacy/auditRetention.js";
import { sendBreachOverdueAlerts } from "./privacy/registers/breachOverdueAlerts.js";
import { runDuePurges } from "./privacy/retention/runPurges.js";
import { sendReviewDueAlerts } from "./review/reviewDueAlerts.js";
import { sendDailyDigest } from "./support/sendDailyDigest.js";
import { sendCampaignReminders } from "./directory/campaignReminders.js";
import { sendSupportEndAlerts } from "./support/supportEndAlerts.js";
import { sendImmersionAssessmentReminders } from "./immersion/immersionReminders.js";
import { sendBookletNotices } from "./pec/bookletNotices.js";
import { sendPecCertificateReminders } from "./pec/pecDeadlines.js";

/** Every capability's daily work, run once a day by the server (see platform/dailyJobs.ts). */
export const dailyJobs: DailyJob[] = [
  { name: "convention-alerts", run: sendConventionAlerts },
  { name: "support-digest", run: (deps, today) => sendDailyDigest({ db: deps.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl }, today) },
  // Before a social-only episode's cap and before the end of a convention that runs cases, once each (ADR 0024).
  { name: "support-end-alerts", run: (deps, today) => sendSupportEndAlerts({ db: deps.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl }, today) },
  // The reviews due at each convention's cadence and not prepared, announced once each (ADR 0026).
  { name: "review-due-alerts", run: sendReviewDueAlerts },
  { name: "login-throttles-purge", run: (deps) => purgeLoginThrottles(deps.db) },
  // The audit trail: partitions for the coming months, and the months older than a year dropped.
  { name: "audit-retention", run: (deps) => runAuditRetention(deps.db) },
  // Convention territories that follow their source (parties' territories, « the communes that join » an EPCI), ADR 0027.
  { name: "convention-territories", run: (deps) => refreshConventionTerritories(deps.db) },
  // Breaches not told to the other party by the convention's deadline: their DPOs and the platform admins, once each (ADR 0031).
  { name: "breach-overdue-alerts", run: (deps) => sendBreachOverdueAlerts(deps) },
  // Received lists and conventions' ends due for purge, in batches, with their journal; failures told to the DPOs (ADR 0032).
  { name: "retention-purges", run: (deps, today) => runDuePurges({ db: deps.db, mailer: deps.mailer, config: deps.config }, today) },
  // The directory's yearly update campaign: its keepers of stale resources reminded once per stage (ADR 0035).
  { name: "directory-campaign-reminders", run: sendCampaignReminders },
  // PMSMP immersions ended without their assessment: the prescriber reminded once, with the day it is due (ADR 0036).
  { name: "immersion-assessment-reminders", run: sendImmersionAssessmentReminders },
  // The PEC follow-up booklet: reminder before, link on the due date, reminder after, to the employee and the tutor, once each (ADR 0038).
  { name: "pec-booklet-notices", run: (deps, today) => sendBookletNotices(deps, today) },
  // The PEC work-experience certificate: the employer reminded before its deadline and once overdue (ADR 0037).
  { name: "pec-certificate-reminders", run: (deps, today) => sendPecCertificateReminders(deps.db, { mailer: deps.mailer, publicUrl: deps.config.publicUrl }, today) },
  // The embedded database has no autovacuum: VACUUM (ANALYZE) once a day, last (ADR 0043). Nothing on a server.
  { name: "embedded-database-maintenance", run: (deps) => maintainEmbeddedDatabase(deps.db) },
];

/**
 * Every job run on the queue (ADR 0029): the daily jobs above, each on its queue « daily-<name> »,
 * and the jobs a capability enqueues with `enqueueJob(tx, name, data)` — add yours here.
 */
export const backgroundJobs: BackgroundJob[] = [
  ...dailyBackgroundJobs(dailyJobs),
  // The dry run of a received list, enqueued with the import (ADR 0030).
  listCheckJob as BackgroundJob,
];

/** What pg-boss sends on its own: every 10 minutes (Paris), the daily jobs not yet enqueued today are. */
export const backgroundSchedules: ScheduledJob[] = [{ name: "daily-jobs", cron: "*/10 * * * *", run: (deps) => enqueueDueDailyJobs(deps.db, dailyJobs) }];
