import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createMailer } from "../platform/mail.js";
import { type RequestContext, type SessionUser, systemContext } from "../platform/requestContext.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { assignPair } from "./assignPair.js";
import { orientJobSeeker } from "./orientJobSeeker.js";
import { takeUpCase } from "./takeUpCase.js";

/**
 * The agency of a case (its advisor's France Travail organisation) is kept with its dates by the
 * support context's command path (migrations/044, ADR 0033): its first agency since its orientation,
 * a move to another agency from the command's day, the agency left in the history with the days it
 * covered. The commands run on a clock (`today`) set here, days before the real today.
 */
let t: TestApp;
const today = parisToday();
const clock = (daysAgo: number) => addDays(today, -daysAgo);
const DOMAIN = "@demo.tandem.fr";
const ids = { strasbourg: "", haguenau: "", advisorA: "", advisorB: "", social: "" };

type Agency = { agency_id: string | null; agency_since: string | null };
const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const userId = async (local: string) => (await one<{ id: string }>("SELECT id FROM users WHERE email = $1", [`${local}${DOMAIN}`])).id;
const sessionUser = async (local: string): Promise<SessionUser> => {
  const u = await one<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: SessionUser["roles"] }>(
    "SELECT id, email, first_name, last_name, organisation_id, roles FROM users WHERE email = $1",
    [`${local}${DOMAIN}`],
  );
  return { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, organisationId: u.organisation_id, roles: u.roles };
};
const deps = () => ({ db: t.db, mailer: createMailer(t.db, { from: "x@y.fr" }), publicUrl: "http://localhost" });
const agencyOf = (caseId: string) => one<Agency>("SELECT agency_id, agency_since::text AS agency_since FROM support_cases WHERE id = $1", [caseId]);
const historyOf = (caseId: string) =>
  t.db.query<{ agency_id: string; from_on: string; until_on: string }>(
    "SELECT agency_id, from_on::text AS from_on, until_on::text AS until_on FROM support_case_agency_history WHERE case_id = $1 ORDER BY from_on",
    [caseId],
  );

/** A person of Strasbourg never oriented, oriented by the Strasbourg advisor on `orientedOn` (the clock that day). */
async function orientedCase(orientedOn: string) {
  const [person] = await t.db.query<{ id: string }>(
    `SELECT id FROM job_seekers js WHERE commune_insee = '67482'
        AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) ORDER BY ft_identifier DESC LIMIT 1`,
  );
  const ctx = { user: await sessionUser("conseiller.basrhin"), requestId: "test", ip: "127.0.0.1" };
  return orientJobSeeker(deps(), ctx, { jobSeekerId: person.id, origin: "france_travail", orientedOn, barriers: [{ code: "housing" }] }, orientedOn);
}

beforeAll(async () => {
  t = await createTestApp();
  ids.strasbourg = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-strasbourg'")).id;
  // A second agency acting under the Bas-Rhin convention (a child organisation of its France Travail party), with its advisor.
  ids.haguenau = (
    await one<{ id: string }>(
      "INSERT INTO organisations (code, name, kind, parent_id) VALUES ('ft-haguenau-agence', 'France Travail — Agence Haguenau', 'ft_agency', $1) RETURNING id",
      [ids.strasbourg],
    )
  ).id;
  ids.advisorB = (
    await one<{ id: string }>(
      "INSERT INTO users (organisation_id, email, first_name, last_name, roles) VALUES ($1, 'conseiller.haguenau@demo.tandem.fr', 'Hugo', 'Haguenau', '{advisor}') RETURNING id",
      [ids.haguenau],
    )
  ).id;
  ids.advisorA = await userId("conseiller.basrhin");
  ids.social = await userId("social.strasbourg");
}, 120_000);
afterAll(async () => t?.close());

describe("the agency of a case, kept with its dates", () => {
  it("starts at the orientation with the first advisor's agency, and a reassignment to another agency's advisor writes the history on the command's day", async () => {
    const caseId = await orientedCase(clock(20));
    expect(await agencyOf(caseId)).toEqual({ agency_id: null, agency_since: null });

    await assignPair(deps(), systemContext("test"), caseId, { advisorId: ids.advisorA, socialWorkerId: ids.social }, clock(10));
    // Strasbourg's since the orientation (it was waiting for Strasbourg), not since the pair was chosen.
    expect(await agencyOf(caseId)).toEqual({ agency_id: ids.strasbourg, agency_since: clock(20) });
    expect(await historyOf(caseId)).toEqual([]);

    await assignPair(deps(), systemContext("test"), caseId, { advisorId: ids.advisorB, socialWorkerId: ids.social }, clock(3));
    expect(await agencyOf(caseId)).toEqual({ agency_id: ids.haguenau, agency_since: clock(3) });
    expect(await historyOf(caseId)).toEqual([{ agency_id: ids.strasbourg, from_on: clock(20), until_on: clock(3) }]);

    // The same pair again moves nothing.
    await assignPair(deps(), systemContext("test"), caseId, { advisorId: ids.advisorB, socialWorkerId: ids.social }, clock(1));
    expect(await agencyOf(caseId)).toEqual({ agency_id: ids.haguenau, agency_since: clock(3) });
    expect(await historyOf(caseId)).toHaveLength(1);
  });

  it("a move back on the day of the move leaves no day to the agency left in between", async () => {
    const caseId = await orientedCase(clock(20));
    await assignPair(deps(), systemContext("test"), caseId, { advisorId: ids.advisorA, socialWorkerId: ids.social }, clock(5));
    await assignPair(deps(), systemContext("test"), caseId, { advisorId: ids.advisorB, socialWorkerId: ids.social }, clock(2));
    await assignPair(deps(), systemContext("test"), caseId, { advisorId: ids.advisorA, socialWorkerId: ids.social }, clock(2));
    expect(await agencyOf(caseId)).toEqual({ agency_id: ids.strasbourg, agency_since: clock(2) });
    expect(await historyOf(caseId)).toEqual([{ agency_id: ids.strasbourg, from_on: clock(20), until_on: clock(2) }]);
  });

  it("is the advisor's agency once an advisor takes the case up from the queue", async () => {
    const caseId = await orientedCase(clock(8));
    const ctx: RequestContext & { user: SessionUser } = { user: await sessionUser("conseiller.basrhin"), requestId: "test", ip: "127.0.0.1" };
    await takeUpCase(deps(), ctx, caseId, clock(4));
    expect(await agencyOf(caseId)).toEqual({ agency_id: ids.strasbourg, agency_since: clock(8) });
  });

  it("goes with a case built through the use cases (the demo's)", async () => {
    const caseId = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", jobSeekerCommune: "67482", entered: { monthsAgo: 2 } });
    const c = await one<{ agency_id: string; agency_since: string; oriented_on: string }>(
      "SELECT agency_id, agency_since::text AS agency_since, oriented_on::text AS oriented_on FROM support_cases WHERE id = $1",
      [caseId],
    );
    expect(c.agency_id).toBe(ids.strasbourg);
    expect(c.agency_since).toBe(c.oriented_on);
  });
});
