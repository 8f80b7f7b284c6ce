import { HealthResponseSchema } from "../../shared/contracts/platform.js";
import type { RouteModule } from "./http/types.js";

export const platformRoutes: RouteModule = (app, { db }) => {
  app.get("/api/health", {
    config: { access: "public" },
    schema: { tags: ["Plateforme"], summary: "État du service et de sa base de données", response: { 200: HealthResponseSchema } },
  }, async () => {
    await db.query("SELECT 1");
    return { status: "ok" as const, database: db.kind };
  });
};
