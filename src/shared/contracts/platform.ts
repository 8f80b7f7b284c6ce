import { z } from "zod";
import { PageQuerySchema, pageOf } from "./common.js";

export const HealthResponseSchema = z.object({ status: z.literal("ok"), database: z.enum(["embedded", "server"]) });
export const LiveResponseSchema = z.object({ status: z.literal("ok") });

export const AuditQuerySchema = PageQuerySchema.extend({
  action: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  actorEmail: z.string().max(254).optional(),
  /** A job seeker, by name or France Travail identifier: entries about them, their cases and the decisions on those cases. */
  person: z.string().trim().min(2, "Saisissez au moins 2 caractères (nom, prénom ou identifiant France Travail).").max(100).optional(),
  /** A user, by name or e-mail address: entries they made, and entries about their account. */
  user: z.string().trim().min(2, "Saisissez au moins 2 caractères (nom, prénom ou adresse électronique).").max(254).optional(),
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
  /** What happened, in French. */
  actionLabel: z.string(),
  /** Who did it (null: Tandem itself, e.g. a daily job), and their organisation. */
  actorName: z.string().nullable(),
  actorOrganisation: z.string().nullable(),
  /** What it was about, as a DPO reads it (« Accompagnement de D. Martin »). */
  subjectLabel: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export const AuditPageSchema = pageOf(AuditEventSchema);

export const EmailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(["outbox", "queued", "sending", "sent", "failed"]),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Email = z.infer<typeof EmailSchema>;
export const EmailPageSchema = pageOf(EmailSchema);
/** « Boîte d’envoi »: a page of messages, optionally those whose recipient's address starts with `to`. */
export const OutboxQuerySchema = PageQuerySchema.extend({ to: z.string().trim().max(254).optional() }).strict();
