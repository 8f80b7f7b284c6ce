import { z } from "zod";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { UuidParamSchema } from "../../shared/contracts/common.js";
import { DashboardQuerySchema, DashboardSchema, DrillDownQuerySchema, DrillDownSchema, FreezeIndicatorsSchema } from "../../shared/contracts/indicators.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { drillDown } from "./drillDown.js";
import { indicatorsWorkbook } from "./exportIndicators.js";
import { freezeIndicators } from "./freezeIndicators.js";
import { readDashboard } from "./indicatorDashboard.js";

const IndicatorParamSchema = z.strictObject({ id: z.uuid(), key: z.string().regex(/^[a-z0-9_]+$/).max(60) });

/** A convention's indicators (ADR 0033): dashboard, drill-down, freezing of a period, XLSX export. */
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
    const dashboard = await readDashboard(db, requireUser(request).user, request.params.id, request.query);
    const file = await indicatorsWorkbook(dashboard);
    return reply
      .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="indicateurs-${dashboard.convention.number}-${dashboard.period.key}-${parisToday()}.xlsx"`)
      .send(file);
  });

  app.get("/api/conventions/:id/indicators/:key/cases", {
    config,
    schema: { tags, summary: "Les accompagnements derrière un chiffre (noms si vous pouvez lire les dossiers, sinon effectifs masqués sous 5)", params: IndicatorParamSchema, querystring: DrillDownQuerySchema, response: { 200: DrillDownSchema } },
  }, async (request) => drillDown(db, requireUser(request), request.params.id, request.params.key, request.query));

  app.post("/api/conventions/:id/indicators/freeze", {
    config,
    schema: { tags, summary: "Figer les indicateurs d’une période terminée (adoption par le comité de pilotage)", params: UuidParamSchema, body: FreezeIndicatorsSchema, response: { 201: z.object({ period: z.string(), frozen: z.number() }) } },
  }, async (request, reply) => reply.code(201).send(await freezeIndicators(db, requireUser(request), request.params.id, request.body.period)));
};
