import type { OrganisationUser, OrganisationUsersResponse } from "../../shared/contracts/identity.js";
import { type OrganisationKind, ROLE_LABELS, type Role } from "../../shared/roles.js";
import { audit, auditRead } from "../platform/audit.js";
import { hashPassword, randomToken, sha256 } from "../platform/auth/passwords.js";
import { destroyUserSessions } from "../platform/auth/sessions.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import type { Mailer } from "../platform/mail.js";
import { authorize, can, grantableRoles, roleGrantRefusal } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { findOrganisation } from "../organisations/organisationRepository.js";
import { identityErrors, roleGrantError } from "./identityErrors.js";
import { judgePassword } from "./passwordPolicy.js";
import { findUserById, insertUser, listUsersOfOrganisation, lockUser, replacePassword, type UserRow } from "./userRepository.js";

type Ctx = RequestContext & { user: SessionUser };
type Deps = { db: Db; mailer: Mailer; config: Config };
const INVITATION_DAYS = 7;

/** An account as its organisation's managers see it, with what this caller may do to it. */
const present = (u: UserRow, actor: SessionUser, kind: OrganisationKind): OrganisationUser => ({
  id: u.id,
  email: u.email,
  firstName: u.first_name,
  lastName: u.last_name,
  roles: u.roles,
  active: u.active,
  invitationPending: u.invitation_token_hash !== null,
  createdAt: u.created_at.toISOString(),
  abilities: {
    editRoles: roleGrantRefusal(actor, { organisationId: u.organisation_id, organisationKind: kind, targetUserId: u.id, roles: [] }) === null,
    deactivate: can(actor, "organisation.users.manage", { organisationId: u.organisation_id }) && u.id !== actor.id,
  },
});

const roleList = (roles: readonly Role[]) => (roles.length ? roles.map((r) => ROLE_LABELS[r]).join(", ") : "aucun");
const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Refuses, with the reason the policy gives, roles that this caller may not give to this account. */
function authorizeRoleGrant(actor: SessionUser, target: { organisationId: string; organisationKind: OrganisationKind; targetUserId: string | null; roles: Role[] }) {
  const refusal = roleGrantRefusal(actor, target);
  if (refusal) throw roleGrantError(refusal, target.organisationKind);
}

export async function listOrganisationUsers(db: Db, ctx: Ctx, organisationId: string): Promise<OrganisationUsersResponse> {
  authorize(ctx.user, "organisation.users.read", { organisationId });
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw errors.notFound("Organisation");
  const users = await listUsersOfOrganisation(db, organisationId);
  await auditRead(db, ctx, { action: "organisation.users.read", subjectType: "organisation", subjectId: organisationId });
  return {
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
    grantableRoles: can(ctx.user, "organisation.users.manage", { organisationId }) ? grantableRoles(ctx.user, organisation.kind) : [],
    users: users.map((u) => present(u, ctx.user, organisation.kind)),
  };
}

/**
 * An org_admin invites a colleague: the account exists at once, the password is chosen through the
 * e-mailed link, which also tells the roles given. One transaction: authorise against the
 * organisation as read in it, create (an address already used loses cleanly), mail, audit.
 */
export async function inviteUser(
  deps: Deps,
  ctx: Ctx,
  organisationId: string,
  input: { email: string; firstName: string; lastName: string; roles: Role[] },
): Promise<OrganisationUser> {
  authorize(ctx.user, "organisation.users.manage", { organisationId });
  const roles = [...new Set(input.roles)];
  const token = randomToken();
  return deps.db.transaction(async (tx) => {
    const organisation = await findOrganisation(tx, organisationId);
    if (!organisation) throw errors.notFound("Organisation");
    authorizeRoleGrant(ctx.user, { organisationId, organisationKind: organisation.kind, targetUserId: null, roles });
    const id = await insertUser(tx, { organisationId, ...input, roles });
    if (!id) throw errors.emailTaken();
    await tx.query(
      `UPDATE users SET invitation_token_hash = $2, invitation_expires_at = now() + make_interval(days => $3) WHERE id = $1`,
      [id, sha256(token), INVITATION_DAYS],
    );
    await deps.mailer.enqueue(tx, {
      to: input.email,
      subject: "Votre compte Tandem",
      text: [
        `Bonjour ${input.firstName} ${input.lastName},`,
        "",
        `${ctx.user.firstName} ${ctx.user.lastName} vous a créé un compte Tandem pour ${organisation.name}.`,
        `Vos rôles : ${roleList(roles)}.`,
        `Choisissez votre mot de passe (lien valable ${INVITATION_DAYS} jours) :`,
        `${deps.config.publicUrl}/invitation/${token}`,
      ].join("\n"),
    });
    await audit(tx, ctx, { action: "user.invited", subjectType: "user", subjectId: id, details: { roles } });
    return present((await findUserById(tx, id))!, ctx.user, organisation.kind);
  });
}

/**
 * Changes an account's roles or deactivates it, on the one command path: transaction, lock the
 * account, authorise against what was locked, apply, audit (roles before → after), and tell the
 * person of a change of roles by e-mail in the same transaction.
 */
export async function updateOrganisationUser(
  deps: Deps,
  ctx: Ctx,
  userId: string,
  input: { roles?: Role[]; active?: boolean },
): Promise<OrganisationUser> {
  return deps.db.transaction(async (tx) => {
    const target = await lockUser(tx, userId);
    if (!target) throw errors.notFound("Utilisateur");
    authorize(ctx.user, "organisation.users.manage", { organisationId: target.organisation_id });
    const roles = input.roles ? [...new Set(input.roles)] : undefined;
    if (roles) authorizeRoleGrant(ctx.user, { organisationId: target.organisation_id, organisationKind: target.organisation_kind, targetUserId: target.id, roles });
    if (input.active === false && target.id === ctx.user.id) throw errors.cannotDeactivateSelf();

    const rolesChange = roles && !sameRoles(roles, target.roles) ? roles : null;
    const activeChange = input.active !== undefined && input.active !== target.active ? input.active : null;
    if (rolesChange) {
      await tx.query("UPDATE users SET roles = $2 WHERE id = $1", [userId, rolesChange]);
      await audit(tx, ctx, { action: "user.roles_changed", subjectType: "user", subjectId: userId, details: { before: target.roles, after: rolesChange } });
      const organisation = await findOrganisation(tx, target.organisation_id);
      await deps.mailer.enqueue(tx, {
        to: target.email,
        subject: "Vos rôles dans Tandem ont changé",
        text: [
          `Bonjour ${target.first_name} ${target.last_name},`,
          "",
          `${ctx.user.firstName} ${ctx.user.lastName} a modifié vos rôles dans Tandem pour ${organisation?.name ?? "votre organisation"}.`,
          `Avant : ${roleList(target.roles)}`,
          `Désormais : ${roleList(rolesChange)}`,
          "",
          "Si ce changement vous surprend, signalez-le à l’administrateur de votre organisation ou à votre délégué à la protection des données.",
          deps.config.publicUrl,
        ].join("\n"),
      });
    }
    if (activeChange !== null) {
      await tx.query("UPDATE users SET active = $2 WHERE id = $1", [userId, activeChange]);
      if (!activeChange) await destroyUserSessions(tx, userId);
      await audit(tx, ctx, { action: activeChange ? "user.reactivated" : "user.deactivated", subjectType: "user", subjectId: userId });
    }
    return present((await findUserById(tx, userId))!, ctx.user, target.organisation_kind);
  });
}

/** Sets the first password from the invitation link; the link is spent by the same conditional update. */
export async function acceptInvitation(db: Db, ctx: RequestContext, input: { token: string; password: string }) {
  const tokenHash = sha256(input.token);
  const rows = await db.query<UserRow>("SELECT * FROM users WHERE invitation_token_hash = $1 AND invitation_expires_at > now() AND active", [tokenHash]);
  const user = rows[0];
  if (!user) throw errors.invitationInvalid();
  const verdict = judgePassword(input.password, { email: user.email, firstName: user.first_name, lastName: user.last_name });
  if (verdict === "common") throw identityErrors.passwordTooCommon("password");
  if (verdict === "predictable") throw identityErrors.passwordPredictable("password");
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    // Still the same pending invitation: not accepted in between, not expired, account still active.
    const [pending] = await tx.query(
      "SELECT 1 FROM users WHERE id = $1 AND invitation_token_hash = $2 AND invitation_expires_at > now() AND active FOR UPDATE",
      [user.id, tokenHash],
    );
    if (!pending || !(await replacePassword(tx, user.id, user.password_hash, passwordHash))) throw errors.invitationInvalid();
    await audit(tx, ctx, { action: "user.invitation_accepted", subjectType: "user", subjectId: user.id });
  });
}
