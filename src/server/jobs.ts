import { sendConventionAlerts } from "./convention/conventionAlerts.js";
import type { DailyJob } from "./platform/dailyJobs.js";

/** Every capability's daily work, run once a day by the server (see platform/dailyJobs.ts). */
export const dailyJobs: DailyJob[] = [{ name: "convention-alerts", run: sendConventionAlerts }];
