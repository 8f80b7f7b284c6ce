import { addDays, addMonths } from "../../domain/shared/calendarDate.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { createMailer } from "../platform/mail.js";
import { type RequestContext, systemContext } from "../platform/requestContext.js";
import { assignPair } from "../support/assignPair.js";
import { enterSupport } from "../support/enterSupport.js";
import { orientJobSeeker } from "../support/orientJobSeeker.js";
import { recordConsent } from "../support/recordConsent.js";
import { recordDiagnosis } from "../support/recordDiagnosis.js";
import { submitForEntry } from "../support/submitForEntry.js";

type User = { id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: string[] };
const userByEmail = async (db: Db, email: string) => (await db.query<User>("SELECT * FROM users WHERE email = $1", [email]))[0];

/**
 * Demo and test data: builds a global-support case through the support capability's own use cases: oriented by
 * the advisor, consent, shared diagnosis, pair, submitted to the review; entered `enteredMonthsAgo`
 * (plus some days) ago when asked. Returns the case id.
 */
export async function buildSupportCase(
  db: Db,
  opts: { advisor: string; socialWorker: string; jobSeekerCommune: string; entered?: { monthsAgo: number; daysAgo?: number }; rsa?: boolean },
  today = parisToday(),
): Promise<string> {
  const advisor = await userByEmail(db, `${opts.advisor}@demo.tandem.fr`);
  const worker = await userByEmail(db, `${opts.socialWorker}@demo.tandem.fr`);
  const [person] = await db.query<{ id: string }>(
    `SELECT js.id FROM job_seekers js WHERE js.commune_insee = $1 AND ('RSA' = ANY(js.benefits)) = $2
        AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) ORDER BY js.ft_identifier LIMIT 1`,
    [opts.jobSeekerCommune, opts.rsa ?? true],
  );
  const enteredOn = opts.entered ? addDays(addMonths(today, -opts.entered.monthsAgo), -(opts.entered.daysAgo ?? 0)) : null;
  const orientedOn = addDays(enteredOn ?? today, -15);
  const ctx: RequestContext = {
    user: { id: advisor.id, email: advisor.email, firstName: advisor.first_name, lastName: advisor.last_name, organisationId: advisor.organisation_id, roles: advisor.roles as never },
    requestId: "test",
    ip: "127.0.0.1",
  };
  const deps = { db, mailer: createMailer(db, { from: "x@y.fr" }), publicUrl: "http://localhost" };
  const id = await orientJobSeeker(deps, ctx as RequestContext & { user: NonNullable<RequestContext["user"]> }, {
    jobSeekerId: person.id,
    origin: "france_travail",
    orientedOn,
    barriers: [{ code: "housing" }, { code: "mobility" }],
  }, today);
  const system = systemContext("test");
  await recordConsent(deps, system, id, { givenOn: orientedOn, method: "in_person" }, today);
  await assignPair(deps, system, id, { advisorId: advisor.id, socialWorkerId: worker.id }, today);
  await recordDiagnosis(deps, system, id, { kind: "shared", on: orientedOn, disagreement: false }, today);
  await submitForEntry(deps, system, id, today);
  if (enteredOn) await enterSupport(deps, system, id, { on: enteredOn, source: { kind: "review", reviewId: null, reviewedOn: enteredOn } }, today);
  return id;
}
