import { addDays, frenchDate } from "../../domain/shared/calendarDate.js";
import type { Deps } from "../platform/http/types.js";
import type { OrganisationKind } from "../../shared/roles.js";
import { effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { governanceSlotsHeld } from "../governance/calendarStates.js";
import { obligationsForUser } from "./conventionQueries.js";
import type { ObligationDto as Obligation } from "../../shared/contracts/convention.js";

/**
 * Daily: each steering user and org_admin of a party is told of the obligations coming due within
 * the alert window (CONVENTION_ALERT_DAYS, default 30), each obligation once, in one e-mail per
 * convention and day — a convention's end brings several deadlines on the same day, and nine
 * e-mails in a second bury the rest of the inbox. A governance meeting due that has already been
 * held (its date passed, or its minutes adopted) is not announced (ADR 0034): the governance context
 * says which (governance/calendarStates.ts), once per convention.
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
    const byConvention = new Map<string, Obligation[]>();
    for (const o of (await obligationsForUser(db, user, today)).filter((o) => o.dueOn <= horizon)) {
      if (o.kind === "governance" && o.conventionId && (await heldSlots(o.conventionId)).has(o.key)) continue;
      const key = o.conventionId ?? "";
      byConvention.set(key, [...(byConvention.get(key) ?? []), o]);
    }
    for (const due of byConvention.values()) {
      await db.transaction(async (tx) => {
        const fresh: Obligation[] = [];
        for (const o of due) {
          const claimed = await tx.query(
            "INSERT INTO convention_alerts_sent (convention_id, obligation_key, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1",
            [o.conventionId, o.key, u.id],
          );
          if (claimed.length) fresh.push(o);
        }
        if (!fresh.length) return;
        fresh.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
        const { conventionNumber, conventionId } = fresh[0];
        await mailer.enqueue(tx, {
          to: u.email,
          subject: fresh.length === 1 ? `Échéance le ${frenchDate(fresh[0].dueOn)} — ${conventionNumber}` : `${fresh.length} échéances à partir du ${frenchDate(fresh[0].dueOn)} — ${conventionNumber}`,
          text:
            `Bonjour ${u.first_name} ${u.last_name},\n\nConvention ${conventionNumber} :\n` +
            fresh.map((o) => `- ${o.label}, le ${frenchDate(o.dueOn)}.\n  Source : ${o.source}`).join("\n") +
            `\n\n${config.publicUrl}/conventions/${conventionId}`,
        });
        sent++;
      });
    }
  }
  return sent;
}
