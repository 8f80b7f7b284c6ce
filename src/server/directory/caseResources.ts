import { thematiquesForBarrier, thematiquesForBarriers } from "../../domain/directory/needsMapping.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { THEMATIQUE_VALUES } from "../../shared/directoryReferentials.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { caseNeedsOf } from "../support/caseNeeds.js";
import { directoryErrors } from "./directoryErrors.js";
import { serviceView, visibleServices } from "./readDirectory.js";

/**
 * Search by need (ADR 0035): the case's open barriers map to data·inclusion thématiques
 * (domain/directory/needsMapping.ts), and only the services the professional may read whose zone
 * covers the person's commune are proposed — each with the thématiques it matches.
 */
export async function caseResources(db: Db, ctx: RequestContext & { user: SessionUser }, caseId: string, q: { thematique?: string }, today = parisToday()) {
  const needs = await caseNeedsOf(db, ctx, caseId, today);
  const barriers = needs.barriers.map((b) => ({ ...b, thematiques: thematiquesForBarrier(b.code, THEMATIQUE_VALUES) }));
  const wanted = q.thematique ? [q.thematique] : thematiquesForBarriers(needs.barriers.map((b) => b.code), THEMATIQUE_VALUES);
  const rows = wanted.length === 0 ? [] : await visibleServices(db, ctx.user, { thematiques: wanted, commune: needs.commune }, today);
  return {
    commune: needs.commune,
    barriers,
    items: rows.map((r) => ({ ...serviceView(ctx.user, r), matches: ((r.record.thematiques as string[]) ?? []).filter((t) => wanted.includes(t)) })),
    mobilised: needs.mobilised,
  };
}

/** The resource as a case records it, if the professional may read it and it covers the commune; a conflict otherwise. */
export async function serviceForCommune(db: Db, user: SessionUser, serviceId: string, commune: string, today: string) {
  const [row] = await visibleServices(db, user, { serviceId, commune }, today);
  if (!row) throw directoryErrors.notInCase();
  return { nom: String(row.record.nom), structure: String(row.structure_record.nom), organisation: row.organisation_name };
}
