import { z } from "zod";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { UuidParamSchema } from "../../shared/contracts/common.js";
import {
  AgreementReferenceSchema,
  HostTradesSchema,
  HostTradesViewSchema,
  ImmersionAssessmentSchema,
  ImmersionDetailSchema,
  ImmersionListSchema,
  ImmersionOptionsSchema,
  PersonInReachSchema,
  PersonSearchQuerySchema,
  RecordImmersionSchema,
} from "../../shared/contracts/immersion.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { assessImmersion, setAgreementReference } from "./assessImmersion.js";
import { declareHostTrades, readHostTrades } from "./hostTrades.js";
import { immersionOptions, listImmersions, readImmersion, searchImmersionPersons } from "./readImmersions.js";
import { recordImmersion } from "./recordImmersion.js";

const Ok = z.object({ ok: z.literal(true) });

/** PMSMP immersions (ADR 0036): the host's trades, the immersions France Travail records, their assessment. */
export const immersionRoutes: RouteModule = (app, { db }) => {
  const tags = ["Immersions (PMSMP)"];
  const access = { access: "authenticated" as const };

  app.get("/api/immersions", {
    config: access,
    schema: { tags, summary: "Les immersions que je peux voir (prescrites par France Travail ou accueillies par mon organisation)", response: { 200: ImmersionListSchema } },
  }, async (request) => listImmersions(db, requireUser(request), parisToday()));

  app.get("/api/immersions/options", {
    config: access,
    schema: { tags, summary: "Ce que le formulaire d’une immersion propose : conventions, objets, structures d’accueil et leurs métiers", response: { 200: ImmersionOptionsSchema } },
  }, async (request) => immersionOptions(db, requireUser(request), parisToday()));

  app.get("/api/immersions/persons", {
    config: access,
    schema: { tags, summary: "Rechercher une personne de mon territoire pour une immersion (nom ou identifiant France Travail)", querystring: PersonSearchQuerySchema, response: { 200: z.array(PersonInReachSchema) } },
  }, async (request) => searchImmersionPersons(db, requireUser(request), request.query.q, parisToday()));

  app.post("/api/immersions", {
    config: access,
    schema: { tags, summary: "Enregistrer une immersion (un seul objet, un métier de la structure d’accueil)", body: RecordImmersionSchema, response: { 201: z.object({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send(await recordImmersion(db, requireUser(request), request.body)));

  app.get("/api/immersions/:id", {
    config: access,
    schema: { tags, summary: "Une immersion et son bilan", params: UuidParamSchema, response: { 200: ImmersionDetailSchema } },
  }, async (request) => readImmersion(db, requireUser(request), request.params.id, parisToday()));

  app.put("/api/immersions/:id/assessment", {
    config: access,
    schema: { tags, summary: "Enregistrer (ou corriger) le bilan de l’immersion", params: UuidParamSchema, body: ImmersionAssessmentSchema, response: { 200: Ok } },
  }, async (request) => assessImmersion(db, requireUser(request), request.params.id, request.body));

  app.put("/api/immersions/:id/agreement", {
    config: access,
    schema: { tags, summary: "Référence de la convention d’immersion faite sur Immersion Facilitée", params: UuidParamSchema, body: AgreementReferenceSchema, response: { 200: Ok } },
  }, async (request) => setAgreementReference(db, requireUser(request), request.params.id, request.body.agreementReference));

  app.get("/api/organisations/:id/immersion-trades", {
    config: access,
    schema: { tags, summary: "Les métiers qu’une structure d’accueil déclare exercer", params: UuidParamSchema, response: { 200: HostTradesViewSchema } },
  }, async (request) => readHostTrades(db, requireUser(request), request.params.id));

  app.put("/api/organisations/:id/immersion-trades", {
    config: access,
    schema: { tags, summary: "Déclarer les métiers que la structure exerce (codes ROME)", params: UuidParamSchema, body: HostTradesSchema, response: { 200: HostTradesViewSchema.shape.trades } },
  }, async (request) => declareHostTrades(db, requireUser(request), request.params.id, request.body.romeCodes));
};
