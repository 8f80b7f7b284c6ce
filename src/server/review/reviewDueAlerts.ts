import type { ScheduledSlot } from "../../domain/review/schedule.js";
import { reviewWording } from "../../domain/shared/cadence.js";
import { daysBetween, frenchDate } from "../../domain/shared/calendarDate.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { conventionPartyOrganisationIds, findConventionsRunningGlobalSupport } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Deps } from "../platform/http/types.js";
import { can, effectiveRoles } from "../platform/policies.js";
import { systemContext } from "../platform/requestContext.js";
import { notifyUser } from "../support/notify.js";
import { agencySchedules } from "./reviewSchedule.js";

/** A review due within this many days and not yet prepared is announced to the agency's participants. */
export const REVIEW_DUE_ALERT_DAYS = 15;

/**
 * Daily: for each France Travail agency under each convention running global support today, the
 * review of the period under way (at the convention's cadence, reviewSchedule) that falls due
 * within REVIEW_DUE_ALERT_DAYS with no review held or prepared in its period, and the last one
 * left late, are announced to the agency's participants — its advisors, and the partners' social
 * workers paired with them on a case under the convention — each once per due review
 * (review_due_alerts_sent), in the app and by e-mail (notifyUser, as the support context does).
 */
export async function sendReviewDueAlerts(deps: Deps, today: string): Promise<number> {
  const { db } = deps;
  const agencies = await db.query<{ id: string; name: string }>(
    "SELECT o.id, o.name FROM organisations o WHERE o.kind = 'ft_agency' AND EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = o.id AND u.active AND 'advisor' = ANY(u.roles)) ORDER BY o.name",
  );
  let sent = 0;
  for (const agency of agencies) {
    for (const c of await findConventionsRunningGlobalSupport(db, agency.id, today)) {
      if (!(await conventionPartyOrganisationIds(db, c.conventionId, today, "france_travail")).includes(agency.id)) continue;
      const [schedule] = await agencySchedules(db, [{ id: c.conventionId, number: c.number, terms: c.terms, agencies: [agency] }], today);
      if (!schedule) continue;
      const slots: { slot: ScheduledSlot; late: boolean }[] = [];
      if (schedule.next?.state === "due" && daysBetween(today, schedule.next.dueOn) <= REVIEW_DUE_ALERT_DAYS) slots.push({ slot: schedule.next, late: false });
      const lastLate = schedule.late.at(-1);
      if (lastLate) slots.push({ slot: lastLate, late: true });
      if (slots.length === 0) continue;
      const partners = await conventionPartyOrganisationIds(db, c.conventionId, today, "partner");
      const participants = await participantsOf(db, c.conventionId, agency.id, partners);
      const review = reviewWording(schedule.cadenceMonths);
      for (const { slot, late } of slots) {
        for (const userId of participants) {
          await db.transaction(async (tx) => {
            const claimed = await tx.query(
              "INSERT INTO review_due_alerts_sent (convention_id, agency_id, due_on, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1",
              [c.conventionId, agency.id, slot.dueOn, userId],
            );
            if (!claimed.length) return;
            const title = late
              ? `Revue en retard — ${agency.name}`
              : `Revue à préparer d’ici le ${frenchDate(slot.dueOn)} — ${agency.name}`;
            const body = late
              ? `La ${review} de la convention ${c.number} pour ${agency.name}, due le ${frenchDate(slot.dueOn)} (période du ${frenchDate(slot.startsOn)} au ${frenchDate(slot.dueOn)}), n’a pas été tenue.\n\n${deps.config.publicUrl}/revues`
              : `La ${review} de la convention ${c.number} pour ${agency.name} est due le ${frenchDate(slot.dueOn)} (période du ${frenchDate(slot.startsOn)} au ${frenchDate(slot.dueOn)}) et n’est pas encore programmée.\n\n${deps.config.publicUrl}/revues`;
            await notifyUser(tx, { mailer: deps.mailer, publicUrl: deps.config.publicUrl }, { userId, kind: "review_due", title, body });
            await audit(tx, systemContext("review-due-alerts"), {
              action: "review.due_alert_sent",
              subjectType: "organisation",
              subjectId: agency.id,
              details: { conventionId: c.conventionId, dueOn: slot.dueOn, late, userId },
            });
            sent++;
          });
        }
      }
    }
  }
  return sent;
}

/**
 * Who takes part in an agency's review: its advisors, and the partners' social workers paired with
 * one of them on an open case under the convention — each asked of the policy as a session would be.
 */
async function participantsOf(db: Deps["db"], conventionId: string, agencyId: string, partners: string[]): Promise<string[]> {
  const rows = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] }>(
    `SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.active AND (
        (u.organisation_id = $2 AND 'advisor' = ANY(u.roles))
        OR (u.organisation_id = ANY($3::uuid[]) AND 'social_worker' = ANY(u.roles) AND EXISTS (
          SELECT 1 FROM support_cases sc JOIN users a ON a.id = sc.advisor_id
           WHERE sc.social_worker_id = u.id AND sc.convention_id = $1 AND a.organisation_id = $2 AND sc.status NOT IN ('exited','refused'))))
      ORDER BY u.last_name, u.first_name`,
    [conventionId, agencyId, partners],
  );
  return rows
    .filter((u) =>
      can(
        { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) },
        "review.take_part",
        { agencyIds: [agencyId], partnerOrganisationIds: partners },
      ),
    )
    .map((u) => u.id);
}
