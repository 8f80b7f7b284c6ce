import type { Readable } from "node:stream";
import { OkSchema, PageQuerySchema, UuidParamSchema } from "../../shared/contracts/common.js";
import {
  ListDecisionRequestSchema,
  ListDuplicatePageSchema,
  ListImportIssuePageSchema,
  ListImportOptionsSchema,
  ListImportPageSchema,
  ListImportRowParamsSchema,
  ListImportSchema,
  ListImportUploadParamsSchema,
  ListImportUploadQuerySchema,
  ListMappingRequestSchema,
} from "../../shared/contracts/lists.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule, TypedApp } from "../platform/http/types.js";
import { authorize } from "../platform/policies.js";
import { cancelListImport, confirmListImport, decideListRow, remapListImport } from "./manageListImport.js";
import { getListImport, listImportDuplicates, listImportIssues, listImportOptions, listListImports } from "./readListImports.js";
import { removeUpload, type SavedUpload, saveUpload } from "./listUpload.js";
import { assertMayReceive, startListImport } from "./startListImport.js";
import { LIST_SOURCES, type ListSource } from "../../domain/lists/listKinds.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { listExchangeTermsOf } from "../convention/conventionTerms.js";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const UPLOAD_CONTENT_TYPES = ["text/csv", "application/octet-stream", XLSX_CONTENT_TYPE];

/** Lists received from France Travail (ADR 0030): upload, dry-run report, decisions, confirmation, received files. */
export const listRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  const jobDeps = { db, log: app.log };
  const tags = ["Listes reçues"];
  const access = { access: "authenticated" as const };

  // The upload's body is the file itself, streamed to disk by a parser known to these routes only.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<import("fastify-type-provider-zod").ZodTypeProvider>() as TypedApp;
    files.addContentTypeParser(UPLOAD_CONTENT_TYPES, (request, payload, done) => {
      const declared = request.headers["content-length"] ? Number(request.headers["content-length"]) : null;
      saveUpload(payload as Readable, declared, deps.config.uploadDir).then(
        (saved) => done(null, saved),
        (err) => done(err, undefined),
      );
    });
    // A refused upload (bad query, no right, convention not in force) leaves no file behind.
    files.addHook("onResponse", async (request, reply) => {
      const body = request.body as Partial<SavedUpload> | undefined;
      if (reply.statusCode >= 400 && typeof body?.path === "string") await removeUpload(body.path);
    });
    files.post("/api/conventions/:id/list-imports/:source", {
      config: access,
      // The parser enforces its own bound (listUploadLimits) as the bytes arrive.
      bodyLimit: Number.MAX_SAFE_INTEGER,
      // Who may import this list under this convention is checked before a byte of the file is read (and again,
      // under a lock of the convention, in the transaction that records it).
      preParsing: async (request) => {
        const ctx = requireUser(request);
        authorize(ctx.user, "list.import.start");
        const { id, source } = request.params as { id: string; source: ListSource };
        // A malformed id or list is answered 400 by the params schema, next.
        if (!LIST_SOURCES.includes(source) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return;
        const today = parisToday();
        assertMayReceive(ctx, await listExchangeTermsOf(db, id, today), source, today);
      },
      schema: {
        tags,
        summary: "Déposer une liste reçue de France Travail (corps : le fichier CSV « ; » ou XLSX) ; la vérification (à blanc) suit en arrière-plan",
        params: ListImportUploadParamsSchema,
        querystring: ListImportUploadQuerySchema,
        response: { 201: ListImportSchema },
      },
    }, async (request, reply) => {
      const ctx = requireUser(request);
      const { id: conventionId, source } = request.params;
      const { fileName } = request.query;
      const contentType = request.headers["content-type"] ?? "";
      const format = contentType.startsWith(XLSX_CONTENT_TYPE) || fileName.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
      const id = await startListImport(jobDeps, ctx, { conventionId, source, fileName, format, upload: request.body as SavedUpload | undefined });
      return reply.status(201).send(await getListImport(db, ctx, id));
    });
  });

  app.get("/api/list-imports/options", {
    config: access,
    schema: { tags, summary: "Les conventions au titre desquelles mon organisation reçoit des listes, et lesquelles", response: { 200: ListImportOptionsSchema } },
  }, async (request) => listImportOptions(db, requireUser(request)));

  app.get("/api/list-imports", {
    config: access,
    schema: { tags, summary: "Les fichiers reçus par mon organisation (source, convention, qui, quand, lignes, date de purge)", querystring: PageQuerySchema, response: { 200: ListImportPageSchema } },
  }, async (request) => listListImports(db, requireUser(request), request.query.page, request.query.pageSize));

  app.get("/api/list-imports/:id", {
    config: access,
    schema: { tags, summary: "Un import : avancement, résultat de la vérification, date de purge", params: UuidParamSchema, response: { 200: ListImportSchema } },
  }, async (request) => getListImport(db, requireUser(request), request.params.id));

  app.get("/api/list-imports/:id/issues", {
    config: access,
    schema: { tags, summary: "Le rapport ligne par ligne (ligne, colonne, valeur, message), par pages", params: UuidParamSchema, querystring: PageQuerySchema, response: { 200: ListImportIssuePageSchema } },
  }, async (request) => listImportIssues(db, requireUser(request), request.params.id, request.query.page, request.query.pageSize));

  app.get("/api/list-imports/:id/duplicates", {
    config: access,
    schema: { tags, summary: "Les doublons (dans le fichier, ou personnes déjà connues) et la décision de chacun", params: UuidParamSchema, querystring: PageQuerySchema, response: { 200: ListDuplicatePageSchema } },
  }, async (request) => listImportDuplicates(db, requireUser(request), request.params.id, request.query.page, request.query.pageSize));

  app.put("/api/list-imports/:id/rows/:line/decision", {
    config: access,
    schema: { tags, summary: "Décider d’un doublon : garder, ignorer ou rattacher à la personne connue", params: ListImportRowParamsSchema, body: ListDecisionRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await decideListRow(db, requireUser(request), request.params.id, request.params.line, request.body.decision);
    return { ok: true as const };
  });

  app.put("/api/list-imports/:id/mapping", {
    config: access,
    schema: { tags, summary: "Choisir la colonne du fichier de chaque donnée, puis revérifier tout le fichier", params: UuidParamSchema, body: ListMappingRequestSchema, response: { 200: ListImportSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await remapListImport(jobDeps, ctx, request.params.id, request.body.mapping);
    return getListImport(db, ctx, request.params.id);
  });

  app.post("/api/list-imports/:id/confirmation", {
    config: access,
    schema: { tags, summary: "Appliquer la liste vérifiée, en une seule transaction (tout ou rien)", params: UuidParamSchema, response: { 200: ListImportSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await confirmListImport(jobDeps, ctx, request.params.id);
    return getListImport(db, ctx, request.params.id);
  });

  app.post("/api/list-imports/:id/cancellation", {
    config: access,
    schema: { tags, summary: "Abandonner l’import (les lignes et le fichier sont supprimés)", params: UuidParamSchema, response: { 200: ListImportSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await cancelListImport(db, ctx, request.params.id);
    return getListImport(db, ctx, request.params.id);
  });
};
