import { addDays, frenchDate } from "../../domain/shared/calendarDate.js";
import type { DeadlineKind } from "../../domain/support/deadlines.js";
import { type SessionUser, systemContext } from "../platform/requestContext.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { effectiveRoles } from "../platform/policies.js";
import type { OrganisationKind } from "../../shared/roles.js";
import { DEADLINE_KIND_LABELS } from "./deadlineLabels.js";
import { SOON_DAYS } from "./getCaseView.js";
import { notifyUser } from "./notify.js";
import { canReadCase } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { findCase } from "./supportRepository.js";

export async function sessionUserOf(db: Db, id: string): Promise<SessionUser | null> {
  const [u] = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: SessionUser["roles"] }>(
    "SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND u.active",
    [id],
  );
  // The roles the policy counts, as a session would hold them (a role the organisation's kind may not hold gives no right).
  return u ? { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) } : null;
}

/**
 * The daily digest: each pair member whose open cases have a deadline overdue or due within
 * SOON_DAYS gets one notification and one e-mail listing them. Each case is listed only if the
 * policy lets the recipient read it today, as its page would (a pair member whose role was
 * withdrawn, or whose organisation no longer acts under the convention, is told nothing of it).
 * The in-app text carries the person's initials; the e-mail carries no name at all, only the
 * deadlines and the links: the details are in the app, behind the login.
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
  let sent = 0;
  for (const [userId, candidates] of byUser) {
    await deps.db.transaction(async (tx) => {
      const user = await sessionUserOf(tx, userId);
      if (!user) return;
      const cases: typeof candidates = [];
      for (const c of candidates) {
        const row = await findCase(tx, c.case_id);
        if (row && (await canReadCase(tx, user, row, today))) cases.push(c);
      }
      if (cases.length === 0) return;
      const overdue = cases.filter((c) => c.next_deadline_on < today).length;
      const line = (c: (typeof candidates)[number]) =>
        `${DEADLINE_KIND_LABELS[c.next_deadline_kind]} — ${c.next_deadline_on < today ? "dépassée depuis le" : "le"} ${frenchDate(c.next_deadline_on)} (${deps.publicUrl}/accompagnements/${c.case_id})`;
      const intro = `Vos accompagnements globaux dont l’échéance est dépassée ou tombe d’ici le ${frenchDate(horizon)} :`;
      await notifyUser(tx, deps, {
        userId,
        kind: "daily_digest",
        title: `Échéances du ${frenchDate(today)} : ${cases.length} accompagnement${cases.length > 1 ? "s" : ""}${overdue ? ` dont ${overdue} en retard` : ""}`,
        body: `${intro}\n${cases.map((c) => `- ${c.initials} : ${line(c)}`).join("\n")}`,
        emailBody: `${intro}\n${cases.map((c) => `- ${line(c)}`).join("\n")}`,
        caseIds: cases.map((c) => c.case_id),
      });
      await audit(tx, systemContext("support-digest"), { action: "support.digest_sent", subjectType: "user", subjectId: userId, details: { cases: cases.length } });
      sent++;
    });
  }
  return sent;
}
