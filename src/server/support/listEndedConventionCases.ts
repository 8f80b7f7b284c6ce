import { parisToday } from "../../domain/shared/calendarDate.js";
import type { EndedConventionCases } from "../../shared/contracts/supportEnd.js";
import { conventionPartyOrganisationIdsByConvention, conventionsEndingBetween } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { canReadCase } from "./supportAccess.js";
import { type CaseRow, findCase } from "./supportRepository.js";

/**
 * The cases left open under a convention that has ended (its end or its termination's effect is
 * past), listed for a decision (ADR 0024): for each such convention the caller's organisation acts
 * under, or the caller works a case of, how many cases are still open, and those the caller may
 * read, as their page would decide. The read is audited.
 */
export async function listEndedConventionCases(db: Db, ctx: RequestContext & { user: SessionUser }, today = parisToday()): Promise<EndedConventionCases> {
  const user = ctx.user;
  const ended = (await conventionsEndingBetween(db, null, today)).filter((c) => c.endsOn < today);
  if (ended.length === 0) return { conventions: [] };
  const ids = ended.map((c) => c.id);
  const acting = await conventionPartyOrganisationIdsByConvention(db, ids, today);
  const rows = await db.query<{ id: string; convention_id: string; name: string; status: CaseRow["status"]; entered_on: string | null; period_ends_on: string | null; mine: boolean }>(
    `SELECT sc.id, sc.convention_id, js.first_name || ' ' || js.last_name AS name, sc.status, sc.entered_on, sc.period_ends_on,
            (sc.advisor_id = $2 OR sc.social_worker_id = $2 OR sc.oriented_by = $2) AS mine
       FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id
      WHERE sc.convention_id = ANY($1::uuid[]) AND sc.status NOT IN ('exited','refused')
      ORDER BY js.last_name, js.first_name, sc.id`,
    [ids, user.id],
  );
  const conventions: EndedConventionCases["conventions"] = [];
  let shown = 0;
  for (const c of ended) {
    const open = rows.filter((r) => r.convention_id === c.id);
    const cases: EndedConventionCases["conventions"][number]["cases"] = [];
    for (const r of open) {
      const row = await findCase(db, r.id);
      if (row && (await canReadCase(db, user, row, today))) {
        cases.push({ id: r.id, name: r.name, status: r.status, enteredOn: r.entered_on, periodEndsOn: r.period_ends_on });
      }
    }
    const actsUnder = (acting.get(c.id) ?? []).includes(user.organisationId);
    if (!actsUnder && cases.length === 0) continue;
    if (open.length === 0 && cases.length === 0) continue;
    shown += cases.length;
    conventions.push({ conventionId: c.id, number: c.number, title: c.title, endsOn: c.endsOn, terminated: c.terminated, openCases: open.length, cases });
  }
  await auditRead(db, ctx, { action: "support.ended_convention_cases_read", subjectType: "support_case", details: { conventions: conventions.length, cases: shown } });
  return { conventions };
}
