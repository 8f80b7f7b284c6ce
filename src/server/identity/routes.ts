import { OkSchema, UuidParamSchema } from "../../shared/contracts/common.js";
import {
  AcceptInvitationRequestSchema,
  ChangePasswordRequestSchema,
  InviteUserRequestSchema,
  LoginRequestSchema,
  OrganisationUserSchema,
  OrganisationUsersResponseSchema,
  SessionResponseSchema,
  UpdateUserRequestSchema,
  type CurrentUser,
} from "../../shared/contracts/identity.js";
import { audit } from "../platform/audit.js";
import { destroySession } from "../platform/auth/sessions.js";
import type { Db } from "../platform/db.js";
import { clearSessionCookie, issueCsrfToken, setSessionCookie } from "../platform/http/cookies.js";
import { requireUser } from "../platform/http/requireUser.js";
import type { RouteModule } from "../platform/http/types.js";
import { effectiveRoles } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { findOrganisation } from "../organisations/organisationRepository.js";
import { changePassword } from "./changePassword.js";
import { login } from "./login.js";
import { acceptInvitation, inviteUser, listOrganisationUsers, updateOrganisationUser } from "./manageOrganisationUsers.js";

async function presentCurrentUser(db: Db, user: SessionUser): Promise<CurrentUser> {
  const organisation = await findOrganisation(db, user.organisationId);
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    roles: effectiveRoles(organisation!.kind, user.roles),
    organisation: { id: organisation!.id, name: organisation!.name, kind: organisation!.kind },
  };
}

export const identityRoutes: RouteModule = (app, deps) => {
  const { db, config } = deps;
  const tags = ["Comptes"];

  app.get("/api/session", {
    config: { access: "public" },
    schema: { tags, summary: "Session courante et jeton CSRF", response: { 200: SessionResponseSchema } },
  }, async (request, reply) => ({
    user: request.ctx.user ? await presentCurrentUser(db, request.ctx.user) : null,
    csrfToken: await issueCsrfToken(request, reply, deps),
  }));

  app.post("/api/auth/login", {
    // Per IP whatever the cookies; per account and per (account, IP) in `login`.
    config: { access: "public", rateLimit: { max: config.loginRatePerIp, timeWindow: "1 minute", keyGenerator: (request) => `login:${request.ip}` } },
    schema: { tags, summary: "Connexion par adresse électronique et mot de passe", body: LoginRequestSchema, response: { 200: SessionResponseSchema } },
  }, async (request, reply) => {
    const { token, user } = await login(db, config, request.ctx, { ...request.body, userAgent: request.headers["user-agent"] });
    setSessionCookie(reply, config, token);
    return { user: await presentCurrentUser(db, user), csrfToken: await issueCsrfToken(request, reply, deps, { sessionToken: token }) };
  });

  app.post("/api/auth/logout", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Déconnexion : la session est supprimée côté serveur", response: { 200: OkSchema } },
  }, async (request, reply) => {
    const token = request.sessionToken!;
    await db.transaction(async (tx) => {
      await destroySession(tx, token);
      await audit(tx, request.ctx, { action: "auth.logout", subjectType: "user", subjectId: request.ctx.user?.id });
    });
    clearSessionCookie(reply);
    await issueCsrfToken(request, reply, deps, { anonymous: true });
    return { ok: true as const };
  });

  app.post("/api/me/password", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Changer mon mot de passe", body: ChangePasswordRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await changePassword(db, requireUser(request), { ...request.body, sessionToken: request.sessionToken });
    return { ok: true as const };
  });

  app.post("/api/invitations/accept", {
    config: { access: "public", rateLimit: { max: 30, timeWindow: "1 minute", keyGenerator: (request) => `invitation:${request.ip}` } },
    schema: { tags, summary: "Choisir son mot de passe à partir d’une invitation", body: AcceptInvitationRequestSchema, response: { 200: OkSchema } },
  }, async (request) => {
    await acceptInvitation(db, request.ctx, request.body);
    return { ok: true as const };
  });

  app.get("/api/organisations/:id/users", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Utilisateurs d’une organisation", params: UuidParamSchema, response: { 200: OrganisationUsersResponseSchema } },
  }, async (request) => listOrganisationUsers(db, requireUser(request), request.params.id));

  app.post("/api/organisations/:id/users", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Inviter un utilisateur dans l’organisation", params: UuidParamSchema, body: InviteUserRequestSchema, response: { 201: OrganisationUserSchema } },
  }, async (request, reply) => {
    const user = await inviteUser(deps, requireUser(request), request.params.id, request.body);
    return reply.status(201).send(user);
  });

  app.patch("/api/users/:id", {
    config: { access: "authenticated" },
    schema: { tags, summary: "Modifier les rôles ou désactiver un utilisateur", params: UuidParamSchema, body: UpdateUserRequestSchema, response: { 200: OrganisationUserSchema } },
  }, async (request) => updateOrganisationUser(deps, requireUser(request), request.params.id, request.body));
};
