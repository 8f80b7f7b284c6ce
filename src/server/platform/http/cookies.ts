import type { FastifyReply, FastifyRequest } from "fastify";
import { CSRF_COOKIE, type CsrfBinding, csrfSecret, csrfToken, newPresessionId, PRESESSION_COOKIE } from "../auth/csrf.js";
import { SESSION_COOKIE } from "../auth/sessions.js";
import type { Config } from "../config.js";
import type { Db } from "../db.js";

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    path: "/",
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: "/" });

/**
 * The CSRF token of this browser as it stands after this request: bound to the session given (a
 * session just opened at login), else to the request's valid session, else to its pre-session id,
 * issued here if it has none. Also written to the readable cookie our pages copy into the header.
 */
export async function issueCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { db: Db; config: Config },
  opts: { sessionToken?: string; anonymous?: boolean } = {},
): Promise<string> {
  const sessionToken = opts.anonymous ? undefined : (opts.sessionToken ?? (request.ctx.user ? request.sessionToken : undefined));
  let binding: CsrfBinding;
  if (sessionToken) {
    binding = { session: sessionToken };
  } else {
    let presession = request.cookies[PRESESSION_COOKIE];
    if (!presession || opts.anonymous) {
      presession = newPresessionId();
      reply.setCookie(PRESESSION_COOKIE, presession, { httpOnly: true, sameSite: "strict", secure: deps.config.secureCookies, path: "/" });
    }
    binding = { presession };
  }
  const token = csrfToken(await csrfSecret(deps.db, deps.config), binding);
  if (request.cookies[CSRF_COOKIE] !== token) {
    reply.setCookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: "strict", secure: deps.config.secureCookies, path: "/" });
  }
  return token;
}
