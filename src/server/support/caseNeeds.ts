import type { BarrierCode } from "../../domain/support/vocabulary.js";
import { BARRIER_LABELS } from "../../domain/support/vocabulary.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { authorizeCase } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase, listBarriers } from "./supportRepository.js";

/**
 * What the partners' directory may know of a case to suggest resources (ADR 0035), for whoever may
 * read the case (others get its 404): the person's commune, the barriers still present, and the
 * resources already recorded as mobilised (the « leviers mobilisés » of the yearly evaluation).
 */
export async function caseNeedsOf(db: Db, ctx: RequestContext, caseId: string, today: string) {
  const row = await findCase(db, caseId);
  if (!row) throw supportErrors.caseNotFound();
  await authorizeCase(db, ctx, row, "support.case.read", today);
  const barriers = (await listBarriers(db, caseId))
    .filter((b) => b.resolved_on === null)
    .map((b) => ({ code: b.code as BarrierCode, label: b.label ?? BARRIER_LABELS[b.code as BarrierCode] }));
  const mobilised = await db.query<{ serviceId: string; nom: string; on: string }>(
    `SELECT details->>'serviceId' AS "serviceId", details->>'nom' AS nom, to_char(occurred_on, 'YYYY-MM-DD') AS on
       FROM support_case_events WHERE case_id = $1 AND kind = 'resource_mobilised' ORDER BY occurred_on, id`,
    [caseId],
  );
  return { commune: row.commune_insee, barriers, mobilised };
}
