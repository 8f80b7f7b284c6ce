import os from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.js";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from "../demo/demoOrganisations.js";
import { loadDemo } from "../demo/loadDemo.js";
import { loadConfig } from "../platform/config.js";
import type { Db } from "../platform/db.js";
import type { Deps } from "../platform/http/types.js";
import { createMailer } from "../platform/mail.js";
import { createTestDatabase } from "./testDatabase.js";

export type TestApp = {
  app: FastifyInstance;
  db: Db;
  /** What the application was built with (to run its background jobs in a test: runQueuedJobs(t.deps, …)). */
  deps: Deps;
  /** A client with its own cookie jar (session + CSRF), like one browser. */
  client(): TestClient;
  /** Logs in a demo account by the local part of its e-mail, e.g. "conseiller.creuse". */
  loginAs(demoLocalPart: string): Promise<TestClient>;
  close(): Promise<void>;
};

export type TestClient = {
  request(opts: InjectOptions & { method: NonNullable<InjectOptions["method"]>; url: string }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  user?: { id: string; organisation: { id: string } };
};

/**
 * The real application on a fresh real database, with the demo dataset loaded (unless
 * `demo: false`). Requests go through fastify.inject: same hooks, policies and schemas.
 */
export async function createTestApp(opts: { demo?: boolean; wrapDb?: (db: Db) => Db } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  if (opts.demo !== false) await loadDemo(db);
  // wrapDb: what the application is given instead of the database (e.g. a statement counter); the demo is loaded without it.
  const appDb = opts.wrapDb ? opts.wrapDb(db) : db;
  // Uploaded files wait outside the working copy (./data is `npm start`'s).
  const config = { ...loadConfig({ NODE_ENV: "test" }), loginMaxFailures: 5, uploadDir: path.join(os.tmpdir(), "tandem-test-uploads") };
  const mailer = createMailer(appDb, { from: config.mailFrom });
  const app = await buildApp({ db: appDb, config, mailer }, { logger: false });
  await app.ready();

  const client = (): TestClient => {
    const cookies = new Map<string, string>();
    const request: TestClient["request"] = async (req) => {
      const csrf = cookies.get("tandem_csrf");
      const response = await app.inject({
        ...req,
        headers: {
          ...(csrf ? { "x-csrf-token": csrf } : {}),
          ...(req.headers ?? {}),
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        },
      });
      for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
        const expired = c.value === "" || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
        if (expired) cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
      return response;
    };
    return {
      request,
      get: (url) => request({ method: "GET", url }),
      post: (url, body) => request({ method: "POST", url, ...(body === undefined ? {} : { payload: body as object }) }),
      patch: (url, body) => request({ method: "PATCH", url, payload: body as object }),
      put: (url, body) => request({ method: "PUT", url, payload: body as object }),
      delete: (url) => request({ method: "DELETE", url }),
    };
  };

  return {
    app,
    db,
    deps: { db: appDb, config, mailer },
    client,
    async loginAs(local) {
      const c = client();
      await c.get("/api/session");
      const res = await c.post("/api/auth/login", { email: `${local}@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD });
      if (res.statusCode !== 200) throw new Error(`Connexion de ${local} impossible : ${res.body}`);
      c.user = res.json().user;
      return c;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
