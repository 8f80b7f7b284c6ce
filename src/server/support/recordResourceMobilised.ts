import * as lifecycle from "../../domain/support/lifecycle.js";
import { serviceForCommune } from "../directory/caseResources.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";

/**
 * A partner's resource proposed to the person and mobilised for them (ADR 0035): one of the
 * « leviers mobilisés » the yearly evaluation counts [001 art. 5, 002 art. 5.3]. Recorded on the
 * case's timeline through its command path; the resource must be one the professional may read and
 * whose zone covers the person's commune (the directory says so).
 */
export async function recordResourceMobilised(
  deps: SupportDeps,
  ctx: RequestContext & { user: SessionUser },
  caseId: string,
  input: { serviceId: string; note?: string },
  today?: string,
) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.resource_mobilised", today }, async ({ tx, row, facts, today }) => {
    applyRule(() => lifecycle.recordBarrierChange(facts));
    const resource = await serviceForCommune(tx, ctx.user, input.serviceId, row.commune_insee, today);
    return {
      change: {},
      event: {
        kind: "resource_mobilised",
        occurredOn: today,
        details: { serviceId: input.serviceId, nom: resource.nom, structure: resource.structure, organisation: resource.organisation, ...(input.note ? { note: input.note } : {}) },
      },
    };
  });
}
