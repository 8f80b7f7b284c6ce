import type { OrganisationUser } from "../../shared/contracts/identity.js";
import type { Role } from "../../shared/roles.js";
import { audit } from "../platform/audit.js";
import { hashPassword, randomToken, sha256 } from "../platform/auth/passwords.js";
import { destroyUserSessions } from "../platform/auth/sessions.js";
import type { Config } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import type { Mailer } from "../platform/mail.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { findOrganisation } from "../organisations/organisationRepository.js";
import { findUserByEmail, findUserById, insertUser, listUsersOfOrganisation, setPassword, type UserRow } from "./userRepository.js";

type Ctx = RequestContext & { user: SessionUser };
const INVITATION_DAYS = 7;

const present = (u: UserRow): OrganisationUser => ({
  id: u.id,
  email: u.email,
  firstName: u.first_name,
  lastName: u.last_name,
  roles: u.roles,
  active: u.active,
  invitationPending: u.invitation_token_hash !== null,
  createdAt: u.created_at.toISOString(),
});

export async function listOrganisationUsers(db: Db, ctx: Ctx, organisationId: string) {
  authorize(ctx.user, "organisation.users.read", { organisationId });
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) throw errors.notFound("Organisation");
  return db.transaction(async (tx) => {
    const users = await listUsersOfOrganisation(tx, organisationId);
    await audit(tx, ctx, { action: "organisation.users.read", subjectType: "organisation", subjectId: organisationId });
    return { organisation: { id: organisation.id, name: organisation.name }, users: users.map(present) };
  });
}

/** An org_admin invites a colleague: the account exists at once, the password is chosen through the e-mailed link. */
export async function inviteUser(
  deps: { db: Db; mailer: Mailer; config: Config },
  ctx: Ctx,
  organisationId: string,
  input: { email: string; firstName: string; lastName: string; roles: Role[] },
): Promise<OrganisationUser> {
  authorize(ctx.user, "organisation.users.manage", { organisationId });
  assertGrantable(ctx.user, input.roles);
  const organisation = await findOrganisation(deps.db, organisationId);
  if (!organisation) throw errors.notFound("Organisation");
  if (await findUserByEmail(deps.db, input.email)) throw errors.emailTaken();
  const token = randomToken();
  return deps.db.transaction(async (tx) => {
    const id = await insertUser(tx, { organisationId, ...input });
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
        `Choisissez votre mot de passe (lien valable ${INVITATION_DAYS} jours) :`,
        `${deps.config.publicUrl}/invitation/${token}`,
      ].join("\n"),
    });
    await audit(tx, ctx, { action: "user.invited", subjectType: "user", subjectId: id, details: { roles: input.roles } });
    const created = await findUserById(tx, id);
    return present(created!);
  });
}

export async function updateOrganisationUser(
  db: Db,
  ctx: Ctx,
  userId: string,
  input: { roles?: Role[]; active?: boolean },
): Promise<OrganisationUser> {
  const target = await findUserById(db, userId);
  // Someone else's account in another organisation is "not found" to an org_admin, as if it did not exist.
  if (!target) throw errors.notFound("Utilisateur");
  authorize(ctx.user, "organisation.users.manage", { organisationId: target.organisation_id });
  if (input.roles) assertGrantable(ctx.user, input.roles);
  if (input.active === false && target.id === ctx.user.id) throw errors.cannotDeactivateSelf();
  return db.transaction(async (tx) => {
    await tx.query("UPDATE users SET roles = COALESCE($2, roles), active = COALESCE($3, active) WHERE id = $1", [
      userId,
      input.roles ?? null,
      input.active ?? null,
    ]);
    if (input.active === false) await destroyUserSessions(tx, userId);
    await audit(tx, ctx, { action: "user.updated", subjectType: "user", subjectId: userId, details: input });
    return present((await findUserById(tx, userId))!);
  });
}

/** Only a platform admin may hand out the platform_admin role. */
function assertGrantable(actor: SessionUser, roles: Role[]) {
  if (roles.includes("platform_admin") && !actor.roles.includes("platform_admin")) throw errors.forbidden();
}

export async function acceptInvitation(db: Db, ctx: RequestContext, input: { token: string; password: string }) {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM users WHERE invitation_token_hash = $1 AND invitation_expires_at > now() AND active",
    [sha256(input.token)],
  );
  const user = rows[0];
  if (!user) throw errors.invitationInvalid();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, passwordHash);
    await audit(tx, ctx, { action: "user.invitation_accepted", subjectType: "user", subjectId: user.id });
  });
}
