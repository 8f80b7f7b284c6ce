import { z } from "zod";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { authorize } from "../platform/policies.js";
import { romeReferentialStatus, searchRomeSkills, searchRomeTrades } from "./romeReferential.js";

const SearchQuery = z.object({
  q: z.string().trim().min(1, "Saisissez au moins un caractère.").max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
const Skill = z.object({ code: z.string(), label: z.string(), kind: z.string() });
const Trade = z.object({ code: z.string(), label: z.string() });

/** France Travail's ROME referential (ADR 0036): the forms' autocomplete of trades and skills, for every signed-in user. */
export const romeRoutes: RouteModule = (app, { db }) => {
  const tags = ["Référentiel ROME"];
  const access = { access: "authenticated" as const };

  app.get("/api/rome/trades", {
    config: access,
    schema: { tags, summary: "Rechercher un métier du ROME (libellé, appellation ou code ROME)", querystring: SearchQuery, response: { 200: z.array(Trade) } },
  }, async (request) => {
    authorize(requireUser(request).user, "rome.search");
    return searchRomeTrades(db, request.query.q, request.query.limit);
  });

  app.get("/api/rome/skills", {
    config: access,
    schema: { tags, summary: "Rechercher une compétence du ROME (savoir-faire, savoir-être, savoir ; libellé ou code OGR)", querystring: SearchQuery, response: { 200: z.array(Skill) } },
  }, async (request) => {
    authorize(requireUser(request).user, "rome.search");
    return searchRomeSkills(db, request.query.q, request.query.limit);
  });

  app.get("/api/rome/status", {
    config: access,
    schema: { tags, summary: "Version du référentiel ROME chargé", response: { 200: z.object({ version: z.string(), trades: z.number(), skills: z.number(), loadedAt: z.string() }).nullable() } },
  }, async (request) => {
    authorize(requireUser(request).user, "rome.search");
    return romeReferentialStatus(db);
  });
};
