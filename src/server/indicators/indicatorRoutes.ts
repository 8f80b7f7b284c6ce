import { z } from "zod";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { UuidParamSchema } from "../../shared/contracts/common.js";
import { DashboardQuerySchema, DashboardSchema, DrillDownQuerySchema, DrillDownSchema, FreezeIndicatorsSchema, TerritoryDashboardSchema, TerritoryQuerySchema } from "../../shared/contracts/indicators.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { drillDown } from "./drillDown.js";
import { indicatorsWorkbook } from "./exportIndicators.js";
import { indicatorsCsv } from "./indicatorsCsv.js";
import { auditRead } from "../platform/audit.js";
import type { Dashboard, DashboardQuery } from "../../shared/contracts/indicators.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import type { Db } from "../platform/db.js";
import { evaluationPack } from "./evaluationPack.js";
import { freezeIndicators } from "./freezeIndicators.js";
import { readTerritory } from "./territoryIndicators.js";
import { FseEvidenceQuerySchema, fseEvidence } from "./fseEvidence.js";
import { indicatorsPdf } from "./indicatorsPdf.js";
import { readDashboard } from "./indicatorDashboard.js";

const IndicatorParamSchema = z.strictObject({ id: z.uuid(), key: z.string().regex(/^[a-z0-9_]+$/).max(60) });

/** The dashboard for an export, authorised as the page, and the export audited (format, period, agency, territory). */
async function exportedDashboard(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  conventionId: string,
  query: DashboardQuery,
  format: "xlsx" | "csv" | "pdf",
): Promise<Dashboard> {
  const dashboard = await readDashboard(db, ctx.user, conventionId, query);
  await auditRead(db, ctx, {
    action: "indicators.exported",
    subjectType: "convention",
    subjectId: conventionId,
    details: { format, period: dashboard.period.key, agency: dashboard.agencyId, territory: dashboard.territory },
  });
  return dashboard;
}

/** A convention's indicators (ADR 0033): dashboard, drill-down, freezing of a period, XLSX export, the steering committee's PDF report. */
export const indicatorRoutes: RouteModule = (app, { db }) => {
  const tags = ["Indicateurs"];
  const config = { access: "authenticated" as const };

  app.get("/api/conventions/:id/indicators", {
    config,
    schema: { tags, summary: "Tableau de bord des indicateurs d’une convention (pilotage des parties)", params: UuidParamSchema, querystring: DashboardQuerySchema, response: { 200: DashboardSchema } },
  }, async (request) => readDashboard(db, requireUser(request).user, request.params.id, request.query));

  app.get("/api/conventions/:id/indicators/export.xlsx", {
    config,
    schema: { tags, summary: "Exporter les indicateurs (XLSX : une feuille par indicateur, définitions et versions)", params: UuidParamSchema, querystring: DashboardQuerySchema },
  }, async (request, reply) => {
    const dashboard = await exportedDashboard(db, requireUser(request), request.params.id, request.query, "xlsx");
    const file = await indicatorsWorkbook(dashboard);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="indicateurs-${dashboard.convention.number}-${dashboard.period.key}-${parisToday()}.xlsx"`)
      .send(file);
  });

  app.get("/api/conventions/:id/indicators/export.csv", {
    config,
    schema: { tags, summary: "Exporter les chiffres du tableau de bord (CSV français : une ligne par indicateur, période et valeur de ventilation)", params: UuidParamSchema, querystring: DashboardQuerySchema },
  }, async (request, reply) => {
    const dashboard = await exportedDashboard(db, requireUser(request), request.params.id, request.query, "csv");
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="indicateurs-${dashboard.convention.number}-${dashboard.period.key}-${parisToday()}.csv"`)
      .send(indicatorsCsv(dashboard));
  });

  app.get("/api/conventions/:id/indicators/report.pdf", {
    config,
    schema: { tags, summary: "Rapport PDF du comité de pilotage (chiffres, graphiques, définitions et versions)", params: UuidParamSchema, querystring: DashboardQuerySchema },
  }, async (request, reply) => {
    const dashboard = await exportedDashboard(db, requireUser(request), request.params.id, request.query, "pdf");
    const file = await indicatorsPdf(dashboard, parisToday());
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `attachment; filename="rapport-indicateurs-${dashboard.convention.number}-${dashboard.period.key}.pdf"`)
      .send(file);
  });

  app.get("/api/conventions/:id/indicators/fse-evidence.xlsx", {
    config,
    schema: { tags, summary: "Justificatifs FSE : participants avec dates d’entrée et de sortie et situation à la sortie (lecteurs des accompagnements)", params: UuidParamSchema, querystring: FseEvidenceQuerySchema },
  }, async (request, reply) => {
    const { convention, period, file } = await fseEvidence(db, requireUser(request), request.params.id, request.query);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="justificatifs-fse-${convention.number}-${period.key}.xlsx"`)
      .send(file);
  });

  app.get("/api/conventions/:id/indicators/evaluation.xlsx", {
    config,
    schema: { tags, summary: "Dossier d’évaluation annuelle : profils, freins à l’entrée et leur évolution, sorties, leviers mobilisés (effectifs masqués sous 5)", params: UuidParamSchema, querystring: FseEvidenceQuerySchema },
  }, async (request, reply) => {
    const { convention, period, file } = await evaluationPack(db, requireUser(request).user, request.params.id, request.query);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="evaluation-${convention.number}-${period.key}.xlsx"`)
      .send(file);
  });

  app.get("/api/indicators/territory", {
    config,
    schema: { tags, summary: "Vue du territoire : les conventions d’une direction territoriale de France Travail côte à côte (pilotage)", querystring: TerritoryQuerySchema, response: { 200: TerritoryDashboardSchema } },
  }, async (request) => readTerritory(db, requireUser(request).user, request.query));

  app.get("/api/conventions/:id/indicators/:key/cases", {
    config,
    schema: { tags, summary: "Les accompagnements derrière un chiffre (noms si vous pouvez lire les dossiers, sinon effectifs masqués sous 5)", params: IndicatorParamSchema, querystring: DrillDownQuerySchema, response: { 200: DrillDownSchema } },
  }, async (request) => drillDown(db, requireUser(request), request.params.id, request.params.key, request.query));

  app.post("/api/conventions/:id/indicators/freeze", {
    config,
    schema: { tags, summary: "Figer les indicateurs d’une période terminée (adoption par le comité de pilotage)", params: UuidParamSchema, body: FreezeIndicatorsSchema, response: { 201: z.object({ period: z.string(), frozen: z.number() }) } },
  }, async (request, reply) => reply.code(201).send(await freezeIndicators(db, requireUser(request), request.params.id, request.body.period)));
};
