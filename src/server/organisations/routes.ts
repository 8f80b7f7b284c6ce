import { UuidParamSchema } from "../../shared/contracts/common.js";
import {
  OrganisationDetailSchema,
  OrganisationImportReportSchema,
  OrganisationImportRequestSchema,
  OrganisationInputSchema,
  OrganisationListQuerySchema,
  OrganisationPageSchema,
  ReferentialQuerySchema,
  ReferentialResultSchema,
} from "../../shared/contracts/organisations.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { authorize } from "../platform/policies.js";
import { importOrganisations } from "./importOrganisations.js";
import { listOrganisations, searchDirectory } from "./listOrganisations.js";
import { createOrganisation, readOrganisation, updateOrganisation } from "./manageOrganisations.js";
import { listDepartements, searchCommunes, searchEpcis } from "./territories.js";

/** Organisations administered by the platform admin, and the official referential their territories are chosen from (ADR 0022). */
export const organisationRoutes: RouteModule = (app, { db }) => {
  const tags = ["Organisations"];

  app.get("/api/organisations", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Organisations (administrateur de la plateforme) : recherche, type, pages", querystring: OrganisationListQuerySchema, response: { 200: OrganisationPageSchema } },
  }, async (request) => listOrganisations(db, requireUser(request), request.query));

  app.post("/api/organisations", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Créer une organisation (territoire choisi dans le référentiel officiel)", body: OrganisationInputSchema, response: { 201: OrganisationDetailSchema } },
  }, async (request, reply) => reply.status(201).send(await createOrganisation(db, requireUser(request), request.body)));

  app.post("/api/organisations/import", {
    bodyLimit: 3 * 1024 * 1024,
    config: { access: "authenticated" },
    schema: {
      tags,
      summary: "Importer des organisations d’un fichier CSV (séparateur ;), tout ou rien, avec un rapport ligne par ligne",
      body: OrganisationImportRequestSchema,
      response: { 200: OrganisationImportReportSchema },
    },
  }, async (request) => importOrganisations(db, requireUser(request), request.body.csv, { dryRun: request.body.dryRun }));

  app.get("/api/organisations/directory", {
    config: { access: "authenticated" },
    schema: {
      tags,
      summary: "Annuaire des organisations (nom et type seulement) pour choisir, par exemple, le successeur d’une partie",
      querystring: ReferentialQuerySchema,
      response: { 200: ReferentialResultSchema },
    },
  }, async (request) => {
    authorize(requireUser(request).user, "organisation.directory");
    return { items: await searchDirectory(db, request.query.q) };
  });

  app.get("/api/organisations/:id", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Une organisation : identifiants, parente, territoire, contacts", params: UuidParamSchema, response: { 200: OrganisationDetailSchema } },
  }, async (request) => readOrganisation(db, requireUser(request), request.params.id));

  app.put("/api/organisations/:id", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Modifier une organisation", params: UuidParamSchema, body: OrganisationInputSchema, response: { 200: OrganisationDetailSchema } },
  }, async (request) => updateOrganisation(db, requireUser(request), request.params.id, request.body));

  const referential = (path: string, summary: string, search: (q: string) => { code: string; name: string; detail: string }[]) =>
    app.get(path, {
      config: { access: "authenticated" },
      schema: { tags, summary, querystring: ReferentialQuerySchema, response: { 200: ReferentialResultSchema } },
    }, async (request) => {
      authorize(requireUser(request).user, "organisation.manage");
      return { items: search(request.query.q) };
    });
  referential("/api/referentiel/communes", "Rechercher une commune du référentiel officiel (nom, code INSEE ou code postal)", searchCommunes);
  referential("/api/referentiel/epci", "Rechercher un EPCI du référentiel officiel (nom ou SIREN)", searchEpcis);
  referential("/api/referentiel/departements", "Les départements du référentiel officiel", () => listDepartements());
};
