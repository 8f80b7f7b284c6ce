import { HealthResponseSchema, LiveResponseSchema } from "../../shared/contracts/platform.js";
import type { RouteModule } from "./http/types.js";

export const platformRoutes: RouteModule = (app, { db }) => {
  app.get("/api/health", {
    config: { access: "public" },
    schema: { tags: ["Plateforme"], summary: "État du service et de sa base de données", response: { 200: HealthResponseSchema } },
  }, async () => {
    await db.query("SELECT 1");
    return { status: "ok" as const, database: db.kind };
  });

  // Liveness without the database: the process and its event loop answer (an orchestrator restarts
  // the instance when this fails; /api/health, which asks the database, says whether it can serve).
  app.get("/api/live", {
    config: { access: "public" },
    schema: { tags: ["Plateforme"], summary: "Le processus répond (sans interroger la base de données)", response: { 200: LiveResponseSchema } },
  }, async () => ({ status: "ok" as const }));
};
