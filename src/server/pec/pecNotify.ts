import type { Db } from "../platform/db.js";
import type { Mailer } from "../platform/mail.js";

export type PecDeps = { mailer: Mailer; publicUrl: string };

/**
 * An alert of the PEC context for one user: in the app (notifications) and by e-mail, in the
 * caller's transaction. The e-mail carries no person's name: the details stay behind the login.
 */
export async function notifyPecUser(tx: Db, deps: PecDeps, n: { userId: string; kind: string; title: string; body: string; emailBody: string; link: string }): Promise<void> {
  const [user] = await tx.query<{ email: string; active: boolean }>("SELECT email, active FROM users WHERE id = $1", [n.userId]);
  if (!user?.active) return;
  await tx.query("INSERT INTO notifications (user_id, kind, title, body, link) VALUES ($1, $2, $3, $4, $5)", [n.userId, n.kind, n.title, n.body, n.link]);
  await deps.mailer.enqueue(tx, {
    to: user.email,
    subject: `Tandem — ${n.title}`,
    text: `${n.emailBody}\n\n${deps.publicUrl}${n.link}\n\nCe message vous est adressé par Tandem au titre des parcours emploi compétences.`,
  });
}
