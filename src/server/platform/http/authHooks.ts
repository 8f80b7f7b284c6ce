import type { FastifyInstance } from "fastify";
import { lookupSession, SESSION_COOKIE } from "../auth/sessions.js";
import { type CsrfBinding, CSRF_HEADER, csrfSecret, csrfToken, csrfTokensMatch, PRESESSION_COOKIE } from "../auth/csrf.js";
import { errors } from "../errors.js";
import type { Deps, RouteAccess } from "./types.js";

/** Every API route with its declared access: the authorisation test walks them all. */
export type ApiRoute = { method: string; url: string; access: RouteAccess };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Deny by default: every /api route must declare `config.access`; anything but "public"
 * requires a valid session, and every state-changing request must carry the CSRF token of its
 * session (or, before login, of its pre-session): recomputed here, never taken from a cookie.
 */
export function installAuthHooks(app: FastifyInstance, { db, config }: Deps, registry: ApiRoute[]): void {
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    const access = route.config?.access;
    if (access !== "public" && access !== "authenticated") {
      throw new Error(`La route ${route.method} ${route.url} ne déclare pas son accès (config.access).`);
    }
    for (const method of [route.method].flat()) if (method !== "HEAD") registry.push({ method, url: route.url, access });
  });

  app.addHook("onRequest", async (request) => {
    request.ctx = { user: null, requestId: String(request.id), ip: request.ip };
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = await lookupSession(db, config, token);
    if (session.status === "valid") {
      request.ctx.user = session.user;
      request.sessionToken = token;
    }
    const access = request.routeOptions.config?.access;
    if (access === undefined) return; // unknown route: the not-found handler answers
    if (access !== "public" && session.status !== "valid") {
      throw session.status === "expired" ? errors.sessionExpired() : errors.unauthenticated();
    }
    if (!SAFE_METHODS.has(request.method)) {
      const presession = request.cookies[PRESESSION_COOKIE];
      const binding: CsrfBinding | null = session.status === "valid" ? { session: token! } : presession ? { presession } : null;
      if (!binding || !csrfTokensMatch(csrfToken(await csrfSecret(db, config), binding), request.headers[CSRF_HEADER])) throw errors.csrf();
    }
  });
}
