import { addMonths, frenchDate } from "../../domain/shared/calendarDate.js";
import { CONVENTION_END_WARNING, conventionEndWarningDay } from "../../domain/support/conventionEnd.js";
import { delayLabel } from "../../domain/convention/delays.js";
import { conventionPartyOrganisationIds, conventionsEndingBetween, globalSupportTermsOf } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { systemContext } from "../platform/requestContext.js";
import { notifyUser } from "./notify.js";
import { sessionUserOf } from "./sendDailyDigest.js";
import { canReadCase } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { findCase } from "./supportRepository.js";

/**
 * Alerts before a support's ends (ADR 0024), each sent once to each recipient (support_end_alerts_sent):
 * - the end of a social-only episode at its cap, to the pair, one review cadence of the convention
 *   before the episode's last day (a review can then decide the resumption or the exit);
 * - the end of the convention that runs the cases (its end, or its termination's effect),
 *   CONVENTION_END_WARNING before it, to the steering users of its parties (renew by amendment, or
 *   plan the exits) and to each pair member with open cases under it (those they may read, listed).
 * In-app texts carry initials; e-mails carry no name. Answers how many notifications were sent.
 */
export async function sendSupportEndAlerts(deps: SupportDeps, today: string): Promise<number> {
  return (await alertSocialOnlyCaps(deps, today)) + (await alertConventionEnds(deps, today));
}

/** Claims the alert for one recipient; false when it was already sent. */
async function claim(tx: Db, kind: "social_only_cap" | "convention_end", subjectId: string, dueOn: string, userId: string): Promise<boolean> {
  const rows = await tx.query(
    "INSERT INTO support_end_alerts_sent (kind, subject_id, due_on, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1",
    [kind, subjectId, dueOn, userId],
  );
  return rows.length > 0;
}

async function alertSocialOnlyCaps(deps: SupportDeps, today: string): Promise<number> {
  const rows = await deps.db.query<{ id: string; convention_id: string; ends_by: string; advisor_id: string | null; social_worker_id: string | null; initials: string }>(
    `SELECT sc.id, sc.convention_id, to_char(sc.social_only_ends_by, 'YYYY-MM-DD') AS ends_by, sc.advisor_id, sc.social_worker_id,
            left(js.first_name, 1) || '. ' || left(js.last_name, 1) || '.' AS initials
       FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
      WHERE sc.status = 'social_only' AND sc.social_only_ends_by >= $1::date AND sc.social_only_ends_by <= $2::date
      ORDER BY sc.social_only_ends_by, sc.id`,
    [today, addMonths(today, 12)],
  );
  const cadences = new Map<string, number | null>();
  let sent = 0;
  for (const r of rows) {
    if (!cadences.has(r.convention_id)) cadences.set(r.convention_id, (await globalSupportTermsOf(deps.db, r.convention_id, today))?.terms.reviewCadenceMonths ?? null);
    const cadence = cadences.get(r.convention_id);
    if (!cadence || addMonths(r.ends_by, -cadence) > today) continue;
    for (const userId of [r.advisor_id, r.social_worker_id]) {
      if (!userId) continue;
      await deps.db.transaction(async (tx) => {
        const user = await sessionUserOf(tx, userId);
        const row = await findCase(tx, r.id);
        if (!user || !row || !(await canReadCase(tx, user, row, today))) return;
        if (!(await claim(tx, "social_only_cap", r.id, r.ends_by, userId))) return;
        const what = `L’accompagnement social exclusif atteint sa durée maximale le ${frenchDate(r.ends_by)}`;
        const then = "d’ici là, la personne reprend son parcours vers l’emploi ou sort de l’accompagnement (à décider en revue de portefeuille).";
        await notifyUser(tx, deps, {
          userId,
          kind: "social_only_cap",
          title: `Fin de l’accompagnement social exclusif le ${frenchDate(r.ends_by)}`,
          body: `${r.initials} : ${what} ; ${then}`,
          emailBody: `${what} pour une personne que vous suivez ; ${then}`,
          caseId: r.id,
        });
        await audit(tx, systemContext("support-end-alerts"), {
          action: "support.social_only_cap_warned",
          subjectType: "support_case",
          subjectId: r.id,
          details: { userId, socialOnlyEndsBy: r.ends_by },
        });
        sent++;
      });
    }
  }
  return sent;
}

async function alertConventionEnds(deps: SupportDeps, today: string): Promise<number> {
  // The warning window is a calendar delay: read a little wider, then keep the conventions whose warning day has come.
  const ending = (await conventionsEndingBetween(deps.db, today, addMonths(today, 4))).filter((c) => conventionEndWarningDay(c.endsOn) <= today);
  let sent = 0;
  for (const c of ending) {
    if (!(await globalSupportTermsOf(deps.db, c.id, today))) continue;
    const cases = await deps.db.query<{ id: string; advisor_id: string | null; social_worker_id: string | null; initials: string }>(
      `SELECT sc.id, sc.advisor_id, sc.social_worker_id, left(js.first_name, 1) || '. ' || left(js.last_name, 1) || '.' AS initials
         FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
        WHERE sc.convention_id = $1 AND sc.status NOT IN ('exited','refused') ORDER BY sc.oriented_on, sc.id`,
      [c.id],
    );
    const ends = `${c.terminated ? "prend fin par résiliation" : "prend fin"} le ${frenchDate(c.endsOn)}`;
    const after = "Après cette date, ses accompagnements ne prendront plus de nouvel acte.";
    const parties = await conventionPartyOrganisationIds(deps.db, c.id, today);
    const steering = await deps.db.query<{ id: string }>("SELECT id FROM users WHERE active AND organisation_id = ANY($1::uuid[]) AND 'steering' = ANY(roles) ORDER BY id", [parties]);
    const recipients = new Map<string, { steering: boolean; cases: typeof cases }>();
    for (const u of steering) recipients.set(u.id, { steering: true, cases: [] });
    for (const k of cases) {
      for (const userId of [k.advisor_id, k.social_worker_id]) {
        if (!userId) continue;
        const r = recipients.get(userId) ?? { steering: false, cases: [] };
        r.cases.push(k);
        recipients.set(userId, r);
      }
    }
    for (const [userId, r] of recipients) {
      await deps.db.transaction(async (tx) => {
        const user = await sessionUserOf(tx, userId);
        if (!user) return;
        const readable: typeof cases = [];
        for (const k of r.cases) {
          const row = await findCase(tx, k.id);
          if (row && (await canReadCase(tx, user, row, today))) readable.push(k);
        }
        if (!r.steering && readable.length === 0) return;
        if (!(await claim(tx, "convention_end", c.id, c.endsOn, userId))) return;
        const count = `${cases.length} ${cases.length > 1 ? "accompagnements globaux" : "accompagnement global"} en cours`;
        const intro = `La convention n° ${c.number} ${ends} (alerte ${delayLabel(CONVENTION_END_WARNING)} avant).`;
        const steeringText = `${intro} ${count} : renouvelez la convention par avenant ou préparez les sorties. ${after}\n${deps.publicUrl}/conventions/${c.id}`;
        const line = (k: (typeof cases)[number]) => `${deps.publicUrl}/accompagnements/${k.id}`;
        const pairText = (names: boolean) =>
          `${intro} Vos accompagnements sous cette convention : préparez la sortie de chacun, sauf avenant qui la renouvelle. ${after}\n${readable.map((k) => `- ${names ? `${k.initials} : ` : ""}${line(k)}`).join("\n")}`;
        await notifyUser(tx, deps, {
          userId,
          kind: "convention_end",
          title: `Fin de la convention n° ${c.number} le ${frenchDate(c.endsOn)}`,
          body: r.steering && readable.length === 0 ? steeringText : `${r.steering ? `${steeringText}\n\n` : ""}${pairText(true)}`,
          emailBody: r.steering && readable.length === 0 ? steeringText : `${r.steering ? `${steeringText}\n\n` : ""}${pairText(false)}`,
          caseIds: readable.map((k) => k.id),
        });
        await audit(tx, systemContext("support-end-alerts"), {
          action: "support.convention_end_warned",
          subjectType: "user",
          subjectId: userId,
          details: { conventionId: c.id, endsOn: c.endsOn, cases: readable.length },
        });
        sent++;
      });
    }
  }
  return sent;
}
