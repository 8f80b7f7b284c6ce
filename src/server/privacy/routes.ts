import { type AuditChainReport, AuditChainReportSchema } from "../../shared/contracts/auditIntegrity.js";
import { AuditPageSchema, AuditQuerySchema } from "../../shared/contracts/platform.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { authorize } from "../platform/policies.js";
import { auditTrailCsv } from "./auditCsv.js";
import { recordVerification, verifyAuditChain } from "./auditChain.js";
import { exportAuditTrail, searchAuditTrail } from "./auditTrail.js";

export const privacyRoutes: RouteModule = (app, { db }) => {
  const tags = ["Protection des données"];
  // Reading the whole chain is long on a large trail: callers arriving meanwhile share the run in progress.
  let verification: Promise<AuditChainReport> | null = null;
  app.get("/api/audit-events/integrity", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Vérifier l’intégrité du journal d’audit (chaîne d’empreintes) — DPO, administrateur", response: { 200: AuditChainReportSchema } },
  }, async (request) => {
    const ctx = requireUser(request);
    authorize(ctx.user, "audit.verify");
    verification ??= verifyAuditChain(db).finally(() => {
      verification = null;
    });
    return recordVerification(db, ctx, await verification);
  });

  app.get("/api/audit-events", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Rechercher dans le journal d’audit (DPO, administrateur)", querystring: AuditQuerySchema, response: { 200: AuditPageSchema } },
  }, async (request) => searchAuditTrail(db, requireUser(request), request.query));

  app.get("/api/audit-events/export.csv", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Exporter le journal d’audit en CSV", querystring: AuditQuerySchema.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => {
    const events = await exportAuditTrail(db, requireUser(request), request.query);
    const csv = auditTrailCsv(events);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="journal-audit.csv"')
      .send(csv);
  });
};
