import { sendConventionAlerts } from "./convention/conventionAlerts.js";
import { purgeLoginThrottles } from "./identity/purgeLoginThrottles.js";
import type { DailyJob } from "./platform/dailyJobs.js";
import { runAuditRetention } from "./privacy/auditRetention.js";
import { sendReviewDueAlerts } from "./review/reviewDueAlerts.js";
import { sendDailyDigest } from "./support/sendDailyDigest.js";
import { sendSupportEndAlerts } from "./support/supportEndAlerts.js";

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
];
