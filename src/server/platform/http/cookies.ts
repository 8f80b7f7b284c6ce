import type { FastifyReply, FastifyRequest } from "fastify";
import { CSRF_COOKIE } from "../auth/csrf.js";
import { randomToken } from "../auth/passwords.js";
import { SESSION_COOKIE } from "../auth/sessions.js";
import type { Config } from "../config.js";

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

/** Returns the CSRF token of this browser, issuing one if needed (or a fresh one when asked, e.g. at login). */
export function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply, config: Config, rotate = false): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && !rotate) return existing;
  const token = randomToken();
  reply.setCookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: "strict", secure: config.secureCookies, path: "/" });
  return token;
}
