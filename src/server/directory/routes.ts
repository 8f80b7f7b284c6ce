import { UuidParamSchema } from "../../shared/contracts/common.js";
import {
  CaseResourcesQuerySchema,
  CaseResourcesSchema,
  DirectoryCsvExportQuerySchema,
  DirectoryCsvFileSchema,
  DirectoryExportSchema,
  DirectoryFileSchema,
  DirectoryImportReportSchema,
  DirectoryListQuerySchema,
  DirectoryListSchema,
  DirectoryServiceSchema,
  DirectorySteeringSchema,
  CampaignRequestSchema,
  RecordMobilisedSchema,
  ServiceFormSchema,
  DirectoryStructureSchema,
  DirectoryStructuresSchema,
  MoveServiceSchema,
  StructureFormSchema,
} from "../../shared/contracts/directory.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { recordResourceMobilised } from "../support/recordResourceMobilised.js";
import { caseResources } from "./caseResources.js";
import { directorySteering, openCampaign } from "./directorySteering.js";
import { recordsToCsv } from "./directoryCsv.js";
import { importDirectory } from "./importDirectory.js";
import { importDirectoryCsv } from "./importDirectoryCsv.js";
import { confirmServiceUpToDate, publishService } from "./publishService.js";
import { editStructure, moveService } from "./editStructure.js";
import { exportDirectory, getDirectoryService, listDirectory } from "./readDirectory.js";
import { getDirectoryStructure, listOwnStructures } from "./readStructures.js";

/** A data·inclusion file is bounded before it is parsed: 5 Mo hold thousands of services. */
export const DIRECTORY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The partners' resource directory (ADR 0035): publish, search, import/export in the data·inclusion schema, the case's resources. */
export const directoryRoutes: RouteModule = (app, { db, mailer, config }) => {
  const tags = ["Annuaire des ressources partenaires"];
  const access = { access: "authenticated" as const };

  app.get("/api/directory", {
    config: access,
    schema: { tags, summary: "Les ressources de mon organisation et celles que ses partenaires lui partagent", querystring: DirectoryListQuerySchema, response: { 200: DirectoryListSchema } },
  }, async (request) => listDirectory(db, requireUser(request), request.query));

  app.post("/api/directory/services", {
    config: access,
    schema: { tags, summary: "Publier un service (schéma data·inclusion)", body: ServiceFormSchema, response: { 201: DirectoryServiceSchema } },
  }, async (request, reply) => {
    const ctx = requireUser(request);
    const id = await publishService(db, ctx, request.body);
    return reply.status(201).send(await getDirectoryService(db, ctx, id));
  });

  app.put("/api/directory/services/:id", {
    config: access,
    schema: { tags, summary: "Mettre à jour un service de mon organisation (date de mise à jour : aujourd’hui)", params: UuidParamSchema, body: ServiceFormSchema, response: { 200: DirectoryServiceSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await publishService(db, ctx, request.body, request.params.id);
    return getDirectoryService(db, ctx, request.params.id);
  });

  app.post("/api/directory/services/:id/confirmation", {
    config: access,
    schema: { tags, summary: "Confirmer qu’un service de mon organisation est à jour (date de mise à jour : aujourd’hui)", params: UuidParamSchema, response: { 200: DirectoryServiceSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await confirmServiceUpToDate(db, ctx, request.params.id);
    return getDirectoryService(db, ctx, request.params.id);
  });

  app.get("/api/directory/services/:id", {
    config: access,
    schema: { tags, summary: "Une ressource (fiche à remettre à la personne)", params: UuidParamSchema, response: { 200: DirectoryServiceSchema } },
  }, async (request) => getDirectoryService(db, requireUser(request), request.params.id));

  app.put("/api/directory/services/:id/structure", {
    config: access,
    schema: { tags, summary: "Rattacher un service à une autre structure de mon organisation", params: UuidParamSchema, body: MoveServiceSchema, response: { 200: DirectoryServiceSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await moveService(db, ctx, request.params.id, request.body.structureId);
    return getDirectoryService(db, ctx, request.params.id);
  });

  app.get("/api/directory/structures", {
    config: access,
    schema: { tags, summary: "Les structures de mon organisation", response: { 200: DirectoryStructuresSchema } },
  }, async (request) => listOwnStructures(db, requireUser(request)));

  app.get("/api/directory/structures/:id", {
    config: access,
    schema: { tags, summary: "Une structure de mon organisation et ses services", params: UuidParamSchema, response: { 200: DirectoryStructureSchema } },
  }, async (request) => getDirectoryStructure(db, requireUser(request), request.params.id));

  app.put("/api/directory/structures/:id", {
    config: access,
    schema: { tags, summary: "Modifier une structure de mon organisation (date de mise à jour : aujourd’hui)", params: UuidParamSchema, body: StructureFormSchema, response: { 200: DirectoryStructureSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await editStructure(db, ctx, request.params.id, request.body);
    return getDirectoryStructure(db, ctx, request.params.id);
  });

  app.post("/api/directory/imports", {
    config: access,
    bodyLimit: DIRECTORY_IMPORT_MAX_BYTES,
    schema: { tags, summary: "Importer un fichier JSON data·inclusion (structures et services) : tout ou rien, rapport ligne par ligne", body: DirectoryFileSchema, response: { 200: DirectoryImportReportSchema } },
  }, async (request) => importDirectory(db, requireUser(request), request.body));

  app.get("/api/directory/export", {
    config: access,
    schema: { tags, summary: "Exporter les ressources de mon organisation au format data·inclusion (JSON)", response: { 200: DirectoryExportSchema } },
  }, async (request, reply) => {
    reply.header("content-disposition", 'attachment; filename="tandem-data-inclusion.json"');
    return exportDirectory(db, requireUser(request));
  });

  app.post("/api/directory/imports/csv", {
    config: access,
    bodyLimit: DIRECTORY_IMPORT_MAX_BYTES,
    schema: { tags, summary: "Importer des fichiers CSV data·inclusion (un par liste, séparateur « ; ») : tout ou rien, rapport ligne par ligne", body: DirectoryCsvFileSchema, response: { 200: DirectoryImportReportSchema } },
  }, async (request) => importDirectoryCsv(db, requireUser(request), request.body));

  app.get("/api/directory/export/csv", {
    config: access,
    schema: { tags, summary: "Exporter les structures ou les services de mon organisation au format data·inclusion (CSV « ; », UTF-8 avec BOM)", querystring: DirectoryCsvExportQuerySchema },
  }, async (request, reply) => {
    const { collection } = request.query;
    const file = await exportDirectory(db, requireUser(request));
    reply.header("content-type", "text/csv; charset=utf-8");
    reply.header("content-disposition", `attachment; filename="tandem-data-inclusion-${collection}.csv"`);
    return recordsToCsv(collection, file[collection]);
  });

  app.get("/api/directory/steering", {
    config: access,
    schema: { tags, summary: "Campagnes de mise à jour et comptes ayant accès à l’annuaire, par convention", response: { 200: DirectorySteeringSchema } },
  }, async (request) => directorySteering(db, requireUser(request)));

  app.post("/api/directory/campaigns", {
    config: access,
    schema: { tags, summary: "Ouvrir la campagne annuelle de mise à jour d’une convention", body: CampaignRequestSchema, response: { 200: DirectorySteeringSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await openCampaign(db, ctx, request.body);
    return directorySteering(db, ctx);
  });

  app.get("/api/support/cases/:id/resources", {
    config: access,
    schema: { tags, summary: "Ressources partenaires pour les freins de la personne, dans sa commune", params: UuidParamSchema, querystring: CaseResourcesQuerySchema, response: { 200: CaseResourcesSchema } },
  }, async (request) => caseResources(db, requireUser(request), request.params.id, request.query));

  app.post("/api/support/cases/:id/mobilised-resources", {
    config: access,
    schema: { tags, summary: "Enregistrer une ressource partenaire comme mobilisée pour la personne", params: UuidParamSchema, body: RecordMobilisedSchema, response: { 200: CaseResourcesSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    await recordResourceMobilised({ db, mailer, publicUrl: config.publicUrl }, ctx, request.params.id, request.body);
    return caseResources(db, ctx, request.params.id, {});
  });
};
