import { parisToday } from "../../../domain/shared/calendarDate.js";
import { HoldOptionsSchema, LegalHoldSchema, PurgesOverviewSchema, RecordLegalHoldSchema } from "../../../shared/contracts/retention.js";
import { requireUser } from "../../platform/http/requireUser.js";
import type { RouteModule } from "../../platform/http/types.js";
import { recordLegalHold } from "./legalHolds.js";
import { holdOptions, purgesOverview } from "./purgeOverview.js";

/** Retention (ADR 0032): the DPO's view of purges planned and done, and the legal holds that stop them. */
export const retentionRoutes: RouteModule = (app, { db }) => {
  const tags = ["Protection des données"];
  const config = { access: "authenticated" as const };

  app.get("/api/privacy/purges", {
    config,
    schema: { tags, summary: "Purges prévues, journal des purges et conservations légales de mon organisation (DPO)", response: { 200: PurgesOverviewSchema } },
  }, async (request) => purgesOverview(db, requireUser(request), parisToday()));

  app.get("/api/privacy/legal-holds/options", {
    config,
    schema: { tags, summary: "Listes reçues et conventions de mon organisation qu’une conservation légale peut couvrir (DPO)", response: { 200: HoldOptionsSchema } },
  }, async (request) => holdOptions(db, requireUser(request), parisToday()));

  app.post("/api/privacy/legal-holds", {
    config,
    schema: { tags, summary: "Enregistrer une conservation légale (contentieux, obligation légale) qui suspend la purge", body: RecordLegalHoldSchema, response: { 201: LegalHoldSchema } },
  }, async (request, reply) => reply.code(201).send(await recordLegalHold(db, requireUser(request), request.body, parisToday())));
};
