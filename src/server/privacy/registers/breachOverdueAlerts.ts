import { parisWallClock } from "../../../domain/privacy/registerClocks.js";
import { BREACH_KIND_LABELS } from "../../../shared/contracts/privacyRegisters.js";
import type { OrganisationKind, Role } from "../../../shared/roles.js";
import { audit } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import type { Mailer } from "../../platform/mail.js";
import { can, effectiveRoles } from "../../platform/policies.js";
import { systemContext } from "../../platform/requestContext.js";

type Deps = { db: Db; mailer: Mailer; config: { publicUrl: string } };

/**
 * Daily: each breach whose deadline has passed without the other party being told is announced by
 * e-mail to its organisation's DPOs and to the platform admins — each recipient once per breach
 * (breach_overdue_alerts_sent), whatever the number of runs. Recipients are asked of the policy as
 * their session would be (`privacy.breach.manage`). Returns the number of e-mails queued.
 */
export async function sendBreachOverdueAlerts(deps: Deps, now: Date = new Date()): Promise<number> {
  const { db } = deps;
  const late = await db.query<{ id: string; organisation_id: string; organisation_name: string; kind: "breach" | "complaint"; number: string; deadline_at: Date }>(
    `SELECT b.id, b.organisation_id, o.name AS organisation_name, b.kind, c.number, b.deadline_at FROM breaches b
       JOIN organisations o ON o.id = b.organisation_id JOIN conventions c ON c.id = b.convention_id
      WHERE b.notified_at IS NULL AND b.deadline_at < $1 ORDER BY b.deadline_at`,
    [now],
  );
  let sent = 0;
  for (const b of late) {
    const users = await db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] }>(
      `SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, o.kind, u.roles FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.active AND ((u.organisation_id = $1 AND 'dpo' = ANY(u.roles)) OR 'platform_admin' = ANY(u.roles)) ORDER BY u.last_name, u.first_name`,
      [b.organisation_id],
    );
    const recipients = users.filter((u) =>
      can(
        { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: effectiveRoles(u.kind, u.roles) },
        "privacy.breach.manage",
        { organisationId: b.organisation_id },
      ),
    );
    const deadline = parisWallClock(b.deadline_at);
    for (const u of recipients) {
      await db.transaction(async (tx) => {
        const claimed = await tx.query("INSERT INTO breach_overdue_alerts_sent (breach_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1", [b.id, u.id]);
        if (!claimed.length) return;
        await deps.mailer.enqueue(tx, {
          to: u.email,
          subject: `En retard : l’autre partie n’est pas informée — ${BREACH_KIND_LABELS[b.kind]} (${b.organisation_name})`,
          text: [
            `${BREACH_KIND_LABELS[b.kind]} déclarée par ${b.organisation_name} au titre de la convention ${b.number} :`,
            `l’autre partie devait en être informée au plus tard le ${deadline.date.split("-").reverse().join("/")} à ${deadline.time.replace(":", " h ")} (heure de Paris), et ne l’est pas encore.`,
            "",
            `${deps.config.publicUrl}/protection-des-donnees/violations/${b.id}`,
          ].join("\n"),
        });
        await audit(tx, systemContext("breach-overdue-alerts"), {
          action: "privacy.breach_overdue_alert_sent",
          subjectType: "breach",
          subjectId: b.id,
          details: { userId: u.id },
        });
        sent++;
      });
    }
  }
  return sent;
}
