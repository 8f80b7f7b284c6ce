import { parisToday } from "../../domain/shared/calendarDate.js";
import type { OrganisationKind, Role } from "../../shared/roles.js";
import { communeInReachSql, conventionPartyOrganisationIds, conventionPartyOrganisationIdsByConvention, globalSupportTermsOf } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import { can, effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import type { AgendaPairMember, ReviewCaseRow, ReviewRow } from "./reviewRepository.js";

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

type UserRow = {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  organisation_id: string;
  kind: OrganisationKind;
  code: string;
  roles: Role[];
  /** Of the communes of the review's cases, those in the user's organisation's reach today (ADR 0027). */
  served: string[];
};
/** The recipient as the policy sees them: with the roles a session would hold (those their organisation's kind may hold). */
const sessionUser = (u: UserRow): SessionUser => ({
  id: u.id,
  email: u.email,
  firstName: u.first_name,
  lastName: u.last_name,
  organisationId: u.organisation_id,
  roles: effectiveRoles(u.kind, u.roles),
});

/**
 * The policy's view of a case for one recipient, from rows already read: the same ref as the
 * support context's caseRef (supportAccess.ts) builds for the case page, from the same facts — the
 * organisations acting under the case's convention today, whether the person lives in the
 * recipient organisation's territory, the pair, the orienter and their organisations.
 */
const followUpCaseRef = (c: ReviewCaseRow, recipient: UserRow, actingPartyIds: string[]) => ({
  actingPartyIds,
  inUserTerritory: recipient.served.includes(c.commune_insee),
  pairUserIds: [c.advisor_id, c.social_worker_id].filter((id): id is string => id !== null),
  orienterUserId: c.oriented_by,
  involvedOrganisationIds: [c.orienter_organisation_id, c.advisor_organisation_id, c.social_worker_organisation_id].filter((id): id is string => id !== null),
});

/**
 * The convention's distribution list for the follow-up table [002 art. 5.2 a)], resolved to
 * people, each with the rows they may receive. The list says who is meant (the pair, or an
 * organisation's staff by role); the policy decides, row by row, what reaches each of them
 * (`review.table.receive`): a pair member their own cases, a party's listed staff the cases in
 * their organisation's reach; an organisation that is not a party to the convention is dropped.
 * A constant number of statements whatever the agenda: the terms, the acting parties, and every
 * person the list names (pair members by id, listed staff by organisation) with the territory
 * facts the policy needs, in one query; each row is then asked of the policy in memory.
 */
export async function distributionOf(
  db: Db,
  review: ReviewRow,
  cases: ReviewCaseRow[],
  today = parisToday(),
): Promise<{ label: string; recipients: Recipient[] }[]> {
  const gs = await globalSupportTermsOf(db, review.convention_id, review.held_on);
  const entries = gs?.terms.reviewDistribution ?? [];
  if (entries.length === 0) return [];
  const acting = await conventionPartyOrganisationIdsByConvention(db, [...new Set([review.convention_id, ...cases.map((c) => c.convention_id)])], today);
  const parties = new Set(acting.get(review.convention_id) ?? []);

  // Cases by pair member, in agenda order (advisor, then social worker): the order the list names them.
  const casesOf = new Map<string, ReviewCaseRow[]>();
  for (const c of cases) {
    for (const userId of [c.advisor_id, c.social_worker_id]) {
      if (!userId) continue;
      const own = casesOf.get(userId);
      if (own) own.push(c);
      else casesOf.set(userId, [c]);
    }
  }
  const listedEntries = entries.flatMap((e) => ("pair" in e ? [] : [e]));
  const pairIds = entries.some((e) => "pair" in e) ? [...casesOf.keys()] : [];
  // Each person by key (pair members by id, listed staff through their organisation's code); the
  // territory facts once per organisation, among the communes of the review's cases only.
  const people = await db.query<UserRow>(
    `WITH named AS (
       SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, u.roles FROM users u WHERE u.id = ANY($1::uuid[]) AND u.active
       UNION
       SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, u.roles FROM organisations o JOIN users u ON u.organisation_id = o.id
        WHERE o.code = ANY($2::text[]) AND u.active AND u.roles && $3::text[]),
     territories AS MATERIALIZED (
       SELECT n.organisation_id,
              ARRAY(SELECT k.code FROM unnest($4::text[]) k(code) WHERE ${communeInReachSql("k.code", "n.organisation_id", "$5::date")}) AS served
         FROM (SELECT DISTINCT organisation_id FROM named) n)
     SELECT n.*, o.kind, o.code, t.served
       FROM named n
       JOIN LATERAL (SELECT k.kind, k.code FROM organisations k WHERE k.id = n.organisation_id LIMIT 1) o ON true
       JOIN territories t ON t.organisation_id = n.organisation_id
      ORDER BY n.email`,
    [pairIds, listedEntries.map((e) => e.organisation), [...new Set(listedEntries.flatMap((e) => e.roles))], [...new Set(cases.map((c) => c.commune_insee))], today],
  );
  const byId = new Map(people.map((u) => [u.id, u]));

  const receivable = (u: UserRow, listedAs: "pair" | { roles: Role[] }, candidates: ReviewCaseRow[]) => {
    const user = sessionUser(u);
    const allowed = new Set<string>();
    for (const c of candidates) {
      if (can(user, "review.table.receive", { case: followUpCaseRef(c, u, acting.get(c.convention_id) ?? []), listedAs })) allowed.add(c.case_id);
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
  for (const entry of entries) {
    const recipients = [];
    if ("pair" in entry) {
      for (const [userId, own] of casesOf) {
        const u = byId.get(userId);
        if (!u) continue;
        const allowed = receivable(u, "pair", own);
        if (allowed.size > 0) recipients.push(recipient(u, allowed));
      }
    } else {
      for (const u of people) {
        if (u.code !== entry.organisation || !u.roles.some((r) => entry.roles.includes(r))) continue;
        if (!parties.has(u.organisation_id)) continue;
        recipients.push(recipient(u, receivable(u, { roles: entry.roles as Role[] }, cases)));
      }
    }
    lists.push({ label: entry.label, recipients });
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
  const listedEntries = entries.flatMap((e) => ("pair" in e ? [] : [e]));
  const organisations =
    listedEntries.length === 0
      ? []
      : await db.query<{ id: string; code: string }>("SELECT id, code FROM organisations WHERE code = ANY($1::text[])", [listedEntries.map((e) => e.organisation)]);
  const listed: { organisationId: string; roles: Role[] }[] = [];
  for (const entry of listedEntries) {
    const org = organisations.find((o) => o.code === entry.organisation);
    if (org && parties.has(org.id)) listed.push({ organisationId: org.id, roles: entry.roles as Role[] });
  }
  return { pairUserIds, listed };
}

/**
 * The distribution list as the review page names it — who each list reaches, by e-mail — without
 * loading the agenda: the same people as `distributionOf` names from every row, in the same order,
 * in 3 statements whatever the agenda (the terms, the listed staff, the acting parties). The pair
 * members come already read with the page's header (reviewRepository.reviewAgendaHeader), with the
 * conventions of their cases and where the agenda first names them. A pair member is named when the
 * policy lets them receive at least one of their rows: for a case of theirs the answer depends only
 * on the case's convention (`review.table.receive` as "pair": a professional of a party acting under
 * it — the pair is in reach of its own case), so each is asked once per convention. Listed staff are
 * named whatever rows they receive, as in `distributionOf`.
 */
export async function distributionSummaryOf(
  db: Db,
  review: ReviewRow,
  pairMembers: AgendaPairMember[],
  /** The convention's global-support terms on the review's day, as the page has read them. */
  gs: Awaited<ReturnType<typeof globalSupportTermsOf>>,
  today = parisToday(),
): Promise<{ label: string; recipients: string[] }[]> {
  const entries = gs?.terms.reviewDistribution ?? [];
  if (entries.length === 0) return [];
  const listedEntries = entries.flatMap((e) => ("pair" in e ? [] : [e]));
  const staff = await db.query<Omit<UserRow, "served">>(
    `SELECT u.id, u.email, u.first_name, u.last_name, u.organisation_id, u.roles, o.kind, o.code
       FROM organisations o JOIN users u ON u.organisation_id = o.id
      WHERE o.code = ANY($1::text[]) AND u.active AND u.roles && $2::text[]
      ORDER BY u.email`,
    [listedEntries.map((e) => e.organisation), [...new Set(listedEntries.flatMap((e) => e.roles))]],
  );
  const acting = await conventionPartyOrganisationIdsByConvention(db, [...new Set([review.convention_id, ...pairMembers.flatMap((p) => p.conventions)])], today);
  const parties = new Set(acting.get(review.convention_id) ?? []);
  // Each person once (an advisor on one case and a social worker on another: where first named), in the agenda's order.
  const pair = new Map<string, AgendaPairMember>();
  for (const p of [...pairMembers].sort((a, b) => a.first - b.first)) {
    const seen = pair.get(p.id);
    if (seen) seen.conventions = [...new Set([...seen.conventions, ...p.conventions])];
    else pair.set(p.id, { ...p, conventions: [...p.conventions] });
  }
  const receivesOwnRows = (p: AgendaPairMember) => {
    const user = sessionUser({ ...p, code: "", served: [] });
    return p.conventions.some((conventionId) =>
      can(user, "review.table.receive", {
        case: { actingPartyIds: acting.get(conventionId) ?? [], inUserTerritory: false, pairUserIds: [p.id], orienterUserId: "", involvedOrganisationIds: [] },
        listedAs: "pair",
      }),
    );
  };
  return entries.map((entry) => ({
    label: entry.label,
    recipients:
      "pair" in entry
        ? [...pair.values()].filter((p) => p.active && receivesOwnRows(p)).map((p) => p.email)
        : staff
            .filter((u) => u.code === entry.organisation && u.roles.some((r) => entry.roles.includes(r)) && parties.has(u.organisation_id))
            .map((u) => u.email),
  }));
}
