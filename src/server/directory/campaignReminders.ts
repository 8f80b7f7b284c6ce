import { daysBetween, frenchDate } from "../../domain/shared/calendarDate.js";
import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Deps } from "../platform/http/types.js";
import { systemContext } from "../platform/requestContext.js";
import { notifyUser } from "../support/notify.js";

/** The reminders' last sentence: they are sent for the convention's shared resource base, not for global support. */
export const CAMPAIGN_REMINDER_CLOSING =
  "Ce message vous est adressé par Tandem au titre de la mise à jour conjointe de la base de ressources partenariales prévue par votre convention.";

/** A campaign is announced « due soon » this many days before its deadline. */
export const CAMPAIGN_DUE_SOON_DAYS = 30;

type Stage = "opened" | "due_soon" | "overdue";
const stageOf = (today: string, deadline: string): Stage =>
  today > deadline ? "overdue" : daysBetween(today, deadline) <= CAMPAIGN_DUE_SOON_DAYS ? "due_soon" : "opened";

/**
 * Daily (ADR 0035): for each yearly update campaign of the current or last year, each party
 * organisation that still has services not updated since the campaign opened gets a reminder —
 * to its org_admins and partner agents, who keep its resources — once per stage (when the
 * campaign is open, 30 days before its deadline, once overdue), in the app and by e-mail.
 */
export async function sendCampaignReminders(deps: Deps, today: string): Promise<number> {
  const { db } = deps;
  const campaigns = await db.query<{ id: string; convention_id: string; year: number; starts_on: string; deadline: string }>(
    `SELECT id, convention_id, year, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(deadline, 'YYYY-MM-DD') AS deadline
       FROM directory_update_campaigns WHERE year >= $1 ORDER BY deadline`,
    [Number(today.slice(0, 4)) - 1],
  );
  let sent = 0;
  for (const c of campaigns) {
    const stage = stageOf(today, c.deadline);
    const parties = await conventionPartyOrganisationIds(db, c.convention_id, today);
    const stale = await db.query<{ organisation_id: string; n: string }>(
      "SELECT organisation_id, count(*) AS n FROM directory_services WHERE organisation_id = ANY($1::uuid[]) AND date_maj < $2::date GROUP BY organisation_id",
      [parties, c.starts_on],
    );
    for (const s of stale) {
      const keepers = await db.query<{ id: string }>(
        "SELECT id FROM users WHERE organisation_id = $1 AND active AND (roles && ARRAY['org_admin', 'partner_agent']::text[]) ORDER BY id",
        [s.organisation_id],
      );
      for (const k of keepers) {
        await db.transaction(async (tx) => {
          const claimed = await tx.query("INSERT INTO directory_campaign_reminders (campaign_id, user_id, stage) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1", [
            c.id,
            k.id,
            stage,
          ]);
          if (!claimed.length) return;
          const title =
            stage === "overdue"
              ? `Annuaire : mise à jour ${c.year} en retard (échéance du ${frenchDate(c.deadline)})`
              : `Annuaire : mise à jour ${c.year} attendue d’ici le ${frenchDate(c.deadline)}`;
          const body = `${s.n} ressource(s) de votre organisation n’ont pas été mises à jour depuis l’ouverture de la campagne annuelle le ${frenchDate(c.starts_on)}.\n\n${deps.config.publicUrl}/annuaire`;
          await notifyUser(tx, { mailer: deps.mailer, publicUrl: deps.config.publicUrl }, {
            userId: k.id,
            kind: "directory_campaign",
            title,
            body,
            emailClosing: CAMPAIGN_REMINDER_CLOSING,
          });
          await audit(tx, systemContext("directory-campaign-reminders"), {
            action: "directory.campaign_reminder_sent",
            subjectType: "organisation",
            subjectId: s.organisation_id,
            details: { campaignId: c.id, stage, userId: k.id },
          });
          sent++;
        });
      }
    }
  }
  return sent;
}
