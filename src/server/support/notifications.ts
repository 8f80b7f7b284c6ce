import { parisToday } from "../../domain/shared/calendarDate.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { canReadCase } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";

/** What a notification says when the user may no longer (or may not) read a case it is about. */
export const WITHHELD_NOTIFICATION_BODY =
  "Le détail de cette notification ne vous est pas accessible : elle concerne un accompagnement que votre rôle ne permet pas de consulter.";

/**
 * The user's own in-app notifications, newest first (each user sees only theirs). A notification
 * names people: its detail (body, link) is shown only if the policy lets the user read, today,
 * every case it is about — exactly as each case's page decides (a role withdrawn, a referent who
 * is not a professional of the case, a case handed to another organisation). The read is audited.
 */
export async function listNotifications(db: Db, ctx: RequestContext & { user: SessionUser }, opts: { limit: number }, today = parisToday()) {
  const user = ctx.user;
  const items = await db.query<{ id: string; kind: string; title: string; body: string; link: string | null; case_ids: string[]; created_at: Date; read_at: Date | null }>(
    "SELECT id, kind, title, body, link, case_ids, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2",
    [user.id, opts.limit],
  );
  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL", [user.id]);
  const byKind = await db.query<{ kind: string; n: string }>(
    "SELECT kind, count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL GROUP BY kind ORDER BY count(*) DESC, kind",
    [user.id],
  );
  const readable = new Map<string, boolean>();
  const mayRead = async (caseId: string) => {
    if (!readable.has(caseId)) {
      const row = await findCase(db, caseId);
      readable.set(caseId, row !== null && (await canReadCase(db, user, row, today)));
    }
    return readable.get(caseId) === true;
  };
  let withheld = 0;
  const presented = [];
  for (const i of items) {
    let shown = true;
    for (const caseId of i.case_ids ?? []) if (!(await mayRead(caseId))) shown = false;
    if (!shown) withheld++;
    presented.push({
      id: i.id,
      kind: i.kind,
      title: i.title,
      body: shown ? i.body : WITHHELD_NOTIFICATION_BODY,
      link: shown ? i.link : null,
      createdAt: new Date(i.created_at).toISOString(),
      readAt: i.read_at ? new Date(i.read_at).toISOString() : null,
    });
  }
  await auditRead(db, ctx, { action: "notifications.read", subjectType: "user", subjectId: user.id, details: { items: presented.length, withheld } });
  return { items: presented, unread: Number(n), unreadByKind: byKind.map((k) => ({ kind: k.kind, count: Number(k.n) })) };
}

export async function markNotificationRead(db: Db, user: SessionUser, id: string) {
  const rows = await db.query("UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING 1", [id, user.id]);
  if (!rows.length) throw supportErrors.notificationNotFound();
}

/** « Tout marquer comme lu »: every unread notification of the user, in one statement; answers how many. */
export async function markAllNotificationsRead(db: Db, user: SessionUser): Promise<number> {
  const rows = await db.query("UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1", [user.id]);
  return rows.length;
}
