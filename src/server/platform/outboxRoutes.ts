import { EmailPageSchema, OutboxQuerySchema } from "../../shared/contracts/platform.js";
import { auditRead } from "./audit.js";
import { requireUser } from "./http/requireUser.js";
import type { RouteModule } from "./http/types.js";
import { authorize } from "./policies.js";
import { likeEscaped } from "./likePattern.js";

export const outboxRoutes: RouteModule = (app, { db }) => {
  app.get("/api/outbox", {
    config: { access: "authenticated" },
    schema: { tags: ["Plateforme"], summary: "Messages envoyés ou en attente (administrateur de la plateforme)", querystring: OutboxQuerySchema, response: { 200: EmailPageSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    authorize(ctx.user, "outbox.read");
    const { page, pageSize, to } = request.query;
    // A prefix of the recipient's address, wildcards taken literally (index emails_recipient_idx).
    const params: unknown[] = [pageSize, (page - 1) * pageSize];
    if (to) params.push(`${likeEscaped(to.toLowerCase())}%`);
    const rows = await db.query<{ id: string; to_address: string; subject: string; body_text: string; status: "outbox"; created_at: Date; sent_at: Date | null; total: string }>(
      `SELECT *, count(*) OVER () AS total FROM emails
        ${to ? "WHERE lower(to_address) LIKE $3" : ""}
        ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      params,
    );
    await auditRead(db, ctx, { action: "outbox.read", subjectType: "emails", details: to ? { recipientStartsWith: to } : {} });
    return {
      items: rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, body: r.body_text, status: r.status, createdAt: r.created_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null })),
      total: Number(rows[0]?.total ?? 0),
      page,
      pageSize,
    };
  });
};
