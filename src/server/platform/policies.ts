import type { Role } from "../../shared/roles.js";
import { errors } from "./errors.js";
import type { SessionUser } from "./requestContext.js";

/**
 * Every authorisation rule of Tandem, in one place. Deny by default: an action that has no
 * rule here, or whose rule answers false, is refused. Handlers call `authorize` and never
 * test roles themselves.
 */
type OrganisationRef = { organisationId: string };
type PartiesRef = { partyOrganisationIds: string[] };
type ReviewRef = { agencyIds: string[]; partnerOrganisationIds: string[] };

/** Global support: whether the user's organisation acts under a convention that runs it today. */
type SupportScopeRef = { runsGlobalSupport: boolean };
/** A job seeker as the support context sees them for one user. */
type JobSeekerRef = SupportScopeRef & { inUserTerritory: boolean; followedByUser: boolean };
/** A global-support case, with what decides who may reach it (computed from the convention in force). */
type SupportCaseRef = {
  actingPartyIds: string[];
  inUserTerritory: boolean;
  pairUserIds: string[];
  orienterUserId: string;
  involvedOrganisationIds: string[];
};
type NoteRef = { visibility: "pair" | "social" | "employment" };

const has = (user: SessionUser, ...roles: Role[]) => roles.some((r) => user.roles.includes(r));
const supportProfessional = (user: SessionUser) => has(user, "advisor", "social_worker", "orienter");
/** A case is reached by the parties of its convention only, and among them by those it concerns: its pair, its orienter, their organisations, or the territory the person lives in. */
const caseInReach = (user: SessionUser, c: SupportCaseRef) =>
  c.actingPartyIds.includes(user.organisationId) &&
  (c.pairUserIds.includes(user.id) || c.orienterUserId === user.id || c.involvedOrganisationIds.includes(user.organisationId) || c.inUserTerritory);
const sameOrganisation = (user: SessionUser, target: OrganisationRef) => user.organisationId === target.organisationId;

const rules = {
  /** The users of an organisation: its own org_admin manages them; the platform admin helps everyone. */
  "organisation.users.read": (user: SessionUser, target: OrganisationRef) =>
    (has(user, "org_admin") && sameOrganisation(user, target)) || has(user, "platform_admin"),
  "organisation.users.manage": (user: SessionUser, target: OrganisationRef) =>
    (has(user, "org_admin") && sameOrganisation(user, target)) || has(user, "platform_admin"),
  /** Organisation profile (name, territory): its members and the platform admin. */
  "organisation.read": (user: SessionUser, target: OrganisationRef) =>
    sameOrganisation(user, target) || has(user, "platform_admin"),
  "organisation.list": (user: SessionUser) => has(user, "platform_admin"),
  /** The audit trail: a DPO reads the events of their organisation's people; the platform admin all. */
  "audit.read": (user: SessionUser, target: OrganisationRef | "all") =>
    has(user, "platform_admin") || (has(user, "dpo") && target !== "all" && sameOrganisation(user, target)),
  "outbox.read": (user: SessionUser) => has(user, "platform_admin"),
  /** A convention is seen by the users of its parties (successors included), and edited by their steering users and org_admins. */
  "convention.read": (user: SessionUser, c: PartiesRef) => c.partyOrganisationIds.includes(user.organisationId) || has(user, "platform_admin"),
  "convention.edit": (user: SessionUser, c: PartiesRef) =>
    (has(user, "steering", "org_admin") && c.partyOrganisationIds.includes(user.organisationId)) || has(user, "platform_admin"),
  /** Importing a convention: the platform admin, or a steering user / org_admin of one of its parties. */
  "convention.import": (user: SessionUser, c: PartiesRef) =>
    (has(user, "steering", "org_admin") && c.partyOrganisationIds.includes(user.organisationId)) || has(user, "platform_admin"),
  "convention.list": (_user: SessionUser) => true,
  /**
   * A portfolio review is prepared and held by the professionals of the agencies it covers
   * (advisors) and of the partners concerned (social workers of the convention's partner
   * parties) — nobody else, not even an administrator: it shows named cases [002 art. 5.2 a)].
   */
  "review.take_part": (user: SessionUser, r: ReviewRef) =>
    (has(user, "advisor") && r.agencyIds.includes(user.organisationId)) ||
    (has(user, "social_worker") && r.partnerOrganisationIds.includes(user.organisationId)),
  /** Global support (search, portfolio, orientation form): advisors, social workers and orienters whose organisation runs it. */
  "support.use": (user: SessionUser, s: SupportScopeRef) => supportProfessional(user) && s.runsGlobalSupport,
  "jobSeeker.read": (user: SessionUser, p: JobSeekerRef) => supportProfessional(user) && p.runsGlobalSupport && (p.inUserTerritory || p.followedByUser),
  "jobSeeker.create": (user: SessionUser, s: SupportScopeRef) => supportProfessional(user) && s.runsGlobalSupport,
  "support.orient": (user: SessionUser, p: JobSeekerRef) => supportProfessional(user) && p.runsGlobalSupport && p.inUserTerritory,
  "support.case.read": (user: SessionUser, c: SupportCaseRef) => supportProfessional(user) && caseInReach(user, c),
  /** Consent, diagnosis, pair, entry, appointments, renewal, exit: the advisor and social-worker side, not the orienter. */
  "support.case.work": (user: SessionUser, c: SupportCaseRef) => has(user, "advisor", "social_worker") && caseInReach(user, c),
  /** Professional secrecy [001 art. 6]: social notes to social workers only, employment notes to advisors only. */
  "support.note.read": (user: SessionUser, n: NoteRef) =>
    n.visibility === "social" ? has(user, "social_worker") : n.visibility === "employment" ? has(user, "advisor") : has(user, "advisor", "social_worker"),
} as const;

export type Action = keyof typeof rules;
type ResourceOf<A extends Action> = Parameters<(typeof rules)[A]>[1];

export function can<A extends Action>(user: SessionUser, action: A, ...resource: ResourceOf<A> extends undefined ? [] : [ResourceOf<A>]): boolean {
  const rule = rules[action] as (u: SessionUser, r: unknown) => boolean;
  return rule ? rule(user, resource[0]) === true : false;
}

export function authorize<A extends Action>(user: SessionUser, action: A, ...resource: ResourceOf<A> extends undefined ? [] : [ResourceOf<A>]): void {
  if (!can(user, action, ...resource)) throw errors.forbidden();
}
