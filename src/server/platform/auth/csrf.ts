import { timingSafeEqual } from "node:crypto";

/**
 * CSRF protection by double submit: a random token in a cookie readable by our own pages
 * (SameSite=Strict), echoed in the `x-csrf-token` header of every state-changing request.
 * Another site can neither read the cookie nor set the header.
 */
export const CSRF_COOKIE = "tandem_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function csrfTokensMatch(cookie: string | undefined, header: string | string[] | undefined): boolean {
  if (!cookie || typeof header !== "string") return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
