import type { Db } from "../platform/db.js";
import type { SupportDeps } from "./supportDeps.js";

/**
 * An alert for one professional: in the app (notifications table) and by e-mail, in the
 * caller's transaction so that a rolled-back change alerts no one. `emailBody` keeps names out
 * of the e-mail when the in-app text carries them (the details stay behind the login). The cases
 * it is about are recorded with it (`caseId`, or `caseIds` for a digest): the list shows its
 * detail only while the user may read every one of them (see notifications.ts).
 */
export async function notifyUser(
  tx: Db,
  deps: Pick<SupportDeps, "mailer" | "publicUrl">,
  n: { userId: string; kind: string; title: string; body: string; caseId?: string | null; caseIds?: string[]; emailBody?: string },
): Promise<void> {
  const link = n.caseId ? `/accompagnements/${n.caseId}` : null;
  const caseIds = [...new Set([...(n.caseId ? [n.caseId] : []), ...(n.caseIds ?? [])])];
  const [user] = await tx.query<{ email: string; active: boolean }>("SELECT email, active FROM users WHERE id = $1", [n.userId]);
  if (!user?.active) return;
  await tx.query("INSERT INTO notifications (user_id, kind, title, body, link, case_id, case_ids) VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[])", [
    n.userId,
    n.kind,
    n.title,
    n.body,
    link,
    n.caseId ?? null,
    caseIds,
  ]);
  await deps.mailer.enqueue(tx, {
    to: user.email,
    subject: `Tandem — ${n.title}`,
    text: `${n.emailBody ?? n.body}${link ? `\n\n${deps.publicUrl}${link}` : ""}\n\nCe message vous est adressé par Tandem au titre de l'accompagnement global.`,
  });
}
