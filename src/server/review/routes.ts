import { z } from "zod";
import { OkSchema, UuidParamSchema } from "../../shared/contracts/common.js";
import {
  AddReviewItemRequestSchema,
  CreateReviewRequestSchema,
  RecordDecisionRequestSchema,
  ReviewListSchema,
  ReviewAggregateSchema,
  ReviewOptionsSchema,
  ReviewPageQuerySchema,
  ReviewScheduleSchema,
  ReviewSchema,
} from "../../shared/contracts/review.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { can } from "../platform/policies.js";
import { agencySchedules, reviewOptionsFor } from "./reviewSchedule.js";
import { closeReview, reopenReview, reviewDocument } from "./closeReview.js";
import { deleteReview } from "./deleteReview.js";
import { readReview } from "./readReview.js";
import { readReviewAggregate } from "./readReviewAggregate.js";
import { reviewRefs } from "./reviewAccess.js";
import { addReviewItem, recordReviewDecision } from "./recordReviewDecision.js";
import { scheduleReview } from "./scheduleReview.js";

const DOCUMENT_TYPES = {
  minutes_pdf: { type: "application/pdf", name: "compte-rendu.pdf" },
  table_xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "tableau-de-suivi.xlsx" },
  table_csv: { type: "text/csv; charset=utf-8", name: "tableau-de-suivi.csv" },
} as const;

export const reviewRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  const tags = ["Revues de portefeuille"];
  const auth = { access: "authenticated" as const };

  app.get("/api/reviews/options", {
    config: auth,
    schema: { tags, summary: "Conventions et agences pour lesquelles je peux préparer une revue", response: { 200: ReviewOptionsSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    const conventions = await reviewOptionsFor(db, ctx.user, parisToday());
    return { conventions: conventions.map((c) => ({ id: c.id, number: c.number, title: c.title, agencies: c.agencies })) };
  });

  app.get("/api/reviews/schedule", {
    config: auth,
    schema: {
      tags,
      summary: "Le calendrier des revues à la fréquence de chaque convention : la prochaine revue due par agence, et celles en retard",
      response: { 200: ReviewScheduleSchema },
    },
  }, async (request) => {
    const ctx = requireUser(request);
    const today = parisToday();
    return { items: await agencySchedules(db, await reviewOptionsFor(db, ctx.user, today), today) };
  });

  app.get("/api/reviews", {
    config: auth,
    schema: { tags, summary: "Les revues auxquelles je participe", response: { 200: ReviewListSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    const rows = await db.query<{ id: string; convention_id: string; agency_ids: string[]; held_on: string; status: "open"; version: number; number: string; agencies: string[]; items: number; decided: number }>(
      `SELECT r.id, r.convention_id, r.agency_ids, r.held_on, r.status, r.version, c.number,
              ARRAY(SELECT o.name FROM organisations o WHERE o.id = ANY(r.agency_ids) ORDER BY o.name) AS agencies,
              (SELECT count(*)::int FROM portfolio_review_items i WHERE i.review_id = r.id) AS items,
              (SELECT count(DISTINCT d.case_id)::int FROM portfolio_review_decisions d WHERE d.review_id = r.id AND d.version = r.version) AS decided
         FROM portfolio_reviews r JOIN conventions c ON c.id = r.convention_id
        WHERE r.convention_id IN (SELECT convention_id FROM convention_parties p LEFT JOIN organisations o ON o.parent_id = p.organisation_id
                                   WHERE p.organisation_id = $1 OR o.id = $1)
        ORDER BY r.held_on DESC LIMIT 200`,
      [ctx.user.organisationId],
    );
    // Each review asked of the policy, from refs read for the whole page in one statement.
    const refs = await reviewRefs(db, rows);
    const items = rows
      .filter((_, i) => can(ctx.user, "review.take_part", refs[i]))
      .map((r) => ({ id: r.id, conventionNumber: r.number, agencies: r.agencies, heldOn: r.held_on, status: r.status, version: r.version, items: r.items, decided: r.decided }));
    return { items };
  });

  app.post("/api/reviews", {
    config: auth,
    schema: { tags, summary: "Préparer une revue : l’ordre du jour se construit à partir des accompagnements", body: CreateReviewRequestSchema, response: { 201: z.object({ id: z.uuid() }) } },
  }, async (request, reply) => reply.status(201).send(await scheduleReview(db, requireUser(request), request.body)));

  app.get("/api/reviews/:id", {
    config: auth,
    schema: {
      tags,
      summary: "Une revue : une page de son ordre du jour (filtrée), ses décisions, ses compteurs, documents, destinataires",
      params: UuidParamSchema,
      querystring: ReviewPageQuerySchema,
      response: { 200: ReviewSchema },
    },
  }, async (request) => readReview(db, requireUser(request), request.params.id, request.query));

  app.get("/api/reviews/:id/summary", {
    config: auth,
    schema: {
      tags,
      summary: "La synthèse d’une revue, en nombres (aucune personne nommée) : pour ses participants et sa liste de diffusion",
      params: UuidParamSchema,
      response: { 200: ReviewAggregateSchema },
    },
  }, async (request) => readReviewAggregate(db, requireUser(request), request.params.id));

  app.delete("/api/reviews/:id", {
    config: auth,
    schema: { tags, summary: "Supprimer une revue programmée par erreur (seulement si elle ne contient aucune décision)", params: UuidParamSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await deleteReview(deps, requireUser(request), request.params.id);
    return { ok: true as const };
  });

  app.post("/api/reviews/:id/items", {
    config: auth,
    schema: { tags, summary: "Ajouter une personne à l’ordre du jour", params: UuidParamSchema, body: AddReviewItemRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await addReviewItem(db, requireUser(request), request.params.id, request.body.caseId);
    return { ok: true as const };
  });

  app.put("/api/reviews/:id/decisions/:caseId", {
    config: auth,
    schema: {
      tags,
      summary: "Enregistrer une décision : appliquée aussitôt à l’accompagnement",
      params: z.strictObject({ id: z.uuid(), caseId: z.uuid() }),
      body: RecordDecisionRequestSchema,
      response: { 200: OkSchema },
    },
  }, async (request) => {
    await recordReviewDecision(deps, requireUser(request), request.params.id, request.params.caseId, request.body, parisToday());
    return { ok: true as const };
  });

  app.post("/api/reviews/:id/close", {
    config: auth,
    schema: { tags, summary: "Clore la revue : compte rendu, tableau de suivi, envoi aux destinataires", params: UuidParamSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await closeReview(deps, requireUser(request), request.params.id);
    return { ok: true as const };
  });

  app.post("/api/reviews/:id/reopen", {
    config: auth,
    schema: { tags, summary: "Rouvrir une revue close pour corriger une décision", params: UuidParamSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await reopenReview(db, requireUser(request), request.params.id);
    return { ok: true as const };
  });

  app.get("/api/reviews/:id/documents/:version/:kind", {
    config: auth,
    schema: {
      tags,
      summary: "Télécharger le compte rendu (PDF) ou le tableau de suivi (XLSX, CSV)",
      params: z.strictObject({ id: z.uuid(), version: z.coerce.number().int().min(1), kind: z.enum(["minutes_pdf", "table_xlsx", "table_csv"]) }),
    },
  }, async (request, reply) => {
    const { id, version, kind } = request.params;
    const content = await reviewDocument(db, requireUser(request), id, version, kind);
    return reply
      .header("content-type", DOCUMENT_TYPES[kind].type)
      .header("content-disposition", `attachment; filename="v${version}-${DOCUMENT_TYPES[kind].name}"`)
      .send(content);
  });
};
