import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Config } from "../config.js";
import type { Db } from "../db.js";
import { sha256 } from "./passwords.js";

/**
 * CSRF protection by a token bound to the session: HMAC(secret, session id), echoed by our pages
 * in the `x-csrf-token` header of every state-changing request. The server recomputes it from the
 * session cookie (HttpOnly) and never trusts a cookie value for it, so a cookie planted by another
 * site or a sibling domain gives nothing: without the secret nobody can compute the token of a
 * session. Before login, the same binding holds with a random pre-session id in its own HttpOnly
 * cookie. The token is also put in the readable `tandem_csrf` cookie, only for our pages to read.
 */
export const CSRF_COOKIE = "tandem_csrf";
export const CSRF_HEADER = "x-csrf-token";
export const PRESESSION_COOKIE = "tandem_presession";

export type CsrfBinding = { session: string } | { presession: string };

const SECRET_KEY = "csrf_secret";
const secrets = new WeakMap<Db, Promise<Buffer>>();

/**
 * The key of the tokens: CSRF_SECRET when configured, otherwise generated at the first start and
 * kept in `app_state`, so that every instance on the same database shares it. Read once per database.
 */
export function csrfSecret(db: Db, config: Config): Promise<Buffer> {
  if (config.csrfSecret) return Promise.resolve(Buffer.from(config.csrfSecret));
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      // Two instances starting together: the first insert wins, both read the winner.
      await db.query("INSERT INTO app_state (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING", [
        SECRET_KEY,
        randomBytes(32).toString("base64url"),
      ]);
      const [row] = await db.query<{ value: string }>("SELECT value #>> '{}' AS value FROM app_state WHERE key = $1", [SECRET_KEY]);
      return Buffer.from(row.value);
    })();
    secrets.set(db, secret);
    secret.catch(() => secrets.delete(db));
  }
  return secret;
}

export function csrfToken(secret: Buffer, binding: CsrfBinding): string {
  const subject = "session" in binding ? `session:${sha256(binding.session)}` : `presession:${binding.presession}`;
  return createHmac("sha256", secret).update(subject).digest("base64url");
}

export function csrfTokensMatch(expected: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newPresessionId = () => randomBytes(32).toString("base64url");
