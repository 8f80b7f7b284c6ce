import { sendConventionAlerts } from "./convention/conventionAlerts.js";
import { purgeLoginThrottles } from "./identity/purgeLoginThrottles.js";
import type { DailyJob } from "./platform/dailyJobs.js";
import { runAuditRetention } from "./privacy/auditRetention.js";
import { sendDailyDigest } from "./support/sendDailyDigest.js";

/** Every capability's daily work, run once a day by the server (see platform/dailyJobs.ts). */
export const dailyJobs: DailyJob[] = [
  { name: "convention-alerts", run: sendConventionAlerts },
  { name: "support-digest", run: (deps, today) => sendDailyDigest({ db: deps.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl }, today) },
  { name: "login-throttles-purge", run: (deps) => purgeLoginThrottles(deps.db) },
  // The audit trail: partitions for the coming months, and the months older than a year dropped.
  { name: "audit-retention", run: (deps) => runAuditRetention(deps.db) },
];
