import { frenchDate } from "../../domain/shared/calendarDate.js";
import { audit } from "../platform/audit.js";
import type { Deps } from "../platform/http/types.js";
import { systemContext } from "../platform/requestContext.js";
import { notifyUser } from "../support/notify.js";

export const IMMERSION_REMINDER_CLOSING = "Ce message vous est adressé par Tandem au titre des immersions professionnelles (PMSMP) prévues par votre convention.";

/**
 * Daily (ADR 0036): each immersion ended and not assessed is recalled once to its prescriber — the day
 * after its last day or at the first run after — with the day its assessment is due (the convention's
 * `assessmentWithin` after the end). The row's `assessment_reminded_at`, claimed in the reminder's own
 * transaction, makes it once whatever the number of runs. No name in the e-mail: the link opens the immersion.
 */
export async function sendImmersionAssessmentReminders(deps: Deps, today: string): Promise<number> {
  const due = await deps.db.query<{ id: string }>(
    "SELECT id FROM immersions WHERE assessed_at IS NULL AND assessment_reminded_at IS NULL AND ends_on < $1::date ORDER BY assessment_due_on, id LIMIT 1000",
    [today],
  );
  let sent = 0;
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const [i] = await tx.query<{ id: string; prescriber_id: string; job_seeker_id: string; rome_label: string; ends_on: string; due_on: string; host_name: string }>(
        `UPDATE immersions i SET assessment_reminded_at = now() FROM organisations o
          WHERE i.id = $1 AND o.id = i.host_org_id AND i.assessed_at IS NULL AND i.assessment_reminded_at IS NULL
          RETURNING i.id, i.prescriber_id, i.job_seeker_id, i.rome_label, to_char(i.ends_on, 'YYYY-MM-DD') AS ends_on,
                    to_char(i.assessment_due_on, 'YYYY-MM-DD') AS due_on, o.name AS host_name`,
        [id],
      );
      if (!i) return;
      const late = today > i.due_on;
      await notifyUser(tx, { mailer: deps.mailer, publicUrl: deps.config.publicUrl }, {
        userId: i.prescriber_id,
        kind: "immersion_assessment",
        title: late ? `Immersion : bilan en retard (dû le ${frenchDate(i.due_on)})` : `Immersion : bilan à faire d’ici le ${frenchDate(i.due_on)}`,
        body: `L’immersion « ${i.rome_label} » chez ${i.host_name} s’est terminée le ${frenchDate(i.ends_on)} : son bilan est attendu d’ici le ${frenchDate(i.due_on)}.\n\n${deps.config.publicUrl}/immersions/${i.id}`,
        emailClosing: IMMERSION_REMINDER_CLOSING,
      });
      await audit(tx, systemContext("immersion-assessment-reminders"), {
        action: "immersion.assessment_reminder_sent",
        subjectType: "job_seeker",
        subjectId: i.job_seeker_id,
        details: { immersionId: i.id, userId: i.prescriber_id, dueOn: i.due_on },
      });
      sent++;
    });
  }
  return sent;
}
