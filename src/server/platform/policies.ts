import type { OrganisationKind, Role } from "../../shared/roles.js";
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
/** A review as its distribution list names readers: the pair members of its cases, the listed parties' staff by role. */
type ReviewSummaryRef = ReviewRef & { pairUserIds: string[]; listed: { organisationId: string; roles: Role[] }[] };
/** A signature for one party of a convention, and how it is recorded (ADR 0008). */
type SignatureRef = { partyOrganisationId: string; mode: "in_app" | "scanned_copy" };

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
/** A PEC offer, candidacy or contract: its employer, and France Travail's organisations acting under its convention. */
type PecRef = { employerOrganisationId: string; franceTravailOrganisationIds: string[] };
/** A row of a review's follow-up table, and how the convention's distribution list names the recipient. */
type FollowUpRowRef = { case: SupportCaseRef; listedAs: "pair" | { roles: Role[] } };

/** A PMSMP immersion as the policy sees it: the France Travail side of its convention, its host, its prescriber, the person's reach. */
type ImmersionRef = { franceTravailOrganisationIds: string[]; hostOrganisationId: string; prescriberId: string; personInReach: boolean };
const has = (user: SessionUser, ...roles: Role[]) => roles.some((r) => user.roles.includes(r));
const supportProfessional = (user: SessionUser) => has(user, "advisor", "social_worker", "orienter");
/** A case is reached by the parties of its convention only, and among them by those it concerns: its pair, its orienter, their organisations, or the territory the person lives in. */
const caseInReach = (user: SessionUser, c: SupportCaseRef) =>
  c.actingPartyIds.includes(user.organisationId) &&
  (c.pairUserIds.includes(user.id) || c.orienterUserId === user.id || c.involvedOrganisationIds.includes(user.organisationId) || c.inUserTerritory);
const takesPartInReview = (user: SessionUser, r: ReviewRef) =>
  (has(user, "advisor") && r.agencyIds.includes(user.organisationId)) || (has(user, "social_worker") && r.partnerOrganisationIds.includes(user.organisationId));
const sameOrganisation = (user: SessionUser, target: OrganisationRef) => user.organisationId === target.organisationId;
const immersionPrescriberSide = (user: SessionUser, i: ImmersionRef) =>
  has(user, "advisor") && i.franceTravailOrganisationIds.includes(user.organisationId) && (i.personInReach || i.prescriberId === user.id);
const immersionHostSide = (user: SessionUser, i: ImmersionRef) => user.organisationId === i.hostOrganisationId && has(user, "partner_agent", "org_admin", "steering");
/** The users of an organisation: its own org_admin manages them; the platform admin helps everyone. */
const managesUsersOf = (user: SessionUser, target: OrganisationRef) => (has(user, "org_admin") && sameOrganisation(user, target)) || has(user, "platform_admin");

/**
 * Which roles an organisation may hold follows its kind, declared here once: France Travail staff
 * are advisors, never social workers (professional secrecy [001 art. 6]); local authorities, their
 * CCAS and operators never hold France Travail's advisor role; an employer has partner agents;
 * platform_admin exists only in the platform's own organisation. A role held against this table
 * (granted before it existed) gives no right: sessions keep only `effectiveRoles`.
 */
const LOCAL_PARTNER_ROLES: readonly Role[] = ["social_worker", "orienter", "partner_agent", "steering", "org_admin", "dpo"];
export const rolesByOrganisationKind: Record<OrganisationKind, readonly Role[]> = {
  ft_region: ["steering", "org_admin", "dpo"],
  ft_direction: ["advisor", "steering", "org_admin", "dpo"],
  ft_agency: ["advisor", "steering", "org_admin", "dpo"],
  departement: LOCAL_PARTNER_ROLES,
  ccas: LOCAL_PARTNER_ROLES,
  operator: LOCAL_PARTNER_ROLES,
  city: LOCAL_PARTNER_ROLES,
  epci: LOCAL_PARTNER_ROLES,
  employer: ["partner_agent", "org_admin", "dpo"],
  other: ["partner_agent", "steering", "org_admin", "dpo"],
  platform: ["platform_admin", "dpo"],
};
export const roleAllowedFor = (kind: OrganisationKind, role: Role) => rolesByOrganisationKind[kind]?.includes(role) ?? false;
export const effectiveRoles = (kind: OrganisationKind, roles: readonly Role[]): Role[] => roles.filter((r) => roleAllowedFor(kind, r));
/** The roles this user may hand out in an organisation of this kind (what the users page offers). */
export const grantableRoles = (user: SessionUser, kind: OrganisationKind): Role[] =>
  rolesByOrganisationKind[kind].filter((r) => r !== "platform_admin" || has(user, "platform_admin"));

/** Roles given to an account of an organisation: at invitation (no account yet) or by a change. */
type RoleGrantRef = { organisationId: string; organisationKind: OrganisationKind; targetUserId: string | null; roles: readonly Role[] };
export type RoleGrantRefusal = { reason: "not_manager" } | { reason: "kind"; role: Role } | { reason: "own_roles" } | { reason: "platform_admin" };
/**
 * Why giving these roles is refused, or null: the invite and role-change commands and the users page
 * read this one answer. Only the organisation's managers; only roles its kind may hold; nobody
 * changes their own roles (not even a platform admin); platform_admin only from a platform admin.
 */
export function roleGrantRefusal(user: SessionUser, t: RoleGrantRef): RoleGrantRefusal | null {
  if (!managesUsersOf(user, t)) return { reason: "not_manager" };
  const notAllowed = t.roles.find((r) => !roleAllowedFor(t.organisationKind, r));
  if (notAllowed) return { reason: "kind", role: notAllowed };
  if (t.targetUserId === user.id) return { reason: "own_roles" };
  if (t.roles.includes("platform_admin") && !has(user, "platform_admin")) return { reason: "platform_admin" };
  return null;
}

const rules = {
  /** The users of an organisation: its own org_admin manages them; the platform admin helps everyone. */
  "organisation.users.read": (user: SessionUser, target: OrganisationRef) => managesUsersOf(user, target),
  "organisation.users.manage": (user: SessionUser, target: OrganisationRef) => managesUsersOf(user, target),
  /** Giving roles (invitation or change of roles): see `roleGrantRefusal`. */
  /** Organisation profile (name, territory): its members and the platform admin. */
  "organisation.read": (user: SessionUser, target: OrganisationRef) =>
    sameOrganisation(user, target) || has(user, "platform_admin"),
  "organisation.list": (user: SessionUser) => has(user, "platform_admin"),
  /** Creating and editing organisations (identifiers, parent, territory, contacts) and importing them: the platform admin only. */
  "organisation.manage": (user: SessionUser) => has(user, "platform_admin"),
  /** The names and kinds of organisations (no contact, no person), for pickers such as a party's successor: who may edit a convention. */
  "organisation.directory": (user: SessionUser) => has(user, "steering", "org_admin", "platform_admin"),
  /** The audit trail: a DPO reads the events of their organisation's people; the platform admin all. */
  "audit.read": (user: SessionUser, target: OrganisationRef | "all") =>
    has(user, "platform_admin") || (has(user, "dpo") && target !== "all" && sameOrganisation(user, target)),
  /** Whether the audit chain is intact: every DPO and the platform admin (event numbers and dates only, no content). */
  "audit.verify": (user: SessionUser) => has(user, "dpo", "platform_admin"),
  "outbox.read": (user: SessionUser) => has(user, "platform_admin"),
  // The job queue (« Tâches de fond », ADR 0029): its states and failures, and the relaunch of a dead job.
  "background_jobs.read": (user: SessionUser) => has(user, "platform_admin"),
  "background_jobs.retry": (user: SessionUser) => has(user, "platform_admin"),
  /** A convention is seen by the users of its parties (successors included), and edited by their steering users and org_admins. */
  "convention.read": (user: SessionUser, c: PartiesRef) => c.partyOrganisationIds.includes(user.organisationId) || has(user, "platform_admin"),
  "convention.edit": (user: SessionUser, c: PartiesRef) =>
    (has(user, "steering", "org_admin") && c.partyOrganisationIds.includes(user.organisationId)) || has(user, "platform_admin"),
  /** Importing a convention: the platform admin, or a steering user / org_admin of one of its parties. */
  "convention.import": (user: SessionUser, c: PartiesRef) =>
    (has(user, "steering", "org_admin") && c.partyOrganisationIds.includes(user.organisationId)) || has(user, "platform_admin"),
  /** Checked before a file is even read: only those who may import some convention get their file parsed. */
  "convention.import.start": (user: SessionUser) => has(user, "steering", "org_admin", "platform_admin"),
  /**
   * A party signs for itself only: a steering user or org_admin of that very organisation (not of
   * another party, nor of a parent or child organisation). The platform admin signs for no one: it
   * records a party's scanned signed copy, and only in that mode (audited as such).
   */
  "convention.sign": (user: SessionUser, s: SignatureRef) =>
    s.mode === "in_app" ? has(user, "steering", "org_admin") && user.organisationId === s.partyOrganisationId : has(user, "platform_admin"),
  "convention.list": (_user: SessionUser) => true,
  /**
   * A portfolio review is prepared and held by the professionals of the agencies it covers
   * (advisors) and of the partners concerned (social workers of the convention's partner
   * parties) — nobody else, not even an administrator: it shows named cases [002 art. 5.2 a)].
   */
  "review.take_part": (user: SessionUser, r: ReviewRef) => takesPartInReview(user, r),
  /**
   * A review's counts (cases examined, decisions by kind; no person named): those who take part, and
   * whoever its distribution list names — a pair member of a case on its agenda, or staff of a
   * listed party with a listed role — so that the e-mail announcing its table opens on a page.
   */
  "review.summary.read": (user: SessionUser, r: ReviewSummaryRef) =>
    takesPartInReview(user, r) ||
    r.pairUserIds.includes(user.id) ||
    r.listed.some((l) => l.organisationId === user.organisationId && has(user, ...l.roles)),
  /**
   * The follow-up table e-mailed to the convention's distribution list [002 art. 5.2 a)], row by row:
   * a pair member receives the rows of the cases they are pair of and may read; a member of a party
   * listed by role (steering staff, a city's representative) the rows of the cases in their
   * organisation's reach: acting under the case's convention, and involved in the case or serving
   * the person's commune. An organisation that is no party receives nothing.
   */
  "review.table.receive": (user: SessionUser, r: FollowUpRowRef) =>
    r.listedAs === "pair"
      ? r.case.pairUserIds.includes(user.id) && supportProfessional(user) && caseInReach(user, r.case)
      : has(user, ...r.listedAs.roles) &&
        r.case.actingPartyIds.includes(user.organisationId) &&
        (r.case.involvedOrganisationIds.includes(user.organisationId) || r.case.inUserTerritory),
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
  /** The register of the persons' rights requests (ADR 0031): the DPO of the organisation that keeps it, nobody else. */
  "privacy.rights.manage": (user: SessionUser, r: OrganisationRef) => has(user, "dpo") && sameOrganisation(user, r),
  /** Retention (ADR 0032): the planned purges, their journal and the legal holds of the organisation, seen and recorded by its DPO. */
  "privacy.retention.manage": (user: SessionUser, r: OrganisationRef) => has(user, "dpo") && sameOrganisation(user, r),
  /** Declaring a breach or a complaint: the DPO of the organisation (a party to the convention). */
  "privacy.breach.declare": (user: SessionUser, r: OrganisationRef) => has(user, "dpo") && sameOrganisation(user, r),
  /** A declared breach (read, notify, measures): its organisation's DPO, and the platform admin, who is alerted when it is late. */
  "privacy.breach.manage": (user: SessionUser, r: OrganisationRef) => (has(user, "dpo") && sameOrganisation(user, r)) || has(user, "platform_admin"),
  /** The breaches of every organisation in one register: the platform admin. */
  "privacy.breach.list_all": (user: SessionUser) => has(user, "platform_admin"),
  /**
   * France Travail lists (ADR 0030): received by the partner of the convention that provides them
   * [003 art. 4.1, 002 art. 4.1 b)] — its partner agents, who use them (invitations to the Points
   * Conseil Emploi, the RSA list) — and seen only by the partner agents of the importing organisation.
   */
  "list.import.start": (user: SessionUser) => has(user, "partner_agent"),
  "list.import": (user: SessionUser, c: { partnerOrganisationIds: string[] }) => has(user, "partner_agent") && c.partnerOrganisationIds.includes(user.organisationId),
  "list.import.read": (user: SessionUser, target: OrganisationRef) => has(user, "partner_agent") && sameOrganisation(user, target),
  /** A convention's indicators (ADR 0033): its parties' steering users see them, drill down, export and freeze a period. */
  "indicators.read": (user: SessionUser, c: PartiesRef) => has(user, "steering") && c.partyOrganisationIds.includes(user.organisationId),
  "indicators.freeze": (user: SessionUser, c: PartiesRef) => has(user, "steering") && c.partyOrganisationIds.includes(user.organisationId),
  /** A France Travail territorial direction's steering users see the figures of every convention where it or its agencies act. */
  "indicators.territory.read": (user: SessionUser, c: { directionOrganisationIds: string[] }) =>
    has(user, "steering") && c.directionOrganisationIds.includes(user.organisationId),
  /**
   * The convention's governance (ADR 0034): its meetings, agendas, minutes and actions are seen by the
   * members of its parties only; its parties' steering users schedule, minute and add to the agenda;
   * each side adopts the minutes through a steering user acting for that side; an action is moved on
   * by the steering users of the parties or by its owner.
   */
  "governance.read": (user: SessionUser, c: PartiesRef) => c.partyOrganisationIds.includes(user.organisationId),
  "governance.write": (user: SessionUser, c: PartiesRef) => has(user, "steering") && c.partyOrganisationIds.includes(user.organisationId),
  "governance.adopt": (user: SessionUser, s: { sideOrganisationIds: string[] }) => has(user, "steering") && s.sideOrganisationIds.includes(user.organisationId),
  "governance.action.update": (user: SessionUser, a: PartiesRef & { ownerId: string }) =>
    a.partyOrganisationIds.includes(user.organisationId) && (has(user, "steering") || a.ownerId === user.id),
  /**
   * The partners' resource directory (ADR 0035): an organisation's own resources, and those its
   * partners under a convention in force share for the convention's territory (`shared`, computed
   * by directory/directoryAccess.ts); published and imported by its staff who keep the resources.
   */
  "directory.resource.read": (user: SessionUser, r: OrganisationRef & { shared: boolean }) => sameOrganisation(user, r) || r.shared,
  "directory.publish": (user: SessionUser, target: OrganisationRef) =>
    sameOrganisation(user, target) && has(user, "org_admin", "steering", "partner_agent", "social_worker", "advisor"),
  /** The yearly update campaign and the directory's accounts per organisation: the convention's steering users. */
  "directory.steer": (user: SessionUser, c: PartiesRef) => has(user, "steering") && c.partyOrganisationIds.includes(user.organisationId),
  /** France Travail's ROME referential (ADR 0036): published open data, searched by every signed-in user (the forms' autocomplete). */
  "rome.search": (_user: SessionUser) => true,
  /**
   * PMSMP immersions (ADR 0036). A hosting party's org_admin declares the trades it exercises; a
   * France Travail advisor acting under a convention in force with immersion terms records an
   * immersion for a person in their reach and follows it (so does its prescriber); the host's staff
   * see their own immersions (the person's name, dates, trade, tutor — nothing of the person's
   * support) and record the assessment with the advisor. Anyone else: nothing.
   */
  "immersion.host_trades.manage": (user: SessionUser, h: OrganisationRef) => has(user, "org_admin") && sameOrganisation(user, h),
  /** A host's declared trades (no personal data): its own staff, and France Travail's advisors who prescribe there. */
  "immersion.host_trades.read": (user: SessionUser, h: OrganisationRef) => sameOrganisation(user, h) || has(user, "advisor"),
  "immersion.record": (user: SessionUser, c: { franceTravailOrganisationIds: string[]; personInReach: boolean }) =>
    has(user, "advisor") && c.franceTravailOrganisationIds.includes(user.organisationId) && c.personInReach,
  "immersion.read": (user: SessionUser, i: ImmersionRef) => immersionPrescriberSide(user, i) || immersionHostSide(user, i),
  "immersion.assess": (user: SessionUser, i: ImmersionRef) =>
    immersionPrescriberSide(user, i) || (immersionHostSide(user, i) && has(user, "partner_agent", "org_admin")),
  /**
   * Parcours emploi compétences (ADR 0037, 000 art. 3.1 a). A PEC object (offer, candidacy, contract)
   * belongs to one employer under one convention: it is seen by the employer's staff and by France
   * Travail's advisors acting under that convention. The employer's partner agents and org_admins
   * post offers, answer candidacies, name tutors and deliver the certificate; France Travail's advisors
   * propose candidates and hold the three-way meeting; its org_admins name the company advisors.
   */
  "pec.read": (user: SessionUser, p: PecRef) =>
    (sameOrganisation(user, { organisationId: p.employerOrganisationId }) && has(user, "partner_agent", "org_admin", "steering")) ||
    (p.franceTravailOrganisationIds.includes(user.organisationId) && has(user, "advisor", "org_admin", "steering")),
  "pec.employer.act": (user: SessionUser, p: PecRef) => sameOrganisation(user, { organisationId: p.employerOrganisationId }) && has(user, "partner_agent", "org_admin"),
  "pec.advisor.act": (user: SessionUser, p: PecRef) => p.franceTravailOrganisationIds.includes(user.organisationId) && has(user, "advisor"),
  "pec.company_advisors.name": (user: SessionUser, p: { franceTravailOrganisationIds: string[] }) =>
    p.franceTravailOrganisationIds.includes(user.organisationId) && has(user, "org_admin"),
  /**
   * The PEC follow-up booklet (ADR 0038): its milestones and who has answered are seen with the
   * contract (pec.read); the answers themselves, side by side once both have answered, the contacts
   * asked for and the pre-exit meeting are France Travail's: its advisors acting under the convention
   * and the contract's referent advisor. The employee and the tutor answer through their own link.
   */
  "pec.booklet.follow": (user: SessionUser, p: PecRef & { referentAdvisorId: string }) =>
    has(user, "advisor") && (user.id === p.referentAdvisorId || p.franceTravailOrganisationIds.includes(user.organisationId)),
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
