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

const has = (user: SessionUser, ...roles: Role[]) => roles.some((r) => user.roles.includes(r));
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
