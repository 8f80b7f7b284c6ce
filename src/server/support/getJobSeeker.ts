import type { JobSeekerDetail } from "../../shared/contracts/support.js";
import { globalSupportTermsOf } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { findJobSeeker, followsPerson, toSummary } from "./jobSeekerRepository.js";
import { canReadCase, conventionsOf, inTerritory, readableOpenCase } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";

/** Whether the user may see the person at all; outsiders get a 404. */
export async function readableJobSeeker(db: Db, user: SessionUser, id: string, today: string) {
  const row = await findJobSeeker(db, id);
  if (!row) throw supportErrors.jobSeekerNotFound();
  const ref = {
    runsGlobalSupport: (await conventionsOf(db, user, today)).length > 0,
    inUserTerritory: await inTerritory(db, user.organisationId, row.commune_insee, today),
    followedByUser: await followsPerson(db, user.id, id),
  };
  if (!can(user, "jobSeeker.read", ref)) throw supportErrors.jobSeekerNotFound();
  return { row, ref };
}

/** The person's record, with those of their global-support cases the user may read (each asked of the policy, as its page does). */
export async function getJobSeeker(db: Db, ctx: RequestContext & { user: SessionUser }, id: string, today = parisToday()): Promise<JobSeekerDetail> {
  const { row } = await readableJobSeeker(db, ctx.user, id, today);
  const all = await db.query<{ id: string; status: JobSeekerDetail["cases"][number]["status"]; oriented_on: string; convention_id: string }>(
    "SELECT id, status, oriented_on, convention_id FROM support_cases WHERE job_seeker_id = $1 ORDER BY oriented_on DESC",
    [id],
  );
  // A case of another organisation or convention (the person moved) is not listed, not even its number.
  const cases = [];
  for (const c of all) if (await canReadCase(db, ctx.user, (await findCase(db, c.id))!, today)) cases.push(c);
  const numbers = new Map<string, string>();
  for (const c of cases) {
    if (!numbers.has(c.convention_id)) numbers.set(c.convention_id, (await globalSupportTermsOf(db, c.convention_id, today))?.number ?? "");
  }
  await auditRead(db, ctx, { action: "job_seeker.read", subjectType: "job_seeker", subjectId: id });
  const summary = toSummary(row);
  return {
    ...summary,
    openCase: await readableOpenCase(db, ctx.user, summary.openCase, today),
    registeredAt: row.registered_at,
    deregisteredOn: row.deregistered_on,
    email: row.email,
    phone: row.phone,
    cases: cases.map((c) => ({ id: c.id, status: c.status, orientedOn: c.oriented_on, conventionNumber: numbers.get(c.convention_id)! })),
  };
}
