import type { ProgrammeRules } from "../../domain/support/rules.js";
import {
  communeInReach,
  communesInReachSql,
  conventionPartyOrganisationIds,
  findConventionsRunningGlobalSupport,
  globalSupportTermsAndEndOf,
} from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import type { JobSeekerSummary } from "../../shared/contracts/support.js";
import { type CaseHeadRow, type CaseReach, type CaseRow, findCase } from "./supportRepository.js";
import { supportErrors } from "./supportErrors.js";

/**
 * What the policies need to decide on global support, read from the conventions in force (never
 * from constants): which conventions run the programme for the user's organisation, which
 * organisations act under a case's convention, whether the person lives in the user's territory.
 */
export const conventionsOf = (db: Db, user: SessionUser, today: string) => findConventionsRunningGlobalSupport(db, user.organisationId, today);

/**
 * The commune is in the organisation's reach on the day: in its territory and in the territory of a
 * convention in force it acts under (ADR 0027; the rule is the convention context's, written once).
 */
export const inTerritory = (db: Db, organisationId: string, communeInsee: string, today: string) => communeInReach(db, organisationId, communeInsee, today);

export async function caseRef(db: Db, user: SessionUser, row: CaseRow, today: string) {
  return caseRefOf(row, {
    acting_party_ids: await conventionPartyOrganisationIds(db, row.convention_id, today),
    in_user_territory: await inTerritory(db, user.organisationId, row.commune_insee, today),
  });
}

type CaseRefRow = Pick<
  CaseRow,
  "advisor_id" | "social_worker_id" | "oriented_by" | "orienter_organisation_id" | "advisor_organisation_id" | "social_worker_organisation_id"
>;

/** The policy's view of a case from its row and what was read for the user on the day (findCaseHead reads both at once). */
export function caseRefOf(row: CaseRefRow, reach: CaseReach) {
  return {
    actingPartyIds: reach.acting_party_ids,
    inUserTerritory: reach.in_user_territory,
    pairUserIds: [row.advisor_id, row.social_worker_id].filter((id): id is string => id !== null),
    orienterUserId: row.oriented_by,
    involvedOrganisationIds: [row.orienter_organisation_id, row.advisor_organisation_id, row.social_worker_organisation_id].filter(
      (id): id is string => id !== null,
    ),
  };
}

/** authorizeCase on a policy view already read (the case page reads it with the case, in one statement). */
export function authorizeCaseRef(ctx: RequestContext, ref: ReturnType<typeof caseRefOf>, action: "support.case.read" | "support.case.work") {
  if (!ctx.user) return;
  if (!can(ctx.user, "support.case.read", ref)) throw supportErrors.caseNotFound();
  authorize(ctx.user, action, ref);
}

/** The policy's view of a case for one user, from its id: for another context's presenter (the review's follow-up table). */
export async function caseRefById(db: Db, user: SessionUser, caseId: string, today: string) {
  const row = await findCase(db, caseId);
  return row ? caseRef(db, user, row, today) : null;
}

/**
 * Refuses a user who may not reach the case. Outsiders get a 404: they need not learn that the
 * person is supported. A system caller (demo loader, CLI) has no user and acts for the platform.
 */
export async function authorizeCase(db: Db, ctx: RequestContext, row: CaseRow, action: "support.case.read" | "support.case.work", today: string) {
  if (!ctx.user) return;
  authorizeCaseRef(ctx, await caseRef(db, ctx.user, row, today), action);
}

/**
 * Whether the user may read the case, asked of the policy exactly as the case page asks it: for the
 * presenters that assemble several cases (exports, lists, notifications, digests). A system caller reads all.
 */
export async function canReadCase(db: Db, user: SessionUser | null, row: CaseRow, today: string): Promise<boolean> {
  return user === null || can(user, "support.case.read", await caseRef(db, user, row, today));
}

/**
 * A person's open case as a presenter shows it: to whoever may read that case. Anyone else learns
 * nothing of it (a case of another organisation or convention); orienting the person again is
 * refused all the same (SUPPORT_ALREADY_OPEN).
 */
export async function readableOpenCase(db: Db, user: SessionUser | null, openCase: JobSeekerSummary["openCase"], today: string) {
  if (!openCase) return null;
  const row = await findCase(db, openCase.id);
  return row && (await canReadCase(db, user, row, today)) ? openCase : null;
}

/**
 * readableOpenCase for the case page, from its head (findCaseHead): the person's open case is this
 * case (`ref`, its policy view) or another one, whose policy view the head read too.
 */
export function readableOpenCaseOf(user: SessionUser | null, head: CaseHeadRow, ref: ReturnType<typeof caseRefOf>): JobSeekerSummary["openCase"] {
  if (!head.open_case_id) return null;
  const openCase = { id: head.open_case_id, status: head.open_case_status };
  if (user === null) return openCase;
  const other = head.other_open_case;
  const openRef = other ? caseRefOf(other, { acting_party_ids: other.acting_party_ids, in_user_territory: head.in_user_territory }) : ref;
  return can(user, "support.case.read", openRef) ? openCase : null;
}

/**
 * `support.case.read` said in SQL, for lists of cases filtered and paged by the database (the
 * orientation queue): the case runs under a convention the user's organisation acts under today
 * (`conventionIds`, from conventionsOf), and concerns the user — their pair or orientation — or
 * their organisation — orienter's, advisor's or social worker's — or the person lives in their
 * organisation's reach (communesInReachSql, ADR 0027). The same rule as caseInReach in policies.ts, which stays the one asked
 * of each single case. Expects `sc` (support_cases) and `js` (job_seekers) in the query; `p` gives
 * the numbers of the parameters holding the user's id, organisation id, the conventions' ids and the day.
 */
export function caseInReachSql(p: { userId: number; organisationId: number; conventionIds: number; onDate: number }): string {
  return `(sc.convention_id = ANY($${p.conventionIds}::uuid[])
    AND (sc.advisor_id = $${p.userId} OR sc.social_worker_id = $${p.userId} OR sc.oriented_by = $${p.userId}
      OR sc.orienter_organisation_id = $${p.organisationId}
      OR EXISTS (SELECT 1 FROM users pro WHERE pro.id IN (sc.advisor_id, sc.social_worker_id) AND pro.organisation_id = $${p.organisationId})
      OR js.commune_insee IN (${communesInReachSql(`$${p.organisationId}::uuid`, `$${p.onDate}::date`)})))`;
}

/**
 * The terms of the case's convention in force on the day, with its last day (its end, or the day its
 * termination takes effect), or a conflict if it no longer runs the programme.
 */
export async function rulesOf(db: Db, conventionId: string, today: string): Promise<ProgrammeRules> {
  const found = await globalSupportTermsAndEndOf(db, conventionId, today);
  if (!found) throw supportErrors.conventionNotRunning();
  return { conventionNumber: found.number, terms: found.terms, conventionEndsOn: found.endsOn };
}

/** Which note visibilities the user may read or write: the policy decides, SQL filters on the answer. */
export const readableNoteVisibilities = (user: SessionUser | null) =>
  (["pair", "social", "employment"] as const).filter((visibility) => user === null || can(user, "support.note.read", { visibility }));

/**
 * Global support is open to an organisation only while a convention in force runs it: say so
 * plainly (403) rather than a bare refusal; the role check stays the policy's.
 */
export function authorizeSupportUse(user: SessionUser, conventions: unknown[], action: "support.use" | "jobSeeker.create" = "support.use") {
  if (conventions.length === 0) throw supportErrors.noConvention();
  authorize(user, action, { runsGlobalSupport: true });
}
