import { z } from "zod";
import { OkSchema, UuidParamSchema } from "../../shared/contracts/common.js";
import {
  CalendarFeedSchema,
  CalendarResponseSchema,
  CancelPaymentRequestSchema,
  ConventionDetailSchema,
  ConventionListQuerySchema,
  ConventionPageSchema,
  CorrectPaymentRequestSchema,
  ImportConventionRequestSchema,
  ImportConventionResponseSchema,
  RecordAmendmentRequestSchema,
  RecordCommitmentValueRequestSchema,
  PaymentParamsSchema,
  RecordPaymentRequestSchema,
  RecordSignatureRequestSchema,
  RecordSuccessionRequestSchema,
  RecordTerminationRequestSchema,
} from "../../shared/contracts/convention.js";
import { ConventionFileSchema } from "../../shared/contracts/conventionFile.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { recordStatement } from "./conventionStatements.js";
import { nameDedicatedAdvisor, removeDedicatedAdvisor } from "./dedicatedAdvisors.js";
import { calendarFeed, hasCalendarFeed, renewCalendarToken, userOfCalendarToken } from "./calendarFeed.js";
import {
  exportConventionFile,
  proposeAmendment,
  recordAmendmentSignature,
  recordCommitmentValue,
  recordSignature,
  recordSuccession,
  recordTermination,
} from "./conventionActions.js";
import { cancelPayment, correctPayment, recordPayment } from "./conventionPayments.js";
import { getConventionDetail, listConventions, obligationsForUser } from "./conventionQueries.js";
import { importConvention } from "./importConvention.js";
import { errors } from "../platform/errors.js";

export const conventionRoutes: RouteModule = (app, { db, config }) => {
  const tags = ["Conventions"];
  const auth = { access: "authenticated" as const };
  const today = () => parisToday();

  app.get("/api/conventions/schema.json", {
    config: { access: "public" },
    schema: { tags, summary: "JSON Schema d’un fichier de convention (généré du schéma zod de l’API)" },
  }, async () => z.toJSONSchema(ConventionFileSchema, { io: "input", unrepresentable: "any" }));

  app.get("/api/conventions", {
    config: auth,
    schema: { tags, summary: "Registre des conventions (filtres : texte, type, statut, partie, commune)", querystring: ConventionListQuerySchema, response: { 200: ConventionPageSchema } },
  }, async (request) => listConventions(db, requireUser(request), request.query, today()));

  app.post("/api/conventions/import", {
    config: auth,
    schema: { tags, summary: "Importer une convention (fichier YAML ou JSON) : tout ou rien", body: ImportConventionRequestSchema, response: { 201: ImportConventionResponseSchema } },
  }, async (request, reply) => reply.status(201).send(await importConvention(db, requireUser(request), request.body.content)));

  app.get("/api/conventions/:id", {
    config: auth,
    schema: { tags, summary: "Une convention : termes, échéances, engagements, finances, avenants", params: UuidParamSchema, response: { 200: ConventionDetailSchema } },
  }, async (request) => getConventionDetail(db, requireUser(request), request.params.id, today()));

  app.get("/api/conventions/:id/export.yaml", {
    config: auth,
    schema: { tags, summary: "Exporter la convention en fichier YAML", params: UuidParamSchema },
  }, async (request, reply) => {
    const { number, yaml } = await exportConventionFile(db, requireUser(request), request.params.id, today());
    return reply
      .header("content-type", "application/yaml; charset=utf-8")
      .header("content-disposition", `attachment; filename="convention-${number}.yaml"`)
      .send(yaml);
  });

  app.post("/api/conventions/:id/amendments", {
    config: auth,
    schema: {
      tags,
      summary: "Proposer un avenant (il s’applique une fois signé par chaque partie ; le proposant peut signer pour sa partie)",
      params: UuidParamSchema,
      body: RecordAmendmentRequestSchema,
      response: { 200: OkSchema },
    },
  }, async (request) => {
    await proposeAmendment(db, requireUser(request), request.params.id, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/amendments/:amendmentId/signatures", {
    config: auth,
    schema: {
      tags,
      summary: "Signer un avenant au nom d’une partie (ou enregistrer sa copie signée)",
      params: z.strictObject({ id: z.uuid(), amendmentId: z.uuid() }),
      body: RecordSignatureRequestSchema,
      response: { 200: OkSchema },
    },
  }, async (request) => {
    await recordAmendmentSignature(db, requireUser(request), request.params.id, request.params.amendmentId, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/signatures", {
    config: auth,
    schema: { tags, summary: "Enregistrer une signature", params: UuidParamSchema, body: RecordSignatureRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await recordSignature(db, requireUser(request), request.params.id, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/termination", {
    config: auth,
    schema: { tags, summary: "Enregistrer une résiliation (préavis, manquement ou commun accord)", params: UuidParamSchema, body: RecordTerminationRequestSchema, response: { 200: z.object({ endsOn: z.string(), dataExchangeSuspendedOn: z.string().nullable() }) } },
  }, async (request) => recordTermination(db, requireUser(request), request.params.id, request.body, today()));

  app.post("/api/conventions/:id/statements", {
    config: auth,
    schema: {
      tags,
      summary: "Enregistrer un mémoire (versement dû au vu du mémoire)",
      params: UuidParamSchema,
      body: z.strictObject({ instalment: z.string().min(1).max(40), recordedOn: z.iso.date(), note: z.string().max(2000).optional() }),
      response: { 200: OkSchema },
    },
  }, async (request) => {
    await recordStatement(db, requireUser(request), request.params.id, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/dedicated-advisors", {
    config: auth,
    schema: { tags, summary: "Désigner un conseiller dédié à la convention", params: UuidParamSchema, body: z.strictObject({ userId: z.uuid() }), response: { 200: OkSchema } },
  }, async (request) => {
    await nameDedicatedAdvisor(db, requireUser(request), request.params.id, request.body.userId, today());
    return { ok: true as const };
  });

  app.delete("/api/conventions/:id/dedicated-advisors/:userId", {
    config: auth,
    schema: { tags, summary: "Retirer un conseiller dédié", params: z.strictObject({ id: z.uuid(), userId: z.uuid() }), response: { 200: OkSchema } },
  }, async (request) => {
    await removeDedicatedAdvisor(db, requireUser(request), request.params.id, request.params.userId, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/successions", {
    config: auth,
    schema: { tags, summary: "Enregistrer la succession d’une partie", params: UuidParamSchema, body: RecordSuccessionRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await recordSuccession(db, requireUser(request), request.params.id, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/commitments/:key/values", {
    config: auth,
    schema: {
      tags,
      summary: "Relever la valeur d’un engagement",
      params: z.strictObject({ id: z.uuid(), key: z.string().regex(/^[a-z0-9_]+$/) }),
      body: RecordCommitmentValueRequestSchema,
      response: { 200: OkSchema },
    },
  }, async (request) => {
    await recordCommitmentValue(db, requireUser(request), request.params.id, request.params.key, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/payments", {
    config: auth,
    schema: { tags, summary: "Enregistrer un versement", params: UuidParamSchema, body: RecordPaymentRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await recordPayment(db, requireUser(request), request.params.id, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/payments/:paymentId/corrections", {
    config: auth,
    schema: {
      tags,
      summary: "Corriger un versement (mêmes règles qu’un nouveau versement ; l’ancienne version reste dans son historique)",
      params: PaymentParamsSchema,
      body: CorrectPaymentRequestSchema,
      response: { 200: OkSchema },
    },
  }, async (request) => {
    await correctPayment(db, requireUser(request), request.params.id, request.params.paymentId, request.body, today());
    return { ok: true as const };
  });

  app.post("/api/conventions/:id/payments/:paymentId/cancellation", {
    config: auth,
    schema: { tags, summary: "Annuler un versement enregistré par erreur (il reste listé avec son motif)", params: PaymentParamsSchema, body: CancelPaymentRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await cancelPayment(db, requireUser(request), request.params.id, request.params.paymentId, request.body.reason, today());
    return { ok: true as const };
  });

  app.get("/api/calendar", {
    config: auth,
    schema: { tags, summary: "Mes prochaines échéances (toutes mes conventions) et si j’ai un flux iCalendar", response: { 200: CalendarResponseSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    return { obligations: await obligationsForUser(db, ctx.user, today(), { overdueGovernance: true }), hasFeed: await hasCalendarFeed(db, ctx.user.id) };
  });

  app.post("/api/calendar/feed", {
    config: auth,
    schema: { tags, summary: "Créer (ou régénérer) l’adresse de mon flux iCalendar : affichée cette fois seulement, l’ancienne cesse de fonctionner", response: { 200: CalendarFeedSchema } },
  }, async (request) => {
    const token = await renewCalendarToken(db, requireUser(request));
    return { feedUrl: `${config.publicUrl}/api/calendar/${token}.ics` };
  });

  app.get("/api/calendar/:token.ics", {
    // Calendar applications cannot log in: the secret token in the URL is the credential.
    config: { access: "public" },
    schema: { tags, summary: "Flux iCalendar des échéances d’un utilisateur", params: z.strictObject({ token: z.string().min(20).max(100) }) },
  }, async (request, reply) => {
    const user = await userOfCalendarToken(db, request.params.token);
    if (!user) throw errors.notFound("Calendrier");
    return reply.header("content-type", "text/calendar; charset=utf-8").send(await calendarFeed(db, user, today(), new URL(config.publicUrl).host));
  });
};
