import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Db } from "./db.js";

/** A text attachment (an iCalendar invitation…), kept with the message until it is sent. */
export type EmailAttachment = { filename: string; contentType: string; content: string };
export type OutgoingEmail = { to: string; subject: string; text: string; attachments?: EmailAttachment[] };

/**
 * Every message is first recorded in `emails`, in the caller's transaction: a rolled-back
 * change sends nothing. Without SMTP_URL the row stays in the outbox (read by a platform
 * admin in the app); with SMTP_URL it is queued and the dispatcher sends it after commit.
 */
export type Mailer = {
  enqueue(tx: Db, email: OutgoingEmail): Promise<void>;
  /** Sends what is queued; returns how many were sent. */
  dispatch(): Promise<number>;
  readonly mode: "smtp" | "outbox";
};

type QueuedEmail = { id: string; to_address: string; subject: string; body_text: string; attachments: EmailAttachment[] | null };

/**
 * Claims up to `limit` queued messages for this dispatcher (ADR 0029): rows locked by another
 * dispatcher are skipped, the claimed ones leave 'queued' when this statement commits, so no
 * message is sent twice, whatever the number of instances. A claim left by a dispatcher that
 * stopped mid-send (15 minutes) is marked failed rather than sent again.
 */
async function claimQueued(db: Db, limit: number): Promise<QueuedEmail[]> {
  await db.query(
    "UPDATE emails SET status = 'failed', error = 'Envoi interrompu : le message a pu partir, il n’est pas renvoyé.' WHERE status = 'sending' AND claimed_at < now() - interval '15 minutes'",
  );
  return db.query<QueuedEmail>(
    `UPDATE emails SET status = 'sending', claimed_at = now()
      WHERE id IN (SELECT id FROM emails WHERE status = 'queued' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, to_address, subject, body_text, attachments`,
    [limit],
  );
}

export function createMailer(db: Db, opts: { smtpUrl?: string; from: string; logger?: Logger }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  let dispatching = false;
  return {
    mode: transport ? "smtp" : "outbox",
    async enqueue(tx, email) {
      await tx.query("INSERT INTO emails (to_address, subject, body_text, status, attachments) VALUES ($1, $2, $3, $4, $5)", [
        email.to,
        email.subject,
        email.text,
        transport ? "queued" : "outbox",
        email.attachments?.length ? JSON.stringify(email.attachments) : null,
      ]);
    },
    async dispatch() {
      if (!transport) return 0;
      // One dispatch at a time in this process; other instances are kept off by the claim below.
      if (dispatching) return 0;
      dispatching = true;
      try {
        let sent = 0;
        for (;;) {
          const claimed = await claimQueued(db, 10);
          if (!claimed.length) break;
          for (const row of claimed) {
            try {
              await transport.sendMail({ from: opts.from, to: row.to_address, subject: row.subject, text: row.body_text, attachments: row.attachments ?? undefined });
              await db.query("UPDATE emails SET status = 'sent', sent_at = now(), error = NULL WHERE id = $1", [row.id]);
              sent++;
            } catch (error) {
              opts.logger?.error({ err: error, emailId: row.id }, "envoi SMTP échoué");
              await db.query("UPDATE emails SET status = 'failed', error = $2 WHERE id = $1", [row.id, String(error)]);
            }
          }
        }
        return sent;
      } finally {
        dispatching = false;
      }
    },
  };
}
