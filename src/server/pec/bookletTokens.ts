import { createHash, randomBytes } from "node:crypto";
import type { Respondent } from "../../domain/pec/bookletQuestionnaire.js";
import type { Db } from "../platform/db.js";

/** How long a booklet link stays valid after it is sent (ADR 0038): the reminder after the due date sends a new one. */
export const BOOKLET_LINK_VALID_DAYS = 30;

export const hashBookletToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * A new link for one respondent of one milestone: 32 random bytes (base64url), of which only the
 * SHA-256 is kept. Returned once, to be put in the e-mail or shown to the advisor, with the
 * moment it stops working.
 */
export async function issueBookletToken(tx: Db, milestoneId: string, respondent: Respondent, now: Date = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + BOOKLET_LINK_VALID_DAYS * 86_400_000);
  await tx.query("INSERT INTO pec_booklet_tokens (milestone_id, respondent, token_hash, expires_at) VALUES ($1, $2, $3, $4)", [
    milestoneId,
    respondent,
    hashBookletToken(token),
    expiresAt,
  ]);
  return { token, expiresAt };
}

export type ValidToken = { id: string; milestone_id: string; respondent: Respondent };

/**
 * The token's milestone and respondent if the link may still be used: known, not expired, not
 * used, its milestone still open and not yet answered by that respondent. Anything else: null, and
 * the caller says the same « lien plus valable » whatever the reason.
 */
export async function validBookletToken(db: Db, token: string, opts: { lock?: boolean; now?: Date } = {}): Promise<ValidToken | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db.query<ValidToken & { expires_at: Date; used_at: Date | null; status: string; answered: boolean }>(
    `SELECT t.id, t.milestone_id, t.respondent, t.expires_at, t.used_at, m.status,
            EXISTS (SELECT 1 FROM pec_booklet_answers a WHERE a.milestone_id = t.milestone_id AND a.respondent = t.respondent) AS answered
       FROM pec_booklet_tokens t JOIN pec_booklet_milestones m ON m.id = t.milestone_id
      WHERE t.token_hash = $1${opts.lock ? " FOR UPDATE OF t" : ""}`,
    [hashBookletToken(token)],
  );
  if (!row || row.used_at || row.answered || row.status !== "open" || new Date(row.expires_at).getTime() <= (opts.now ?? new Date()).getTime()) return null;
  return { id: row.id, milestone_id: row.milestone_id, respondent: row.respondent };
}
