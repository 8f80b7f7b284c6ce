import { z } from "zod";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { UuidParamSchema } from "../../shared/contracts/common.js";
import {
  ActionStatusSchema,
  AgendaItemSchema,
  GovernanceOverviewSchema,
  MeetingSchema,
  MinutesSchema,
  NewActionSchema,
  ScheduleMeetingSchema,
} from "../../shared/contracts/governance.js";
import { auditRead } from "../platform/audit.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { governanceErrors } from "./governanceErrors.js";
import { governanceMinutesPdf } from "./governanceMinutesPdf.js";
import { addAction, updateAction } from "./meetingActions.js";
import { addAgendaItem, adoptMinutes, recordMinutes } from "./meetingMinutes.js";
import { readGovernanceOverview, readMeeting } from "./readGovernance.js";
import { scheduleMeeting } from "./scheduleMeeting.js";

const Created = z.object({ id: z.string() });

/** The convention's governance (ADR 0034): meetings on the due slots, agenda, minutes adopted by each side, actions. */
export const governanceRoutes: RouteModule = (app, { db, mailer, config }) => {
  const tags = ["Gouvernance"];
  const access = { access: "authenticated" as const };

  app.get("/api/conventions/:id/governance", {
    config: access,
    schema: { tags, summary: "Instances de gouvernance d’une convention : réunions dues, tenues, en retard ; actions ouvertes", params: UuidParamSchema, response: { 200: GovernanceOverviewSchema } },
  }, async (request) => readGovernanceOverview(db, requireUser(request).user, request.params.id, parisToday()));

  app.post("/api/conventions/:id/governance/meetings", {
    config: access,
    schema: { tags, summary: "Programmer la réunion due d’une instance (invitations iCalendar aux pilotes des parties)", params: UuidParamSchema, body: ScheduleMeetingSchema, response: { 201: z.object({ id: z.string(), invitationsSent: z.number().int() }) } },
  }, async (request, reply) => reply.code(201).send(await scheduleMeeting(db, { mailer, publicUrl: config.publicUrl }, request.ctx, request.params.id, request.body)));

  app.get("/api/governance/meetings/:id", {
    config: access,
    schema: { tags, summary: "Une réunion : invités, ordre du jour, compte rendu, actions", params: UuidParamSchema, response: { 200: MeetingSchema } },
  }, async (request) => readMeeting(db, requireUser(request).user, request.params.id, parisToday()));

  app.post("/api/governance/meetings/:id/agenda-items", {
    config: access,
    schema: { tags, summary: "Ajouter un point à l’ordre du jour", params: UuidParamSchema, body: AgendaItemSchema, response: { 201: Created } },
  }, async (request, reply) => reply.code(201).send(await addAgendaItem(db, request.ctx, request.params.id, request.body.text)));

  app.put("/api/governance/meetings/:id/minutes", {
    config: access,
    schema: { tags, summary: "Enregistrer (ou corriger) le compte rendu : présences et décisions", params: UuidParamSchema, body: MinutesSchema, response: { 200: z.object({ version: z.number() }) } },
  }, async (request) => recordMinutes(db, request.ctx, request.params.id, request.body));

  app.post("/api/governance/meetings/:id/adoption", {
    config: access,
    schema: { tags, summary: "Adopter le compte rendu pour sa partie", params: UuidParamSchema, response: { 200: z.object({ adoptedByAll: z.boolean() }) } },
  }, async (request) => adoptMinutes(db, request.ctx, request.params.id));

  app.post("/api/governance/meetings/:id/actions", {
    config: access,
    schema: { tags, summary: "Ajouter une action décidée (responsable, échéance)", params: UuidParamSchema, body: NewActionSchema, response: { 201: Created } },
  }, async (request, reply) => reply.code(201).send(await addAction(db, request.ctx, request.params.id, request.body)));

  app.patch("/api/governance/actions/:id", {
    config: access,
    schema: { tags, summary: "Suivre une action (à faire, en cours, faite)", params: UuidParamSchema, body: ActionStatusSchema, response: { 200: z.object({ status: z.string() }) } },
  }, async (request) => updateAction(db, request.ctx, request.params.id, request.body.status));

  app.get("/api/governance/meetings/:id/minutes.pdf", {
    config: access,
    schema: { tags, summary: "Le compte rendu en PDF", params: UuidParamSchema },
  }, async (request, reply) => {
    const meeting = await readMeeting(db, requireUser(request).user, request.params.id, parisToday());
    if (meeting.minutes.version === 0) throw governanceErrors.minutesMissing();
    const pdf = await governanceMinutesPdf(meeting);
    await auditRead(db, request.ctx, { action: "governance.minutes_downloaded", subjectType: "convention", subjectId: meeting.conventionId, details: { meetingId: meeting.id, version: meeting.minutes.version } });
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `attachment; filename="compte-rendu-${meeting.conventionNumber}-${meeting.bodyKey}-${meeting.heldOn}.pdf"`)
      .send(pdf);
  });
};
