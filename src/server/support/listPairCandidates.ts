import { citeTerm } from "../../domain/support/rules.js";
import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { authorizeCase, rulesOf } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";

/**
 * The advisors and social workers who may form the pair (those of the convention's parties),
 * each with their active load, against the convention's target for advisors.
 */
export async function listPairCandidates(db: Db, ctx: RequestContext, caseId: string, today = parisToday()) {
  const row = await findCase(db, caseId);
  if (!row) throw supportErrors.caseNotFound();
  await authorizeCase(db, ctx, row, "support.case.work", today);
  const rules = await rulesOf(db, row.convention_id, today);
  const parties = await conventionPartyOrganisationIds(db, row.convention_id, today);
  const people = await db.query<{ id: string; name: string; organisation: string; roles: string[]; active_cases: string }>(
    `SELECT u.id, u.first_name || ' ' || u.last_name AS name, o.name AS organisation, u.roles,
            (SELECT count(*) FROM support_cases sc
              WHERE (sc.advisor_id = u.id OR sc.social_worker_id = u.id) AND sc.status IN ('active','social_only')) AS active_cases
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.active AND u.organisation_id = ANY($1::uuid[]) AND u.roles && ARRAY['advisor','social_worker']
      ORDER BY u.last_name, u.first_name LIMIT 500`,
    [parties],
  );
  await auditRead(db, ctx, { action: "support.pair_candidates_read", subjectType: "support_case", subjectId: caseId });
  const pick = (role: string) =>
    people.filter((p) => p.roles.includes(role)).map((p) => ({ id: p.id, name: p.name, organisation: p.organisation, activeCases: Number(p.active_cases) }));
  return {
    target: rules.terms.targetActiveCasesPerAdvisor,
    targetSource: rules.terms.targetActiveCasesPerAdvisor === null ? null : citeTerm(rules, "targetActiveCasesPerAdvisor"),
    advisors: pick("advisor"),
    socialWorkers: pick("social_worker"),
  };
}
