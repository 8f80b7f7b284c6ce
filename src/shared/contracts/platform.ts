import { z } from "zod";
import { PageQuerySchema, pageOf } from "./common.js";

export const HealthResponseSchema = z.object({ status: z.literal("ok"), database: z.enum(["embedded", "server"]) });

export const AuditQuerySchema = PageQuerySchema.extend({
  action: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  actorEmail: z.string().max(254).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorEmail: z.string().nullable(),
  actorOrganisationId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export const AuditPageSchema = pageOf(AuditEventSchema);

export const EmailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(["outbox", "queued", "sent", "failed"]),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Email = z.infer<typeof EmailSchema>;
export const EmailPageSchema = pageOf(EmailSchema);
