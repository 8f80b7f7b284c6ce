import { z } from "zod";
import { UuidParamSchema, OkSchema } from "../../shared/contracts/common.js";
import {
  AnswerBookletSchema,
  BookletTokenParamSchema,
  CompleteTaskSchema,
  ContractBookletSchema,
  HandedLinkSchema,
  HandLinkSchema,
  PreExitHeldSchema,
  PublicBookletSchema,
  SchedulePreExitSchema,
} from "../../shared/contracts/pecBooklet.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { answerBooklet, completeBookletTask, handBookletLink, readBookletByToken, readContractBooklet } from "./booklet.js";
import { recordPreExitMeetingHeld, schedulePreExitMeeting } from "./preExit.js";

/** The PEC follow-up booklet (ADR 0038): the links without an account, the contract's booklet, its follow-up. */
export const bookletRoutes: RouteModule = (app, { db, mailer, config }) => {
  const tags = ["Parcours emploi compétences — livret de suivi"];
  const auth = { access: "authenticated" as const };
  // The link's token is the credential (no account); per IP, like the invitations.
  const viaLink = { access: "public" as const, rateLimit: { max: 30, timeWindow: "1 minute", keyGenerator: (request: { ip: string }) => `livret:${request.ip}` } };

  app.get("/api/livret/:token", {
    config: viaLink,
    schema: { tags, summary: "Livret de suivi à renseigner par le salarié ou le tuteur, par son lien personnel (sans compte)", params: BookletTokenParamSchema, response: { 200: PublicBookletSchema } },
  }, async (request) => readBookletByToken(db, request.ctx, request.params.token));

  app.post("/api/livret/:token", {
    config: viaLink,
    schema: { tags, summary: "Répondre au livret de suivi, une fois, par son lien personnel", params: BookletTokenParamSchema, body: AnswerBookletSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await answerBooklet(db, { mailer, publicUrl: config.publicUrl }, request.ctx, request.params.token, request.body.answers);
    return { ok: true as const };
  });

  app.get("/api/pec/contracts/:id/booklet", {
    config: auth,
    schema: { tags, summary: "Livret de suivi d’un contrat PEC : échéances, réponses côte à côte une fois les deux reçues (conseillers), prises de contact, entretien préalable à la sortie", params: UuidParamSchema, response: { 200: ContractBookletSchema } },
  }, async (request) => readContractBooklet(db, requireUser(request), request.params.id));

  app.post("/api/pec/contracts/:id/booklet/milestones/:milestoneId/link", {
    config: auth,
    schema: {
      tags,
      summary: "Créer un lien personnel à remettre en main propre (salarié sans adresse électronique, courriel non reçu) : affiché une seule fois",
      params: z.object({ id: z.uuid(), milestoneId: z.uuid() }),
      body: HandLinkSchema,
      response: { 200: HandedLinkSchema },
    },
  }, async (request) => handBookletLink(db, requireUser(request), config.publicUrl, request.params.id, request.params.milestoneId, request.body.respondent));

  app.post("/api/pec/booklet-tasks/:id/done", {
    config: auth,
    schema: { tags, summary: "Enregistrer faite une prise de contact demandée dans le livret", params: UuidParamSchema, body: CompleteTaskSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await completeBookletTask(db, requireUser(request), request.params.id, request.body.note || null);
    return { ok: true as const };
  });

  app.post("/api/pec/contracts/:id/pre-exit/schedule", {
    config: auth,
    schema: { tags, summary: "Programmer l’entretien préalable à la sortie", params: UuidParamSchema, body: SchedulePreExitSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await schedulePreExitMeeting(db, requireUser(request), request.params.id, request.body.scheduledOn);
    return { ok: true as const };
  });

  app.post("/api/pec/contracts/:id/pre-exit/held", {
    config: auth,
    schema: { tags, summary: "Enregistrer l’entretien préalable à la sortie tenu", params: UuidParamSchema, body: PreExitHeldSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await recordPreExitMeetingHeld(db, requireUser(request), request.params.id, request.body);
    return { ok: true as const };
  });
};
