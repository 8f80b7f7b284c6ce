import { addDays, frenchDate } from "../../domain/shared/calendarDate.js";
import type { DeadlineKind } from "../../domain/support/deadlines.js";
import { systemContext } from "../platform/requestContext.js";
import { audit } from "../platform/audit.js";
import { DEADLINE_KIND_LABELS } from "./deadlineLabels.js";
import { SOON_DAYS } from "./getCaseView.js";
import { notifyUser } from "./notify.js";
import type { SupportDeps } from "./supportDeps.js";

/**
 * The daily digest: each pair member whose open cases have a deadline overdue or due within
 * SOON_DAYS gets one notification and one e-mail listing them. Names stay out of the e-mail
 * (only the case count and deadlines): the details are in the app, behind the login.
 */
export async function sendDailyDigest(deps: SupportDeps, today: string): Promise<number> {
  const horizon = addDays(today, SOON_DAYS);
  const rows = await deps.db.query<{ user_id: string; case_id: string; next_deadline_on: string; next_deadline_kind: DeadlineKind; initials: string }>(
    `SELECT u.id AS user_id, sc.id AS case_id, sc.next_deadline_on, sc.next_deadline_kind,
            left(js.first_name, 1) || '. ' || left(js.last_name, 1) || '.' AS initials
       FROM support_cases sc
       JOIN users u ON u.id = sc.advisor_id OR u.id = sc.social_worker_id
       JOIN job_seekers js ON js.id = sc.job_seeker_id
      WHERE sc.status NOT IN ('exited','refused') AND sc.next_deadline_on <= $1 AND u.active
      ORDER BY u.id, sc.next_deadline_on`,
    [horizon],
  );
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
  for (const [userId, cases] of byUser) {
    await deps.db.transaction(async (tx) => {
      const overdue = cases.filter((c) => c.next_deadline_on < today).length;
      const lines = cases.map(
        (c) => `- ${c.initials} : ${DEADLINE_KIND_LABELS[c.next_deadline_kind]} — ${c.next_deadline_on < today ? "dépassée depuis le" : "le"} ${frenchDate(c.next_deadline_on)} (${deps.publicUrl}/accompagnements/${c.case_id})`,
      );
      await notifyUser(tx, deps, {
        userId,
        kind: "daily_digest",
        title: `Échéances du ${frenchDate(today)} : ${cases.length} accompagnement${cases.length > 1 ? "s" : ""}${overdue ? ` dont ${overdue} en retard` : ""}`,
        body: `Vos accompagnements globaux dont l'échéance est dépassée ou tombe d'ici le ${frenchDate(horizon)} :\n${lines.join("\n")}`,
      });
      await audit(tx, systemContext("support-digest"), { action: "support.digest_sent", subjectType: "user", subjectId: userId, details: { cases: cases.length } });
    });
  }
  return byUser.size;
}
