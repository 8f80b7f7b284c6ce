import { parisToday } from "../../../domain/shared/calendarDate.js";
import { UuidParamSchema } from "../../../shared/contracts/common.js";
import {
  AnswerRightsRequestSchema,
  BreachMeasuresSchema,
  BreachRegisterSchema,
  BreachSchema,
  DeclareBreachSchema,
  LiftLimitationSchema,
  PersonChoicesSchema,
  PersonQuerySchema,
  RecordRightsRequestSchema,
  RefuseRightsRequestSchema,
  RegisterOptionsSchema,
  RightsQuerySchema,
  RightsRegisterSchema,
  RightsRequestSchema,
} from "../../../shared/contracts/privacyRegisters.js";
import { conventionsOfParty } from "../../convention/conventionsOfParty.js";
import { auditRead } from "../../platform/audit.js";
import { requireUser } from "../../platform/http/requireUser.js";
import type { RouteModule } from "../../platform/http/types.js";
import { authorize } from "../../platform/policies.js";
import { searchPeopleInReachOf } from "../../support/personalDataHeld.js";
import { declareBreach, listBreaches, notifyBreach, readBreach, recordBreachMeasures } from "./breaches.js";
import { clockOrNull } from "./registerClauses.js";
import { accessAnswerDocument, answerRightsRequest, liftLimitation, listRightsRequests, readRightsRequest, recordRightsRequest, refuseRightsRequest, startRightsRequest } from "./rightsRequests.js";

/** The registers of the persons' rights requests and of the breaches, each kept by an organisation's DPO (ADR 0031). */
export const privacyRegisterRoutes: RouteModule = (app, { db, mailer }) => {
  const tags = ["Protection des données"];
  const config = { access: "authenticated" as const };

  app.get("/api/privacy/register-options", {
    config,
    schema: { tags, summary: "Conventions de mon organisation et délais de leurs clauses de données (DPO)", response: { 200: RegisterOptionsSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    authorize(ctx.user, "privacy.rights.manage", { organisationId: ctx.user.organisationId });
    const today = parisToday();
    const conventions = [];
    for (const c of await conventionsOfParty(db, ctx.user.organisationId, today)) {
      conventions.push({
        ...c,
        rightsAnswer: await clockOrNull(db, ctx.user.organisationId, c.id, today, "rights_answer"),
        breachNotice: await clockOrNull(db, ctx.user.organisationId, c.id, today, "breach_notice"),
      });
    }
    return { conventions };
  });

  app.get("/api/privacy/people", {
    config,
    schema: { tags, summary: "Chercher une personne connue de mon organisation (DPO)", querystring: PersonQuerySchema, response: { 200: PersonChoicesSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    authorize(ctx.user, "privacy.rights.manage", { organisationId: ctx.user.organisationId });
    const people = await searchPeopleInReachOf(db, ctx.user.organisationId, request.query.q);
    await auditRead(db, ctx, { action: "privacy.people_searched", subjectType: "job_seekers", details: { count: people.length } });
    return { items: people.map(({ registeredAt: _, ...p }) => p) };
  });

  app.get("/api/privacy/rights-requests", {
    config,
    schema: { tags, summary: "Registre des demandes d’exercice des droits de mon organisation", querystring: RightsQuerySchema, response: { 200: RightsRegisterSchema } },
  }, async (request) => listRightsRequests(db, requireUser(request), request.query.status));

  app.post("/api/privacy/rights-requests", {
    config,
    schema: { tags, summary: "Enregistrer une demande reçue (échéance calculée d’après la convention)", body: RecordRightsRequestSchema, response: { 201: RightsRequestSchema } },
  }, async (request, reply) => reply.code(201).send(await recordRightsRequest(db, requireUser(request), request.body)));

  app.get("/api/privacy/rights-requests/:id", {
    config,
    schema: { tags, summary: "Une demande du registre", params: UuidParamSchema, response: { 200: RightsRequestSchema } },
  }, async (request) => readRightsRequest(db, requireUser(request), request.params.id));

  app.post("/api/privacy/rights-requests/:id/start", {
    config,
    schema: { tags, summary: "Passer la demande « en cours »", params: UuidParamSchema, response: { 200: RightsRequestSchema } },
  }, async (request) => startRightsRequest(db, requireUser(request), request.params.id));

  app.post("/api/privacy/rights-requests/:id/answer", {
    config,
    schema: { tags, summary: "Répondre (accès : document PDF des données détenues ; rectification : fiche corrigée ; effacement, opposition : données effacées ; limitation : traitement limité)", params: UuidParamSchema, body: AnswerRightsRequestSchema, response: { 200: RightsRequestSchema } },
  }, async (request) => answerRightsRequest(db, requireUser(request), request.params.id, request.body));

  app.post("/api/privacy/rights-requests/:id/refusal", {
    config,
    schema: { tags, summary: "Refuser la demande, avec son motif", params: UuidParamSchema, body: RefuseRightsRequestSchema, response: { 200: RightsRequestSchema } },
  }, async (request) => refuseRightsRequest(db, requireUser(request), request.params.id, request.body));

  app.post("/api/privacy/rights-requests/:id/limitation-lift", {
    config,
    schema: { tags, summary: "Lever la limitation du traitement qu’une demande accordée a posée", params: UuidParamSchema, body: LiftLimitationSchema, response: { 200: RightsRequestSchema } },
  }, async (request) => liftLimitation(db, requireUser(request), request.params.id, request.body));

  app.get("/api/privacy/rights-requests/:id/access-answer.pdf", {
    config,
    schema: { tags, summary: "La réponse à une demande d’accès (PDF), telle que remise", params: UuidParamSchema },
  }, async (request, reply) => {
    const pdf = await accessAnswerDocument(db, requireUser(request), request.params.id);
    return reply.header("content-type", "application/pdf").header("content-disposition", 'attachment; filename="reponse-demande-acces.pdf"').send(pdf);
  });

  app.get("/api/privacy/breaches", {
    config,
    schema: { tags, summary: "Registre des violations et plaintes (DPO ; toutes pour l’administrateur de la plateforme)", response: { 200: BreachRegisterSchema } },
  }, async (request) => listBreaches(db, requireUser(request)));

  app.post("/api/privacy/breaches", {
    config,
    schema: { tags, summary: "Déclarer une violation ou une plainte (échéance d’information calculée d’après la convention)", body: DeclareBreachSchema, response: { 201: BreachSchema } },
  }, async (request, reply) => reply.code(201).send(await declareBreach(db, requireUser(request), request.body)));

  app.get("/api/privacy/breaches/:id", {
    config,
    schema: { tags, summary: "Une violation ou plainte, ses contacts à informer et les courriels envoyés", params: UuidParamSchema, response: { 200: BreachSchema } },
  }, async (request) => readBreach(db, requireUser(request), request.params.id));

  app.post("/api/privacy/breaches/:id/notification", {
    config,
    schema: { tags, summary: "Informer l’autre partie (un courriel à son DPO et à son contact sécurité)", params: UuidParamSchema, response: { 200: BreachSchema } },
  }, async (request) => notifyBreach(db, mailer, requireUser(request), request.params.id));

  app.post("/api/privacy/breaches/:id/measures", {
    config,
    schema: { tags, summary: "Enregistrer les mesures prises", params: UuidParamSchema, body: BreachMeasuresSchema, response: { 200: BreachSchema } },
  }, async (request) => recordBreachMeasures(db, requireUser(request), request.params.id, request.body.measures));
};
