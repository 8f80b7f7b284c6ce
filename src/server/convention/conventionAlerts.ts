import { addDays, frenchDate } from "../../domain/shared/calendarDate.js";
import type { Deps } from "../platform/http/types.js";
import type { OrganisationKind } from "../../shared/roles.js";
import { effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { governanceSlotsHeld } from "../governance/calendarStates.js";
import { obligationsForUser } from "./conventionQueries.js";

/**
 * Daily: each steering user and org_admin of a party receives one e-mail per obligation
 * coming due within the alert window (CONVENTION_ALERT_DAYS, default 30), once. A governance
 * meeting due that has already been held (its date passed, or its minutes adopted) is not announced
 * (ADR 0034): the governance context says which (governance/calendarStates.ts), once per convention.
 */
export async function sendConventionAlerts({ db, mailer, config }: Deps, today: string): Promise<number> {
  const horizon = addDays(today, config.conventionAlertDays);
  const users = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: SessionUser["roles"] }>(
    `SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles
       FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.active AND u.roles && ARRAY['steering','org_admin']`,
  );
  let sent = 0;
  const held = new Map<string, Set<string>>();
  const heldSlots = async (conventionId: string) => {
    if (!held.has(conventionId)) held.set(conventionId, await governanceSlotsHeld(db, conventionId, today));
    return held.get(conventionId)!;
  };
  for (const u of users) {
    const user: SessionUser = { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) };
    const due = (await obligationsForUser(db, user, today)).filter((o) => o.dueOn <= horizon);
    for (const o of due) {
      if (o.kind === "governance" && o.conventionId && (await heldSlots(o.conventionId)).has(o.key)) continue;
      await db.transaction(async (tx) => {
        const claimed = await tx.query(
          "INSERT INTO convention_alerts_sent (convention_id, obligation_key, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1",
          [o.conventionId, o.key, u.id],
        );
        if (!claimed.length) return;
        await mailer.enqueue(tx, {
          to: u.email,
          subject: `Échéance le ${frenchDate(o.dueOn)} — ${o.conventionNumber}`,
          text: `Bonjour ${u.first_name} ${u.last_name},\n\nConvention ${o.conventionNumber} : ${o.label}, le ${frenchDate(o.dueOn)}.\nSource : ${o.source}\n\n${config.publicUrl}/conventions/${o.conventionId}`,
        });
        sent++;
      });
    }
  }
  return sent;
}
