import type { FastifyRequest } from "fastify";
import { errors } from "../errors.js";
import type { RequestContext, SessionUser } from "../requestContext.js";

/** The context of an authenticated route, typed so that use cases can rely on a user. */
export function requireUser(request: FastifyRequest): RequestContext & { user: SessionUser } {
  const { ctx } = request;
  if (!ctx.user) throw errors.unauthenticated();
  return ctx as RequestContext & { user: SessionUser };
}
