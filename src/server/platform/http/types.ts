import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Config } from "../config.js";
import type { Db } from "../db.js";
import type { Mailer } from "../mail.js";
import type { RequestContext } from "../requestContext.js";

export type Deps = { db: Db; config: Config; mailer: Mailer };

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Each context exports one of these; app.ts registers them all. */
export type RouteModule = (app: TypedApp, deps: Deps) => void;

/** Every API route says who may reach it; a route that says nothing makes the server refuse to start. */
export type RouteAccess = "public" | "authenticated";

declare module "fastify" {
  interface FastifyInstance {
    apiRoutes: import("./authHooks.js").ApiRoute[];
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken?: string;
  }
}
