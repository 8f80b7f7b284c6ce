import type { Db } from "../platform/db.js";
import type { SessionUser } from "../platform/requestContext.js";
import { supportErrors } from "./supportErrors.js";

/** The user's own in-app notifications, newest first (each user sees only theirs). */
export async function listNotifications(db: Db, user: SessionUser, opts: { limit: number }) {
  const items = await db.query<{ id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null }>(
    "SELECT id, kind, title, body, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2",
    [user.id, opts.limit],
  );
  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL", [user.id]);
  return {
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      title: i.title,
      body: i.body,
      link: i.link,
      createdAt: new Date(i.created_at).toISOString(),
      readAt: i.read_at ? new Date(i.read_at).toISOString() : null,
    })),
    unread: Number(n),
  };
}

export async function markNotificationRead(db: Db, user: SessionUser, id: string) {
  const rows = await db.query("UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING 1", [id, user.id]);
  if (!rows.length) throw supportErrors.notificationNotFound();
}
