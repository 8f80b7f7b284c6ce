import { parisToday } from "../../domain/shared/calendarDate.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { conventionPartyOrganisationIds, globalSupportTermsOf } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { can, effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { caseRefById } from "../support/supportAccess.js";
import type { ReviewCaseRow, ReviewRow } from "./reviewRepository.js";

export type Recipient = {
  email: string;
  name: string;
  userId: string;
  organisationId: string;
  /** The review's cases whose rows this recipient receives: each asked of the policy (`review.table.receive`). */
  caseIds: Set<string>;
  /** The same set as `caseIds` (never null any more: nobody receives every row unasked). */
  pairOf: Set<string> | null;
};

type UserRow = { id: string; email: string; first_name: string; last_name: string; organisation_id: string; kind: OrganisationKind; roles: Role[] };
/** The recipient as the policy sees them: with the roles a session would hold (those their organisation's kind may hold). */
const sessionUser = (u: UserRow): SessionUser => ({
  id: u.id,
  email: u.email,
  firstName: u.first_name,
  lastName: u.last_name,
  organisationId: u.organisation_id,
  roles: effectiveRoles(u.kind, u.roles),
});
const USER_COLUMNS = "u.id, u.email, u.first_name, u.last_name, u.organisation_id, u.roles, (SELECT k.kind FROM organisations k WHERE k.id = u.organisation_id) AS kind";

/**
 * The convention's distribution list for the follow-up table [002 art. 5.2 a)], resolved to
 * people, each with the rows they may receive. The list says who is meant (the pair, or an
 * organisation's staff by role); the policy decides, row by row, what reaches each of them
 * (`review.table.receive`): a pair member their own cases, a party's listed staff the cases in
 * their organisation's reach; an organisation that is not a party to the convention is dropped.
 */
export async function distributionOf(
  db: Db,
  review: ReviewRow,
  cases: ReviewCaseRow[],
  today = parisToday(),
): Promise<{ label: string; recipients: Recipient[] }[]> {
  const gs = await globalSupportTermsOf(db, review.convention_id, review.held_on);
  const parties = new Set(await conventionPartyOrganisationIds(db, review.convention_id, today));
  // The policy's view of a case depends on the recipient's organisation only (its territory).
  const refs = new Map<string, Awaited<ReturnType<typeof caseRefById>>>();
  const refOf = async (user: SessionUser, caseId: string) => {
    const key = `${user.organisationId}:${caseId}`;
    if (!refs.has(key)) refs.set(key, await caseRefById(db, user, caseId, today));
    return refs.get(key) ?? null;
  };
  const receivable = async (user: SessionUser, listedAs: "pair" | { roles: Role[] }, candidates: string[]) => {
    const allowed = new Set<string>();
    for (const caseId of candidates) {
      const ref = await refOf(user, caseId);
      if (ref && can(user, "review.table.receive", { case: ref, listedAs })) allowed.add(caseId);
    }
    return allowed;
  };
  const recipient = (u: UserRow, caseIds: Set<string>): Recipient => ({
    email: u.email,
    name: `${u.first_name} ${u.last_name}`,
    userId: u.id,
    organisationId: u.organisation_id,
    caseIds,
    pairOf: caseIds,
  });

  const lists = [];
  for (const entry of gs?.terms.reviewDistribution ?? []) {
    if ("pair" in entry) {
      const casesOf = new Map<string, string[]>();
      for (const c of cases) {
        for (const userId of [c.advisor_id, c.social_worker_id]) if (userId) casesOf.set(userId, [...(casesOf.get(userId) ?? []), c.case_id]);
      }
      const recipients = [];
      for (const [userId, own] of casesOf) {
        const [u] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.active`, [userId]);
        if (!u) continue;
        const allowed = await receivable(sessionUser(u), "pair", own);
        if (allowed.size > 0) recipients.push(recipient(u, allowed));
      }
      lists.push({ label: entry.label, recipients });
    } else {
      const users = await db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM users u JOIN organisations o ON o.id = u.organisation_id
          WHERE o.code = $1 AND u.active AND u.roles && $2::text[] ORDER BY u.email`,
        [entry.organisation, entry.roles],
      );
      const recipients = [];
      for (const u of users) {
        if (!parties.has(u.organisation_id)) continue;
        recipients.push(recipient(u, await receivable(sessionUser(u), { roles: entry.roles as Role[] }, cases.map((c) => c.case_id))));
      }
      lists.push({ label: entry.label, recipients });
    }
  }
  return lists;
}

/**
 * Who the distribution list names, as the policy `review.summary.read` reads it: the pair members of
 * the cases on the agenda (when the list names the pair) and, for each listed party, its roles.
 */
export async function listedReaders(db: Db, review: ReviewRow, cases: ReviewCaseRow[], today = parisToday()) {
  const gs = await globalSupportTermsOf(db, review.convention_id, review.held_on);
  const parties = new Set(await conventionPartyOrganisationIds(db, review.convention_id, today));
  const entries = gs?.terms.reviewDistribution ?? [];
  const pairUserIds = entries.some((e) => "pair" in e) ? cases.flatMap((c) => [c.advisor_id, c.social_worker_id].filter((id): id is string => id !== null)) : [];
  const listed: { organisationId: string; roles: Role[] }[] = [];
  for (const entry of entries) {
    if ("pair" in entry) continue;
    const [org] = await db.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [entry.organisation]);
    if (org && parties.has(org.id)) listed.push({ organisationId: org.id, roles: entry.roles as Role[] });
  }
  return { pairUserIds, listed };
}
